-- The private tier: raw records are private data, delivered only to the peers of the organizations that hold them
-- (the owner and the certifiers it designated). A read model built before held every member's records, which this
-- member may no longer see: it is emptied here, with its checkpoint, so the sync rebuilds it from block 0 with
-- only what this member's peer delivers. The read model is a cache of the ledger; nothing is lost.
DELETE FROM attestation_view;
DELETE FROM transfer_view;
DELETE FROM record_view;
DELETE FROM batch_view;
DELETE FROM ledger_state;
DELETE FROM ledger_transaction;
DELETE FROM sync_checkpoint;

-- A producer's designations of the certifiers that may see its raw data (public: DESIGNATION/producer/certifier).
-- Revoking deletes the row.
CREATE TABLE designation_view (
  state_key      VARCHAR(600) NOT NULL PRIMARY KEY,
  producer_msp   VARCHAR(128) NOT NULL,
  certifier_msp  VARCHAR(128) NOT NULL,
  designated_at  DATETIME(6)  NOT NULL,
  transaction_id VARCHAR(80)  NOT NULL,
  UNIQUE KEY uk_designation_view (producer_msp, certifier_msp),
  KEY ix_designation_view_certifier (certifier_msp, producer_msp)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The public trace of each transaction that added records to a batch (RECORD_TX/gtin/lot/txId): every member sees
-- that the batch has records and which organizations hold them, also when it holds none of them itself.
CREATE TABLE record_transaction_view (
  state_key      VARCHAR(600)  NOT NULL PRIMARY KEY,
  gtin           CHAR(14)      NOT NULL,
  lot            VARCHAR(20)   NOT NULL,
  transaction_id VARCHAR(80)   NOT NULL,
  -- The holders' MSP ids, sorted, comma-separated (an MSP id holds no comma; the list is also in ledger_state).
  holders        VARCHAR(1000) NOT NULL,
  block_number   BIGINT        NOT NULL,
  KEY ix_record_transaction_view_batch (gtin, lot, state_key)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
