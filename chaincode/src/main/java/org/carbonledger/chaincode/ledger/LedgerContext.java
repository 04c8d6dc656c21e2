package org.carbonledger.chaincode.ledger;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerState;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.request.LedgerPage;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The transaction context of every Carbon Ledger contract: who acts (from the client identity, never from
 * arguments), when (the transaction timestamp, the only clock), and world-state access in canonical JSON that
 * records every change so the transaction can emit one event describing all of it.
 */
public final class LedgerContext extends Context {
    /** Name of the one chaincode event each state-changing transaction emits. */
    public static final String EVENT_NAME = "carbonledger.changes";

    private final Map<String, Change> changes = new LinkedHashMap<>();
    private String function = "";

    /** One state written (or deleted, when value is empty) by this transaction. */
    public record Change(String type, String key, Optional<JsonObject> value) {
    }

    public LedgerContext(ChaincodeStub stub) {
        super(stub);
    }

    void function(String name) {
        this.function = name;
    }

    /** The MSP of the submitting client: the acting organization. */
    public String actingMsp() {
        return getClientIdentity().getMSPID();
    }

    /**
     * True when the submitter is a Node OU admin identity of its organization: exactly one Node OU in its
     * certificate, and it is {@code admin}. Matched as Fabric's MSP matches it (case-sensitively): Fabric CA turns
     * affiliations into OUs, so an affiliation spelled "Admin" must not make a client an admin.
     */
    public boolean actorIsAdmin() {
        List<String> nodeOus = organizationalUnits(getClientIdentity().getX509Certificate()).stream()
                .filter(NODE_OUS::contains).toList();
        return nodeOus.equals(List.of("admin"));
    }

    private static final List<String> NODE_OUS = List.of("admin", "client", "peer", "orderer");

