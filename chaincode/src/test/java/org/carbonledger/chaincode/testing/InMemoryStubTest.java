package org.carbonledger.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryStubTest {
    private static final Instant T = Instant.parse("2026-10-01T12:00:00Z");

    private final InMemoryLedger ledger = InMemoryLedger.newInstance();

    private InMemoryStub begin(String... args) {
        List<String> wire = new ArrayList<>(List.of(args));
        if (wire.isEmpty()) {
            wire.add("Test:Tx");
        }
        return ledger.newTransaction(InMemoryLedger.Proposal.of(
                TestIdentities.of("SteelCoMSP", NodeOu.CLIENT).serialized(), T, wire));
    }

    private void commit(Consumer<InMemoryStub> body) {
        InMemoryStub stub = begin();
        body.accept(stub);
        assertThat(ledger.commit(stub, ledger.organizations())).isEqualTo(TxValidationCode.VALID);
    }

    private static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    private static List<String> keys(Iterable<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        for (KeyValue kv : results) {
            keys.add(kv.getKey());
        }
        return keys;
    }

    @Nested
    class Header {
        @Test
        void answers_the_function_and_parameters_from_the_arguments() {
            InMemoryStub stub = begin("Governance:ProposeRole", "{\"a\":1}", "second");

            assertThat(stub.getFunction()).isEqualTo("Governance:ProposeRole");
            assertThat(stub.getParameters()).containsExactly("{\"a\":1}", "second");
            assertThat(stub.getStringArgs()).hasSize(3);
            assertThat(stub.getArgs()).extracting(b -> new String(b, UTF_8))
                    .containsExactly("Governance:ProposeRole", "{\"a\":1}", "second");
        }

        @Test
        void answers_the_transaction_timestamp_id_and_channel() {
            InMemoryStub stub = ledger.newTransaction(InMemoryLedger.Proposal
                    .of(new byte[] {1}, T, List.of("f")).withTxId("my-tx"));

            assertThat(stub.getTxTimestamp()).isEqualTo(T);
            assertThat(stub.getTxId()).isEqualTo("my-tx");
            assertThat(stub.getChannelId()).isEqualTo("carbon");
        }

        @Test
        void the_creator_is_a_serialized_identity_the_shims_client_identity_parses() throws Exception {
            TestIdentity admin = TestIdentities.of("CertCoMSP", NodeOu.ADMIN);
            InMemoryStub stub = ledger.newTransaction(InMemoryLedger.Proposal.of(admin.serialized(), T, List.of("f")));

            ClientIdentity identity = new ClientIdentity(stub);

            assertThat(identity.getMSPID()).isEqualTo("CertCoMSP");
            assertThat(identity.getX509Certificate()).isEqualTo(admin.certificate());
            assertThat(identity.getId()).isEqualTo("x509::CN=Admin@certco.carbonledger.test, OU=admin, L=San Francisco, "
                    + "ST=California, C=US::CN=ca.certco.carbonledger.test, O=certco.carbonledger.test, L=San Francisco, "
                    + "ST=California, C=US");
        }
    }

    @Nested
    class ReadsAndWrites {
        @Test
        void an_absent_key_reads_as_an_empty_array_never_null() {
            assertThat(begin().getState("missing")).isEmpty();
        }

        @Test
        void writes_are_buffered_and_invisible_to_the_transaction_itself() {
            InMemoryStub stub = begin();
            stub.putStringState("k", "v");

            assertThat(stub.getState("k")).isEmpty();
            assertThat(ledger.get("k")).isEmpty();
            assertThat(stub.writes()).containsOnlyKeys("k");
        }

        @Test
        void a_committed_write_is_visible_to_later_transactions() {
            commit(stub -> stub.putStringState("k", "v"));

            assertThat(begin().getStringState("k")).isEqualTo("v");
        }

        @Test
        void a_discarded_transaction_writes_nothing() {
            InMemoryStub stub = begin();
            stub.putStringState("k", "v");
            stub.setStateValidationParameter("k", new byte[] {1});
            ledger.discard(stub);

            assertThat(ledger.snapshot().size()).isZero();
            assertThat(ledger.history()).isEmpty();
        }

        @Test
        void deleting_removes_the_key_at_commit() {
            commit(stub -> stub.putStringState("k", "v"));
            commit(stub -> stub.delState("k"));

            assertThat(ledger.get("k")).isEmpty();
        }

        @Test
        void putting_an_empty_value_is_a_delete_as_in_a_fabric_write_set() {
            commit(stub -> stub.putStringState("k", "v"));
            commit(stub -> stub.putState("k", new byte[0]));

            assertThat(ledger.get("k")).isEmpty();
        }

        @Test
        void the_last_write_of_a_key_wins_and_keeps_its_first_position() {
            commit(stub -> {
                stub.putStringState("a", "1");
                stub.putStringState("b", "2");
                stub.delState("a");
                stub.putStringState("a", "3");
                assertThat(stub.writes().keySet()).containsExactly("a", "b");
            });

            assertThat(ledger.snapshot().text("a")).contains("3");
        }

        @Test
        void refuses_null_and_empty_keys_like_the_shim() {
            InMemoryStub stub = begin();

            assertThatThrownBy(() -> stub.putState(null, new byte[] {1})).isInstanceOf(NullPointerException.class)
                    .hasMessage("key cannot be null");
            assertThatThrownBy(() -> stub.putState("", new byte[] {1})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key cannot not be an empty string");
            assertThatThrownBy(() -> stub.setStateValidationParameter("", new byte[] {1}))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refuses_a_key_that_is_not_valid_utf8_like_the_peer() {
            InMemoryStub stub = begin();

            assertThatThrownBy(() -> stub.putStringState("lone\ud800surrogate", "v"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a UTF-8 string");
            stub.putStringState("pair\ud83d\ude00ok", "v");
        }
    }

    @Nested
    class CompositeKeys {
        @Test
        void are_the_shims_own_composite_keys() {
            ChaincodeStub stub = begin();

            CompositeKey created = stub.createCompositeKey("ROLE", "SteelCoMSP", "PRODUCER");
            assertThat(created.toString()).isEqualTo("\u0000ROLE\u0000SteelCoMSP\u0000PRODUCER\u0000");
            CompositeKey split = stub.splitCompositeKey(created.toString());
            assertThat(split.getObjectType()).isEqualTo("ROLE");
            assertThat(split.getAttributes()).containsExactly("SteelCoMSP", "PRODUCER");
        }

        @Test
        void refuses_attributes_holding_the_delimiter() {
            assertThatThrownBy(() -> begin().createCompositeKey("ORG", "a\u0000b"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_partial_key_matches_exactly_the_keys_under_that_prefix() {
            commit(stub -> {
                stub.putStringState(key("ORG", "ApplianceCoMSP"), "{}");
                stub.putStringState(key("ORG", "SteelCoMSP"), "{}");
                stub.putStringState(key("ORGANIZATION", "X"), "{}");
                stub.putStringState(key("OR", "G"), "{}");
                stub.putStringState(key("ROLE", "SteelCoMSP", "PRODUCER"), "{}");
                stub.putStringState(key("ROLE", "SteelCoMSP2", "PRODUCER"), "{}");
                stub.putStringState("ORG", "{}");
            });
            InMemoryStub reader = begin();

            assertThat(keys(reader.getStateByPartialCompositeKey("ORG")))
                    .containsExactly(key("ORG", "ApplianceCoMSP"), key("ORG", "SteelCoMSP"));
            assertThat(keys(reader.getStateByPartialCompositeKey("ROLE", "SteelCoMSP")))
                    .containsExactly(key("ROLE", "SteelCoMSP", "PRODUCER"));
            assertThat(keys(reader.getStateByPartialCompositeKey(key("ROLE", "SteelCoMSP2"))))
                    .containsExactly(key("ROLE", "SteelCoMSP2", "PRODUCER"));
        }

        @Test
        void a_partial_key_range_includes_attributes_above_the_surrogates_in_utf8_order() {
            // In UTF-16 order U+E000 and U+FFFD sort above the end key U+10FFFF (a surrogate pair); in the peer's
            // UTF-8 order they sort below it, so a partial key query must return them, in code point order.
            commit(stub -> {
                stub.putStringState(key("T", "\ud83d\ude00"), "{}");
                stub.putStringState(key("T", "\ufffd"), "{}");
                stub.putStringState(key("T", "\ue000"), "{}");
                stub.putStringState(key("T", "z"), "{}");
            });

            assertThat(keys(begin().getStateByPartialCompositeKey("T")))
                    .containsExactly(key("T", "z"), key("T", "\ue000"), key("T", "\ufffd"), key("T", "\ud83d\ude00"));
        }
    }

    @Nested
    class RangeQueries {
        @Test
        void a_range_is_start_inclusive_end_exclusive() {
            commit(stub -> List.of("a", "b", "c", "d").forEach(k -> stub.putStringState(k, k)));

            assertThat(keys(begin().getStateByRange("b", "d"))).containsExactly("b", "c");
        }

        @Test
        void open_ranges_cover_all_simple_keys_but_no_composite_key() {
            commit(stub -> {
                stub.putStringState("a", "1");
                stub.putStringState("z", "2");
                stub.putStringState(key("ORG", "x"), "3");
            });

            assertThat(keys(begin().getStateByRange("", ""))).containsExactly("a", "z");
        }

        @Test
        void refuses_a_range_bound_in_the_composite_key_namespace() {
            assertThatThrownBy(() -> begin().getStateByRange(key("ORG"), ""))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void an_iterator_cannot_be_used_after_close() throws Exception {
            commit(stub -> stub.putStringState("a", "1"));
            QueryResultsIterator<KeyValue> results = begin().getStateByRange("", "");
            results.close();

            assertThatThrownBy(() -> results.iterator().hasNext()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Pagination {
        private void sevenKeys() {
            commit(stub -> {
                for (String name : List.of("a", "b", "c", "d", "e", "f", "g")) {
                    stub.putStringState(key("ITEM", name), name);
                }
                stub.putStringState(key("OTHER", "a"), "noise");
            });
        }

        @Test
        void returns_pages_with_the_fetched_count_and_the_next_pages_first_key_as_bookmark() {
            sevenKeys();
            List<String> bookmarks = new ArrayList<>();
            List<List<String>> pages = new ArrayList<>();
            String bookmark = "";
            do {
                QueryResultsIteratorWithMetadata<KeyValue> page =
                        begin().getStateByPartialCompositeKeyWithPagination(new CompositeKey("ITEM"), 3, bookmark);
                pages.add(keys(page));
                QueryResponseMetadata metadata = page.getMetadata();
                assertThat(metadata.getFetchedRecordsCount()).isEqualTo(pages.get(pages.size() - 1).size());
                bookmark = metadata.getBookmark();
                bookmarks.add(bookmark);
            } while (!bookmark.isEmpty());

            assertThat(pages).containsExactly(
                    List.of(key("ITEM", "a"), key("ITEM", "b"), key("ITEM", "c")),
                    List.of(key("ITEM", "d"), key("ITEM", "e"), key("ITEM", "f")),
                    List.of(key("ITEM", "g")));
            assertThat(bookmarks).containsExactly(key("ITEM", "d"), key("ITEM", "g"), "");
        }

        @Test
        void a_page_that_ends_exactly_at_the_last_key_has_no_bookmark() {
            sevenKeys();

            QueryResultsIteratorWithMetadata<KeyValue> page =
                    begin().getStateByPartialCompositeKeyWithPagination(new CompositeKey("ITEM"), 7, "");

            assertThat(keys(page)).hasSize(7);
            assertThat(page.getMetadata().getBookmark()).isEmpty();
        }

        @Test
        void simple_key_ranges_paginate_too() {
            commit(stub -> List.of("a", "b", "c").forEach(k -> stub.putStringState(k, k)));

            QueryResultsIteratorWithMetadata<KeyValue> page = begin().getStateByRangeWithPagination("a", "", 2, "");

            assertThat(keys(page)).containsExactly("a", "b");
            assertThat(page.getMetadata().getBookmark()).isEqualTo("c");
        }

        @Test
        void a_transaction_that_wrote_cannot_run_a_paginated_query() {
            InMemoryStub stub = begin();
            stub.putStringState("k", "v");

            assertThatThrownBy(() -> stub.getStateByPartialCompositeKeyWithPagination(new CompositeKey("ITEM"), 3, ""))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Paginated queries are supported only in a read-only transaction");
        }

        @Test
        void a_transaction_that_ran_a_paginated_query_cannot_write() {
            InMemoryStub stub = begin();
            stub.getStateByPartialCompositeKeyWithPagination(new CompositeKey("ITEM"), 3, "");

            assertThatThrownBy(() -> stub.putStringState("k", "v"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Writes are not allowed");
        }
    }

    @Nested
    class ValidationParameters {
        private final byte[] policy = SignaturePolicies.anyPeerOf("SteelCoMSP", "CertCoMSP");

        @Test
        void a_parameter_set_with_the_value_is_committed_with_it() {
            commit(stub -> {
                stub.putStringState("k", "v");
                stub.setStateValidationParameter("k", policy);
                assertThat(stub.getStateValidationParameter("k")).as("not visible before commit").isNull();
            });

            assertThat(ledger.validationParameter("k")).hasValue(policy);
            assertThat(begin().getStateValidationParameter("k")).isEqualTo(policy);
        }

        @Test
        void rewriting_the_value_keeps_the_parameter() {
            commit(stub -> {
                stub.putStringState("k", "v");
                stub.setStateValidationParameter("k", policy);
            });
            commit(stub -> stub.putStringState("k", "v2"));

            assertThat(ledger.validationParameter("k")).hasValue(policy);
        }

        @Test
        void deleting_the_key_drops_the_parameter() {
            commit(stub -> {
                stub.putStringState("k", "v");
                stub.setStateValidationParameter("k", policy);
            });
            commit(stub -> stub.delState("k"));
            commit(stub -> stub.putStringState("k", "back"));

            assertThat(ledger.validationParameter("k")).isEmpty();
        }

        @Test
        void a_parameter_on_a_key_that_does_not_exist_is_ignored() {
            commit(stub -> stub.setStateValidationParameter("ghost", policy));

            assertThat(ledger.validationParameter("ghost")).isEmpty();
            assertThat(ledger.get("ghost")).isEmpty();
        }
    }

    @Nested
    class Events {
        @Test
        void the_last_event_set_wins() {
            InMemoryStub stub = begin();
            stub.setEvent("first", "1".getBytes(UTF_8));
            stub.setEvent("second", "2".getBytes(UTF_8));

            assertThat(stub.event()).hasValueSatisfying(e -> {
                assertThat(e.getEventName()).isEqualTo("second");
                assertThat(e.getPayload().toStringUtf8()).isEqualTo("2");
            });
            assertThat(stub.getEvent().getEventName()).isEqualTo("second");
        }

        @Test
        void refuses_an_event_without_a_name() {
            assertThatThrownBy(() -> begin().setEvent("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_committed_transaction_keeps_its_event_in_the_history() {
            commit(stub -> stub.setEvent("carbonledger.changes", "{}".getBytes(UTF_8)));

            assertThat(ledger.history()).singleElement()
                    .satisfies(tx -> assertThat(tx.event()).hasValueSatisfying(e -> assertThat(e.getEventName())
                            .isEqualTo("carbonledger.changes")));
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void a_finished_transaction_refuses_every_ledger_call() {
            InMemoryStub stub = begin();
            ledger.discard(stub);

            assertThat(stub.isFinished()).isTrue();
            assertThatThrownBy(() -> stub.getState("k")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> stub.putStringState("k", "v")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ledger.commit(stub, ledger.organizations())).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void a_transaction_cannot_be_committed_to_another_ledger() {
            InMemoryStub stub = begin();

            assertThatThrownBy(() -> InMemoryLedger.newInstance().commit(stub, List.of("SteelCoMSP")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"getQueryResult", "getHistoryForKey", "getPrivateDataByRange",
                "getPrivateDataValidationParameter", "invokeChaincode", "getSignedProposal", "getBinding"})
        void methods_this_project_does_not_use_are_unsupported_and_say_which(String method) {
            InMemoryStub stub = begin();
            Runnable call = switch (method) {
                case "getQueryResult" -> () -> stub.getQueryResult("{}");
                case "getHistoryForKey" -> () -> stub.getHistoryForKey("k");
                case "getPrivateDataByRange" -> () -> stub.getPrivateDataByRange("c", "a", "b");
                case "getPrivateDataValidationParameter" -> () -> stub.getPrivateDataValidationParameter("c", "k");
                case "invokeChaincode" -> () -> stub.invokeChaincode("cc", List.of(), "ch");
                case "getSignedProposal" -> stub::getSignedProposal;
                default -> stub::getBinding;
            };

            assertThatThrownBy(call::run).isInstanceOf(UnsupportedOperationException.class).hasMessageEndingWith("." + method);
        }
    }
}
