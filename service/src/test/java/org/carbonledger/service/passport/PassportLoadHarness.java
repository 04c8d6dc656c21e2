package org.carbonledger.service.passport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the service as the passport load test measures it without a Fabric network (the real HTTP stack, TLS
 * and embedded MariaDB holding the worked example), kept running for {@code passport.serve.seconds} seconds so that
 * {@code bench/scripts/passport-load.sh} can be pointed at it. Its URL is written to
 * {@code target/passport-harness.url}. Skipped unless asked for, e.g.
 * {@code ./mvnw -o -pl service -am test -Dtest=PassportLoadHarness -Dpassport.serve.seconds=600
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.passport.base-url", value = "https://passport.example.com")
@EnabledIfSystemProperty(named = "passport.serve.seconds", matches = "\\d+")
class PassportLoadHarness {
    @Inject
    EmbeddedServer server;

    @Inject
    ChangeApplier applier;

    @Test
    void serve() throws Exception {
        WorkedExampleReadModel.apply(applier);
        Path url = Path.of("target", "passport-harness.url");
        Files.writeString(url, server.getURL().toString());
        Thread.sleep(Duration.ofSeconds(Long.getLong("passport.serve.seconds")).toMillis());
        Files.deleteIfExists(url);
    }
}
