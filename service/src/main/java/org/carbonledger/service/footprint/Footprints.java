package org.carbonledger.service.footprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRole;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.pact.Provenance;
import org.carbonledger.core.provenance.UpstreamLookup;
import org.carbonledger.core.provenance.UpstreamWalk;

/**
 * The ledger state behind a footprint declaration, read from the read model: a batch, its product, the
 * organizations' profiles, its attestations and its whole upstream provenance, parsed with core's strict readers.
 *
 * <p>The provenance of a sealed batch never changes (everything upstream of it is sealed too), so it is kept in a
 * bounded cache by seal hash; attestations, roles and profiles can change at any time and are read on every call.
 * A state the read model holds that does not parse is a fault of the service's data, not of the request: it is
 * reported as {@link IllegalStateException} (500), never as a 4xx.
 */
@Singleton
public class Footprints {
    private static final int CACHED_PROVENANCES = 256;

    private final FootprintStates states;
    private final Map<Hash, Provenance> provenances = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Hash, Provenance> eldest) {
                    return size() > CACHED_PROVENANCES;
                }
            });

    public Footprints(FootprintStates states) {
        this.states = states;
    }

    /**
     * @param id a batch
     * @return its stored state, if the read model has it
     */
    public Optional<StoredBatch> batch(BatchId id) {
        return states.batchJson(id.gtin().value(), id.lot().value())
                .map(json -> parse(json, "batch " + id, StoredBatch::fromJson));
    }

    /**
     * @param gtin a product
     * @return its stored state ({@code PRODUCT/<gtin>}), if the read model has it
     */
    public Optional<JsonObject> product(Gtin gtin) {
        return states.stateJson(StateKeys.key(StateKeys.PRODUCT, gtin.value())).map(json -> object(json, "product " + gtin));
    }

    /** @return every organization profile by MSP id */
    public Map<String, JsonObject> organizations() {
        Map<String, JsonObject> orgs = new HashMap<>();
        for (String json : states.statesOfType("organization")) {
            JsonObject o = object(json, "organization");
            orgs.put(StoredOrganization.fromJson(o, "organization").mspId(), o);
        }
        return orgs;
    }

    /** @return the organizations that hold the CERTIFIER role */
    public Set<String> certifiers() {
        Set<String> certifiers = new TreeSet<>();
        for (String json : states.statesOfType("role")) {
            StoredRole role = StoredRole.fromJson(object(json, "role"), "role");
            if (role.role().equals(StoredRole.CERTIFIER)) {
                certifiers.add(role.mspId());
            }
        }
        return certifiers;
    }

    /**
     * @param id a batch
     * @return its attestations as stored
     */
    public List<StoredAttestation> attestations(BatchId id) {
        List<StoredAttestation> list = new ArrayList<>();
        for (String json : states.attestationsJson(id.gtin().value(), id.lot().value())) {
            list.add(parse(json, "attestation of " + id, StoredAttestation::fromJson));
        }
        return list;
    }

    /**
     * Everything the declaration of a sealed batch shows.
     *
     * @param sealed a sealed batch
     * @return its facts
     * @throws IllegalStateException if the read model lacks part of the provenance or holds malformed state
     */
    public FootprintFacts facts(StoredBatch sealed) {
        Provenance provenance = provenance(sealed);
        JsonObject product = product(sealed.id().gtin()).orElseThrow(() -> new IllegalStateException(
                "the read model has batch " + sealed.id() + " but not its product"));
        try {
            return new FootprintFacts(provenance, product, organizations(), attestations(sealed.id()), certifiers());
        } catch (LedgerRuleException e) {
            throw new IllegalStateException("the read model's state of " + sealed.id() + " is inconsistent: "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param sealed a sealed batch
     * @return its provenance, walked through the read model (cached by seal hash)
     */
    public Provenance provenance(StoredBatch sealed) {
        Hash sealHash = sealed.sealHash().orElseThrow(() -> new IllegalArgumentException(sealed.id() + " is not sealed"));
        Provenance cached = provenances.get(sealHash);
        if (cached != null && cached.rootBatch().json().equals(sealed.json())) {
            return cached;
        }
        Provenance walked = walk(sealed);
        provenances.put(sealHash, walked);
        return walked;
    }

    private Provenance walk(StoredBatch root) {
        UpstreamWalk walk;
        try {
            walk = UpstreamWalk.from(root.id(), new UpstreamLookup() {
                @Override
                public Optional<StoredBatch> batch(BatchId id) {
                    if (id.equals(root.id())) {
                        return Optional.of(root);
                    }
                    return Optional.of(Footprints.this.batch(id).orElseThrow(() -> new IllegalStateException(
                            "the read model lacks batch " + id + ", upstream of " + root.id())));
                }

                @Override
                public List<StoredTransfer> inbound(StoredBatch batch) {
                    if (batch.inbound().isEmpty()) {
                        return List.of();
                    }
                    // One query for all of a batch's inbound transfers; a missing one is Provenance's to report.
                    List<String> keys = batch.inbound().stream()
                            .map(t -> StateKeys.key(StateKeys.TRANSFER, t.value())).toList();
                    List<StoredTransfer> inbound = new ArrayList<>();
                    for (String json : states.statesJson(keys)) {
                        inbound.add(parse(json, "transfer into " + batch.id(), StoredTransfer::fromJson));
                    }
                    return inbound;
                }
            });
        } catch (LedgerRuleException e) {
            throw new IllegalStateException("the provenance of " + root.id() + " cannot be read: " + e.getMessage(), e);
        }
        List<StoredBatch> batches = new ArrayList<>();
        List<StoredRecord> records = new ArrayList<>();
        Set<String> factorIds = new HashSet<>();
        for (UpstreamWalk.Node node : walk.nodes()) {
            StoredBatch batch = node.batch();
            batches.add(batch);
            for (String json : states.recordsJson(batch.id().gtin().value(), batch.id().lot().value())) {
                StoredRecord r = parse(json, "record of " + batch.id(), StoredRecord::fromJson);
                records.add(r);
                if (r.record().has("activity")) {
                    factorIds.add(JsonObjectReader.of(r.record(), "record").requireObject("activity")
                            .requireString("factorId"));
                }
            }
        }
        Map<String, StoredFactor> factors = new HashMap<>();
        if (!factorIds.isEmpty()) {
            for (String json : states.statesJson(factorIds.stream().map(f -> StateKeys.key(StateKeys.FACTOR, f)).toList())) {
                StoredFactor f = parse(json, "factor", StoredFactor::fromJson);
                factors.put(f.factorId(), f);
            }
        }
        try {
            return Provenance.of(root.id(), batches, records, walk.transfers(), factors);
        } catch (LedgerRuleException e) {
            throw new IllegalStateException("the read model's provenance of " + root.id() + " is incomplete: "
                    + e.getMessage(), e);
        }
    }

    private static JsonObject object(String json, String what) {
        try {
            return Json.parseObject(json, what);
        } catch (LedgerRuleException e) {
            throw new IllegalStateException("the read model's state of " + what + " is not a JSON object: "
                    + e.getMessage(), e);
        }
    }

    private static <T> T parse(String json, String what, java.util.function.BiFunction<JsonObject, String, T> reader) {
        try {
            return reader.apply(Json.parseObject(json, what), what);
        } catch (LedgerRuleException e) {
            throw new IllegalStateException("the read model's state of " + what + " is malformed: "
                    + e.getMessage(), e);
        }
    }
}
