-- Interval records: the signed emission records plant devices (or their gateways) publish at the end of each
-- interval, kept until they are on the ledger (service.plant.interval, docs/plant-integration.md "Interval records").

-- The outbox. A record is written here, and committed, before its MQTT message is acknowledged; the worker submits
-- READY rows and marks them. One row per record id, so a message the broker delivers again is not queued twice.
--   WAITING    readings of its interval may still be arriving; checked again until they match or the grace ends
--   READY      checked against the stored readings; to be submitted (next_attempt_at: not before then)
--   SUBMITTED  on the ledger (written by this service, or found there as a replay)
--   REFUSED    refused by the ledger: ledger_code and ledger_message say why
CREATE TABLE plant_interval_record (
  record_id        CHAR(36)      NOT NULL PRIMARY KEY,
  device_id        VARCHAR(64)   NOT NULL,
  period_start     DATETIME(6)   NOT NULL,
  period_end       DATETIME(6)   NOT NULL,
  topic            VARCHAR(255)  NOT NULL,
  content_sha256   CHAR(64)      NOT NULL,
  record_json      TEXT          NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  received_at      DATETIME(6)   NOT NULL,
  updated_at       DATETIME(6)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(6)   NOT NULL,
  transaction_id   VARCHAR(64)   NULL,
  replayed         BOOLEAN       NULL,
  co2e_json        VARCHAR(1000) NULL,
  ledger_code      VARCHAR(64)   NULL,
  ledger_message   VARCHAR(1000) NULL,
  KEY ix_plant_interval_record_status (status, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
