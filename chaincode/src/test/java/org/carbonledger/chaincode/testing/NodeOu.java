package org.carbonledger.chaincode.testing;

/** The Fabric Node OU classifications a test identity can carry (cryptogen spells them in lower case). */
public enum NodeOu {
    ADMIN("admin"),
    CLIENT("client"),
    PEER("peer");

    private final String value;

    NodeOu(String value) {
        this.value = value;
    }

    /** The OU value as it appears in the certificate subject, e.g. {@code admin}. */
    public String value() {
        return value;
    }
}
