package org.carbonledger.chaincode.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.ROGUE;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.core.error.ErrorCode.ALREADY_EXISTS;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_KEY;
import static org.carbonledger.core.error.ErrorCode.INVALID_STATE;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;
import static org.carbonledger.core.error.ErrorCode.UNKNOWN_DEVICE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.CommitException;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.EndorsementAssertions;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.SignedRecords;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Device keys: only a PRODUCER registers devices, in its own name; only the owner revokes them, and only forward.
 * Every refusal is checked to leave the whole world state byte-for-byte unchanged.
 */
class DeviceContractTest {
    private static final String METER = "steelco-meter-12";
    private static final String METER_FIXTURE = "devices/steelco-meter-12.json";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final DeviceContract devices = network.devices;

    private JsonObject register(String msp, Fixtures.Obj device) {
        return network.submit(msp, devices, "RegisterDevice", device.text());
    }

    private JsonObject getDevice(String owner, String deviceId) {
        return network.evaluate(CERT, devices, "GetDevice", owner, deviceId);
    }

    private JsonObject revoke(String msp, String deviceId, String from) {
        return network.submit(msp, devices, "RevokeDevice", deviceId, from);
    }

    private List<String> writtenKeys() {
        return harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable).toList();
    }

    private static String string(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireString(name);
    }

    @Nested
    class RegisterDevice {

        @Test
        void registers_the_key_in_canonical_form_with_its_fingerprint_validity_and_description() {
            JsonObject device = register(STEEL, Fixtures.object(METER_FIXTURE));

            DevicePublicKey key = DevicePublicKey.parse(SignedRecords.publicKeyPem(METER));
            JsonObject expected = JsonObject.builder()
                    .put("ownerMspId", STEEL)
                    .put("deviceId", METER)
                    .put("publicKeyPem", key.toPem())
                    .put("keyFingerprint", key.fingerprint().toHex())
                    .put("description", "Steel mill meter 12 (melt shop, reheating furnace, rolling mill)")
                    .put("validFrom", "2026-01-01T00:00:00Z")
                    .put("registeredAt", harness.lastTransaction().timestamp().toString())
                    .put("txId", harness.lastTransaction().txId())
                    .build();
            assertThat(device).isEqualTo(expected);
            assertThat(getDevice(STEEL, METER)).isEqualTo(expected);
        }

        @Test
        void a_device_without_validFrom_is_valid_from_the_transaction_time() {
            Instant at = Instant.parse("2026-10-05T12:00:00Z");

            JsonObject device = network.harness().as(STEEL, CLIENT).at(at)
                    .submit(devices, "RegisterDevice", Fixtures.object(METER_FIXTURE).remove("validFrom").text())
                    .transform(Consortium::json);

            assertThat(string(device, "validFrom")).isEqualTo(at.toString());
        }

        @Test
        void advances_the_owners_ownership_sequence_and_the_event_lists_exactly_that_and_the_device() {
            register(STEEL, Fixtures.object(METER_FIXTURE));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("OWNERSHIP/" + STEEL, "DEVICE/" + STEEL + "/" + METER);
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Devices:RegisterDevice");
            assertThat(network.stored("OWNERSHIP", STEEL).get("sequence")).contains(JsonNumber.of(1));
        }

        @Test
        void protects_the_device_so_that_only_a_majority_including_the_owner_can_change_it() {
            register(STEEL, Fixtures.object(METER_FIXTURE));

            assertThat(harness.lastTransaction().validationParameterWrites().keySet())
                    .containsExactly(Consortium.key("DEVICE", STEEL, METER));
            EndorsementAssertions.assertOwnerAndOneOther(network.policy("DEVICE", STEEL, METER), STEEL);
        }

        @Test
        void a_majority_without_the_owner_cannot_register_a_device_in_its_name() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).endorsedBy(APPLIANCE, CERT)
                    .submit(devices, "RegisterDevice", Fixtures.text(METER_FIXTURE)))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void the_owner_and_one_other_member_can_register_it() {
            harness.as(STEEL, CLIENT).endorsedBy(STEEL, CERT).submit(devices, "RegisterDevice", Fixtures.text(METER_FIXTURE));

            assertThat(harness.lastTransaction().committed()).isTrue();
        }

        @Test
        void device_ids_are_unique_per_organization_so_another_organization_may_use_the_same_id() {
            register(STEEL, Fixtures.object(METER_FIXTURE));
            String otherKey = SignedRecords.publicKeyPem("applianceco-press-3");

            register(APPLIANCE, Fixtures.object(METER_FIXTURE).set("publicKeyPem", otherKey));

            assertThat(string(getDevice(APPLIANCE, METER), "keyFingerprint"))
                    .isEqualTo(DevicePublicKey.parse(otherKey).fingerprint().toHex())
                    .isNotEqualTo(string(getDevice(STEEL, METER), "keyFingerprint"));
        }

        @Test
        void refuses_a_device_id_the_organization_already_registered_even_with_a_new_key() {
            register(STEEL, Fixtures.object(METER_FIXTURE));
            String newKey = Fixtures.object(METER_FIXTURE).set("publicKeyPem", SignedRecords.publicKeyPem("steelco-pellet-kiln-1")).text();

            String message = harness.assertRefused(ALREADY_EXISTS,
                    () -> harness.as(STEEL, CLIENT).submit(devices, "RegisterDevice", newKey));
            assertThat(message).startsWith("deviceId \"" + METER + "\"").contains(STEEL);
        }

        @Test
        void refuses_an_organization_without_the_producer_role() {
            String message = harness.assertRefused(ROLE_REQUIRED,
                    () -> harness.as(CERT, CLIENT).submit(devices, "RegisterDevice", Fixtures.text(METER_FIXTURE)));
            assertThat(message).contains(CERT).contains("PRODUCER");
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            harness.assertRefused(FORBIDDEN,
                    () -> harness.as(ROGUE, CLIENT).submit(devices, "RegisterDevice", Fixtures.text(METER_FIXTURE)));
        }

        static Stream<Arguments> badKeys() {
            return Stream.of(
                    Arguments.of("a P-384 key", Fixtures.text("keys/secp384r1.pub.pem")),
                    Arguments.of("a private key", Fixtures.text("keys/steelco-meter-12.key.pem")),
                    Arguments.of("not PEM at all", "meter-12"),
                    Arguments.of("an empty string", ""));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badKeys")
        void refuses_a_public_key_that_is_not_a_p256_public_key_in_pem(String what, String pem) {
            String input = Fixtures.object(METER_FIXTURE).set("publicKeyPem", pem).text();

            String message = harness.assertRefused(INVALID_KEY,
                    () -> harness.as(STEEL, CLIENT).submit(devices, "RegisterDevice", input));
            assertThat(message).startsWith("publicKeyPem");
        }

        static Stream<Arguments> badInputs() {
            Fixtures.Obj device = Fixtures.object(METER_FIXTURE);
            return Stream.of(
                    Arguments.of("an empty device id", device.set("deviceId", ""), "deviceId"),
                    Arguments.of("a device id with a space", device.set("deviceId", "meter 12"), "deviceId"),
                    Arguments.of("a device id starting with a dot", device.set("deviceId", ".meter"), "deviceId"),
                    Arguments.of("a device id of 65 characters", device.set("deviceId", "m".repeat(65)), "deviceId"),
                    Arguments.of("no device id", device.remove("deviceId"), "deviceId"),
                    Arguments.of("no public key", device.remove("publicKeyPem"), "publicKeyPem"),
                    Arguments.of("a validFrom that is not an instant", device.set("validFrom", "2026-01-01"), "validFrom"),
                    Arguments.of("a description with a control character", device.set("description", "meter\u0007"), "description"),
                    Arguments.of("a description of 501 characters", device.set("description", "d".repeat(501)), "description"),
                    Arguments.of("an unknown member", device.set("ownerMspId", APPLIANCE), "ownerMspId"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badInputs")
        void refuses_a_malformed_registration_naming_the_field(String what, Fixtures.Obj input, String field) {
            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, CLIENT).submit(devices, "RegisterDevice", input.text()));
            assertThat(message).startsWith(field);
        }
    }

    @Nested
    class RevokeDevice {
        @BeforeEach
        void registered() {
            register(STEEL, Fixtures.object(METER_FIXTURE));
        }

        @Test
        void revokes_the_device_from_the_given_instant_recording_the_transaction() {
            JsonObject registered = getDevice(STEEL, METER);

            JsonObject revoked = revoke(STEEL, METER, "2026-10-15T00:00:00Z");

            assertThat(revoked).isEqualTo(registered.toBuilder()
                    .put("revokedFrom", "2026-10-15T00:00:00Z")
                    .put("revokedTxId", harness.lastTransaction().txId())
                    .build());
            assertThat(getDevice(STEEL, METER)).isEqualTo(revoked);
        }

        @Test
        void the_event_lists_exactly_the_device_and_the_key_keeps_its_policy() {
            byte[] policy = network.policy("DEVICE", STEEL, METER);

            revoke(STEEL, METER, "2026-10-15T00:00:00Z");

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("DEVICE/" + STEEL + "/" + METER);
            assertThat(harness.lastTransaction().validationParameterWrites()).isEmpty();
            assertThat(network.policy("DEVICE", STEEL, METER)).isEqualTo(policy);
        }

        @Test
        void normalizes_the_instant_it_stores() {
            JsonObject revoked = revoke(STEEL, METER, "2026-10-15T02:00:00+02:00");

            assertThat(string(revoked, "revokedFrom")).isEqualTo("2026-10-15T00:00:00Z");
        }

        @Test
        void a_revocation_can_be_brought_forward() {
            revoke(STEEL, METER, "2026-10-15T00:00:00Z");

            JsonObject earlier = revoke(STEEL, METER, "2026-10-01T00:00:00Z");

            assertThat(string(earlier, "revokedFrom")).isEqualTo("2026-10-01T00:00:00Z");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-10-15T00:00:00Z", "2026-10-15T00:00:01Z", "2030-01-01T00:00:00Z"})
        void refuses_to_push_a_revocation_back_or_repeat_it(String later) {
            revoke(STEEL, METER, "2026-10-15T00:00:00Z");

            String message = harness.assertRefused(INVALID_STATE,
                    () -> harness.as(STEEL, CLIENT).submit(devices, "RevokeDevice", METER, later));
            assertThat(message).startsWith("revokedFrom \"" + later + "\"").contains("brought forward");
        }

        @Test
        void another_organization_cannot_revoke_the_device() {
            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(APPLIANCE, CLIENT).submit(devices, "RevokeDevice", METER, "2026-10-15T00:00:00Z"));

            assertThat(message).contains(APPLIANCE);
            assertThat(getDevice(STEEL, METER).has("revokedFrom")).isFalse();
        }

        @Test
        void a_majority_without_the_owner_cannot_commit_a_revocation() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).endorsedBy(APPLIANCE, CERT)
                    .submit(devices, "RevokeDevice", METER, "2026-10-15T00:00:00Z"))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void refuses_an_unknown_device() {
            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(STEEL, CLIENT).submit(devices, "RevokeDevice", "steelco-meter-99", "2026-10-15T00:00:00Z"));
            assertThat(message).startsWith("deviceId \"steelco-meter-99\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "2026-10-15", "yesterday", "2026-13-01T00:00:00Z"})
        void refuses_a_revocation_instant_that_is_not_an_instant(String from) {
            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, CLIENT).submit(devices, "RevokeDevice", METER, from));
            assertThat(message).startsWith("revokedFrom");
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            harness.assertRefused(FORBIDDEN,
                    () -> harness.as(ROGUE, CLIENT).submit(devices, "RevokeDevice", METER, "2026-10-15T00:00:00Z"));
        }
    }

    @Nested
    class GetDevice {
        @Test
        void an_unknown_device_is_unknown() {
            String message = harness.assertRefused(UNKNOWN_DEVICE,
                    () -> harness.as(CERT, CLIENT).evaluate(devices, "GetDevice", STEEL, METER));
            assertThat(message).startsWith("deviceId \"" + METER + "\"").contains(STEEL);
        }

        @Test
        void a_device_of_one_organization_is_not_found_under_another() {
            register(STEEL, Fixtures.object(METER_FIXTURE));

            harness.assertRefused(UNKNOWN_DEVICE, () -> harness.as(CERT, CLIENT).evaluate(devices, "GetDevice", APPLIANCE, METER));
        }

        @Test
        void a_malformed_device_id_is_refused() {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(devices, "GetDevice", STEEL, "meter 12"));
        }
    }

    @Nested
    class ListDevices {
        private List<String> registerMany(String msp, String prefix, int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = String.format("%s-%02d", prefix, i);
                register(msp, Fixtures.object(METER_FIXTURE).set("deviceId", id));
                ids.add(id);
            }
            return ids;
        }

        private List<String> listAll(String owner, int pageSize) {
            List<String> ids = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                JsonObject page = network.evaluate(CERT, devices, "ListDevices", owner, Integer.toString(pageSize), bookmark);
                JsonObjectReader reader = JsonObjectReader.of(page, "");
                reader.requireArray("items").elements().forEach(v -> ids.add(string(JsonObjectReader.asObject(v, "item"), "deviceId")));
                bookmark = reader.requireString("bookmark");
                assertThat(++pages).as("pages").isLessThan(100);
            } while (!bookmark.isEmpty());
            return ids;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 8, 1000})
        void returns_every_device_of_the_owner_exactly_once_across_pages_in_id_order(int pageSize) {
            List<String> steel = registerMany(STEEL, "meter", 7);
            registerMany(APPLIANCE, "meter", 2);

            assertThat(listAll(STEEL, pageSize)).containsExactlyElementsOf(steel);
        }

        @Test
        void an_organization_without_devices_has_an_empty_list() {
            registerMany(STEEL, "meter", 2);

            JsonObject page = network.evaluate(CERT, devices, "ListDevices", APPLIANCE, "10", "");

            assertThat(JsonObjectReader.of(page, "").requireArray("items").elements()).isEmpty();
            assertThat(string(page, "bookmark")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1001"})
        void refuses_a_page_size_outside_1_to_1000(String pageSize) {
            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(CERT, CLIENT).evaluate(devices, "ListDevices", STEEL, pageSize, ""));
            assertThat(message).startsWith("pageSize");
        }

        @Test
        void an_owner_argument_holding_the_composite_key_delimiter_is_refused_as_invalid() {
            harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(CERT, CLIENT).evaluate(devices, "ListDevices", STEEL + "\u0000x", "10", ""));
        }

        @Test
        void a_query_writes_nothing_and_emits_no_event() {
            registerMany(STEEL, "meter", 1);

            network.evaluate(CERT, devices, "ListDevices", STEEL, "10", "");

            assertThat(harness.lastTransaction().writes()).isEmpty();
            assertThat(harness.lastTransaction().event()).isEmpty();
        }
    }
}
