package org.carbonledger.core.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.attestation.AttestationStanding;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.ledger.DeviceRef;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.provenance.UpstreamLookup;
import org.carbonledger.core.provenance.UpstreamWalk;

/** What every step reads: the bundle, indexed once, and each device key parsed once. */
final class VerificationContext {

    /** A device key parsed from its PEM, or why it could not be. */
    record ParsedKey(Optional<DevicePublicKey> key, String problem) {
    }

    /** The device a record names, looked up as the chaincode does: first among the batch owner's devices. */
    record DeviceLookup(Optional<StoredDevice> device, boolean ownedByBatchOwner) {
    }

    final ProofBundle bundle;
    final Instant at;
    /** Whether independent per-record and per-batch work may run on the common fork-join pool. */
    final boolean parallel;
    /** The root, then upstream batches breadth-first, then any other bundled batch in key order. */
    final List<BundledBatch> batchOrder;
    final FactorLookup factors;
    private final Map<DeviceRef, ParsedKey> keys = new TreeMap<>();
    private final Map<DeviceId, List<StoredDevice>> devicesById = new TreeMap<>();
    private final Map<BatchId, List<StoredTransfer>> shipmentsBySource = new TreeMap<>();
    private final Map<LedgerId, List<BatchId>> countedBy = new TreeMap<>();

    VerificationContext(ProofBundle bundle, Instant at, boolean parallel) {
        this.bundle = bundle;
        this.at = at;
        this.parallel = parallel;
        this.batchOrder = order(bundle);
        Map<String, EmissionFactor> byId = new TreeMap<>();
        bundle.factors().forEach((id, f) -> byId.put(id, f.factor()));
        this.factors = FactorLookup.of(byId);
        for (StoredDevice d : bundle.devices().values()) {
            devicesById.computeIfAbsent(d.deviceId(), k -> new ArrayList<>()).add(d);
            keys.put(d.ref(), parse(d));
        }
        for (StoredTransfer t : bundle.transfers().values()) {
            shipmentsBySource.computeIfAbsent(t.from(), k -> new ArrayList<>()).add(t);
        }
        for (BundledBatch b : batchOrder) {
            for (LedgerId id : b.batch().inbound()) {
                countedBy.computeIfAbsent(id, k -> new ArrayList<>()).add(b.batch().id());
            }
        }
    }

    private static List<BundledBatch> order(ProofBundle bundle) {
        // Batches or transfers missing from the bundle are the checks' business: the walk goes on without them.
        UpstreamWalk walk = UpstreamWalk.from(bundle.root(), new UpstreamLookup() {
            @Override
            public Optional<StoredBatch> batch(BatchId id) {
                return bundle.batch(id).map(BundledBatch::batch);
            }

            @Override
            public List<StoredTransfer> inbound(StoredBatch batch) {
                List<StoredTransfer> inbound = new ArrayList<>();
                for (LedgerId id : batch.inbound()) {
                    StoredTransfer t = bundle.transfers().get(id);
                    if (t != null) {
                        inbound.add(t);
                    }
                }
                return inbound;
            }
        });
        Set<BatchId> seen = new LinkedHashSet<>();
        for (UpstreamWalk.Node n : walk.nodes()) {
            seen.add(n.batch().id());
        }
        seen.addAll(bundle.batches().keySet());
        List<BundledBatch> order = new ArrayList<>();
        for (BatchId id : seen) {
            bundle.batch(id).ifPresent(order::add);
        }
        return List.copyOf(order);
    }

    private static ParsedKey parse(StoredDevice d) {
        try {
            return new ParsedKey(Optional.of(DevicePublicKey.parse(d.publicKeyPem(), "publicKeyPem")), "");
        } catch (LedgerRuleException e) {
            return new ParsedKey(Optional.empty(), e.getMessage());
        }
    }

    ParsedKey key(DeviceRef ref) {
        return keys.get(ref);
    }

    /**
     * @param owner the batch owner
     * @param deviceId the device a record names
     * @return the owner's device with that id; otherwise another organization's (first by MSP id), which the
     *     ownership check then reports
     */
    DeviceLookup device(String owner, DeviceId deviceId) {
        List<StoredDevice> candidates = devicesById.getOrDefault(deviceId, List.of());
        for (StoredDevice d : candidates) {
            if (d.ownerMspId().equals(owner)) {
                return new DeviceLookup(Optional.of(d), true);
            }
        }
        return new DeviceLookup(candidates.stream().findFirst(), false);
    }

    List<StoredTransfer> shipmentsFrom(BatchId batch) {
        return shipmentsBySource.getOrDefault(batch, List.of());
    }

    List<BatchId> batchesCounting(LedgerId transferId) {
        return countedBy.getOrDefault(transferId, List.of());
    }

    /**
     * Applies {@code work} to each item, on several cores when allowed; the results keep the items' order, so the
     * report does not depend on scheduling.
     */
    <T> List<Check> each(List<T> items, Function<T, List<Check>> work) {
        IntStream indexes = IntStream.range(0, items.size());
        if (parallel) {
            indexes = indexes.parallel();
        }
        List<List<Check>> results = indexes.mapToObj(i -> work.apply(items.get(i))).toList();
        List<Check> checks = new ArrayList<>();
        results.forEach(checks::addAll);
        return checks;
    }

    /**
     * @param b a bundled batch
     * @return its attestations that count at the verification instant, by core's {@link AttestationStanding}: the
     *     rule the attestation checks report and an undisclosed batch's footprint rests on
     */
    List<StoredAttestation> countingAttestations(BundledBatch b) {
        List<StoredAttestation> counting = new ArrayList<>();
        for (StoredAttestation a : b.attestations()) {
            if (standing(a, b).countsAt(at)) {
                counting.add(a);
            }
        }
        return counting;
    }

    AttestationStanding standing(StoredAttestation a, BundledBatch b) {
        return AttestationStanding.of(a, b.batch(), bundle.certifiers()::containsKey);
    }

    boolean isRoot(BundledBatch b) {
        return b.batch().id().equals(bundle.root());
    }
}
