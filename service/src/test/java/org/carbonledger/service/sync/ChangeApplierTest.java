package org.carbonledger.service.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.service.query.StateQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read model on the real embedded MariaDB, fed the private tier's changes as the feed yields them: records from
 * the record sets the member's peer delivered, the public trace of record transactions,
 * and designations.
 */
@MicronautTest(transactional = false)
class ChangeApplierTest {
    private static final String GTIN = "09506000134352";
    private static final String LOT = "COIL-7";
    private static final String OWN = "org_SteelCoMSP";
    private static final String RECORD_ID = "10000000-0000-4000-8000-000000000001";
    private static final String TX = "c3".repeat(32);
    private static final String TRACE_KEY = "RECORD_TX/" + GTIN + "/" + LOT + "/" + TX;
    private static final String DESIGNATION_KEY = "DESIGNATION/SteelCoMSP/CertCoMSP";

    @Inject
    ChangeApplier applier;

    @Inject
    ReadModelStore store;

    @Inject
    StateQueries queries;

    private DataSource dataSource;
    private long block;

    /** The pool itself: Micronaut Data's injected DataSource only hands out connections inside @Transactional. */
    @Inject
    void dataSource(DataSource contextual) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(contextual);
    }

    @BeforeEach
    void emptyReadModel() {
        applier.clear();
        block = 1;
    }

    @Test
    void records_delivered_as_private_data_are_listed_with_their_batch_like_public_ones_were() throws SQLException {
        apply("Records:SubmitRecords", trace(List.of("CertCoMSP", "SteelCoMSP")),
                new LedgerTransaction.Change("record", "ID/" + RECORD_ID, Optional.of(record(RECORD_ID, "1.5")), Optional.of(OWN)));

        assertThat(queries.records(GTIN, LOT, "", 10)).extracting(LedgerStateRow::stateKey).containsExactly("ID/" + RECORD_ID);
        assertThat(column("SELECT co2e_total FROM record_view WHERE record_id = '" + RECORD_ID + "'")).containsExactly("1.5");
        assertThat(queries.recordTransactions(GTIN, LOT, "", 10)).extracting(LedgerStateRow::stateKey).containsExactly(TRACE_KEY);
    }

    @Test
    void a_member_that_holds_none_of_the_records_sees_the_trace_and_who_holds_them_but_no_record() throws SQLException {
        apply("Records:SubmitRecords", trace(List.of("CertCoMSP", "SteelCoMSP")));

        assertThat(queries.records(GTIN, LOT, "", 10)).isEmpty();
        assertThat(column("SELECT COUNT(*) FROM record_view")).containsExactly("0");
        assertThat(column("SELECT CONCAT(gtin, '|', lot, '|', transaction_id, '|', holders) FROM record_transaction_view"))
                .containsExactly(GTIN + "|" + LOT + "|" + TX + "|CertCoMSP,SteelCoMSP");
    }

    @Test
    void a_designation_is_listed_until_it_is_revoked_and_again_once_renewed() throws SQLException {
        apply("Governance:DesignateCertifier", designation("2026-11-02T10:00:00.123456Z", "a1".repeat(32)));
        assertThat(queries.designations("SteelCoMSP", null, "", 10)).extracting(LedgerStateRow::stateKey)
                .containsExactly(DESIGNATION_KEY);
        assertThat(queries.designations(null, "CertCoMSP", "", 10)).hasSize(1);
        assertThat(queries.designations("CertCoMSP", null, "", 10)).isEmpty();
        assertThat(column("SELECT CONCAT(producer_msp, '|', certifier_msp, '|', designated_at, '|', transaction_id) "
                + "FROM designation_view")).containsExactly("SteelCoMSP|CertCoMSP|2026-11-02 10:00:00.123456|" + "a1".repeat(32));

        apply("Governance:RevokeCertifier", new LedgerTransaction.Change("designation", DESIGNATION_KEY, Optional.empty()));
        assertThat(queries.designations("SteelCoMSP", null, "", 10)).isEmpty();
        assertThat(column("SELECT COUNT(*) FROM designation_view")).containsExactly("0");
        assertThat(store.findById(DESIGNATION_KEY)).isEmpty();

        apply("Governance:DesignateCertifier", designation("2026-11-05T10:00:00Z", "b2".repeat(32)));
        assertThat(column("SELECT transaction_id FROM designation_view")).containsExactly("b2".repeat(32));
    }

    @Test
    void a_deleted_private_record_leaves_the_batch_s_list() throws SQLException {
        apply("Records:SubmitRecords", new LedgerTransaction.Change("record", "ID/" + RECORD_ID,
                Optional.of(record(RECORD_ID, "1.5")), Optional.of(OWN)));
        apply("Records:Purge", new LedgerTransaction.Change("record", "ID/" + RECORD_ID, Optional.empty(), Optional.of(OWN)));

        assertThat(queries.records(GTIN, LOT, "", 10)).isEmpty();
        assertThat(column("SELECT COUNT(*) FROM record_view")).containsExactly("0");
    }

    @Test
    void a_private_state_that_does_not_read_as_its_type_is_refused_and_nothing_is_applied() throws SQLException {
        JsonObject notARecord = index(RECORD_ID);
        assertThatThrownBy(() -> apply("Records:SubmitRecords", trace(List.of("SteelCoMSP")),
                new LedgerTransaction.Change("record", "ID/" + RECORD_ID, Optional.of(notARecord), Optional.of(OWN))))
                .hasMessageContaining("ID/" + RECORD_ID);

        assertThat(store.appliedTransactions()).isEmpty();
        assertThat(column("SELECT COUNT(*) FROM record_transaction_view")).containsExactly("0");
    }

    @Test
    void clearing_empties_the_private_tier_s_tables_too() throws SQLException {
        apply("Records:SubmitRecords", trace(List.of("SteelCoMSP")));
        apply("Governance:DesignateCertifier", designation("2026-11-02T10:00:00Z", "a1".repeat(32)));

        applier.clear();

        assertThat(column("SELECT (SELECT COUNT(*) FROM designation_view) + (SELECT COUNT(*) FROM record_transaction_view)"))
                .containsExactly("0");
    }

    private void apply(String function, LedgerTransaction.Change... changes) {
        long n = block++;
        applier.apply(new LedgerTransaction(n, "tx-" + n, "2026-11-0" + n + "T10:00:00Z", "SteelCoMSP", function,
                List.of(changes)));
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static LedgerTransaction.Change trace(List<String> holders) {
        JsonObject value = JsonObject.builder().put("gtin", GTIN).put("lot", LOT).put("txId", TX)
                .put("holders", JsonArray.of(holders.stream().map(JsonString::of).toList())).build();
        return new LedgerTransaction.Change("recordTransaction", TRACE_KEY, Optional.of(value));
    }

    private static LedgerTransaction.Change designation(String at, String txId) {
        JsonObject value = JsonObject.builder().put("producerMspId", "SteelCoMSP").put("certifierMspId", "CertCoMSP")
                .put("designatedAt", at).put("txId", txId).build();
        return new LedgerTransaction.Change("designation", DESIGNATION_KEY, Optional.of(value));
    }

    private static JsonObject index(String... recordIds) {
        return JsonObject.builder().put("gtin", GTIN).put("lot", LOT).put("txId", TX)
                .put("recordIds", JsonArray.of(List.of(recordIds).stream().map(JsonString::of).toList())).build();
    }

    private static JsonObject record(String id, String total) {
        return JsonObject.builder().put("recordId", id).put("gtin", GTIN).put("lot", LOT)
                .put("ownerMspId", "SteelCoMSP").put("deviceId", "meter-12").put("stage", "PRODUCTION").put("scope", 2L)
                .put("co2e", JsonObject.builder().put("fossil", total).put("biogenicNonCo2", "0")
                        .put("biogenicCo2", "0").put("total", total).build())
                .put("contentHash", "cd".repeat(32)).put("record", JsonObject.builder().put("recordId", id).build())
                .put("salt", "5a".repeat(32)).put("txId", TX).put("submittedAt", "2026-11-01T11:00:00Z").build();
    }
}
