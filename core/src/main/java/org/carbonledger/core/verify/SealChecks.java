package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.merkle.Seal;

/**
 * Part 3, seals: each batch's seal is recomputed with {@link Seal#compute} from the contributions the ledger
 * stored (each record's stored co2e, content hash, stage and scope; each inbound transfer's stored allocation) and
 * compared member by member with the stored seal. Whether those stored contributions are right is checked
 * separately (record.co2e, record.content-hash, transfer.allocation), so each check pins one link of the chain.
 *
 * <p>A batch whose records were not disclosed to the collector cannot be recomputed. Its header and seal hash still
 * are (they need no records); the parts that need records (footprint, breakdown, per unit, Merkle root, counts) are
 * taken as sealed and reported with {@link Basis#ATTESTED}: they pass only when an attestation that counts covers
 * the batch's current seal, and fail "not disclosed and not attested" otherwise.
 */
final class SealChecks {

    private static final CheckCategory CATEGORY = CheckCategory.FOOTPRINT;
    private static final List<String> HEADER = List.of("sealFormat", "batch", "quantity", "gwpSet");
    /** The checks that need the batch's records. */
    private static final List<String> NEED_RECORDS = List.of(CheckIds.SEAL_FOOTPRINT, CheckIds.SEAL_BREAKDOWN,
            CheckIds.SEAL_PER_UNIT, CheckIds.SEAL_MERKLE_ROOT, CheckIds.SEAL_COUNTS);
    private static final Set<String> SEAL_MEMBERS = Set.of("sealFormat", "batch", "quantity", "gwpSet",
            "footprint", "breakdown", "perUnit", "merkleRoot", "recordCount", "transferCount");

    private SealChecks() {
    }

    /** The seal recomputed from the stored contributions, or why it cannot be. */
    private record Recomputed(Optional<Seal> seal, String problem) {
    }

    static List<Check> seals(VerificationContext ctx) {
        return ctx.each(ctx.batchOrder, b -> seal(ctx, b));
    }

    private static List<Check> seal(VerificationContext ctx, BundledBatch b) {
        List<Check> checks = new ArrayList<>();
        checks.add(sealed(b.batch()));
        Optional<JsonObject> stored = b.batch().seal();
        if (stored.isPresent() && !b.recordsDisclosed()) {
            Subject subject = Subject.batch(b.batch().id());
            JsonObject header = Seal.compute(b.batch().id(), b.batch().quantity(), Gwp100Set.IPCC_AR6, List.of(),
                    List.of()).toJson();
            checks.add(header(subject, header, stored.get()));
            checks.addAll(attested(ctx, b, stored.get()));
            b.batch().sealHash().ifPresent(h -> checks.add(hash(subject, stored.get(), h)));
        } else if (stored.isPresent()) {
            Recomputed recomputed = recompute(ctx, b);
            Subject subject = Subject.batch(b.batch().id());
            if (recomputed.seal().isEmpty()) {
                for (String id : List.of(CheckIds.SEAL_HEADER, CheckIds.SEAL_FOOTPRINT, CheckIds.SEAL_BREAKDOWN,
                        CheckIds.SEAL_PER_UNIT, CheckIds.SEAL_MERKLE_ROOT, CheckIds.SEAL_COUNTS)) {
                    checks.add(Check.required(id, CATEGORY, subject, false,
                            "cannot recompute the seal: " + recomputed.problem(),
                            "the sealed footprint cannot be confirmed"));
                }
            } else {
                JsonObject calculated = recomputed.seal().get().toJson();
                checks.add(header(subject, calculated, stored.get()));
                checks.add(footprint(subject, calculated, stored.get()));
                checks.add(breakdown(subject, calculated, stored.get()));
                checks.add(perUnit(subject, calculated, stored.get()));
                checks.add(merkleRoot(subject, calculated, stored.get()));
                checks.add(counts(subject, calculated, stored.get()));
            }
            b.batch().sealHash().ifPresent(h -> checks.add(hash(subject, stored.get(), h)));
        }
        return checks;
    }

