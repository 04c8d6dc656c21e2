-- PACT answers to a partner's request (service.pact.PactCallbacks): the credentials this service presents at the
-- partner's token endpoint, per partner client, set by an admin; and where each queued answer goes.

-- One row per partner client of this service. The secret is sealed (AES-GCM, key derived from the service's token
-- signing key, which lives in the data directory, not in the database), so a copy of the database alone does not
-- reveal it; it is never answered by the API.
CREATE TABLE pact_callback_credential (
  client_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
  callback_client_id VARCHAR(255)  NOT NULL,
  secret_sealed      VARCHAR(2100) NOT NULL,
  set_by             VARCHAR(64)   NOT NULL,
  set_at             DATETIME(6)   NOT NULL,
  CONSTRAINT fk_pact_callback_client FOREIGN KEY (client_id) REFERENCES oauth_client (client_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An answer to a request from a partner without a configured events endpoint goes to the request's source: the URL
-- of its /3/events, and the client whose callback credentials are used. Both NULL for configured partners.
ALTER TABLE pact_outbound_event
  ADD COLUMN inbound_client_id VARCHAR(64)   NULL,
  ADD COLUMN events_url        VARCHAR(2048) NULL;
