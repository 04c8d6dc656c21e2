package org.carbonledger.service.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.ssl.ServerSslConfiguration;
import jakarta.inject.Singleton;
import org.carbonledger.service.config.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the HTTPS key material before the server reads it: the keystore named by {@code carbonledger.tls.key-store}
 * (production), else one configured the Micronaut way ({@code micronaut.server.ssl.key-store.*}), else a self-signed
 * certificate generated once in {@code <data-dir>/tls} and reused.
 */
@Singleton
final class TlsKeyStoreConfigurer implements BeanCreatedEventListener<ServerSslConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(TlsKeyStoreConfigurer.class);

    private final TlsProperties properties;
    private final DataDirectory dataDirectory;
    private final Clock clock;

    TlsKeyStoreConfigurer(TlsProperties properties, DataDirectory dataDirectory) {
        this.properties = properties;
        this.dataDirectory = dataDirectory;
        this.clock = Clock.systemUTC();
    }

    @Override
    public ServerSslConfiguration onCreated(BeanCreatedEvent<ServerSslConfiguration> event) {
        ServerSslConfiguration ssl = event.getBean();
        if (!ssl.isEnabled()) {
            return ssl;
        }
        if (properties.keyStore() != null && !properties.keyStore().isBlank()) {
            Path keyStore = Path.of(properties.keyStore()).toAbsolutePath();
            if (!Files.isReadable(keyStore)) {
                throw new IllegalStateException("carbonledger.tls.key-store " + keyStore + " is not a readable file");
            }
            if (properties.keyStorePassword() == null) {
                throw new IllegalStateException(
                        "carbonledger.tls.key-store is set but carbonledger.tls.key-store-password is not");
            }
            apply(ssl, keyStore, properties.keyStorePassword(), properties.keyStoreType());
            LOG.info("HTTPS uses the configured keystore {}", keyStore);
            return ssl;
        }
        if (ssl.getKeyStore().getPath().isPresent() || ssl.getKeyStore().getKeyPath() != null) {
            LOG.info("HTTPS uses the key material configured under micronaut.server.ssl");
            return ssl;
        }
        SelfSignedCertificate generated = SelfSignedCertificate.loadOrCreate(dataDirectory.folder("tls"),
                properties.selfSignedNames(), properties.selfSignedValidity(), clock.instant());
        apply(ssl, generated.keyStoreFile(), generated.password(), "PKCS12");
        LOG.info("HTTPS uses a self-signed certificate for {} valid until {} (certificate: {})",
                properties.selfSignedNames(), generated.certificate().getNotAfter().toInstant(),
                generated.keyStoreFile().resolveSibling(SelfSignedCertificate.CERTIFICATE_FILE));
        return ssl;
    }

    private static void apply(ServerSslConfiguration ssl, Path keyStore, String password, String type) {
        ssl.getKeyStore().setPath("file:" + keyStore);
        ssl.getKeyStore().setPassword(password);
        ssl.getKeyStore().setType(type);
    }
}
