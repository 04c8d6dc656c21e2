package org.carbonledger.core.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Re-checks a {@link ProofBundle} offline: parts 1, 3, 4 and 5 of end-to-end verification, and the
 * offline half of part 2 (every state names a transaction the bundle lists as VALID; the list of transactions an
 * online check must confirm with a peer).
 *
 * <pre>{@code
 * ProofBundle bundle = ProofBundle.fromJson(Files.readAllBytes(path));
 * VerificationReport report = Verifier.newInstance().verify(bundle, Instant.now());
 * if (!report.passed()) {
 *     report.verdictFailures().forEach(c -> System.err.println(c));
 * }
 * }</pre>
 * Each check says its {@link Basis}: recomputed from the bundle, or, for the parts of an undisclosed batch's seal
 * that need its records, resting on an attestation that counts (and failing "not disclosed and not attested"
 * without one). Every check runs whatever else failed, so a report lists every disagreement. The result depends only
 * on the bundle and the instant: checks come in a fixed order, also when signatures are verified in parallel.
 */
public interface Verifier {

    /** @return a verifier that checks records and seals on all cores */
    static Verifier newInstance() {
        return builder().build();
    }

    /** @return a builder for a verifier with non-default options */
    static Builder builder() {
        return new Builder();
    }

    /**
     * @param bundle the bundle to check
     * @param at the instant at which attestations must be valid (usually now)
     * @return the report: every check with its evidence, and the verdict
     * @throws org.carbonledger.core.error.LedgerRuleException INVALID_STATE when the root's provenance in the bundle
     *     has more than {@value org.carbonledger.core.provenance.UpstreamWalk#MAX_BATCHES} batches, the limit of every
     *     upstream walk (the ledger's {@code GetProvenance} refuses such a provenance too)
     */
    VerificationReport verify(ProofBundle bundle, Instant at);

    /** Told when each step of a verification finished, e.g. to feed a timer tagged with the outcome. */
    @FunctionalInterface
    interface StepListener {
        /**
         * @param step the step's name, e.g. {@code records}
         * @param elapsed how long it took
         * @param checks how many checks it made
         * @param failed how many of them failed
         */
        void stepFinished(String step, Duration elapsed, int checks, int failed);
    }

    /** Options of a {@link Verifier}. */
    final class Builder {
        private boolean parallel = true;
        private StepListener stepListener = (step, elapsed, checks, failed) -> { };
        private boolean attestations = true;

        Builder() {
        }

        /**
         * @param parallel whether per-record checks (signature verification dominates) and per-batch seal
         *     recomputation use the common fork-join pool; the report is the same either way
         * @return this builder
         */
        public Builder parallel(boolean parallel) {
            this.parallel = parallel;
            return this;
        }

        /**
         * @param listener told when each step finished
         * @return this builder
         */
        public Builder stepListener(StepListener listener) {
            this.stepListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Leaves part 5 out when {@code false}: no attestation is judged, so the verdict says whether the chain
         * itself holds (records, transactions, footprints, mass balance). This is a certifier's own check before it
         * attests, when the root batch has no attestation yet and would otherwise fail exactly as a tampered chain
         * does. A check of parts 1 to 4 that rests on an attestation ({@link Basis#ATTESTED}) still needs one.
         *
         * @param include whether to run the attestation checks (default {@code true})
         * @return this builder
         */
        public Builder attestations(boolean include) {
            this.attestations = include;
            return this;
        }

        /** @return the verifier; thread-safe */
        public Verifier build() {
            return new VerifierImpl(parallel, stepListener, attestations);
        }
    }
}