    static List<String> organizationalUnits(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<String> units = new ArrayList<>();
        for (RDN rdn : subject.getRDNs(BCStyle.OU)) {
            units.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return units;
    }

    /** The transaction timestamp, identical on every endorser. */
    public Instant now() {
        return getStub().getTxTimestamp();
    }

    public String txId() {
        return getStub().getTxId();
    }

    /** A composite key; an attribute that cannot be part of one (U+0000, U+10FFFF) is refused as invalid input. */
    public String key(String type, String... attributes) {
        for (String attribute : attributes) {
            if (attribute == null || attribute.indexOf('\u0000') >= 0 || attribute.indexOf("\udbff\udfff") >= 0) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "argument", String.valueOf(attribute),
                        "contains a character that cannot be part of a ledger key");
            }
        }
        return getStub().createCompositeKey(type, attributes).toString();
    }

    /**
     * The current value of a key. Fabric does not show a transaction its own writes, so a value written earlier in
     * this transaction is answered from the change log: contracts may read what they just wrote.
     */
    public Optional<JsonObject> read(String key) {
        Change written = changes.get(key);
        if (written != null) {
            return written.value();
        }
        byte[] bytes = getStub().getState(key);
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(Json.parseObject(bytes, key));
    }

    /**
     * The current value of a key, read strictly into its state model; {@code reader} is the model's
     * {@code fromJson}, e.g. {@code StoredBatch::fromJson}.
     */
    public <T extends LedgerState> Optional<T> read(String key, BiFunction<JsonObject, String, T> reader) {
        return read(key).map(json -> reader.apply(json, StateKeys.readable(key)));
    }

    public boolean exists(String key) {
        Change written = changes.get(key);
        if (written != null) {
            return written.value().isPresent();
        }
        byte[] bytes = getStub().getState(key);
        return bytes != null && bytes.length > 0;
    }

    /** Writes canonical JSON (RFC 8785) so every endorser produces identical bytes. */
    public void write(String type, String key, JsonObject value) {
        getStub().putState(key, Jcs.canonicalize(value));
        changes.put(key, new Change(type, key, Optional.of(value)));
    }

    /** Writes a state through its model, so the chaincode writes exactly what every reader reads. */
    public void write(String type, String key, LedgerState state) {
        write(type, key, state.toJson());
    }

    public void delete(String type, String key) {
        getStub().delState(key);
        changes.put(key, new Change(type, key, Optional.empty()));
    }

    // --- private data --------------------------------------------------------------------------------------------

    /**
     * The MSP of the peer this simulation runs on (the chaincode process is started with it). Only that
     * organization's private collection can be read here; several peers simulate the same proposal, so whatever
     * depends on it must not change what the transaction reads or writes (see {@code HeldRecords}).
     */
    public String peerMsp() {
        return getStub().getMspId();
    }

    /** An entry of the proposal's transient map: data that reaches the endorsers but never a block. */
    public Optional<byte[]> transientValue(String name) {
        Map<String, byte[]> map = getStub().getTransient();
        byte[] value = map == null ? null : map.get(name);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** A private value of a collection this peer holds (Fabric records its hash and version in the read set). */
    public Optional<byte[]> readPrivate(String collection, String key) {
        byte[] bytes = getStub().getPrivateData(collection, key);
        return bytes == null || bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
    }

    /**
     * The SHA-256 Fabric keeps of a private value, readable on every member's peer; it enters the read set exactly
     * as reading the value does, which is what lets peers of different organizations simulate alike.
     */
    public Optional<byte[]> readPrivateHash(String collection, String key) {
        byte[] hash = getStub().getPrivateDataHash(collection, key);
        return hash == null || hash.length == 0 ? Optional.empty() : Optional.of(hash);
    }

    /**
     * Writes a private state in canonical JSON to a collection. Private writes are not listed in the public change
     * event: the members holding the collection receive them with the block, the others only their hashes.
     */
    public void writePrivate(String collection, String key, LedgerState state) {
        getStub().putPrivateData(collection, key, Jcs.canonicalize(state.toJson()));
    }

    /** Sets the key-level endorsement policy of a key this transaction writes. */
    public void protect(String key, byte[] policy) {
        getStub().setStateValidationParameter(key, policy);
    }

    /** All values under a composite-key prefix, in key order. In a submit, Fabric re-checks the range at commit. */
    public List<JsonObject> readAll(String type, String... prefix) {
        String start = key(type, prefix);
        java.util.TreeMap<String, JsonObject> result = new java.util.TreeMap<>(LedgerContext::compareKeys);
        try (QueryResultsIterator<KeyValue> it = getStub().getStateByPartialCompositeKey(new CompositeKey(type, prefix))) {
            for (KeyValue kv : it) {
                result.put(kv.getKey(), Json.parseObject(kv.getValue(), kv.getKey()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("range query " + type + " failed", e);
        }
        // Like read(), answer this transaction's own writes too, so a range and a single read never disagree.
        for (Change c : changes.values()) {
            if (c.key().startsWith(start)) {
                if (c.value().isPresent()) {
                    result.put(c.key(), c.value().get());
                } else {
                    result.remove(c.key());
                }
            }
        }
        return List.copyOf(result.values());
    }

    /** All states under a composite-key prefix, in key order, each read strictly into its model. */
    public <T extends LedgerState> List<T> readAll(BiFunction<JsonObject, String, T> reader, String type,
                                                   String... prefix) {
        List<T> result = new ArrayList<>();
        for (JsonObject json : readAll(type, prefix)) {
            result.add(reader.apply(json, type));
        }
        return result;
    }

    /** Keys in LevelDB order: by Unicode code point (Java's String order differs above U+FFFF). */
    static int compareKeys(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** One page of values under a composite-key prefix (evaluate transactions only). */
    public LedgerPage page(int pageSize, String bookmark, String type, String... prefix) {
        key(type, prefix); // refuses attributes that cannot be part of a key, as INVALID_ARGUMENT
        List<JsonObject> items = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> it = getStub().getStateByPartialCompositeKeyWithPagination(
                new CompositeKey(type, prefix), pageSize, bookmark == null ? "" : bookmark)) {
            for (KeyValue kv : it) {
                items.add(Json.parseObject(kv.getValue(), kv.getKey()));
            }
            next = it.getMetadata() == null ? "" : it.getMetadata().getBookmark();
        } catch (Exception e) {
            throw new IllegalStateException("paged query " + type + " failed", e);
        }
        return new LedgerPage(items, items.size() < pageSize ? "" : next);
    }

    /**
     * The event payload: every key this transaction changed, with its type, in the order it changed them; deletes
     * are flagged. The values are not repeated: they are in the same transaction's write set, which is what the
     * peers validate and commit, and a reader of the block takes them from there (the client's {@code ChangeFeed}).
     * Repeating them made every record travel a third time and the event 40 % of a transaction's bytes
     * (docs/benchmarks.md, "Bytes").
     */
    Optional<byte[]> changeEvent() {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        List<JsonValue> list = new ArrayList<>();
        for (Change c : changes.values()) {
            JsonObject.Builder b = JsonObject.builder().put("type", c.type()).put("key", StateKeys.readable(c.key()));
            if (c.value().isEmpty()) {
                b.put("deleted", true);
            }
            list.add(b.build());
        }
        JsonObject event = JsonObject.builder()
                .put("txId", txId())
                .put("timestamp", now().toString())
                .put("mspId", actingMsp())
                .put("function", function)
                .put("changes", JsonArray.of(list))
                .build();
        return Optional.of(Jcs.canonicalize(event));
    }
}
