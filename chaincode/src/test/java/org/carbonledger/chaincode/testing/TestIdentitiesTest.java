package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestIdentitiesTest {

    private static String first(X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier attribute) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(attribute);
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    @ParameterizedTest
    @EnumSource(NodeOu.class)
    void issues_an_identity_whose_only_ou_is_its_node_ou(NodeOu ou) {
        TestIdentity identity = TestIdentities.of("SteelCoMSP", ou);

        X500Name subject = X500Name.getInstance(identity.certificate().getSubjectX500Principal().getEncoded());
        assertThat(subject.getRDNs(BCStyle.OU)).singleElement()
                .satisfies(rdn -> assertThat(IETFUtils.valueToString(rdn.getFirst().getValue())).isEqualTo(ou.value()));
        assertThat(identity.organizationalUnits()).containsExactly(ou.value());
        assertThat(identity.mspId()).isEqualTo("SteelCoMSP");
    }

    @Test
    void names_identities_like_cryptogen() {
        assertThat(first(TestIdentities.of("SteelCoMSP", NodeOu.ADMIN).certificate(), BCStyle.CN))
                .isEqualTo("Admin@steelco.carbonledger.test");
        assertThat(first(TestIdentities.of("SteelCoMSP", NodeOu.CLIENT).certificate(), BCStyle.CN))
                .isEqualTo("User1@steelco.carbonledger.test");
        assertThat(first(TestIdentities.of("SteelCoMSP", NodeOu.PEER).certificate(), BCStyle.CN))
                .isEqualTo("peer0.steelco.carbonledger.test");
        assertThat(first(TestIdentities.caCertificate("SteelCoMSP"), BCStyle.CN)).isEqualTo("ca.steelco.carbonledger.test");
    }

    @Test
    void the_certificate_is_ecdsa_p256_and_signed_by_the_msps_own_self_signed_ca() throws Exception {
        X509Certificate ca = TestIdentities.caCertificate("CertCoMSP");
        X509Certificate leaf = TestIdentities.of("CertCoMSP", NodeOu.ADMIN).certificate();

        ca.verify(ca.getPublicKey());
        leaf.verify(ca.getPublicKey());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(TestIdentities.of("CertCoMSP", NodeOu.ADMIN).privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void each_msp_has_its_own_ca() throws Exception {
        X509Certificate steelCa = TestIdentities.caCertificate("SteelCoMSP");
        X509Certificate certLeaf = TestIdentities.of("CertCoMSP", NodeOu.ADMIN).certificate();

        assertThat(steelCa).isNotEqualTo(TestIdentities.caCertificate("CertCoMSP"));
        assertThat(certLeaf.getIssuerX500Principal()).isNotEqualTo(steelCa.getSubjectX500Principal());
    }

    @Test
    void identities_are_created_once_per_jvm() {
        assertThat(TestIdentities.of("SteelCoMSP", NodeOu.ADMIN)).isSameAs(TestIdentities.of("SteelCoMSP", NodeOu.ADMIN));
        assertThat(TestIdentities.custom("SteelCoMSP", "x", "client", "a"))
                .isSameAs(TestIdentities.custom("SteelCoMSP", "x", "client", "a"))
                .isNotSameAs(TestIdentities.custom("SteelCoMSP", "x", "client", "b"));
    }

    @Test
    void custom_identities_carry_every_ou_in_order() {
        TestIdentity affiliated = TestIdentities.custom("SteelCoMSP", "operator", "client", "steelco", "plant-1");

        X500Name subject = X500Name.getInstance(affiliated.certificate().getSubjectX500Principal().getEncoded());
        assertThat(subject.getRDNs(BCStyle.OU)).extracting(rdn -> IETFUtils.valueToString(rdn.getFirst().getValue()))
                .containsExactly("client", "steelco", "plant-1");
    }

    @Test
    void serializes_as_a_fabric_serialized_identity_holding_the_pem() throws Exception {
        TestIdentity identity = TestIdentities.of("ApplianceCoMSP", NodeOu.CLIENT);

        SerializedIdentity serialized = SerializedIdentity.parseFrom(identity.serialized());

        assertThat(serialized.getMspid()).isEqualTo("ApplianceCoMSP");
        assertThat(serialized.getIdBytes().toStringUtf8()).isEqualTo(identity.certificatePem())
                .startsWith("-----BEGIN CERTIFICATE-----");
    }
}
