package org.carbonledger.core.disclosure;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * The CA certificates of member organizations, by MSP id: what a verifier trusts to say which organization a signing
 * certificate belongs to. Fabric itself takes an identity's organization from the MSP whose CA issued its
 * certificate, so a disclosure verifier does the same. The CA certificates are each MSP's {@code cacerts} as
 * published in the channel configuration (for the local network, {@code
 * network/run/crypto/peerOrganizations/<domain>/msp/cacerts/}); a verifier gets them from the channel or from the
 * member out of band, never from the disclosure it checks.
 *
 * <pre>{@code
 * TrustStore trust = TrustStore.builder()
 *         .add("SteelCoMSP", Files.readString(Path.of("steelco-ca.pem")))
 *         .build();
 * }</pre>
 */
public final class TrustStore {

    private final SortedMap<String, List<X509Certificate>> cas;

    private TrustStore(SortedMap<String, List<X509Certificate>> cas) {
        this.cas = Collections.unmodifiableSortedMap(cas);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param mspId an organization
     * @return its CA certificates; empty when the store does not know the organization
     */
    public List<X509Certificate> caCertificates(String mspId) {
        return cas.getOrDefault(Objects.requireNonNull(mspId, "mspId"), List.of());
    }

    /** @return the organizations the store knows */
    public java.util.SortedSet<String> mspIds() {
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(cas.keySet()));
    }

    /**
     * Reads every certificate of a PEM text (one or more {@code CERTIFICATE} blocks).
     *
     * @param pem the text
     * @param field the input's name, for the error message
     * @return the certificates, at least one
     * @throws LedgerRuleException (INVALID_KEY) if the text holds no readable certificate
     */
    public static List<X509Certificate> parseCertificates(String pem, String field) {
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(field, "field");
        List<X509Certificate> list = new ArrayList<>();
        try {
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                list.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "not a PEM X.509 certificate: " + e.getMessage());
        }
        if (list.isEmpty()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, "holds no PEM X.509 certificate");
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "TrustStore" + cas.keySet();
    }

    /** Collects CA certificates by MSP id. */
    public static final class Builder {
        private final TreeMap<String, List<X509Certificate>> cas = new TreeMap<>();

        private Builder() {
        }

        /**
         * @param mspId the organization
         * @param pem one or more PEM certificates of its CAs
         * @return this builder
         */
        public Builder add(String mspId, String pem) {
            Objects.requireNonNull(mspId, "mspId");
            cas.computeIfAbsent(mspId, k -> new ArrayList<>()).addAll(parseCertificates(pem, "CA of " + mspId));
            return this;
        }

        /** @return the trust store */
        public TrustStore build() {
            TreeMap<String, List<X509Certificate>> copy = new TreeMap<>();
            for (Map.Entry<String, List<X509Certificate>> e : cas.entrySet()) {
                copy.put(e.getKey(), List.copyOf(e.getValue()));
            }
            return new TrustStore(copy);
        }
    }
}
