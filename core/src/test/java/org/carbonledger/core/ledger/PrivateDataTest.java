package org.carbonledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Test;

class PrivateDataTest {
    @Test
    void anOrganizationsCollectionIsNamedAfterItsMspIdAndNamesItBack() {
        assertThat(PrivateData.collectionOf("SteelCoMSP")).isEqualTo("org_SteelCoMSP");
        assertThat(PrivateData.organizationOf("org_SteelCoMSP")).contains("SteelCoMSP");
    }

    @Test
    void namesThatAreNotOrganizationCollectionsNameNoOrganization() {
        assertThat(PrivateData.organizationOf("_implicit_org_SteelCoMSP")).isEmpty();
        assertThat(PrivateData.organizationOf("org_")).isEmpty();
        assertThat(PrivateData.organizationOf("org_Steel.Co")).isEmpty();
        assertThat(PrivateData.organizationOf(null)).isEmpty();
    }

    @Test
    void anMspIdFabricCouldNotNameACollectionAfterIsRefusedNamingTheField() {
        assertThatThrownBy(() -> PrivateData.collectionOf("Steel.Co MSP"))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.field()).isEqualTo("mspId");
                });
    }
}
