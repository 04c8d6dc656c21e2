package org.carbonledger.service.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.sync.LedgerStateRow;
import org.carbonledger.service.sync.ReadModelStore;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-model comparison on the real embedded MariaDB, with the worked example's ledger state (the proof bundle
 * fixture stands in for what the collector reads from the ledger), and the endpoint without a ledger connection.
 */
@MicronautTest(transactional = false)
class VerificationControllerTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    ReadModelComparison comparison;

    @Inject
    ReadModelStore store;

    ProofBundle bundle;

    @BeforeEach
    void readModel() {
        WorkedExampleReadModel.apply(applier);
        bundle = WorkedExampleReadModel.bundle();
    }

    @Test
    void a_read_model_fed_by_the_ledger_agrees_with_it() {
        List<Check> checks = comparison.compare(bundle);
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(ReadModelComparison.AGREES);
            assertThat(c.passed()).as(c.evidence()).isTrue();
            assertThat(c.required()).isFalse();
        });
    }

    @Test
    void a_tampered_row_and_a_missing_row_are_each_flagged_with_what_differs() {
        String key = "ID/10000000-0000-4000-8000-000000000402";
        LedgerStateRow row = store.findById(key).orElseThrow();
        String forged = row.valueJson().replace("\"stage\":\"PACKAGING\"", "\"stage\":\"PRODUCTION\"");
        assertThat(forged).isNotEqualTo(row.valueJson());
        String transferKey = "TRANSFER/20000000-0000-4000-8000-000000000007";
        LedgerStateRow transfer = store.findById(transferKey).orElseThrow();
        try {
            store.upsertState(key, row.stateType(), forged, row.transactionId(), row.blockNumber());
            store.deleteState(transferKey);
            List<Check> checks = comparison.compare(bundle);
            assertThat(checks).filteredOn(c -> c.id().equals(ReadModelComparison.STATE)).hasSize(2)
                    .anySatisfy(c -> assertThat(c.evidence()).startsWith("members that differ: record (")
                            .endsWith("; stage (ledger \"PACKAGING\" vs read model \"PRODUCTION\")"))
                    .anySatisfy(c -> assertThat(c.evidence()).contains(transferKey + " exists; read model: no such row"));
            Check summary = checks.get(checks.size() - 1);
            assertThat(summary.passed()).isFalse();
            assertThat(summary.evidence()).endsWith("2 differ");
        } finally {
            store.upsertState(key, row.stateType(), row.valueJson(), row.transactionId(), row.blockNumber());
            store.upsertState(transferKey, transfer.stateType(), transfer.valueJson(), transfer.transactionId(),
                    transfer.blockNumber());
        }
        assertThat(comparison.compare(bundle)).singleElement().matches(Check::passed);
    }

    @Test
    void without_a_ledger_connection_verification_is_unavailable_not_answered_from_the_cache() {
        String token = TestClients.token(client, TestClients.READER, TestClients.READER_SECRET);
        HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.GET(
                "/api/v1/batches/09506000134390/WM-2611-001/verification").bearerAuth(token),
                Argument.of(String.class), Argument.of(String.class));
        assertThat(r.code()).isEqualTo(503);
        assertThat(r.getBody(String.class).orElse("")).contains("no ledger connection");
        HttpResponse<String> anonymous = client.toBlocking().exchange(HttpRequest.GET(
                "/api/v1/batches/09506000134390/WM-2611-001/proof-bundle"), Argument.of(String.class),
                Argument.of(String.class));
        assertThat(anonymous.code()).isEqualTo(401);
    }

    @Test
    void attestations_is_check_or_skip_and_another_value_is_a_bad_request_naming_the_parameter() {
        String token = TestClients.token(client, TestClients.READER, TestClients.READER_SECRET);
        String url = "/api/v1/batches/09506000134390/WM-2611-001/verification?attestations=";
        HttpResponse<String> bad = client.toBlocking().exchange(HttpRequest.GET(url + "none").bearerAuth(token),
                Argument.of(String.class), Argument.of(String.class));
        HttpResponse<String> skip = client.toBlocking().exchange(HttpRequest.GET(url + "skip").bearerAuth(token),
                Argument.of(String.class), Argument.of(String.class));

        assertThat(bad.code()).isEqualTo(400);
        assertThat(bad.getBody(String.class).orElse("")).contains("attestations \\\"none\\\": must be check or skip");
        // Accepted: it goes on to read the ledger, which this test service has not.
        assertThat(skip.code()).isEqualTo(503);
    }
}
