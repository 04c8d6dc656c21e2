package org.carbonledger.bench.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonledger.core.ledger.PrivateData;
import org.hyperledger.fabric.client.Proposal;
import org.junit.jupiter.api.Test;

class RecordsInTest {
    private static final String RECORDS = "[{\"recordId\":\"r1\"},{\"recordId\":\"r2\"}]";
    private static final List<String> ENDORSERS = List.of("SteelCoMSP", "CertCoMSP");

    @Test
    void arguments_mode_sends_the_records_as_the_only_argument_and_lets_the_gateway_plan() {
        RecordsIn.Submission s = RecordsIn.ARGUMENTS.submission(RECORDS, ENDORSERS);

        assertThat(s.arguments()).containsExactly(RECORDS);
        assertThat(s.endorsement().isPlanned()).isTrue();
        assertThat(s.endorsement().transientData()).isEmpty();
    }

    @Test
    void transient_mode_sends_no_argument_and_the_records_and_a_salt_to_the_owner_and_its_certifiers() {
        RecordsIn.Submission s = RecordsIn.TRANSIENT.submission(RECORDS, ENDORSERS);

        assertThat(s.arguments()).isEmpty();
        assertThat(s.endorsement().organizations()).containsExactly("SteelCoMSP", "CertCoMSP");
        assertThat(s.endorsement().transientData()).containsOnlyKeys(PrivateData.RECORDS, PrivateData.SALT);
        assertThat(new String(s.endorsement().transientData().get(PrivateData.RECORDS), UTF_8)).isEqualTo(RECORDS);
        assertThat(s.endorsement().transientData().get(PrivateData.SALT)).hasSize(PrivateData.SALT_LENGTH);
    }

    @Test
    void every_transaction_gets_its_own_salt() {
        byte[] first = RecordsIn.TRANSIENT.submission(RECORDS, ENDORSERS).endorsement().transientData().get(PrivateData.SALT);
        byte[] second = RecordsIn.TRANSIENT.submission(RECORDS, ENDORSERS).endorsement().transientData().get(PrivateData.SALT);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void transient_mode_refuses_to_leave_the_endorsers_to_the_gateway() {
        assertThatThrownBy(() -> RecordsIn.TRANSIENT.submission(RECORDS, List.of()))
                .hasMessageContaining("endorsing organizations");
    }

    @Test
    void the_proposal_carries_what_the_mode_says() {
        Recorder transientCalls = new Recorder();
        RecordsIn.TRANSIENT.submission(RECORDS, ENDORSERS).applyTo(transientCalls.builder());
        assertThat(transientCalls.arguments).isEmpty();
        assertThat(transientCalls.endorsingOrganizations).containsExactly("SteelCoMSP", "CertCoMSP");
        assertThat(transientCalls.transientData).containsOnlyKeys(PrivateData.RECORDS, PrivateData.SALT);
        assertThat(new String(transientCalls.transientData.get(PrivateData.RECORDS), UTF_8)).isEqualTo(RECORDS);

        Recorder argumentCalls = new Recorder();
        RecordsIn.ARGUMENTS.submission(RECORDS, ENDORSERS).applyTo(argumentCalls.builder());
        assertThat(argumentCalls.arguments).containsExactly(RECORDS);
        assertThat(argumentCalls.endorsingOrganizations).isNull();
        assertThat(argumentCalls.transientData).isEmpty();
    }

    @Test
    void the_flag_names_the_mode() {
        for (RecordsIn mode : RecordsIn.values()) {
            assertThat(RecordsIn.parse("--records-in", mode.flag())).isEqualTo(mode);
        }
    }

    @Test
    void the_run_says_which_protocol_it_measured() {
        assertThat(LoadRunner.describe(RecordsIn.TRANSIENT, ENDORSERS))
                .isEqualTo("records in: transient (records and a fresh salt in the transient map; endorsed by SteelCoMSP, CertCoMSP)");
        assertThat(LoadRunner.describe(RecordsIn.ARGUMENTS, List.of())).startsWith("records in: arguments");
    }

    /** Records what is set on a Gateway proposal builder (the Gateway's own builder needs a signing identity). */
    private static final class Recorder {
        final List<String> arguments = new ArrayList<>();
        final Map<String, byte[]> transientData = new LinkedHashMap<>();
        List<String> endorsingOrganizations;

        @SuppressWarnings("unchecked")
        Proposal.Builder builder() {
            return (Proposal.Builder) Proxy.newProxyInstance(Proposal.Builder.class.getClassLoader(),
                    new Class<?>[] {Proposal.Builder.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "addArguments" -> {
                                if (!(args[0] instanceof String[] strings)) {
                                    throw new AssertionError("arguments must be the JSON text, as the chaincode reads them");
                                }
                                arguments.addAll(Arrays.asList(strings));
                            }
                            case "setEndorsingOrganizations" -> endorsingOrganizations = List.of((String[]) args[0]);
                            case "putAllTransient" -> transientData.putAll((Map<String, byte[]>) args[0]);
                            default -> throw new AssertionError("unexpected call " + method.getName());
                        }
                        return proxy;
                    });
        }
    }
}
