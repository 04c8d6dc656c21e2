package org.carbonledger.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.carbonledger.client.events.ChangeFeed;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** The chaincode events a read model follows, and the stage-mapped client calls that produce them. */
class ChangeFeedIT {
    private final LocalNetwork network = LocalNetwork.fromSystemProperty();

    @Test
    void a_committed_transaction_arrives_once_with_everything_it_changed_and_resuming_after_it_skips_it() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (LedgerConnection steel = LedgerConnection.open(network.profile("steelco"), "admin", Deadlines.defaults());
             LedgerConnection cert = LedgerConnection.open(network.profile("certco"), "client", Deadlines.defaults())) {
            LedgerClient client = LedgerClient.newInstance(steel, 4);
            String first = "feed first " + UUID.randomUUID();
            Committed c1 = client.submit("Governance", "RegisterOrganization", "{\"displayName\":\"" + first + "\"}");

            // Another organization's peer delivers the same events.
            try (ChangeFeed feed = ChangeFeed.open(cert, new ChangeFeed.Position(c1.blockNumber(), java.util.Optional.empty()))) {
                LedgerTransaction tx = reader.submit(feed::next).get(30, TimeUnit.SECONDS);
                assertThat(tx.transactionId()).isEqualTo(c1.transactionId());
                assertThat(tx.blockNumber()).isEqualTo(c1.blockNumber());
                assertThat(tx.mspId()).isEqualTo("SteelCoMSP");
                assertThat(tx.function()).isEqualTo("Governance:RegisterOrganization");
                assertThat(tx.changes()).extracting(LedgerTransaction.Change::type).contains("organization");
                assertThat(tx.changes().stream().filter(ch -> ch.type().equals("organization")).findFirst().orElseThrow()
                        .value().orElseThrow().toString()).contains(first);
            }

            String second = "feed second " + UUID.randomUUID();
            Committed c2 = client.submit("Governance", "RegisterOrganization", "{\"displayName\":\"" + second + "\"}");
            LedgerTransaction firstTx = new LedgerTransaction(c1.blockNumber(), c1.transactionId(), "", "", "", java.util.List.of());
            try (ChangeFeed feed = ChangeFeed.open(cert, ChangeFeed.Position.after(firstTx))) {
                Future<LedgerTransaction> next = reader.submit(feed::next);
                assertThat(next.get(30, TimeUnit.SECONDS).transactionId()).isEqualTo(c2.transactionId());
            }
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void a_submit_returns_once_every_member_s_peer_has_committed_it() throws Exception {
        try (LedgerConnection steel = LedgerConnection.open(network.profile("steelco"), "admin", Deadlines.defaults())) {
            LedgerClient client = LedgerClient.newInstance(steel, 2);
            for (int round = 0; round < 3; round++) {
                String name = "everywhere " + UUID.randomUUID();
                client.submit("Governance", "RegisterOrganization", "{\"displayName\":\"" + name + "\"}");
                // Asked at once, through SteelCo's gateway, of each other member's own peer.
                for (String msp : java.util.List.of("ApplianceCoMSP", "CertCoMSP")) {
                    byte[] answer = steel.contract("Governance").newProposal("GetOrganization").addArguments("SteelCoMSP")
                            .setEndorsingOrganizations(msp).build().evaluate();
                    assertThat(new String(answer, java.nio.charset.StandardCharsets.UTF_8)).as("SteelCo's profile on the peer of " + msp)
                            .contains(name);
                }
            }
        }
    }

    @Test
    void failures_name_their_stage_and_carry_the_chaincode_refusal() {
        try (LedgerConnection steel = LedgerConnection.open(network.profile("steelco"), "admin", Deadlines.defaults())) {
            LedgerClient client = LedgerClient.newInstance(steel, 2);
            try {
                client.submit("Governance", "RegisterOrganization", "{\"displayName\":\"\"}");
                throw new AssertionError("an empty display name must be refused");
            } catch (LedgerException e) {
                assertThat(e.stage()).isEqualTo(Stage.ENDORSE);
                assertThat(e.refusal()).hasValueSatisfying(r -> {
                    assertThat(r.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(r.message()).startsWith("displayName");
                });
                assertThat(e.retryable()).isFalse();
            }
            try {
                client.evaluate("Batches", "GetBatch", "09506000134352", "NO-SUCH-LOT");
                throw new AssertionError("an unknown batch must be NOT_FOUND");
            } catch (LedgerException e) {
                assertThat(e.stage()).isEqualTo(Stage.EVALUATE);
                assertThat(e.refusal().orElseThrow().code()).isEqualTo(ErrorCode.NOT_FOUND);
            }
        }
    }
}