    /** The seal's record-dependent parts of a batch whose records were not disclosed, resting on attestations. */
    private static List<Check> attested(VerificationContext ctx, BundledBatch b, JsonObject stored) {
        StoredBatch batch = b.batch();
        Subject subject = Subject.batch(batch.id());
        List<StoredAttestation> counting = ctx.countingAttestations(b);
        boolean ok = !counting.isEmpty();
        String undisclosed = "records of " + batch.id() + " (" + batch.ownerMspId() + ") not disclosed to "
                + ctx.bundle.collection().mspId();
        String vouch;
        if (ok) {
            List<String> parts = new ArrayList<>();
            for (StoredAttestation a : counting) {
                parts.add(a.attestationId() + " by " + a.certifierMspId() + " (" + a.standard() + ", "
                        + a.assuranceLevel() + ")");
            }
            vouch = "attested by " + String.join("; ", parts);
        } else {
            vouch = "no attestation that counts covers seal " + batch.sealHash().map(Hash::toString)
                    .orElse("(no sealHash)") + " at " + ctx.at;
        }
        String message = ok
                ? "taken as sealed: batch " + batch.id() + " rests on the attestation of a current certifier, not on "
                        + "a recomputation"
                : "not disclosed and not attested: nothing confirms the sealed footprint of batch " + batch.id();
        List<Check> checks = new ArrayList<>();
        for (String id : NEED_RECORDS) {
            String sealed = switch (id) {
                case CheckIds.SEAL_FOOTPRINT -> "footprint " + Evidence.co2e(stored.get("footprint"));
                case CheckIds.SEAL_BREAKDOWN -> "breakdown " + Evidence.breakdownCells(stored.get("breakdown"))
                        .map(Evidence::breakdown).orElse(stored.get("breakdown").map(Json::write).orElse("(none)"));
                case CheckIds.SEAL_PER_UNIT -> "per unit " + Evidence.co2e(stored.get("perUnit"));
                case CheckIds.SEAL_MERKLE_ROOT -> "Merkle root " + Evidence.member(stored, "merkleRoot");
                default -> Evidence.member(stored, "recordCount") + " records, "
                        + Evidence.member(stored, "transferCount") + " transfers";
            };
            checks.add(new Check(id, CATEGORY, subject, ok, true, undisclosed + "; sealed " + sealed + "; " + vouch,
                    message, Basis.ATTESTED));
        }
        return checks;
    }

    static Check sealed(StoredBatch batch) {
        Subject subject = Subject.batch(batch.id());
        boolean ok = batch.isSealed();
        String evidence = "status " + batch.status()
                + (batch.seal().isPresent() ? ", seal stored" : ", no seal stored")
                + batch.sealHash().map(h -> ", sealHash " + h).orElse(", no sealHash")
                + batch.sealedAt().map(t -> ", sealed at " + t).orElse("")
                + batch.sealTxId().map(t -> " in transaction " + t).orElse(", no seal transaction");
        return Check.required(CheckIds.BATCH_SEALED, CATEGORY, subject, ok, evidence,
                ok ? "the batch's footprint is fixed by its seal"
                        : "the batch is not sealed: its footprint is not fixed and cannot be verified or travel");
    }

    private static Recomputed recompute(VerificationContext ctx, BundledBatch b) {
        List<RecordContribution> records = new ArrayList<>(b.records().size());
        for (StoredRecord r : b.records()) {
            records.add(r.contribution());
        }
        List<InboundTransfer> inbound = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (LedgerId id : b.batch().inbound()) {
            StoredTransfer t = ctx.bundle.transfers().get(id);
            if (t == null) {
                missing.add(id.value());
            } else {
                try {
                    inbound.add(t.inbound());
                } catch (LedgerRuleException e) {
                    return new Recomputed(Optional.empty(), "inbound transfer " + id + ": " + e.getMessage());
                }
            }
        }
        if (!missing.isEmpty()) {
            return new Recomputed(Optional.empty(), "inbound transfers not in the bundle: "
                    + String.join(", ", missing));
        }
        try {
            return new Recomputed(Optional.of(Seal.compute(b.batch().id(), b.batch().quantity(), Gwp100Set.IPCC_AR6,
                    records, inbound)), "");
        } catch (LedgerRuleException e) {
            return new Recomputed(Optional.empty(), e.getMessage());
        }
    }

    static Check header(Subject subject, JsonObject calculated, JsonObject stored) {
        List<String> calc = new ArrayList<>();
        List<String> st = new ArrayList<>();
        boolean ok = true;
        for (String m : HEADER) {
            calc.add(m + " " + Evidence.member(calculated, m));
            st.add(m + " " + Evidence.member(stored, m));
            ok &= calculated.get(m).equals(stored.get(m));
        }
        Set<String> unexpected = new LinkedHashSet<>(stored.names());
        unexpected.removeAll(SEAL_MEMBERS);
        String extra = unexpected.isEmpty() ? "" : "; stored seal has unexpected members " + unexpected;
        ok &= unexpected.isEmpty();
        return Check.required(CheckIds.SEAL_HEADER, CATEGORY, subject, ok,
                "calculated " + String.join(", ", calc) + " vs stored " + String.join(", ", st) + extra,
                ok ? "the seal is this batch's, in the current seal format"
                        : "the seal does not describe this batch as stored");
    }

    static Check footprint(Subject subject, JsonObject calculated, JsonObject stored) {
        boolean ok = calculated.get("footprint").equals(stored.get("footprint"));
        return Check.required(CheckIds.SEAL_FOOTPRINT, CATEGORY, subject, ok,
                "calculated footprint " + Evidence.co2e(calculated.get("footprint")) + " vs stored "
                        + Evidence.co2e(stored.get("footprint")),
                ok ? "the sealed footprint is exactly the sum of the batch's records and received material"
                        : "the sealed footprint is not the sum of the batch's records and received material");
    }

