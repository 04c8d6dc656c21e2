package org.carbonledger.service.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.carbonledger.service.config.PrivateFiles;

/**
 * A self-signed ECDSA P-256 server certificate kept as a PKCS12 keystore in a folder, with its random password in a
 * sibling file. Local use only: clients must trust it explicitly ({@code curl --cacert} with the exported
 * certificate, or {@code -k}). Both files are reused on restart so pinned trust survives.
 */
public final class SelfSignedCertificate {
    /** The keystore entry name. */
    public static final String ALIAS = "carbonledger";
    static final String KEYSTORE_FILE = "server.p12";
    static final String PASSWORD_FILE = "server.p12.password";
    static final String CERTIFICATE_FILE = "server.crt";
    /** A certificate this close to expiry is replaced at startup rather than left to expire while running. */
    static final Duration RENEW_BEFORE = Duration.ofDays(1);

    private final Path keyStoreFile;
    private final String password;
    private final X509Certificate certificate;

    private SelfSignedCertificate(Path keyStoreFile, String password, X509Certificate certificate) {
        this.keyStoreFile = keyStoreFile;
        this.password = password;
        this.certificate = certificate;
    }

    /**
     * Loads the certificate kept in {@code folder}, or generates and stores a new one if there is none, it expires
     * within {@link #RENEW_BEFORE}, or it does not cover exactly {@code names}.
     *
     * @param folder where the keystore lives (created by the caller)
     * @param names DNS names and IP literals for the subject alternative names; the first is the subject CN
     * @param validity lifetime of a new certificate
     * @param now the current time
     * @return the usable certificate
     */
    public static SelfSignedCertificate loadOrCreate(Path folder, List<String> names, Duration validity, Instant now) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(now, "now");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names must not be empty");
        }
        Path keyStoreFile = folder.resolve(KEYSTORE_FILE);
        Path passwordFile = folder.resolve(PASSWORD_FILE);
        if (Files.isRegularFile(keyStoreFile) && Files.isRegularFile(passwordFile)) {
            SelfSignedCertificate existing = load(keyStoreFile, passwordFile);
            if (existing.isUsable(names, now)) {
                return existing;
            }
        }
        return create(folder, names, validity, now);
    }

    /** @return the keystore file, for Micronaut's {@code micronaut.server.ssl.key-store.path} */
    public Path keyStoreFile() {
        return keyStoreFile;
    }

    /** @return the keystore password (also the key entry's password); never log it */
    public String password() {
        return password;
    }

    /** @return the certificate, to pin in clients */
    public X509Certificate certificate() {
        return certificate;
    }

    boolean isUsable(List<String> names, Instant now) {
        if (!certificate.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
            return false;
        }
        return subjectAlternativeNames(certificate).equals(normalized(names));
    }

    static Set<String> subjectAlternativeNames(X509Certificate certificate) {
        Set<String> result = new HashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    result.add(normalizedName(String.valueOf(entry.get(1))));
                }
            }
        } catch (GeneralSecurityException e) {
            return Set.of();
        }
        return result;
    }

    private static Set<String> normalized(List<String> names) {
        Set<String> result = new HashSet<>();
        for (String name : names) {
            result.add(normalizedName(name));
        }
        return result;
    }

    private static String normalizedName(String name) {
        String trimmed = name.trim();
        if (isIpLiteral(trimmed)) {
            try {
                // The JDK reports IPv6 SANs in their full form; compare addresses, not spellings.
                return InetAddress.getByName(trimmed).getHostAddress();
            } catch (IOException e) {
                return trimmed;
            }
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (name.contains(":") && name.matches("[0-9A-Fa-f:.]+"));
    }

    private static SelfSignedCertificate load(Path keyStoreFile, Path passwordFile) {
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            Certificate certificate = keyStore.getCertificate(ALIAS);
            if (!(certificate instanceof X509Certificate x509)) {
                throw new IllegalStateException(keyStoreFile + " has no certificate named " + ALIAS);
            }
            return new SelfSignedCertificate(keyStoreFile, password, x509);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyStoreFile + " (delete it and "
                    + passwordFile.getFileName() + " to generate a new certificate)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + keyStoreFile, e);
        }
    }

    private static SelfSignedCertificate create(Path folder, List<String> names, Duration validity, Instant now) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = generator.generateKeyPair();

            X500Name subject = new X500Name("CN=" + names.get(0) + ",O=Carbon Ledger local self-signed");
            // Backdated an hour so a client whose clock is slightly behind accepts it immediately.
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)),
                    subject, keyPair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectAlternativeName, false, generalNames(names));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));

            String password = newPassword(random);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = bytes) {
                keyStore.store(out, password.toCharArray());
            }
            Path keyStoreFile = folder.resolve(KEYSTORE_FILE);
            // Password first: a crash between the two writes leaves a keystore that is regenerated, never one
            // whose password is lost.
            PrivateFiles.writeOwnerOnly(folder.resolve(PASSWORD_FILE), password.getBytes(StandardCharsets.UTF_8));
            PrivateFiles.writeOwnerOnly(keyStoreFile, bytes.toByteArray());
            PrivateFiles.writeOwnerOnly(folder.resolve(CERTIFICATE_FILE), pem(certificate));
            return new SelfSignedCertificate(keyStoreFile, password, certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificate to " + folder, e);
        }
    }

    private static GeneralNames generalNames(List<String> names) {
        List<GeneralName> result = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.trim();
            result.add(isIpLiteral(trimmed)
                    ? new GeneralName(GeneralName.iPAddress, trimmed)
                    : new GeneralName(GeneralName.dNSName, trimmed));
        }
        return new GeneralNames(result.toArray(GeneralName[]::new));
    }

    private static String newPassword(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] pem(X509Certificate certificate) throws GeneralSecurityException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
