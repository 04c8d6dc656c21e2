-- OAuth2 clients of this service (client-credentials grant). Seeded from configuration at startup; see
-- org.carbonledger.service.security.ClientSeeder. Runs unchanged on MySQL 8 and MariaDB 10.11.
CREATE TABLE oauth_client (
    client_id   VARCHAR(64)  NOT NULL,
    -- BCrypt ($2y$, cost and salt inside); the secret itself is never stored.
    secret_hash VARCHAR(100) NOT NULL,
    -- Granted roles, comma-separated (admin, operator, read-only); tokens carry them expanded.
    roles       VARCHAR(100) NOT NULL,
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    -- TIMESTAMP(6) keeps microseconds; explicit defaults so no implicit ON UPDATE CURRENT_TIMESTAMP is added.
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
