package org.carbonledger.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An X.509 identity of one MSP, issued by that MSP's test CA (see {@link TestIdentities}).
 *
 * @param mspId the MSP the identity belongs to
 * @param commonName the subject CN, e.g. {@code Admin@steelco.carbonledger.test}
 * @param organizationalUnits the subject OUs in certificate order, e.g. {@code [admin]}
 * @param certificate the certificate, signed by the MSP's CA
 * @param certificatePem the certificate in PEM, exactly the bytes a Fabric client puts in its SerializedIdentity
 * @param privateKey the ECDSA P-256 private key of the certificate
 */
public record TestIdentity(String mspId, String commonName, List<String> organizationalUnits,
                           X509Certificate certificate, String certificatePem, PrivateKey privateKey) {

    public TestIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(commonName, "commonName");
        organizationalUnits = List.copyOf(organizationalUnits);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The protobuf {@code msp.SerializedIdentity} (mspid + PEM bytes) that {@code ChaincodeStub.getCreator()} returns. */
    public byte[] serialized() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificatePem, StandardCharsets.UTF_8))
                .build()
                .toByteArray();
    }

    @Override
    public String toString() {
        return mspId + "/" + commonName + " " + organizationalUnits;
    }
}
