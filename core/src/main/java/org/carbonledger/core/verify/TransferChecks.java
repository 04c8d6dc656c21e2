package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carbonledger.core.accounting.Allocation;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateReader;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredTransfer;

/**
 * Part 3, transfers: the CO2e each shipment carries is recomputed from its source's stored seal, and a transfer a
 * batch counts must really have been received into that batch.
 */
final class TransferChecks {

    private static final CheckCategory CATEGORY = CheckCategory.FOOTPRINT;

    private TransferChecks() {
    }

    static List<Check> transfers(VerificationContext ctx) {
        List<Check> checks = new ArrayList<>();
        Set<LedgerId> judged = new HashSet<>();
        for (BundledBatch b : ctx.batchOrder) {
            for (LedgerId id : b.batch().inbound()) {
                if (judged.add(id)) {
                    checks.add(receivedInto(ctx, id));
                }
            }
        }
        for (StoredTransfer t : ctx.bundle.transfers().values()) {
            // A transfer that says it went into a bundled batch which does not count it is a disagreement too.
            if (!judged.contains(t.transferId()) && t.to().filter(to -> ctx.bundle.batch(to).isPresent()).isPresent()
                    && receivedStatus(t)) {
                checks.add(receivedInto(ctx, t.transferId()));
            }
        }
        for (StoredTransfer t : ctx.bundle.transfers().values()) {
            checks.add(allocation(ctx, t));
            checks.add(sourceSealHash(ctx, t));
        }
        return checks;
    }

    private static boolean receivedStatus(StoredTransfer t) {
        return t.status().equals(StoredTransfer.RECEIVED) || t.status().equals(StoredTransfer.RETURNED);
    }

    static Check receivedInto(VerificationContext ctx, LedgerId id) {
        Subject subject = Subject.transfer(id);
        List<BatchId> counting = ctx.batchesCounting(id);
        StoredTransfer t = ctx.bundle.transfers().get(id);
        if (t == null) {
            return Check.required(CheckIds.TRANSFER_RECEIVED_INTO, CATEGORY, subject, false,
                    "counted as inbound by " + join(counting) + "; the bundle has no such transfer",
                    "received material counted in a footprint cannot be traced to its shipment");
        }
        List<String> problems = new ArrayList<>();
        if (!receivedStatus(t)) {
            problems.add("status " + t.status() + " vs expected RECEIVED or RETURNED");
        }
        String to = t.to().map(BatchId::toString).orElse("(none)");
        if (counting.size() != 1 || t.to().isEmpty() || !counting.get(0).equals(t.to().get())) {
            problems.add("received into " + to + " vs counted as inbound by "
                    + (counting.isEmpty() ? "no bundled batch" : join(counting)));
        }
        Optional<StoredBatch> receiver = t.to().flatMap(ctx.bundle::batch).map(BundledBatch::batch);
        String party = t.status().equals(StoredTransfer.RETURNED) ? t.senderMspId() : t.receiverMspId();
        String partyRole = t.status().equals(StoredTransfer.RETURNED) ? "sender" : "receiver";
        if (receiver.isPresent() && !receiver.get().ownerMspId().equals(party)) {
            problems.add(partyRole + " " + party + " vs owner " + receiver.get().ownerMspId() + " of " + to);
        }
        boolean ok = problems.isEmpty();
        return Check.required(CheckIds.TRANSFER_RECEIVED_INTO, CATEGORY, subject, ok,
                ok ? "status " + t.status() + " into " + to + " (owner " + party + ", the " + partyRole
                        + "), counted as inbound by " + to + " only"
                        : String.join("; ", problems),
                ok ? "the material counted in the footprint was received into this batch"
                        : "a footprint counts material that was not received into it");
    }

    private static String join(List<BatchId> ids) {
        List<String> keys = new ArrayList<>();
        ids.forEach(b -> keys.add(b.key()));
        return keys.isEmpty() ? "no bundled batch" : String.join(" and ", keys);
    }

    static Check allocation(VerificationContext ctx, StoredTransfer t) {
        Subject subject = Subject.transfer(t.transferId());
        String stored = "stored " + Evidence.co2e(t.allocatedJson());
        Optional<StoredBatch> source = ctx.bundle.batch(t.from()).map(BundledBatch::batch);
        if (source.isEmpty()) {
            return Check.required(CheckIds.TRANSFER_ALLOCATION, CATEGORY, subject, false,
                    "source batch " + t.from() + " is not in the bundle; " + stored,
                    "the CO2e this shipment carries cannot be recomputed");
        }
        StoredBatch s = source.get();
        if (s.seal().isEmpty()) {
            return Check.required(CheckIds.TRANSFER_ALLOCATION, CATEGORY, subject, false,
                    "source batch " + t.from() + " has no seal; " + stored,
                    "the CO2e this shipment carries cannot be recomputed");
        }
        Co2e footprint;
        try {
            footprint = StateReader.co2e(JsonObjectReader.of(s.seal().get(), "seal"), "footprint");
        } catch (LedgerRuleException e) {
            return Check.required(CheckIds.TRANSFER_ALLOCATION, CATEGORY, subject, false,
                    "source seal footprint is malformed: " + e.getMessage() + "; " + stored,
                    "the CO2e this shipment carries cannot be recomputed");
        }
        String inputs = "q = " + t.quantity() + ", s = " + t.sourceShippedBefore() + ", Q = " + s.quantity()
                + ", F = " + Evidence.co2e(footprint);
        Co2e calculated;
        try {
            calculated = Allocation.allocate(footprint, s.quantity(), t.sourceShippedBefore(), t.quantity());
        } catch (LedgerRuleException e) {
            return Check.required(CheckIds.TRANSFER_ALLOCATION, CATEGORY, subject, false,
                    "cannot allocate (" + inputs + "): " + e.getMessage() + "; " + stored,
                    "the shipment does not fit its source batch, so no CO2e can be allocated to it");
        }
        JsonObject calc = calculated.toJson();
        boolean sameQuantity = t.sourceQuantity().equals(s.quantity());
        boolean ok = calc.equals(t.allocatedJson()) && sameQuantity;
        String quantityNote = sameQuantity ? ""
                : "; transfer's sourceQuantity " + t.sourceQuantity() + " vs source batch quantity " + s.quantity();
        return Check.required(CheckIds.TRANSFER_ALLOCATION, CATEGORY, subject, ok,
                "calculated A(s + q) − A(s) = " + Evidence.co2e(calc) + " with " + inputs + " vs " + stored
                        + quantityNote,
                ok ? "the shipment carries exactly its share of the source's sealed footprint"
                        : "the CO2e the shipment carries is not its share of the source's sealed footprint");
    }

    static Check sourceSealHash(VerificationContext ctx, StoredTransfer t) {
        Subject subject = Subject.transfer(t.transferId());
        Optional<StoredBatch> source = ctx.bundle.batch(t.from()).map(BundledBatch::batch);
        String sourceHash = source.flatMap(StoredBatch::sealHash).map(Object::toString)
                .orElse(source.isPresent() ? "(source not sealed)" : "(source batch " + t.from() + " not bundled)");
        boolean ok = source.flatMap(StoredBatch::sealHash).map(t.sourceSealHash()::equals).orElse(false);
        return Check.required(CheckIds.TRANSFER_SOURCE_SEAL_HASH, CATEGORY, subject, ok,
                "transfer sourceSealHash " + t.sourceSealHash() + " vs source " + t.from() + " sealHash " + sourceHash,
                ok ? "the shipment left the source under its current seal"
                        : "the shipment names a seal that is not its source batch's seal");
    }
}
