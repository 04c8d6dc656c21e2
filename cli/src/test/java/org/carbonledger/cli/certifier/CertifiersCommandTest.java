package org.carbonledger.cli.certifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.carbonledger.cli.Commands;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Failures;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonNull;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.request.Designations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** carbonctl certifiers: designating is safe to repeat, revoking an absent designation is "not found", listing prints the ledger's answer. */
class CertifiersCommandTest {
    private static final String STEELCO = "SteelCoMSP";

    @TempDir
    Path dir;

    private final DesignationsLedger ledger = new DesignationsLedger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * The chaincode's designation rules for the submitting organization (SteelCoMSP): the certifier must hold CERTIFIER
     * (ROLE_REQUIRED), a designation is made once (ALREADY_EXISTS) and revoked only when it exists (NOT_FOUND).
     */
    private static final class DesignationsLedger implements LedgerCalls {
        @Override
        public Committed submit(org.carbonledger.core.ledger.LedgerOperation operation,
                                org.carbonledger.client.ledger.Endorsement endorsement, String... args) {
            throw new UnsupportedOperationException("the commands under test submit no private transaction: "
                    + operation);
        }

        @Override
        public String mspId() {
            return STEELCO;
        }

        final Map<String, Map<String, StoredDesignation>> designations = new TreeMap<>();
        final List<String> submitted = new ArrayList<>();
        final Set<String> certifiers = Set.of("CertCoMSP", "AuditCoMSP");
        long block = 3;

        @Override
        public Committed submit(String contract, String transaction, String... args) {
            submitted.add(transaction + " " + String.join(" ", args));
            String txId = String.format("%064x", ++block);
            Map<String, StoredDesignation> mine = designations.computeIfAbsent(STEELCO, k -> new TreeMap<>());
            switch (transaction) {
                case "DesignateCertifier" -> {
                    if (!certifiers.contains(args[0])) {
                        throw refused(ErrorCode.ROLE_REQUIRED, args[0], "is not a CERTIFIER");
                    }
                    if (mine.containsKey(args[0])) {
                        throw refused(ErrorCode.ALREADY_EXISTS, args[0], "is designated already");
                    }
                    StoredDesignation d = new StoredDesignation(STEELCO, args[0], Instant.parse("2026-12-07T10:00:00Z"), txId);
                    mine.put(args[0], d);
                    return new Committed(txId, block, d.toJson());
                }
                case "RevokeCertifier" -> {
                    if (mine.remove(args[0]) == null) {
                        throw refused(ErrorCode.NOT_FOUND, args[0], "is not designated by " + STEELCO);
                    }
                    return new Committed(txId, block, JsonNull.INSTANCE);
                }
                default -> throw new UnsupportedOperationException(transaction);
            }
        }

        @Override
        public JsonValue evaluate(String contract, String transaction, String... args) {
            if (!transaction.equals("ListDesignatedCertifiers")) {
                throw new UnsupportedOperationException(transaction);
            }
            return new Designations(args[0], List.copyOf(designations.getOrDefault(args[0], Map.of()).values())).toJson();
        }

        private static LedgerException refused(ErrorCode code, String certifier, String reason) {
            return LedgerException.refused(Stage.ENDORSE, null,
                    new LedgerRefusal(Refusal.of(LedgerRuleException.of(code, "certifierMspId", certifier, reason))));
        }
    }

    private <T> T command(Class<T> type, String... args) {
        return Commands.parsed(type, new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
                dir, Optional.empty(), false, Clock.systemUTC()), args);
    }

    @Test
    void designating_submits_the_certifier_and_prints_the_designation() {
        int exit = command(CertifiersCommand.Designate.class, "CertCoMSP").designate(ledger, STEELCO);

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(ledger.submitted).containsExactly("DesignateCertifier CertCoMSP");
        assertThat(err.toString()).contains("Governance:DesignateCertifier committed in block 4");
        assertThat(out.toString()).contains("\"certifierMspId\"").contains("CertCoMSP");
    }

    @Test
    void designating_again_is_a_replay_with_exit_0_naming_the_first_transaction() {
        command(CertifiersCommand.Designate.class, "CertCoMSP").designate(ledger, STEELCO);
        String firstTx = ledger.designations.get(STEELCO).get("CertCoMSP").txId();
        out.getBuffer().setLength(0);

        int again = command(CertifiersCommand.Designate.class, "CertCoMSP").designate(ledger, STEELCO);

        assertThat(again).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains("Governance:DesignateCertifier replayed: the ledger holds this already in "
                + "transaction " + firstTx + "; nothing was written");
        assertThat(out.toString()).contains("CertCoMSP");
        assertThat(ledger.designations.get(STEELCO)).hasSize(1);
    }

    @Test
    void designating_an_organization_that_is_not_a_certifier_is_refused_with_exit_4() {
        Throwable e = catchThrowable(() -> command(CertifiersCommand.Designate.class, "ApplianceCoMSP")
                .designate(ledger, STEELCO));

        assertThat(Failures.of(e).exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(Failures.of(e).message()).contains("ROLE_REQUIRED").contains("ApplianceCoMSP");
        assertThat(ledger.designations.getOrDefault(STEELCO, Map.of())).isEmpty();
    }

    @Test
    void revoking_removes_the_designation_and_revoking_again_is_not_found() {
        command(CertifiersCommand.Designate.class, "CertCoMSP").designate(ledger, STEELCO);

        assertThat(command(CertifiersCommand.Revoke.class, "CertCoMSP").revoke(ledger)).isEqualTo(ExitCode.OK);
        assertThat(ledger.designations.get(STEELCO)).isEmpty();

        Throwable again = catchThrowable(() -> command(CertifiersCommand.Revoke.class, "CertCoMSP").revoke(ledger));
        assertThat(Failures.of(again).exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void list_prints_your_designations_or_those_of_the_named_producer() {
        command(CertifiersCommand.Designate.class, "CertCoMSP").designate(ledger, STEELCO);
        command(CertifiersCommand.Designate.class, "AuditCoMSP").designate(ledger, STEELCO);
        out.getBuffer().setLength(0);

        command(CertifiersCommand.ListCertifiers.class, "--output", "json").list(ledger, STEELCO);
        Designations mine = Designations.fromJson(Json.parseObject(out.toString().strip(), "out"), "");
        assertThat(mine.producerMspId()).isEqualTo(STEELCO);
        assertThat(mine.certifierMspIds()).containsExactly("AuditCoMSP", "CertCoMSP");

        out.getBuffer().setLength(0);
        command(CertifiersCommand.ListCertifiers.class, "--producer", "ApplianceCoMSP", "--output", "json")
                .list(ledger, STEELCO);
        Designations theirs = Designations.fromJson(Json.parseObject(out.toString().strip(), "out"), "");
        assertThat(theirs.producerMspId()).isEqualTo("ApplianceCoMSP");
        assertThat(theirs.certifiers()).isEmpty();
    }
}
