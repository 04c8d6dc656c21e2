package org.carbonledger.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.WorkedExample;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerState;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredProposal;
import org.carbonledger.core.ledger.StoredTransfer;
import org.junit.jupiter.api.Test;

/**
 * Every state the chaincode writes reads back through core's state model and writes again to the very same bytes:
 * the model and the chaincode describe one format. Played on the whole worked example plus the transitions it does
 * not make (a revoked device, a withdrawn proposal, a rejected and a cancelled transfer, a registered profile).
 */
class StateModelTest {
    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);

    private LedgerSnapshot playEverything() {
        return EveryStateKind.play(harness, network);
    }

    private static Set<String> stateKeyTypes() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field f : StateKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                types.add((String) f.get(null));
            }
        }
        return types;
    }

    @Test
    void every_stored_state_reads_into_its_model_and_writes_back_to_the_same_bytes() throws IllegalAccessException {
        LedgerSnapshot ledger = playEverything();
        Map<String, Integer> seen = new TreeMap<>();
        for (String key : ledger.keys()) {
            String readable = ChangeEvents.printable(key);
            String type = EveryStateKind.type(readable);
            byte[] bytes = ledger.value(key).orElseThrow();
            LedgerState state = LedgerState.read(type, Json.parseObject(bytes, readable), readable);
            assertThat(Jcs.canonicalString(state.toJson())).as(readable)
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
            seen.merge(type, 1, Integer::sum);
        }
        for (String collection : ledger.privateCollections()) {
            for (String key : ledger.privateKeys(collection)) {
                String readable = ChangeEvents.printable(key);
                String type = EveryStateKind.type(readable);
                byte[] bytes = ledger.privateValue(collection, key).orElseThrow();
                LedgerState state = LedgerState.read(type, Json.parseObject(bytes, readable), readable);
                assertThat(Jcs.canonicalString(state.toJson())).as(collection + " " + readable)
                        .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
                seen.merge(type, 1, Integer::sum);
            }
        }
        assertThat(seen.keySet()).as("every kind of state was written, and read").isEqualTo(stateKeyTypes());
    }

    @Test
    void the_transitions_the_worked_example_does_not_make_are_stored_as_the_model_reads_them() {
        playEverything();
        StoredDevice device = StoredDevice.fromJson(network.stored(StateKeys.DEVICE, STEEL, "steelco-meter-12"), "device");
        assertThat(device.revokedFrom()).map(Object::toString).contains("2027-01-01T00:00:00Z");
        StoredProposal proposal = StoredProposal.fromJson(
                network.stored(StateKeys.PROPOSAL, EveryStateKind.WITHDRAWN_PROPOSAL), "proposal");
        assertThat(proposal.status()).isEqualTo(StoredProposal.WITHDRAWN);
        assertThat(proposal.withdrawnTxId()).isPresent();
        StoredTransfer rejected = StoredTransfer.fromJson(
                network.stored(StateKeys.TRANSFER, WorkedExample.transferId(9)), "transfer");
        assertThat(rejected.status()).isEqualTo(StoredTransfer.REJECTED);
        assertThat(rejected.reason()).contains("not ordered");
        StoredBatch washers = StoredBatch.fromJson(
                network.stored(StateKeys.BATCH, WorkedExample.WASHERS, WorkedExample.WM), "batch");
        assertThat(washers.isSealed()).isTrue();
        assertThat(washers.shipped().value()).isEqualByComparingTo("15");
    }

    @Test
    void a_state_with_a_member_the_model_does_not_know_is_refused_naming_it() {
        playEverything();
        JsonObject batch = network.stored(StateKeys.BATCH, WorkedExample.WASHERS, WorkedExample.WM);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LedgerState.read(StateKeys.BATCH,
                        batch.with("extra", org.carbonledger.core.json.JsonString.of("x")), "BATCH/x"))
                .hasMessageContaining("BATCH/x.extra");
    }
}
