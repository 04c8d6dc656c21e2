package org.carbonledger.service.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.CertifierRole;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckCategory;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.Subject;
import org.carbonledger.service.footprint.FootprintStates;

/**
 * Compares the read model with a proof bundle collected from the ledger: every state the bundle holds (batches,
 * records, transfers, attestations, devices, factors, certifier roles) must be in {@code ledger_state} with the same
 * JSON, and the batch projection must name the same seal. The read model is a cache that the passport and PACT
 * answer from, so a disagreement is reported (never silently repaired): it means the cache lags, was rebuilt wrongly
 * or was tampered with. These checks are informational: the footprint's verdict stands on the ledger alone.
 */
@Singleton
public class ReadModelComparison {
    /** Check id of one state that differs between the read model and the ledger. */
    public static final String STATE = "readmodel.state";
    /** Check id of the summary: how many states were compared and how many differ. */
    public static final String AGREES = "readmodel.agrees";

    private final FootprintStates states;

    ReadModelComparison(FootprintStates states) {
        this.states = states;
    }

    /**
     * @param bundle a bundle collected from the ledger
     * @return one check per disagreeing state, then the summary check
     */
    public List<Check> compare(ProofBundle bundle) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (BundledBatch b : bundle.batches().values()) {
            String gtin = b.batch().id().gtin().value();
            String lot = b.batch().id().lot().value();
            expected.put(StateKeys.key(StateKeys.BATCH, gtin, lot), new Expected(Subject.batch(b.batch().id()), b.batch().json()));
            for (StoredRecord r : b.records()) {
                expected.put(StateKeys.key(StateKeys.ID, r.recordId().value()),
                        new Expected(Subject.record(r.recordId()), r.json()));
            }
            for (StoredAttestation a : b.attestations()) {
                expected.put(StateKeys.key(StateKeys.ATTESTATION, gtin, lot, a.attestationId().value()),
                        new Expected(Subject.attestation(a.attestationId()), a.json()));
            }
        }
        for (StoredTransfer t : bundle.transfers().values()) {
            expected.put(StateKeys.key(StateKeys.TRANSFER, t.transferId().value()), new Expected(Subject.transfer(t.transferId()), t.json()));
        }
        for (StoredDevice d : bundle.devices().values()) {
            expected.put(StateKeys.key(StateKeys.DEVICE, d.ownerMspId(), d.deviceId().value()),
                    new Expected(Subject.device(new org.carbonledger.core.ledger.DeviceRef(d.ownerMspId(), d.deviceId())),
                            d.json()));
        }
        for (StoredFactor f : bundle.factors().values()) {
            expected.put(StateKeys.key(StateKeys.FACTOR, f.factorId()), new Expected(Subject.factor(f.factorId()), f.json()));
        }
        for (CertifierRole c : bundle.certifiers().values()) {
            expected.put(StateKeys.key(StateKeys.ROLE, c.mspId(), "CERTIFIER"), new Expected(Subject.organization(c.mspId()), c.json()));
        }

        Map<String, JsonObject> cached = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(expected.keySet());
        for (int from = 0; from < keys.size(); from += 500) {
            for (String row : states.statesWithKeys(keys.subList(from, Math.min(keys.size(), from + 500)))) {
                int split = row.indexOf('\u0001');
                cached.put(row.substring(0, split), parse(row.substring(split + 1)).orElse(null));
            }
        }
        List<Check> checks = new ArrayList<>();
        int differ = 0;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            JsonObject inCache = cached.get(e.getKey());
            Expected want = e.getValue();
            if (inCache == null) {
                differ++;
                checks.add(Check.informational(STATE, CheckCategory.TRANSACTIONS, want.subject(), false,
                        "ledger: state " + e.getKey() + " exists; read model: " + (cached.containsKey(e.getKey())
                                ? "holds unreadable JSON" : "no such row"),
                        "the read model lacks a state the ledger has"));
            } else if (!inCache.equals(want.json())) {
                differ++;
                checks.add(Check.informational(STATE, CheckCategory.TRANSACTIONS, want.subject(), false,
                        "members that differ: " + differing(want.json(), inCache),
                        "the read model's copy of " + e.getKey() + " differs from the ledger's"));
            }
        }
        for (BundledBatch b : bundle.batches().values()) {
            String ledgerSeal = b.batch().sealHash().map(h -> h.toHex()).orElse("");
            String cachedSeal = states.sealHashOf(b.batch().id().gtin().value(), b.batch().id().lot().value())
                    .orElse("");
            if (!ledgerSeal.equals(cachedSeal)) {
                differ++;
                checks.add(Check.informational(STATE, CheckCategory.TRANSACTIONS, Subject.batch(b.batch().id()), false,
                        "ledger seal hash " + (ledgerSeal.isEmpty() ? "(none)" : ledgerSeal) + " vs read model "
                                + (cachedSeal.isEmpty() ? "(none)" : cachedSeal),
                        "the read model's batch projection names another seal"));
            }
        }
        checks.add(Check.informational(AGREES, CheckCategory.TRANSACTIONS, Subject.batch(bundle.root()), differ == 0,
                expected.size() + " ledger states and " + bundle.batches().size() + " batch projections compared, "
                        + differ + " differ",
                differ == 0 ? "the read model agrees with the ledger"
                        : "the read model disagrees with the ledger: pages and PACT answers built from it may be wrong "
                                + "until it is rebuilt (POST /api/v1/admin/read-model/rebuild)"));
        return checks;
    }

    private record Expected(Subject subject, JsonObject json) {
    }

    private static Optional<JsonObject> parse(String json) {
        try {
            return Optional.of(Json.parseObject(json, "read model"));
        } catch (LedgerRuleException e) {
            return Optional.empty();
        }
    }

    private static String differing(JsonObject ledger, JsonObject cache) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(ledger.names());
        names.addAll(cache.names());
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            if (!ledger.get(n).equals(cache.get(n))) {
                parts.add(n + " (ledger " + ledger.get(n).map(Json::write).map(ReadModelComparison::cut).orElse("absent")
                        + " vs read model " + cache.get(n).map(Json::write).map(ReadModelComparison::cut).orElse("absent")
                        + ")");
            }
        }
        return String.join("; ", parts);
    }

    private static String cut(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
