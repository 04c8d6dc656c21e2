-- PACT v3 events (service.pact): what partners sent to POST /3/events, and what this service sends them.

-- Events received, once per (source, id) as CloudEvents identifies them; a repeat is acknowledged and ignored.
CREATE TABLE pact_inbound_event (
  source      VARCHAR(255) NOT NULL,
  event_id    VARCHAR(255) NOT NULL,
  event_type  VARCHAR(100) NOT NULL,
  client_id   VARCHAR(64)  NOT NULL,
  received_at DATETIME(6)  NOT NULL,
  body_json   LONGTEXT     NOT NULL,
  PRIMARY KEY (source, event_id),
  KEY ix_pact_inbound_event_type (event_type, received_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Events to deliver to a configured partner, retried with exponential backoff for up to 72 hours.
CREATE TABLE pact_outbound_event (
  event_id        CHAR(36)      NOT NULL PRIMARY KEY,
  partner         VARCHAR(100)  NOT NULL,
  event_type      VARCHAR(100)  NOT NULL,
  body_json       LONGTEXT      NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  attempts        INT           NOT NULL,
  created_at      DATETIME(6)   NOT NULL,
  next_attempt_at DATETIME(6)   NOT NULL,
  delivered_at    DATETIME(6)   NULL,
  last_error      VARCHAR(1000) NULL,
  KEY ix_pact_outbound_event_due (status, next_attempt_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which seals have been announced to which partner (PublishedEvent), so each is announced once.
CREATE TABLE pact_announced_seal (
  seal_hash CHAR(64)     NOT NULL,
  partner   VARCHAR(100) NOT NULL,
  event_id  CHAR(36)     NOT NULL,
  PRIMARY KEY (seal_hash, partner)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
