package org.carbonledger.core.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

final class VerifierImpl implements Verifier {

    private final boolean parallel;
    private final StepListener listener;
    private final boolean attestations;

    VerifierImpl(boolean parallel, StepListener listener, boolean attestations) {
        this.parallel = parallel;
        this.listener = listener;
        this.attestations = attestations;
    }

    @Override
    public VerificationReport verify(ProofBundle bundle, Instant at) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(at, "at");
        VerificationContext ctx = new VerificationContext(bundle, at, parallel);
        List<Check> checks = new ArrayList<>();
        step("device keys", checks, () -> RecordChecks.deviceKeys(ctx));
        step("records", checks, () -> RecordChecks.records(ctx));
        step("transactions", checks, () -> TransactionChecks.transactions(ctx));
        step("seals", checks, () -> SealChecks.seals(ctx));
        step("transfers", checks, () -> TransferChecks.transfers(ctx));
        step("mass balance", checks, () -> MassBalanceChecks.massBalance(ctx));
        if (attestations) {
            step("attestations", checks, () -> AttestationChecks.attestations(ctx));
        }
        return VerificationReport.of(bundle.sha256(), bundle.root(), at, checks, bundle.transactionIdsToCheck());
    }

    private void step(String name, List<Check> all, Supplier<List<Check>> step) {
        long start = System.nanoTime();
        List<Check> made = step.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        all.addAll(made);
        listener.stepFinished(name, elapsed, made.size(), (int) made.stream().filter(c -> !c.passed()).count());
    }
}
