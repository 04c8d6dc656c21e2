package org.carbonledger.chaincode.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.chaincode.testing.NodeOu.ADMIN;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.chaincode.testing.NodeOu.PEER;
import static org.carbonledger.core.error.ErrorCode.ALREADY_EXISTS;
import static org.carbonledger.core.error.ErrorCode.DUPLICATE_ID;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_STATE;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.CommitException;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.InMemoryLedger;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.NodeOu;
import org.carbonledger.chaincode.testing.SignaturePolicies;
import org.carbonledger.chaincode.testing.TestIdentities;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonNull;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The consortium's governance, run through the real contract runtime sequence on an in-memory ledger with real X.509
 * identities. Each refusal is checked to leave the whole world state byte-for-byte unchanged.
 */
class GovernanceContractTest {
    private static final String STEEL = "SteelCoMSP";
    private static final String APPLIANCE = "ApplianceCoMSP";
    private static final String CERT = "CertCoMSP";
    private static final String ROGUE = "RogueCoMSP";
    private static final List<String> MEMBERS_SORTED = List.of(APPLIANCE, CERT, STEEL);

    private static final String MEMBERS = "governance/members.json";
    private static final String PROFILE = "governance/profile-steelco.json";
    private static final String GRANT = "governance/proposal-grant-producer.json";
    private static final String GRANT_ID = "3f6c2a9e-8d4b-4e1a-9c7f-2b5d8e1a4c60";
    private static final String OTHER_ID = "7a1d9b3c-5e2f-4a6b-8c0d-1e2f3a4b5c6d";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final GovernanceContract governance = new GovernanceContract();

    // --- helpers ------------------------------------------------------------------------------------------------

    private JsonObject bootstrap() {
        return json(harness.as(STEEL, ADMIN).submit(governance, "Bootstrap", Fixtures.text(MEMBERS)));
    }

    private JsonObject organization(String msp) {
        return json(harness.as(CERT, CLIENT).evaluate(governance, "GetOrganization", msp));
    }

    private JsonObject proposalOnLedger(String id) {
        return json(harness.as(CERT, CLIENT).evaluate(governance, "GetProposal", id));
    }

    private JsonObject propose(String msp, Fixtures.Obj proposal) {
        return json(harness.as(msp, ADMIN).submit(governance, "ProposeRole", proposal.text()));
    }

    private JsonObject approve(String msp, String proposalId) {
        return json(harness.as(msp, ADMIN).submit(governance, "ApproveProposal", proposalId));
    }

    /** Grants SteelCo PRODUCER through proposal GRANT_ID: SteelCo proposes, ApplianceCo approves. */
    private void grantSteelProducer() {
        propose(STEEL, Fixtures.object(GRANT));
        approve(APPLIANCE, GRANT_ID);
    }

    private static Fixtures.Obj revokeSteelProducer() {
        return Fixtures.object(GRANT).set("proposalId", OTHER_ID).set("action", "REVOKE");
    }

    private JsonObject stored(String key) {
        return Json.parseObject(harness.ledger().get(key).orElseThrow(() -> new AssertionError("no state at "
                + ChangeEvents.printable(key))), key);
    }

    private static JsonObject json(String text) {
        return Json.parseObject(text, "result");
    }

    private static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    private static String string(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireString(name);
    }

    private static List<String> strings(JsonObject object, String name) {
        List<String> values = new ArrayList<>();
        for (JsonValue v : JsonObjectReader.of(object, "").requireArray(name).elements()) {
            values.add(JsonObjectReader.asString(v, name));
        }
        return values;
    }

    private static JsonArray array(String... values) {
        List<JsonValue> elements = new ArrayList<>();
        for (String v : values) {
            elements.add(JsonString.of(v));
        }
        return JsonArray.of(elements);
    }

