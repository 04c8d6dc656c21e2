-- PACT per-partner access (service.pact.PactGrants): a partner's client (role pact) sees, through /3/ and in
-- events, the footprints of the products granted to it here, and no others. Granted and revoked by an admin client.
CREATE TABLE pact_grant (
  client_id  VARCHAR(64)  NOT NULL,
  -- GTIN-14 of one of this organization's products.
  gtin       CHAR(14)     NOT NULL,
  granted_by VARCHAR(64)  NOT NULL,
  granted_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (client_id, gtin),
  -- A client removed from the table takes its grants with it; clients are never removed by the service itself.
  CONSTRAINT fk_pact_grant_client FOREIGN KEY (client_id) REFERENCES oauth_client (client_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
