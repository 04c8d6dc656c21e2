package org.carbonledger.service.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import io.micronaut.context.annotation.Context;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.untp.DidWeb;
import org.carbonledger.core.untp.Issuance;
import org.carbonledger.service.config.DataDirectory;
import org.carbonledger.service.config.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organization's credential key (EC P-256) and the did:web identity it is published under. Generated once into
 * the data directory and reused, so credentials issued before a restart keep verifying; a configured file
 * ({@code carbonledger.credentials.key}) lets several instances of one organization share it. Only paths are logged.
 */
@Context // a missing or unreadable key fails startup, not the first credential request
public final class CredentialKey {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialKey.class);
    static final String GENERATED_FILE = "credential-key.pem";

    private final DevicePrivateKey privateKey;
    private final DidWeb web;
    private final Issuance issuance;

    CredentialKey(CredentialProperties properties, DataDirectory dataDirectory) {
        if (properties.key() != null && !properties.key().isBlank()) {
            Path file = Path.of(properties.key()).toAbsolutePath();
            this.privateKey = read(file);
            LOG.info("Credentials are signed with the configured key {}", file);
        } else {
            Path file = dataDirectory.folder("credentials").resolve(GENERATED_FILE);
            if (Files.isRegularFile(file)) {
                this.privateKey = read(file);
            } else {
                this.privateKey = DeviceKeyPair.generate(new SecureRandom()).privateKey();
                PrivateFiles.writeOwnerOnly(file, privateKey.toPem().getBytes(StandardCharsets.US_ASCII));
                LOG.info("Generated a new credential key in {}", file);
            }
        }
        this.web = DidWeb.of(properties.didWebHost());
        this.issuance = new Issuance(web, Optional.ofNullable(properties.countryOfProduction()));
    }

    private static DevicePrivateKey read(Path file) {
        try {
            return DevicePrivateKey.parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credential key " + file, e);
        } catch (LedgerRuleException e) {
            throw new IllegalStateException("the credential key " + file + " is not an EC P-256 private key: "
                    + e.getMessage(), e);
        }
    }

    DevicePrivateKey privateKey() {
        return privateKey;
    }

    /** @return the public key, as the DID document lists it */
    public DevicePublicKey publicKey() {
        return privateKey.publicKey();
    }

    /** @return the organization's did:web identity */
    public DidWeb web() {
        return web;
    }

    /** @return what credentials say about their issuer */
    public Issuance issuance() {
        return issuance;
    }

    /** @return the DID URL of the key's verification method, the {@code kid} of every credential */
    public String keyId() {
        return web.keyId(publicKey());
    }
}