    private List<String> writtenKeys() {
        return harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable).toList();
    }

    private Instant lastTimestamp() {
        return harness.lastTransaction().timestamp();
    }

    // --- transactions -------------------------------------------------------------------------------------------

    @Nested
    class Bootstrap {

        @Test
        void records_the_founding_members_sorted_with_who_bootstrapped_and_when() {
            JsonObject consortium = bootstrap();

            JsonObject expected = JsonObject.builder()
                    .put("members", array(APPLIANCE, CERT, STEEL))
                    .put("bootstrappedBy", STEEL)
                    .put("bootstrappedAt", lastTimestamp().toString())
                    .put("txId", harness.lastTransaction().txId())
                    .build();
            assertThat(consortium).isEqualTo(expected);
            assertThat(json(harness.as(APPLIANCE, CLIENT).evaluate(governance, "GetConsortium"))).isEqualTo(expected);
        }

        @Test
        void creates_a_private_profile_named_after_each_member_without_roles() {
            bootstrap();
            String at = lastTimestamp().toString();

            for (String msp : MEMBERS_SORTED) {
                assertThat(organization(msp)).as(msp).isEqualTo(JsonObject.builder()
                        .put("mspId", msp).put("displayName", msp).put("public", false).put("website", "")
                        .put("registeredAt", at).put("updatedAt", at).put("roles", JsonArray.of())
                        .build());
            }
        }

        @Test
        void starts_every_members_ownership_sequence_at_zero() {
            bootstrap();
            String txId = harness.lastTransaction().txId();

            for (String msp : MEMBERS_SORTED) {
                assertThat(stored(key("OWNERSHIP", msp))).as(msp).isEqualTo(JsonObject.builder()
                        .put("mspId", msp).put("sequence", 0L).put("txId", txId).build());
            }
        }

        @Test
        void the_change_event_lists_exactly_the_consortium_and_each_members_profile_and_ownership() {
            bootstrap();

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("CONSORTIUM",
                    "ORG/ApplianceCoMSP", "OWNERSHIP/ApplianceCoMSP",
                    "ORG/CertCoMSP", "OWNERSHIP/CertCoMSP",
                    "ORG/SteelCoMSP", "OWNERSHIP/SteelCoMSP");
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Governance:Bootstrap");
        }

        @Test
        void protects_each_organization_key_so_only_a_majority_that_includes_the_owner_can_write_it() {
            bootstrap();

            assertThat(harness.lastTransaction().validationParameterWrites().keySet())
                    .containsExactlyInAnyOrder(key("ORG", APPLIANCE), key("OWNERSHIP", APPLIANCE),
                            key("ORG", CERT), key("OWNERSHIP", CERT), key("ORG", STEEL), key("OWNERSHIP", STEEL));
            for (String owner : MEMBERS_SORTED) {
                for (String type : List.of("ORG", "OWNERSHIP")) {
                    byte[] policy = harness.ledger().validationParameter(key(type, owner)).orElseThrow();
                    assertIsOwnerAndTwoOfThreeMembersPeers(SignaturePolicies.parse(policy), owner);
                }
            }
        }

        @Test
        void leaves_the_consortium_record_under_the_chaincode_policy() {
            bootstrap();

            assertThat(harness.ledger().validationParameter("CONSORTIUM")).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = NodeOu.class, names = {"CLIENT", "PEER"})
        void refuses_an_identity_that_is_not_an_admin(NodeOu ou) {
            String message = harness.assertRefused(FORBIDDEN,
                    () -> harness.as(STEEL, ou).submit(governance, "Bootstrap", Fixtures.text(MEMBERS)));

            assertThat(message).contains("admin");
            assertThat(harness.state().size()).isZero();
        }

        @Test
        void refuses_a_client_whose_affiliation_merely_looks_like_admin() {
            // Fabric CA puts affiliations into OUs: this is a *client* (Node OU "client") of affiliation
            // "steelco.Admin". Fabric's MSP classifies it as a client, so the chaincode must too.
            var impostor = TestIdentities.custom(STEEL, "operator@steelco.carbonledger.test", "client", "steelco", "Admin");

            harness.assertRefused(FORBIDDEN, () -> harness.as(impostor).submit(governance, "Bootstrap", Fixtures.text(MEMBERS)));
        }

        @Test
        void refuses_a_second_bootstrap_even_by_another_members_admin() {
            bootstrap();

            String message = harness.assertRefused(ALREADY_EXISTS, () -> harness.as(CERT, ADMIN)
                    .submit(governance, "Bootstrap", Fixtures.array(MEMBERS).remove(0).text()));
            assertThat(message).contains("already bootstrapped");
        }

        @Test
        void refuses_a_member_list_without_the_bootstrapping_organization() {
            String withoutSteel = Fixtures.array(MEMBERS).remove(0).text();

            String message = harness.assertRefused(FORBIDDEN,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "Bootstrap", withoutSteel));
            assertThat(message).startsWith("members: ").contains(STEEL);
        }

        @Test
        void refuses_a_member_listed_twice_naming_the_second_occurrence() {
            String duplicated = Fixtures.array(MEMBERS).append(CERT).text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "Bootstrap", duplicated));
            assertThat(message).isEqualTo("members[3] \"CertCoMSP\": listed twice");
        }

        @Test
        void refuses_an_empty_member_list() {
            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "Bootstrap", "[]"));
            assertThat(message).startsWith("members: ");
        }

        static Stream<Arguments> malformedMemberLists() {
            Fixtures.Arr members = Fixtures.array(MEMBERS);
            return Stream.of(
                    Arguments.of("an object", "{\"members\":[\"SteelCoMSP\"]}", "members"),
                    Arguments.of("a string", "\"SteelCoMSP\"", "members"),
                    Arguments.of("unparsable JSON", "[\"SteelCoMSP\",", "members"),
                    Arguments.of("a number element", members.append(JsonNumber.of(7)).text(), "members[3]"),
                    Arguments.of("a null element", members.append(JsonNull.INSTANCE).text(), "members[3]"),
                    Arguments.of("an empty MSP id", members.replace(1, JsonString.of("")).text(), "members[1]"),
                    Arguments.of("an MSP id with a space", members.replace(2, JsonString.of("Cert Co")).text(), "members[2]"),
                    Arguments.of("an MSP id of 129 characters", members.append("M".repeat(129)).text(), "members[3]"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformedMemberLists")
        void refuses_a_malformed_member_list_naming_the_offending_element(String what, String input, String field) {
            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "Bootstrap", input));
            assertNamesField(message, field);
        }
    }

    @Nested
    class RegisterOrganization {
        @BeforeEach
        void bootstrapped() {
            bootstrap();
        }

        @Test
        void publishes_the_callers_profile_and_answers_it_with_the_roles() {
            String result = harness.as(STEEL, ADMIN).submit(governance, "RegisterOrganization", Fixtures.text(PROFILE));

            JsonObject expected = Fixtures.object(PROFILE).json().toBuilder()
                    .put("mspId", STEEL)
                    .put("registeredAt", ChaincodeHarness.START.toString())
                    .put("updatedAt", lastTimestamp().toString())
                    .put("roles", JsonArray.of())
                    .build();
            assertThat(json(result)).isEqualTo(expected);
            assertThat(organization(STEEL)).isEqualTo(expected);
        }

        @Test
        void keeps_registeredAt_and_moves_updatedAt_on_every_change() {
            Instant bootstrappedAt = ChaincodeHarness.START;
            Instant first = Instant.parse("2026-11-01T10:00:00Z");
            Instant second = Instant.parse("2026-12-24T18:30:00Z");

            harness.as(STEEL, ADMIN).at(first).submit(governance, "RegisterOrganization", Fixtures.text(PROFILE));
            JsonObject afterFirst = organization(STEEL);
            harness.as(STEEL, ADMIN).at(second).submit(governance, "RegisterOrganization",
                    Fixtures.object(PROFILE).set("displayName", "SteelCo AG").text());
            JsonObject afterSecond = organization(STEEL);

            assertThat(string(afterFirst, "registeredAt")).isEqualTo(bootstrappedAt.toString());
            assertThat(string(afterFirst, "updatedAt")).isEqualTo(first.toString());
            assertThat(string(afterSecond, "registeredAt")).isEqualTo(bootstrappedAt.toString());
            assertThat(string(afterSecond, "updatedAt")).isEqualTo(second.toString());
            assertThat(string(afterSecond, "displayName")).isEqualTo("SteelCo AG");
        }

        @Test
        void a_profile_is_private_without_a_website_unless_it_says_otherwise() {
            harness.as(STEEL, ADMIN).submit(governance, "RegisterOrganization",
                    Fixtures.object(PROFILE).remove("public").remove("website").text());

            JsonObject org = organization(STEEL);
            assertThat(org.get("public")).contains(JsonBoolean.FALSE);
            assertThat(string(org, "website")).isEmpty();
        }

        @Test
        void accepts_a_display_name_of_exactly_200_characters_and_a_website_of_300() {
            String name = "S".repeat(200);
            String website = "https://steelco.example/" + "p".repeat(300 - 24);

            harness.as(STEEL, ADMIN).submit(governance, "RegisterOrganization",
                    Fixtures.object(PROFILE).set("displayName", name).set("website", website).text());

            assertThat(string(organization(STEEL), "displayName")).isEqualTo(name);
            assertThat(string(organization(STEEL), "website")).isEqualTo(website);
        }

        @Test
        void changes_only_the_callers_own_organization_and_the_event_lists_exactly_that() {
            LedgerSnapshot before = harness.state();

            harness.as(APPLIANCE, ADMIN).submit(governance, "RegisterOrganization", Fixtures.text(PROFILE));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("ORG/ApplianceCoMSP");
            assertThat(harness.lastTransaction().validationParameterWrites()).isEmpty();
            assertThat(harness.state().changedKeysSince(before)).containsExactly(key("ORG", APPLIANCE));
        }

        @Test
        void the_event_names_the_function_with_its_contract_even_when_the_client_left_the_contract_out() {
            harness.as(STEEL, ADMIN).sendingFunctionAs("RegisterOrganization")
                    .submit(governance, "RegisterOrganization", Fixtures.text(PROFILE));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Governance:RegisterOrganization");
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            String message = harness.assertRefused(FORBIDDEN, () -> harness.as(ROGUE, ADMIN)
                    .submit(governance, "RegisterOrganization", Fixtures.text(PROFILE)));
            assertThat(message).contains(ROGUE).contains("not a member");
        }

        @ParameterizedTest
        @ValueSource(strings = {"mspId", "logo", "roles"})
        void refuses_an_unknown_member_naming_it(String member) {
            String input = Fixtures.object(PROFILE).set(member, "x").text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "RegisterOrganization", input));
            assertThat(message).startsWith(member + ": unknown member");
        }

        static Stream<Arguments> badDisplayNames() {
            return Stream.of(
                    Arguments.of("empty", ""),
                    Arguments.of("blank", "   \t "),
                    Arguments.of("201 characters", "S".repeat(201)),
                    Arguments.of("a newline", "SteelCo\nGmbH"),
                    Arguments.of("a bell", "SteelCo\u0007"),
                    Arguments.of("a C1 control (NEL)", "SteelCo\u0085GmbH"),
                    Arguments.of("DEL", "SteelCo\u007f"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badDisplayNames")
        void refuses_a_display_name_that_is_blank_too_long_or_has_control_characters(String what, String displayName) {
            String input = Fixtures.object(PROFILE).set("displayName", displayName).text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "RegisterOrganization", input));
            assertNamesField(message, "displayName");
        }

        static Stream<Arguments> otherBadProfiles() {
            Fixtures.Obj profile = Fixtures.object(PROFILE);
            return Stream.of(
                    Arguments.of("no displayName", profile.remove("displayName").text(), "displayName"),
                    Arguments.of("a numeric displayName", profile.set("displayName", JsonNumber.of(7)).text(), "displayName"),
                    Arguments.of("public as a string", profile.set("public", "yes").text(), "public"),
                    Arguments.of("public null", profile.set("public", JsonNull.INSTANCE).text(), "public"),
                    Arguments.of("a website of 301 characters", profile.set("website", "w".repeat(301)).text(), "website"),
                    Arguments.of("an array", "[" + profile.text() + "]", "profile"),
                    Arguments.of("unparsable JSON", "{\"displayName\":", "profile"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("otherBadProfiles")
        void refuses_a_malformed_profile_naming_the_field(String what, String input, String field) {
            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "RegisterOrganization", input));
            assertNamesField(message, field);
        }

        @Test
        void refuses_everyone_before_the_consortium_exists() {
            ChaincodeHarness fresh = ChaincodeHarness.newInstance();

            fresh.assertRefused(INVALID_STATE, () -> fresh.as(STEEL, ADMIN)
                    .submit(governance, "RegisterOrganization", Fixtures.text(PROFILE)));
        }

        @Test
        void a_change_endorsed_without_the_owners_peer_is_invalidated_at_commit() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, ADMIN).endorsedBy(APPLIANCE, CERT)
                    .submit(governance, "RegisterOrganization", Fixtures.text(PROFILE)))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void a_change_endorsed_by_the_owner_alone_is_invalidated_at_commit() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, ADMIN).endorsedBy(STEEL)
                    .submit(governance, "RegisterOrganization", Fixtures.text(PROFILE)))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void a_change_endorsed_by_the_owner_and_one_other_member_commits() {
            harness.as(STEEL, ADMIN).endorsedBy(STEEL, CERT)
                    .submit(governance, "RegisterOrganization", Fixtures.text(PROFILE));

            assertThat(harness.lastTransaction().committed()).isTrue();
            assertThat(string(organization(STEEL), "displayName")).isEqualTo("SteelCo Flat Products GmbH");
        }
    }

    @Nested
    class ProposeRole {
        @BeforeEach
        void bootstrapped() {
            bootstrap();
        }

        @Test
        void with_three_members_the_proposer_alone_is_not_a_majority_so_the_proposal_stays_open() {
            JsonObject proposal = propose(STEEL, Fixtures.object(GRANT));

            JsonObject expected = Fixtures.object(GRANT).json().toBuilder()
                    .put("proposedBy", STEEL)
                    .put("createdAt", lastTimestamp().toString())
                    .put("txId", harness.lastTransaction().txId())
                    .put("approvals", array(STEEL))
                    .put("status", "OPEN")
                    .build();
            assertThat(proposal).isEqualTo(expected);
            assertThat(proposalOnLedger(GRANT_ID)).isEqualTo(expected);
            assertThat(strings(organization(STEEL), "roles")).isEmpty();
            assertThat(harness.ledger().get(key("ROLE", STEEL, "PRODUCER"))).isEmpty();
        }

        @Test
        void claims_the_proposal_id_forever_and_the_event_lists_exactly_the_claim_and_the_proposal() {
            propose(CERT, Fixtures.object(GRANT));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("ID/" + GRANT_ID, "PROPOSAL/" + GRANT_ID);
            assertThat(stored(key("ID", GRANT_ID))).isEqualTo(JsonObject.builder()
                    .put("id", GRANT_ID).put("kind", "proposal").put("txId", harness.lastTransaction().txId()).build());
        }

        @Test
        void in_a_consortium_of_one_the_proposer_is_the_majority_and_the_grant_executes_at_once() {
            ChaincodeHarness solo = ChaincodeHarness.on(InMemoryLedger.newInstance("carbon", List.of(STEEL)));
            solo.as(STEEL, ADMIN).submit(governance, "Bootstrap", "[\"SteelCoMSP\"]");

            JsonObject proposal = json(solo.as(STEEL, ADMIN).submit(governance, "ProposeRole", Fixtures.text(GRANT)));

            assertThat(string(proposal, "status")).isEqualTo("EXECUTED");
            ChangeEvents.assertMirrorsWrites(solo.lastTransaction());
            assertThat(solo.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable))
                    .containsExactly("ID/" + GRANT_ID, "ROLE/SteelCoMSP/PRODUCER", "PROPOSAL/" + GRANT_ID);
            assertThat(strings(json(solo.as(STEEL, CLIENT).evaluate(governance, "GetOrganization", STEEL)), "roles"))
                    .containsExactly("PRODUCER");
        }

        @ParameterizedTest
        @EnumSource(value = NodeOu.class, names = {"CLIENT", "PEER"})
        void refuses_an_identity_that_is_not_an_admin(NodeOu ou) {
            harness.assertRefused(FORBIDDEN,
                    () -> harness.as(STEEL, ou).submit(governance, "ProposeRole", Fixtures.text(GRANT)));
        }

        @Test
        void refuses_an_admin_of_an_organization_outside_the_consortium() {
            String message = harness.assertRefused(FORBIDDEN,
                    () -> harness.as(ROGUE, ADMIN).submit(governance, "ProposeRole", Fixtures.text(GRANT)));
            assertThat(message).contains(ROGUE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"3F6C2A9E-8D4B-4E1A-9C7F-2B5D8E1A4C60", "{3f6c2a9e-8d4b-4e1a-9c7f-2b5d8e1a4c60}",
                "urn:uuid:3f6c2a9e-8d4b-4e1a-9c7f-2b5d8e1a4c60", "3f6c2a9e8d4b4e1a9c7f2b5d8e1a4c60", "proposal-1", ""})
        void refuses_a_proposal_id_that_is_not_a_canonical_uuid(String id) {
            String input = Fixtures.object(GRANT).set("proposalId", id).text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", input));
            assertThat(message).startsWith("proposalId ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"PROMOTE", "grant", "Revoke", ""})
        void refuses_an_action_other_than_grant_or_revoke(String action) {
            String input = Fixtures.object(GRANT).set("action", action).text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", input));
            assertThat(message).startsWith("action ").contains("GRANT or REVOKE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"AUDITOR", "producer", "ADMIN"})
        void refuses_an_unknown_role(String role) {
            String input = Fixtures.object(GRANT).set("role", role).text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", input));
            assertThat(message).startsWith("role ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"proposalId", "action", "mspId", "role"})
        void refuses_a_proposal_missing_a_member(String member) {
            String input = Fixtures.object(GRANT).remove(member).text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", input));
            assertThat(message).isEqualTo(member + ": missing member");
        }

        @Test
        void refuses_an_unknown_member() {
            String input = Fixtures.object(GRANT).set("approvals", "everyone").text();

            String message = harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", input));
            assertThat(message).startsWith("approvals: unknown member");
        }

        @Test
        void refuses_a_target_that_is_not_a_member() {
            String input = Fixtures.object(GRANT).set("mspId", ROGUE).text();

            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", input));
            assertThat(message).startsWith("mspId \"RogueCoMSP\"");
        }

        @Test
        void refuses_to_grant_a_role_the_target_already_holds() {
            grantSteelProducer();
            String again = Fixtures.object(GRANT).set("proposalId", OTHER_ID).text();

            String message = harness.assertRefused(ALREADY_EXISTS,
                    () -> harness.as(CERT, ADMIN).submit(governance, "ProposeRole", again));
            assertThat(message).contains(STEEL).contains("already holds");
        }

        @Test
        void refuses_to_revoke_a_role_the_target_does_not_hold() {
            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(CERT, ADMIN).submit(governance, "ProposeRole", revokeSteelProducer().text()));
            assertThat(message).contains(STEEL).contains("does not hold");
        }

        @Test
        void refuses_a_replayed_proposal_id_naming_the_transaction_that_used_it() {
            propose(STEEL, Fixtures.object(GRANT));
            String firstTx = harness.lastTransaction().txId();

            String message = harness.assertRefused(DUPLICATE_ID,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", Fixtures.text(GRANT)));
            assertThat(message).startsWith("proposalId \"" + GRANT_ID + "\"").contains("proposal").contains(firstTx);
        }

        @Test
        void refuses_a_proposal_id_already_used_for_a_different_proposal() {
            propose(STEEL, Fixtures.object(GRANT));
            String different = Fixtures.object(GRANT).set("role", "CERTIFIER").set("mspId", CERT).text();

            harness.assertRefused(DUPLICATE_ID,
                    () -> harness.as(APPLIANCE, ADMIN).submit(governance, "ProposeRole", different));
        }

        @Test
        void refuses_a_retry_of_an_already_executed_proposal_as_a_replay_not_as_a_role_conflict() {
            grantSteelProducer();

            harness.assertRefused(DUPLICATE_ID,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ProposeRole", Fixtures.text(GRANT)));
        }
    }

    @Nested
    class ApproveProposal {
        @BeforeEach
        void bootstrappedWithAnOpenGrant() {
            bootstrap();
            propose(STEEL, Fixtures.object(GRANT));
        }

        @Test
        void the_second_approval_of_three_members_executes_the_grant() {
            JsonObject executed = approve(APPLIANCE, GRANT_ID);
            String txId = harness.lastTransaction().txId();
            String at = lastTimestamp().toString();

            assertThat(string(executed, "status")).isEqualTo("EXECUTED");
            assertThat(strings(executed, "approvals")).containsExactly(APPLIANCE, STEEL);
            assertThat(string(executed, "executedAt")).isEqualTo(at);
            assertThat(string(executed, "executedTxId")).isEqualTo(txId);
            assertThat(proposalOnLedger(GRANT_ID)).isEqualTo(executed);
            assertThat(strings(organization(STEEL), "roles")).containsExactly("PRODUCER");
            assertThat(stored(key("ROLE", STEEL, "PRODUCER"))).isEqualTo(JsonObject.builder()
                    .put("mspId", STEEL).put("role", "PRODUCER").put("grantedAt", at)
                    .put("proposalId", GRANT_ID).put("txId", txId).build());
        }

        @Test
        void the_event_of_the_executing_approval_lists_exactly_the_role_and_the_proposal() {
            approve(APPLIANCE, GRANT_ID);

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("ROLE/SteelCoMSP/PRODUCER", "PROPOSAL/" + GRANT_ID);
            assertThat(string(harness.lastEvent(), "mspId")).isEqualTo(APPLIANCE);
        }

        @Test
        void refuses_a_second_approval_by_the_same_organization() {
            String message = harness.assertRefused(ALREADY_EXISTS,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "ApproveProposal", GRANT_ID));
            assertThat(message).contains(STEEL + " has already approved");
        }

        @Test
        void refuses_to_approve_a_proposal_that_was_already_executed() {
            approve(APPLIANCE, GRANT_ID);

            String message = harness.assertRefused(INVALID_STATE,
                    () -> harness.as(CERT, ADMIN).submit(governance, "ApproveProposal", GRANT_ID));
            assertThat(message).contains("EXECUTED");
        }

        @ParameterizedTest
        @EnumSource(value = NodeOu.class, names = {"CLIENT", "PEER"})
        void refuses_an_identity_that_is_not_an_admin(NodeOu ou) {
            harness.assertRefused(FORBIDDEN, () -> harness.as(APPLIANCE, ou).submit(governance, "ApproveProposal", GRANT_ID));
            assertThat(string(proposalOnLedger(GRANT_ID), "status")).isEqualTo("OPEN");
        }

        @Test
        void refuses_an_admin_of_an_organization_outside_the_consortium() {
            harness.assertRefused(FORBIDDEN, () -> harness.as(ROGUE, ADMIN).submit(governance, "ApproveProposal", GRANT_ID));
        }

        @Test
        void refuses_an_unknown_proposal() {
            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(APPLIANCE, ADMIN).submit(governance, "ApproveProposal", OTHER_ID));
            assertThat(message).startsWith("proposalId \"" + OTHER_ID + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not-a-uuid", "3F6C2A9E-8D4B-4E1A-9C7F-2B5D8E1A4C60"})
        void refuses_a_proposal_id_that_is_not_a_canonical_uuid(String id) {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(APPLIANCE, ADMIN).submit(governance, "ApproveProposal", id));
        }

        @Test
        void a_revoke_approved_by_a_majority_removes_the_role() {
            approve(APPLIANCE, GRANT_ID);
            propose(CERT, revokeSteelProducer());

            JsonObject executed = approve(STEEL, OTHER_ID);

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("ROLE/SteelCoMSP/PRODUCER", "PROPOSAL/" + OTHER_ID);
            assertThat(harness.lastTransaction().writes().get(key("ROLE", STEEL, "PRODUCER"))).isEmpty();
            assertThat(string(executed, "status")).isEqualTo("EXECUTED");
            assertThat(strings(organization(STEEL), "roles")).isEmpty();
            assertThat(harness.ledger().get(key("ROLE", STEEL, "PRODUCER"))).isEmpty();
        }

        @Test
        void refuses_to_execute_a_grant_another_proposal_already_carried_out() {
            String duplicateGrant = Fixtures.object(GRANT).set("proposalId", OTHER_ID).text();
            harness.as(CERT, ADMIN).submit(governance, "ProposeRole", duplicateGrant);
            approve(APPLIANCE, GRANT_ID);

            harness.assertRefused(ALREADY_EXISTS, () -> harness.as(APPLIANCE, ADMIN).submit(governance, "ApproveProposal", OTHER_ID));
        }

        @Test
        void two_concurrent_approvals_grant_the_role_once_and_the_later_is_invalidated_as_a_read_conflict() {
            var byAppliance = harness.as(APPLIANCE, ADMIN).endorse(governance, "ApproveProposal", GRANT_ID);
            var byCert = harness.as(CERT, ADMIN).endorse(governance, "ApproveProposal", GRANT_ID);
            assertThat(string(json(byAppliance.result()), "status")).isEqualTo("EXECUTED");
            assertThat(string(json(byCert.result()), "status")).isEqualTo("EXECUTED");

            byAppliance.commit();
            LedgerSnapshot afterFirst = harness.state();
            assertThatThrownBy(byCert::commit).isInstanceOfSatisfying(CommitException.class,
                    e -> assertThat(e.validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT));

            assertThat(harness.state()).isEqualTo(afterFirst);
            assertThat(strings(proposalOnLedger(GRANT_ID), "approvals")).containsExactly(APPLIANCE, STEEL);
        }
    }

    @Nested
    class Queries {
        @Test
        void the_consortium_is_not_found_before_bootstrap() {
            harness.assertRefused(NOT_FOUND, () -> harness.as(STEEL, CLIENT).evaluate(governance, "GetConsortium"));
        }

        @Test
        void lists_every_member_organization_in_key_order_with_its_roles() {
            bootstrap();
            grantSteelProducer();

            JsonObject list = json(harness.as(CERT, CLIENT).evaluate(governance, "ListOrganizations"));

            List<JsonObject> items = JsonObjectReader.of(list, "").requireArray("items").elements().stream()
                    .map(v -> JsonObjectReader.asObject(v, "items[]")).toList();
            assertThat(items).extracting(o -> string(o, "mspId")).containsExactly(APPLIANCE, CERT, STEEL);
            assertThat(items).extracting(o -> strings(o, "roles")).containsExactly(List.of(), List.of(), List.of("PRODUCER"));
        }

        @Test
        void returns_the_stored_role_record_of_a_held_role_and_not_found_otherwise() {
            bootstrap();
            grantSteelProducer();

            JsonObject role = json(harness.as(CERT, CLIENT).evaluate(governance, "GetRole", STEEL, "PRODUCER"));
            assertThat(string(role, "mspId")).isEqualTo(STEEL);
            assertThat(string(role, "role")).isEqualTo("PRODUCER");
            assertThat(role).isEqualTo(stored(key("ROLE", STEEL, "PRODUCER")));

            harness.assertRefused(NOT_FOUND, () -> harness.as(CERT, CLIENT).evaluate(governance, "GetRole", STEEL, "CERTIFIER"));
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(governance, "GetRole", STEEL, "KING"));
        }

        @Test
        void an_organization_outside_the_consortium_is_not_found() {
            bootstrap();

            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(STEEL, CLIENT).evaluate(governance, "GetOrganization", ROGUE));
            assertThat(message).startsWith("mspId \"RogueCoMSP\"");
        }

        @Test
        void lists_every_proposal_in_id_order() {
            bootstrap();
            propose(STEEL, Fixtures.object(GRANT).set("proposalId", OTHER_ID));
            propose(CERT, Fixtures.object(GRANT).set("mspId", CERT).set("role", "CERTIFIER"));

            JsonObject list = json(harness.as(APPLIANCE, CLIENT).evaluate(governance, "ListProposals"));

            assertThat(JsonObjectReader.of(list, "").requireArray("items").elements())
                    .extracting(v -> string(JsonObjectReader.asObject(v, "items[]"), "proposalId"))
                    .containsExactly(GRANT_ID, OTHER_ID);
        }

        @Test
        void an_unknown_proposal_is_not_found() {
            bootstrap();

            harness.assertRefused(NOT_FOUND, () -> harness.as(STEEL, CLIENT).evaluate(governance, "GetProposal", GRANT_ID));
        }

        @Test
        void a_query_writes_nothing_and_emits_no_event() {
            bootstrap();

            harness.as(STEEL, CLIENT).evaluate(governance, "ListOrganizations");

            assertThat(harness.lastTransaction().writes()).isEmpty();
            assertThat(harness.lastTransaction().event()).isEmpty();
        }

        @Test
        void an_argument_holding_the_composite_key_delimiter_is_refused_as_invalid() {
            bootstrap();

            harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(STEEL, CLIENT).evaluate(governance, "GetOrganization", "SteelCoMSP\u0000ROLE"));
        }
    }

    // --- shared assertions --------------------------------------------------------------------------------------

    /** Refusal messages name the field first: {@code field: reason} or {@code field "value": reason}. */
    private static void assertNamesField(String message, String field) {
        assertThat(message).as("names the field " + field).matches("(?s)" + Pattern.quote(field) + "(: | \").*");
    }

    /**
     * Decodes a key-level policy and checks it means "the owner's peer AND 2 of the 3 members' peers" the way the
     * committing peer evaluates it: every endorsement counts once, so the owner must be one of the two.
     */
    private static void assertIsOwnerAndTwoOfThreeMembersPeers(SignaturePolicyEnvelope envelope, String owner) {
        String described = SignaturePolicies.describe(envelope);
        assertThat(envelope.getVersion()).as("policy version").isZero();
        List<String> principals = new ArrayList<>();
        for (MSPPrincipal principal : envelope.getIdentitiesList()) {
            assertThat(principal.getPrincipalClassification()).as(described).isEqualTo(MSPPrincipal.Classification.ROLE);
            MSPRole role = parseRole(principal);
            assertThat(role.getRole()).as(described).isEqualTo(MSPRole.MSPRoleType.PEER);
            principals.add(role.getMspIdentifier());
        }
        assertThat(principals).as("principals of " + described).containsExactlyElementsOf(MEMBERS_SORTED);

        for (Set<String> endorsers : subsets(MEMBERS_SORTED)) {
            boolean expected = endorsers.contains(owner) && endorsers.size() >= 2;
            assertThat(SignaturePolicies.isSatisfiedBy(envelope, List.copyOf(endorsers)))
                    .as("%s endorsed by %s", described, endorsers)
                    .isEqualTo(expected);
        }
    }

    private static MSPRole parseRole(MSPPrincipal principal) {
        try {
            return MSPRole.parseFrom(principal.getPrincipal());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("principal is not an MSPRole", e);
        }
    }

    private static List<Set<String>> subsets(List<String> items) {
        List<Set<String>> result = new ArrayList<>();
        for (int mask = 0; mask < 1 << items.size(); mask++) {
            Set<String> subset = new java.util.TreeSet<>();
            for (int i = 0; i < items.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(items.get(i));
                }
            }
            result.add(subset);
        }
        return result;
    }
}
