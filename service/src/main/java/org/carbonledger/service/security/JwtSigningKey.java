package org.carbonledger.service.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGeneratorConfiguration;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Named;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.carbonledger.service.config.DataDirectory;
import org.carbonledger.service.config.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 key pair that signs this service's access tokens and verifies them on every request. Named
 * {@code generator}, which is how Micronaut Security picks the key for {@code JwtTokenGenerator}; as an
 * {@code ECSignatureConfiguration} it is also the (only) key bearer tokens are validated against.
 *
 * <p>Generated once into the data dir and reused, so tokens survive a restart; configure
 * {@code carbonledger.auth.signing-key} to share one key between several instances of the same organization.
 */
@Context // a missing or unreadable key fails startup, not the first token request
@Named("generator")
public final class JwtSigningKey implements ECSignatureGeneratorConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSigningKey.class);
    static final String GENERATED_FILE = "signing-key.pem";

    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;
    private final String keyId;

    JwtSigningKey(AuthProperties properties, DataDirectory dataDirectory) {
        KeyPair keyPair;
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            Path file = Path.of(properties.signingKey()).toAbsolutePath();
            keyPair = read(file);
            LOG.info("Access tokens are signed with the configured key {}", file);
        } else {
            Path file = dataDirectory.folder("jwt").resolve(GENERATED_FILE);
            if (Files.isRegularFile(file)) {
                keyPair = read(file);
            } else {
                keyPair = generate();
                PrivateFiles.writeOwnerOnly(file, pem(keyPair));
                LOG.info("Generated a new token signing key in {}", file);
            }
        }
        if (!(keyPair.getPublic() instanceof ECPublicKey ecPublic)
                || !(keyPair.getPrivate() instanceof ECPrivateKey ecPrivate)
                || ecPublic.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalStateException("the token signing key must be an EC P-256 key pair");
        }
        this.publicKey = ecPublic;
        this.privateKey = ecPrivate;
        this.keyId = thumbprint(ecPublic);
    }

    @Override
    public ECPublicKey getPublicKey() {
        return publicKey;
    }

    @Override
    public ECPrivateKey getPrivateKey() {
        return privateKey;
    }

    @Override
    public JWSAlgorithm getJwsAlgorithm() {
        return JWSAlgorithm.ES256;
    }

    /** @return the RFC 7638 thumbprint of the public key, sent as {@code kid} so verifiers can tell keys apart */
    @Override
    public Optional<String> getKid() {
        return Optional.of(keyId);
    }

    private static String thumbprint(ECPublicKey key) {
        try {
            return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the signing key thumbprint", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key pair", e);
        }
    }

    /** PKCS#8 PEM, which names the curve (the SEC1 form of a JDK key would not). */
    private static byte[] pem(KeyPair keyPair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPrivate().getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads an EC P-256 private key in SEC1 ({@code EC PRIVATE KEY}) or PKCS#8 ({@code PRIVATE KEY}) PEM and derives
     * its public key (Q = d·G), so files without an embedded public key (as the JDK encodes them) work too.
     */
    static KeyPair read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            PrivateKeyInfo info;
            if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (object instanceof PrivateKeyInfo plain) {
                info = plain;
            } else {
                throw new IllegalStateException(file + " is not a PEM EC private key");
            }
            if (!(new JcaPEMKeyConverter().getPrivateKey(info) instanceof ECPrivateKey privateKey)) {
                throw new IllegalStateException(file + " is not an EC private key");
            }
            return new KeyPair(publicKeyOf(privateKey), privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key " + file, e);
        }
    }

    private static ECPublicKey publicKeyOf(ECPrivateKey privateKey) {
        X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
        if (!p256.getN().equals(privateKey.getParams().getOrder())) {
            throw new IllegalStateException("the token signing key must be on curve P-256");
        }
        ECPoint q = p256.getG().multiply(privateKey.getS()).normalize();
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                    privateKey.getParams()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key of the token signing key", e);
        }
    }
}
