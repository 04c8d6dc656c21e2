package org.carbonledger.cli.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.Provider;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemWriter;
import org.bouncycastle.openssl.PKCS8Generator;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.Pem;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * Device key files: PEM private keys, unencrypted (PKCS#8 or SEC1, as core reads them) or passphrase-encrypted
 * PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, as
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it).
 */
public final class KeyFiles {
    private static final String ENCRYPTED = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    /** PBKDF2 iterations when encrypting: about a tenth of a second to unlock on this class of machine. */
    private static final int ITERATIONS = 200_000;
    /** BouncyCastle's provider, used here only (not installed JVM-wide): the JDK's lacks AES/CBC/PKCS7Padding. */
    private static final Provider BC = new BouncyCastleProvider();

    private KeyFiles() {
    }

    /**
     * @param ctx the surroundings
     * @param file a private key file
     * @param passphrase the passphrase source, needed for an encrypted key
     * @return the key
     */
    public static DevicePrivateKey readPrivate(CliContext ctx, Path file, Passphrase passphrase) {
        String pem = CliFiles.readText(ctx.resolve(file), "private key");
        if (!pem.contains(ENCRYPTED)) {
            try {
                return DevicePrivateKey.parse(pem, file.toString());
            } catch (LedgerRuleException e) {
                throw CliException.invalid("private key " + file + ": " + reasonOf(e, file));
            }
        }
        char[] secret = passphrase.get().orElseThrow(() -> CliException.invalid("private key " + file
                + " is encrypted: give its passphrase with --passphrase-env VAR, --passphrase-file FILE or $"
                + Passphrase.DEFAULT_ENV));
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PKCS8EncryptedPrivateKeyInfo info)) {
                throw CliException.invalid("private key " + file + ": not an encrypted PKCS#8 key");
            }
            PrivateKeyInfo plain = info.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(secret));
            return DevicePrivateKey.fromPkcs8(plain.getEncoded(), file.toString());
        } catch (PKCSException e) {
            throw CliException.invalid("private key " + file + ": cannot decrypt it: wrong passphrase?");
        } catch (IOException | OperatorCreationException e) {
            throw CliException.invalid("private key " + file + ": unreadable encrypted key: " + e.getMessage());
        } catch (LedgerRuleException e) {
            throw CliException.invalid("private key " + file + ": " + reasonOf(e, file));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * @param ctx the surroundings
     * @param file a private key file or a public key file
     * @param passphrase the passphrase source, for an encrypted private key
     * @return the public key (of the private key, for a private key file)
     */
    public static DevicePublicKey readPublic(CliContext ctx, Path file, Passphrase passphrase) {
        String pem = CliFiles.readText(ctx.resolve(file), "key");
        if (pem.contains("-----BEGIN PUBLIC KEY-----")) {
            try {
                return DevicePublicKey.parse(pem, file.toString());
            } catch (LedgerRuleException e) {
                throw CliException.invalid("public key " + file + ": " + reasonOf(e, file));
            }
        }
        return readPrivate(ctx, file, passphrase).publicKey();
    }

    /**
     * @param key a private key
     * @param passphrase encrypt with it, or write it unencrypted when empty
     * @return the PEM text
     */
    public static String privatePem(DevicePrivateKey key, Optional<char[]> passphrase) {
        if (passphrase.isEmpty()) {
            return key.toPem();
        }
        char[] secret = passphrase.get();
        try {
            byte[] der = Pem.decode(key.toPem(), "PRIVATE KEY", "key");
            PKCS8Generator generator = new PKCS8Generator(PrivateKeyInfo.getInstance(der),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setProvider(BC)
                            .setPRF(PKCS8Generator.PRF_HMACSHA256)
                            .setIterationCount(ITERATIONS)
                            .setPassword(secret)
                            .build());
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(generator.generate());
            }
            return out.toString();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt a P-256 key", e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static String reasonOf(LedgerRuleException e, Path file) {
        String message = e.getMessage();
        String prefix = file + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
