package org.carbonledger.chaincode.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 identities shaped like the ones {@code cryptogen} issues for this network (Node OUs enabled): per MSP one
 * self-signed ECDSA P-256 CA ({@code CN=ca.<domain>, O=<domain>}), and under it identities whose subject carries
 * {@code OU=admin}, {@code OU=client} or {@code OU=peer}. Key generation is the slow part, so the CAs and identities
 * are created once per JVM and cached.
 *
 * <pre>{@code
 * TestIdentity admin = TestIdentities.of("SteelCoMSP", NodeOu.ADMIN);  // CN=Admin@steelco.carbonledger.test, OU=admin
 * byte[] creator = admin.serialized();                                  // what ChaincodeStub.getCreator() returns
 * }</pre>
 */
public final class TestIdentities {
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2025-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2100-01-01T00:00:00Z"));
    private static final AtomicLong SERIALS = new AtomicLong(1000);
    private static final Map<String, Authority> AUTHORITIES = new ConcurrentHashMap<>();
    private static final Map<String, TestIdentity> IDENTITIES = new ConcurrentHashMap<>();

    private TestIdentities() {
    }

    /**
     * The identity of the given kind in the MSP: CN {@code Admin@<domain>}, {@code User1@<domain>} or
     * {@code peer0.<domain>}, with exactly one OU, the Node OU.
     */
    public static TestIdentity of(String mspId, NodeOu ou) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(ou, "ou");
        String domain = domain(mspId);
        String commonName = switch (ou) {
            case ADMIN -> "Admin@" + domain;
            case CLIENT -> "User1@" + domain;
            case PEER -> "peer0." + domain;
        };
        return custom(mspId, commonName, ou.value());
    }

    /**
     * An identity with any subject OUs, in the given order, e.g. a Fabric CA client with an affiliation
     * ({@code "client", "steelco", "Admin"}). Fabric's MSP would still classify it by its Node OU alone.
     */
    public static TestIdentity custom(String mspId, String commonName, String... organizationalUnits) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(commonName, "commonName");
        List<String> units = List.of(organizationalUnits);
        String cacheKey = mspId + "\n" + commonName + "\n" + String.join("\n", units);
        return IDENTITIES.computeIfAbsent(cacheKey, k -> authority(mspId).issue(commonName, units));
    }

    /** The self-signed CA certificate of the MSP (what the MSP's {@code cacerts} folder would hold). */
    public static X509Certificate caCertificate(String mspId) {
        return authority(mspId).certificate;
    }

    /** {@code SteelCoMSP} becomes {@code steelco.carbonledger.test}, as in network/config/crypto-config.yaml. */
    static String domain(String mspId) {
        String org = mspId.endsWith("MSP") ? mspId.substring(0, mspId.length() - 3) : mspId;
        return org.toLowerCase(Locale.ROOT) + ".carbonledger.test";
    }

    private static Authority authority(String mspId) {
        return AUTHORITIES.computeIfAbsent(mspId, Authority::create);
    }

    private static KeyPair newP256KeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X500NameBuilder subjectPrefix() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "California")
                .addRDN(BCStyle.L, "San Francisco");
    }

    private static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final class Authority {
        private final String mspId;
        private final X500Name name;
        private final KeyPair keys;
        private final X509Certificate certificate;

        private Authority(String mspId, X500Name name, KeyPair keys, X509Certificate certificate) {
            this.mspId = mspId;
            this.name = name;
            this.keys = keys;
            this.certificate = certificate;
        }

        static Authority create(String mspId) {
            String domain = domain(mspId);
            X500Name name = subjectPrefix().addRDN(BCStyle.O, domain).addRDN(BCStyle.CN, "ca." + domain).build();
            try {
                KeyPair keys = newP256KeyPair();
                X509v3CertificateBuilder builder = builder(name, name, keys.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                        KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign | KeyUsage.cRLSign));
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
                return new Authority(mspId, name, keys, sign(builder, keys));
            } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
                throw new IllegalStateException("cannot create the test CA of " + mspId, e);
            }
        }

        TestIdentity issue(String commonName, List<String> units) {
            X500NameBuilder subject = subjectPrefix();
            for (String unit : units) {
                subject.addRDN(BCStyle.OU, unit);
            }
            subject.addRDN(BCStyle.CN, commonName);
            try {
                KeyPair leafKeys = newP256KeyPair();
                X509v3CertificateBuilder builder = builder(name, subject.build(), leafKeys.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(certificate));
                X509Certificate leaf = sign(builder, keys);
                return new TestIdentity(mspId, commonName, units, leaf, pem(leaf), leafKeys.getPrivate());
            } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
                throw new IllegalStateException("cannot issue " + commonName + " for " + mspId, e);
            }
        }

        private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
            return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                    NOT_BEFORE, NOT_AFTER, subject, key);
        }

        private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
                throws OperatorCreationException, GeneralSecurityException {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        }
    }
}
