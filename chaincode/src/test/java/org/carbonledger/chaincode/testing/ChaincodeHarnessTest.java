package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.chaincode.testing.NodeOu.ADMIN;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.carbonledger.chaincode.governance.GovernanceContract;
import org.carbonledger.core.error.ErrorCode;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChaincodeHarnessTest {
    private static final String STEEL = "SteelCoMSP";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final ProbeContract probe = new ProbeContract();

    @Nested
    class Submit {
        @Test
        void commits_the_writes_and_returns_the_result() {
            String result = harness.as(STEEL, CLIENT).submit(probe, "Put", "colour", "green");

            assertThat(result).isEqualTo("put colour");
            assertThat(harness.state().text("colour")).contains("green");
            assertThat(harness.lastTransaction().committed()).isTrue();
            assertThat(harness.ledger().history()).hasSize(1);
        }

        @Test
        void sends_the_function_as_the_gateway_does_contract_name_colon_transaction() {
            String echoed = harness.as(STEEL, CLIENT).at(Instant.parse("2026-10-02T00:00:00Z"))
                    .evaluate(probe, "Echo", "x");

            assertThat(echoed).isEqualTo("Probe:Echo [x] 2026-10-02T00:00:00Z carbon");
            assertThat(harness.lastTransaction().function()).isEqualTo("Probe:Echo");
        }

        @Test
        void can_send_the_bare_function_name_a_default_contract_client_may_use() {
            String echoed = harness.as(STEEL, CLIENT).sendingFunctionAs("Echo").evaluate(probe, "Echo", "x");

            assertThat(echoed).startsWith("Echo [x] ");
        }

        @Test
        void finds_a_transaction_by_its_annotated_name() {
            assertThat(harness.as(STEEL, CLIENT).evaluate(probe, "Renamed")).isEqualTo("renamed");
        }

        @Test
        void the_chaincode_sees_the_callers_identity_through_the_shims_own_client_identity() {
            String whoami = harness.as(STEEL, ADMIN).evaluate(probe, "Whoami");

            assertThat(whoami).startsWith(STEEL + " x509::")
                    .contains("CN=Admin@steelco.carbonledger.test")
                    .contains("OU=admin")
                    .contains("CN=ca.steelco.carbonledger.test");
        }

        @Test
        void a_transaction_does_not_see_its_own_write_as_on_a_peer() {
            String read = harness.as(STEEL, CLIENT).submit(probe, "PutThenGet", "k", "v");

            assertThat(read).isEqualTo("[]");
            assertThat(harness.state().text("k")).contains("v");
        }

        @Test
        void each_transaction_is_one_second_after_the_previous_unless_it_sets_its_time() {
            harness.as(STEEL, CLIENT).submit(probe, "Put", "a", "1");
            harness.as(STEEL, CLIENT).at(Instant.parse("2030-01-01T00:00:00Z")).submit(probe, "Put", "b", "2");
            harness.as(STEEL, CLIENT).submit(probe, "Put", "c", "3");

            assertThat(harness.ledger().history()).hasSize(3);
            assertThat(harness.lastTransaction().timestamp()).isEqualTo(ChaincodeHarness.START.plusSeconds(1));
        }

        @Test
        void generates_distinct_deterministic_transaction_ids() {
            harness.as(STEEL, CLIENT).submit(probe, "Put", "a", "1");
            String first = harness.lastTransaction().txId();
            harness.as(STEEL, CLIENT).submit(probe, "Put", "a", "2");
            String second = harness.lastTransaction().txId();
            ChaincodeHarness other = ChaincodeHarness.newInstance();
            other.as(STEEL, CLIENT).submit(probe, "Put", "a", "1");

            assertThat(first).matches("[0-9a-f]{64}").isNotEqualTo(second);
            assertThat(other.lastTransaction().txId()).isEqualTo(first);
        }

        @Test
        void a_reused_transaction_id_is_invalidated_as_a_duplicate() {
            harness.as(STEEL, CLIENT).withTxId("tx-1").submit(probe, "Put", "a", "1");
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).withTxId("tx-1").submit(probe, "Put", "a", "2"))
                    .isInstanceOfSatisfying(CommitException.class, e -> {
                        assertThat(e.txId()).isEqualTo("tx-1");
                        assertThat(e.validationCode()).isEqualTo(TxValidationCode.DUPLICATE_TXID);
                    });
            assertThat(harness.state()).isEqualTo(before);
            assertThat(harness.lastTransaction().validationCode()).contains(TxValidationCode.DUPLICATE_TXID);
        }

        @Test
        void an_unknown_transaction_goes_to_the_contracts_unknown_transaction_handler() {
            GovernanceContract governance = new GovernanceContract();

            String message = harness.assertRefused(ErrorCode.INVALID_ARGUMENT,
                    () -> harness.as(STEEL, ADMIN).submit(governance, "Nope"));
            assertThat(message).isEqualTo("function \"Governance:Nope\": no such transaction");
        }

        @Test
        void converts_an_argument_to_a_non_string_parameter_as_the_runtime_does() {
            assertThat(harness.as(STEEL, CLIENT).evaluate(probe, "Twice", "21")).isEqualTo("42");
        }

        @Test
        void an_argument_the_runtime_cannot_convert_fails_before_the_contract_runs() {
            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).evaluate(probe, "Twice", "twenty"))
                    .isNotInstanceOf(org.hyperledger.fabric.shim.ChaincodeException.class);
            assertThat(harness.lastTransaction().event()).isEmpty();
        }

        @Test
        void refuses_to_guess_when_the_test_passes_the_wrong_number_of_arguments() {
            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).submit(probe, "Put", "only-a-key"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes 2 arguments");
        }
    }

    @Nested
    class Refusals {
        @Test
        void a_refused_transaction_writes_nothing_even_what_it_wrote_before_refusing() {
            harness.as(STEEL, CLIENT).submit(probe, "Put", "kept", "1");

            String message = harness.assertRefused(ErrorCode.INVALID_STATE,
                    () -> harness.as(STEEL, CLIENT).submit(probe, "PutThenRefuse", "lost", "2"));

            assertThat(message).isEqualTo("refused after writing lost");
            assertThat(harness.state().keys()).containsExactly("kept");
            TransactionRecord refused = harness.lastTransaction();
            assertThat(refused.writes()).containsOnlyKeys("lost");
            assertThat(refused.validationCode()).isEmpty();
            assertThat(refused.failure()).containsInstanceOf(ChaincodeException.class);
            assertThat(refused.committed()).isFalse();
        }

        @Test
        void a_transaction_that_fails_with_any_exception_writes_nothing_and_the_exception_surfaces_unchanged() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).submit(probe, "PutThenFail", "lost", "2"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a bug after writing lost");

            assertThat(harness.state()).isEqualTo(before);
            assertThat(harness.ledger().history()).isEmpty();
        }

        @Test
        void assert_refused_fails_when_the_transaction_succeeds() {
            assertThatThrownBy(() -> harness.assertRefused(ErrorCode.INVALID_STATE,
                    () -> harness.as(STEEL, CLIENT).submit(probe, "Put", "k", "v")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("got success");
        }

        @Test
        void assert_refused_fails_on_another_error_code() {
            assertThatThrownBy(() -> harness.assertRefused(ErrorCode.FORBIDDEN,
                    () -> harness.as(STEEL, CLIENT).submit(probe, "PutThenRefuse", "k", "v")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("FORBIDDEN").hasMessageContaining("INVALID_STATE");
        }

        @Test
        void a_context_kept_by_the_contract_cannot_be_used_in_a_later_transaction() {
            harness.as(STEEL, CLIENT).submit(probe, "Stash");

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).submit(probe, "UseStash", "k"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must not outlive its transaction");
            assertThat(harness.state().keys()).isEmpty();
        }
    }

    @Nested
    class Evaluate {
        @Test
        void never_commits_even_a_transaction_that_writes() {
            String result = harness.as(STEEL, CLIENT).evaluate(probe, "Put", "k", "v");

            assertThat(result).isEqualTo("put k");
            assertThat(harness.state().size()).isZero();
            assertThat(harness.ledger().history()).isEmpty();
            assertThat(harness.lastTransaction().kind()).isEqualTo(TransactionRecord.Kind.EVALUATE);
            assertThat(harness.lastTransaction().writes()).containsOnlyKeys("k");
        }

        @Test
        void reads_the_committed_state() {
            harness.as(STEEL, CLIENT).submit(probe, "Put", "k", "v");

            assertThat(harness.as("CertCoMSP", CLIENT).evaluate(probe, "Get", "k")).isEqualTo("v");
        }
    }

    @Nested
    class Endorse {
        @Test
        void holds_the_transaction_back_until_commit() {
            ChaincodeHarness.Endorsement pending = harness.as(STEEL, CLIENT).endorse(probe, "Put", "k", "v");

            assertThat(pending.result()).isEqualTo("put k");
            assertThat(harness.state().size()).isZero();
            assertThat(pending.commit()).isEqualTo("put k");
            assertThat(harness.state().text("k")).contains("v");
            assertThatThrownBy(pending::commit).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void a_write_endorsed_by_a_minority_of_organizations_is_invalidated() {
            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).endorsedBy(STEEL).submit(probe, "Put", "k", "v"))
                    .isInstanceOfSatisfying(CommitException.class,
                            e -> assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state().size()).isZero();
            assertThat(harness.ledger().history()).singleElement()
                    .satisfies(tx -> assertThat(tx.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
        }

        @Test
        void a_write_endorsed_by_a_majority_of_organizations_commits() {
            harness.as(STEEL, CLIENT).endorsedBy(STEEL, "CertCoMSP").submit(probe, "Put", "k", "v");

            assertThat(harness.state().text("k")).contains("v");
        }
    }

    @Test
    void the_last_event_is_the_payload_of_the_last_transactions_change_event() {
        GovernanceContract governance = new GovernanceContract();
        harness.as(STEEL, ADMIN).submit(governance, "Bootstrap", "[\"SteelCoMSP\"]");

        assertThat(harness.lastTransaction().event()).hasValueSatisfying(e -> {
            assertThat(e.getEventName()).isEqualTo(ChangeEvents.NAME);
            assertThat(harness.lastEvent().toString().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        });
        assertThat(ChangeEvents.changedKeys(harness.lastEvent()))
                .containsExactly("CONSORTIUM", "ORG/SteelCoMSP", "OWNERSHIP/SteelCoMSP");
    }
}
