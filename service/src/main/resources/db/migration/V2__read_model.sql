-- The read model: a cache of the ledger, fed only by chaincode events (see docs/architecture.md, "Read model").
-- It can be dropped and rebuilt from block 0. Decimals are kept as the ledger's canonical text (they can have more
-- than 34 significant digits); instants as UTC DATETIME(6) (microseconds kept; no 2038 limit).

-- Where the feed stands: the last transaction applied. Updated in the same database transaction as its changes.
CREATE TABLE sync_checkpoint (
  id                   TINYINT      NOT NULL PRIMARY KEY,
  block_number         BIGINT       NOT NULL,
  transaction_id       VARCHAR(80)  NULL,
  applied_transactions BIGINT       NOT NULL,
  updated_at           DATETIME(6) NOT NULL
) DEFAULT CHARSET = utf8mb4;

-- Every ledger transaction applied, in ledger order.
CREATE TABLE ledger_transaction (
  transaction_id VARCHAR(80)  NOT NULL PRIMARY KEY,
  block_number   BIGINT       NOT NULL,
  position       BIGINT       NOT NULL,
  tx_timestamp   DATETIME(6) NOT NULL,
  msp_id         VARCHAR(128) NOT NULL,
  function_name  VARCHAR(128) NOT NULL,
  change_count   INT          NOT NULL,
  UNIQUE KEY uk_ledger_transaction_position (position),
  KEY ix_ledger_transaction_block (block_number)
) DEFAULT CHARSET = utf8mb4;

-- The world state as the events describe it: one row per ledger key, its canonical JSON, who wrote it last.
CREATE TABLE ledger_state (
  state_key      VARCHAR(600) NOT NULL PRIMARY KEY,
  state_type     VARCHAR(40)  NOT NULL,
  value_json     LONGTEXT     NOT NULL,
  transaction_id VARCHAR(80)  NOT NULL,
  block_number   BIGINT       NOT NULL,
  KEY ix_ledger_state_type (state_type)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Projections for queries. Each row's full content is the ledger_state row with the same key.
CREATE TABLE batch_view (
  state_key       VARCHAR(600) NOT NULL PRIMARY KEY,
  gtin            CHAR(14)     NOT NULL,
  lot             VARCHAR(20)  NOT NULL,
  owner_msp       VARCHAR(128) NOT NULL,
  product_name    VARCHAR(200) NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  seal_hash       CHAR(64)     NULL,
  footprint_total VARCHAR(100) NULL,
  per_unit_total  VARCHAR(100) NULL,
  declared_unit   VARCHAR(8)   NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  sealed_at       DATETIME(6) NULL,
  UNIQUE KEY uk_batch_view_id (gtin, lot),
  KEY ix_batch_view_owner (owner_msp, gtin, lot),
  KEY ix_batch_view_status (status)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE record_view (
  record_id      CHAR(36)     NOT NULL PRIMARY KEY,
  state_key      VARCHAR(600) NOT NULL,
  gtin           CHAR(14)     NOT NULL,
  lot            VARCHAR(20)  NOT NULL,
  owner_msp      VARCHAR(128) NOT NULL,
  device_id      VARCHAR(64)  NOT NULL,
  stage          VARCHAR(20)  NOT NULL,
  scope          TINYINT      NOT NULL,
  co2e_total     VARCHAR(100) NOT NULL,
  transaction_id VARCHAR(80)  NOT NULL,
  block_number   BIGINT       NOT NULL,
  KEY ix_record_view_batch (gtin, lot, record_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE transfer_view (
  transfer_id  CHAR(36)     NOT NULL PRIMARY KEY,
  state_key    VARCHAR(600) NOT NULL,
  from_gtin    CHAR(14)     NOT NULL,
  from_lot     VARCHAR(20)  NOT NULL,
  to_gtin      CHAR(14)     NULL,
  to_lot       VARCHAR(20)  NULL,
  sender_msp   VARCHAR(128) NOT NULL,
  receiver_msp VARCHAR(128) NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  shipped_at   DATETIME(6) NOT NULL,
  KEY ix_transfer_view_from (from_gtin, from_lot, transfer_id),
  KEY ix_transfer_view_to (to_gtin, to_lot),
  KEY ix_transfer_view_receiver (receiver_msp, status, transfer_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE attestation_view (
  attestation_id CHAR(36)     NOT NULL PRIMARY KEY,
  state_key      VARCHAR(600) NOT NULL,
  gtin           CHAR(14)     NOT NULL,
  lot            VARCHAR(20)  NOT NULL,
  certifier_msp  VARCHAR(128) NOT NULL,
  verdict        VARCHAR(16)  NOT NULL,
  seal_hash      CHAR(64)     NOT NULL,
  valid_from     DATETIME(6) NOT NULL,
  valid_until    DATETIME(6) NOT NULL,
  KEY ix_attestation_view_batch (gtin, lot)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
