package org.carbonledger.service.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the {@code default} data source at the embedded MariaDB when no URL is configured. It runs while the data
 * source configuration is being initialized, so the server is up before Hikari (and Flyway after it) ever connect,
 * and nothing is started when an external MySQL is configured.
 */
@Singleton
final class EmbeddedDataSourceConfigurer implements BeanInitializedEventListener<DatasourceConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDataSourceConfigurer.class);

    static final String MYSQL_SCHEME = "jdbc:mysql:";
    static final String MYSQL_DRIVER = "com.mysql.cj.jdbc.Driver";

    private final BeanProvider<EmbeddedMariaDb> embedded;

    EmbeddedDataSourceConfigurer(BeanProvider<EmbeddedMariaDb> embedded) {
        this.embedded = embedded;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (!"default".equals(configuration.getName())) {
            return configuration;
        }
        String url = configuration.getJdbcUrl();
        if (url != null && !url.isBlank()) {
            // Production's MySQL is reached with MySQL's own driver. MariaDB Connector/J is on the class path too (for
            // the embedded server) and must not be the one DriverManager happens to pick for a jdbc:mysql: URL.
            if (url.startsWith(MYSQL_SCHEME) && blank(configuration.getConfiguredDriverClassName())) {
                configuration.setDriverClassName(MYSQL_DRIVER);
            }
            LOG.info("Database: external, {} as {}", redacted(url), configuration.getUsername());
            return configuration;
        }
        EmbeddedMariaDb.Connection connection = embedded.get().start();
        configuration.setJdbcUrl(connection.url());
        configuration.setUsername(connection.username());
        configuration.setPassword(connection.password());
        configuration.setDriverClassName("org.mariadb.jdbc.Driver");
        return configuration;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** JDBC URLs may carry credentials as parameters; log only scheme, host and schema. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }
}
