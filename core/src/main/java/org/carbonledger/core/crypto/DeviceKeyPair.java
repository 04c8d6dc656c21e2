package org.carbonledger.core.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A device's P-256 key pair.
 *
 * @param privateKey the private key
 * @param publicKey the matching public key
 */
public record DeviceKeyPair(DevicePrivateKey privateKey, DevicePublicKey publicKey) {

    /** Checks that the two keys belong together. */
    public DeviceKeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, "publicKey",
                    "public key does not belong to the private key");
        }
    }

    /**
     * Generates a new key pair. This is the only place in core that uses randomness.
     *
     * @param random the source of randomness (use a strong one, e.g. {@code SecureRandom.getInstanceStrong()})
     * @return a fresh key pair
     */
    public static DeviceKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(P256.DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        DevicePrivateKey privateKey = new DevicePrivateKey(((ECPrivateKeyParameters) pair.getPrivate()).getD(),
                "privateKey");
        return new DeviceKeyPair(privateKey, privateKey.publicKey());
    }
}
