-- The live view of the plants and its alerts (service.plant.live): what an organization configured about its
-- devices and open batches, the alert rules its operators set, the alerts raised, and the webhooks alerts go to.
-- The live figures themselves are not stored: they are rebuilt from plant_reading at start.

-- One row per device the organization accounts live: its line, the factor its readings are multiplied by (a factor
-- id on the ledger), the plausible range of one reading and how often it reports. Decimals are canonical text.
CREATE TABLE plant_device_profile (
  device_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
  line_name         VARCHAR(64)  NOT NULL,
  factor_id         VARCHAR(64)  NOT NULL,
  plausible_min     VARCHAR(80)  NOT NULL,
  plausible_max     VARCHAR(80)  NOT NULL,
  plausible_unit    VARCHAR(16)  NOT NULL,
  interval_seconds  INT          NOT NULL,
  -- The open batch the device's readings count towards, if any.
  batch_gtin        CHAR(14)     NULL,
  batch_lot         VARCHAR(20)  NULL,
  updated_by        VARCHAR(255) NOT NULL,
  updated_at        DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An open batch's target: kgCO2e per declared unit, how much is planned, when it starts and is planned to end.
CREATE TABLE plant_batch_target (
  gtin              CHAR(14)     NOT NULL,
  lot               VARCHAR(20)  NOT NULL,
  target_per_unit   VARCHAR(80)  NOT NULL,
  planned_amount    VARCHAR(80)  NOT NULL,
  planned_unit      VARCHAR(16)  NOT NULL,
  started_at        DATETIME(6)  NOT NULL,
  planned_end       DATETIME(6)  NOT NULL,
  updated_by        VARCHAR(255) NOT NULL,
  updated_at        DATETIME(6)  NOT NULL,
  PRIMARY KEY (gtin, lot)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The rules operators set. subject_kind/subject_id narrow a rule to one device, line or batch; NULL id: all of them.
CREATE TABLE plant_alert_rule (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind              VARCHAR(32)  NOT NULL,
  subject_kind      VARCHAR(16)  NOT NULL,
  subject_id        VARCHAR(64)  NULL,
  threshold         VARCHAR(80)  NULL,
  for_minutes       INT          NULL,
  silent_intervals  INT          NULL,
  severity          VARCHAR(16)  NOT NULL,
  created_by        VARCHAR(255) NOT NULL,
  created_at        DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Alerts raised, kept: state OPEN, ACKNOWLEDGED or CLEARED (the condition went away). At most one alert per rule
-- and subject is not cleared at a time.
CREATE TABLE plant_alert (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  rule_id           BIGINT        NOT NULL,
  kind              VARCHAR(32)   NOT NULL,
  severity          VARCHAR(16)   NOT NULL,
  subject           VARCHAR(120)  NOT NULL,
  message           VARCHAR(1000) NOT NULL,
  observed          VARCHAR(80)   NULL,
  state             VARCHAR(16)   NOT NULL,
  raised_at         DATETIME(6)   NOT NULL,
  acknowledged_at   DATETIME(6)   NULL,
  acknowledged_by   VARCHAR(255)  NULL,
  cleared_at        DATETIME(6)   NULL,
  KEY ix_plant_alert_state (state),
  KEY ix_plant_alert_rule_subject (rule_id, subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Where alerts are posted. The signing secret is sealed (AES-GCM under a key derived from the service's token
-- signing key), never stored or logged in clear.
CREATE TABLE plant_webhook (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  url               VARCHAR(2000) NOT NULL,
  secret_sealed     VARCHAR(512)  NOT NULL,
  created_by        VARCHAR(255)  NOT NULL,
  created_at        DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The outbox: one row per alert event and webhook, written in the alert's transaction, so a restart resumes the
-- deliveries. delivered_at or gave_up_at ends a row.
CREATE TABLE plant_webhook_delivery (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  webhook_id        BIGINT        NOT NULL,
  alert_id          BIGINT        NOT NULL,
  body              VARCHAR(8000) NOT NULL,
  attempts          INT           NOT NULL,
  next_attempt_at   DATETIME(6)   NOT NULL,
  delivered_at      DATETIME(6)   NULL,
  gave_up_at        DATETIME(6)   NULL,
  last_error        VARCHAR(500)  NULL,
  KEY ix_plant_webhook_delivery_due (delivered_at, gave_up_at, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
