-- Meter readings streamed by the organization's plants over MQTT (service.plant). V24 was the next free version when
-- this was written; renumber on merge if another migration took it.

-- Every verified reading, once: (device, sequence) is unique, so a message the broker delivers again after a
-- restart is recognized and not counted twice. The reading is kept exactly as signed, so it can be checked again.
CREATE TABLE plant_reading (
  device_id      VARCHAR(64)   NOT NULL,
  sequence_no    BIGINT        NOT NULL,
  reading_time   DATETIME(6)   NOT NULL,
  amount         VARCHAR(80)   NOT NULL,
  unit           VARCHAR(16)   NOT NULL,
  interval_id    VARCHAR(64)   NULL,
  content_sha256 CHAR(64)      NOT NULL,
  reading_json   VARCHAR(4096) NOT NULL,
  received_at    DATETIME(6)   NOT NULL,
  PRIMARY KEY (device_id, sequence_no),
  KEY ix_plant_reading_time (reading_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The most recent refused messages, for display (the counts per reason are metrics). Only the newest few thousand
-- are kept: a misbehaving gateway must not fill the database.
CREATE TABLE plant_reading_refusal (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  received_at    DATETIME(6)   NOT NULL,
  reason         VARCHAR(32)   NOT NULL,
  topic          VARCHAR(255)  NOT NULL,
  device_id      VARCHAR(64)   NULL,
  sequence_no    BIGINT        NULL,
  detail         VARCHAR(1000) NOT NULL,
  payload_sha256 CHAR(64)      NOT NULL,
  KEY ix_plant_reading_refusal_reason (reason)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
