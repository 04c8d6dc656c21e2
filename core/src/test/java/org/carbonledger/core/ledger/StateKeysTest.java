package org.carbonledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateKeysTest {
    @Test
    void keys_are_the_readable_form_of_the_chaincode_composite_keys() {
        assertThat(StateKeys.key(StateKeys.BATCH, "09506000134352", "COIL-7")).isEqualTo("BATCH/09506000134352/COIL-7");
        assertThat(StateKeys.key(StateKeys.ORGANIZATION, "SteelCoMSP")).isEqualTo("ORG/SteelCoMSP");
    }

    @Test
    void a_prefix_range_holds_exactly_the_keys_under_it() {
        String from = StateKeys.prefix(StateKeys.DEVICE, "SteelCoMSP");
        String to = StateKeys.prefixEnd(from);
        assertThat(from).isEqualTo("DEVICE/SteelCoMSP/");
        String inside = StateKeys.key(StateKeys.DEVICE, "SteelCoMSP", "meter-12");
        String longerOwner = StateKeys.key(StateKeys.DEVICE, "SteelCoMSPX", "meter-12");
        String sameStart = StateKeys.key(StateKeys.DEVICE, "SteelCoMS");
        assertThat(inside.compareTo(from) >= 0 && inside.compareTo(to) < 0).isTrue();
        assertThat(longerOwner.compareTo(from) >= 0 && longerOwner.compareTo(to) < 0).isFalse();
        assertThat(sameStart.compareTo(from) >= 0 && sameStart.compareTo(to) < 0).isFalse();
    }

    @Test
    void only_a_prefix_has_an_end() {
        assertThatThrownBy(() -> StateKeys.prefixEnd("BATCH/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_fabric_composite_key_reads_as_type_and_attributes_joined_by_slashes() {
        assertThat(StateKeys.readable("\u0000RECORDS\u000009506000134352\u0000COIL-7\u0000r-1\u0000"))
                .isEqualTo(StateKeys.key(StateKeys.RECORD_INDEX, "09506000134352", "COIL-7", "r-1"));
        assertThat(StateKeys.readable("\u0000ORG\u0000SteelCoMSP\u0000")).isEqualTo("ORG/SteelCoMSP");
        assertThat(StateKeys.readable("plain")).isEqualTo("plain");
        assertThatThrownBy(() -> StateKeys.readable("\u0000ORG")).isInstanceOf(IllegalArgumentException.class);
    }
}