    static Check breakdown(Subject subject, JsonObject calculated, JsonObject stored) {
        boolean ok = calculated.get("breakdown").equals(stored.get("breakdown"));
        Map<String, JsonValue> calc = Evidence.breakdownCells(calculated.get("breakdown")).orElseThrow();
        Optional<Map<String, JsonValue>> st = Evidence.breakdownCells(stored.get("breakdown"));
        String evidence;
        if (ok) {
            evidence = "calculated " + Evidence.breakdown(calc) + " vs stored the same";
        } else if (st.isEmpty()) {
            evidence = "calculated " + Evidence.breakdown(calc) + " vs stored "
                    + stored.get("breakdown").map(Json::write).orElse("(none)");
        } else {
            List<String> diffs = new ArrayList<>();
            Set<String> keys = new LinkedHashSet<>(calc.keySet());
            keys.addAll(st.get().keySet());
            for (String k : keys) {
                Optional<JsonValue> c = Optional.ofNullable(calc.get(k));
                Optional<JsonValue> s = Optional.ofNullable(st.get().get(k));
                if (!c.equals(s)) {
                    diffs.add("cell " + k + ": calculated " + Evidence.co2e(c) + " vs stored " + Evidence.co2e(s));
                }
            }
            evidence = diffs.isEmpty()
                    ? "same cells in a different order; calculated " + Evidence.breakdown(calc)
                    : String.join("; ", diffs);
        }
        return Check.required(CheckIds.SEAL_BREAKDOWN, CATEGORY, subject, ok, evidence,
                ok ? "the sealed breakdown by stage and scope is exactly what the records and material give"
                        : "the sealed breakdown by stage and scope is not what the records and material give");
    }

    static Check perUnit(Subject subject, JsonObject calculated, JsonObject stored) {
        boolean ok = calculated.get("perUnit").equals(stored.get("perUnit"));
        return Check.required(CheckIds.SEAL_PER_UNIT, CATEGORY, subject, ok,
                "calculated per " + Evidence.member(calculated, "quantity") + ": "
                        + Evidence.co2e(calculated.get("perUnit")) + " per unit vs stored "
                        + Evidence.co2e(stored.get("perUnit")),
                ok ? "the sealed per-unit footprint is the footprint divided by the batch quantity"
                        : "the sealed per-unit footprint is not the footprint divided by the batch quantity");
    }

    static Check merkleRoot(Subject subject, JsonObject calculated, JsonObject stored) {
        boolean ok = calculated.get("merkleRoot").equals(stored.get("merkleRoot"));
        return Check.required(CheckIds.SEAL_MERKLE_ROOT, CATEGORY, subject, ok,
                "calculated Merkle root " + Evidence.member(calculated, "merkleRoot") + " over "
                        + Evidence.member(calculated, "recordCount") + " records and "
                        + Evidence.member(calculated, "transferCount") + " transfers vs stored "
                        + Evidence.member(stored, "merkleRoot"),
                ok ? "the seal commits to exactly these records and inbound transfers"
                        : "the seal commits to other records or transfers than the bundled ones");
    }

    static Check counts(Subject subject, JsonObject calculated, JsonObject stored) {
        boolean ok = calculated.get("recordCount").equals(stored.get("recordCount"))
                && calculated.get("transferCount").equals(stored.get("transferCount"));
        return Check.required(CheckIds.SEAL_COUNTS, CATEGORY, subject, ok,
                "calculated " + Evidence.member(calculated, "recordCount") + " records, "
                        + Evidence.member(calculated, "transferCount") + " transfers vs stored "
                        + Evidence.member(stored, "recordCount") + " records, "
                        + Evidence.member(stored, "transferCount") + " transfers",
                ok ? "the bundle holds every record and inbound transfer the seal counted"
                        : "the bundle does not hold the records and transfers the seal counted");
    }

    static Check hash(Subject subject, JsonObject stored, Hash storedHash) {
        Hash calculated;
        try {
            calculated = Sha256.of(Jcs.canonicalize(stored));
        } catch (LedgerRuleException e) {
            return Check.required(CheckIds.SEAL_HASH, CATEGORY, subject, false,
                    "cannot canonicalize the stored seal: " + e.getMessage() + "; stored sealHash " + storedHash,
                    "the seal hash cannot be recomputed");
        }
        boolean ok = calculated.equals(storedHash);
        return Check.required(CheckIds.SEAL_HASH, CATEGORY, subject, ok,
                "calculated seal hash " + calculated + " vs stored " + storedHash,
                ok ? "the stored seal hash identifies the stored seal"
                        : "the stored seal hash is not the hash of the stored seal: one of them was altered");
    }
}
