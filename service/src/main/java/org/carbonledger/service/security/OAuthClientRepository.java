package org.carbonledger.service.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The {@code oauth_client} table. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface OAuthClientRepository extends CrudRepository<OAuthClient, String> {
}
