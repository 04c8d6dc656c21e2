package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.CertifierRole;
import org.carbonledger.core.ledger.DeviceRef;
import org.carbonledger.core.ledger.StateReader;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;

/**
 * Everything needed to re-check a batch's footprint without access to the ledger: the ledger states of the batch
 * and of every batch upstream of it, exactly as stored, plus the transactions that wrote them as a peer reported
 * them. Format {@value #FORMAT}, described member by member in {@code docs/verification.md}:
 * <pre>{@code
 * {"format":"carbonledger-proof-bundle/1",
 *  "root":{"gtin","lot"},
 *  "collection":{"channel","chaincode","mspId","peer","collectedAt"},
 *  "batches":[{"batch":{BATCH state},"records":[{RECORD state},…],"attestations":[{ATTESTATION state},…]},
 *             {"batch":{BATCH state},"recordsDisclosed":false,"attestations":[…]},…],  records not readable
 *  "transfers":[{TRANSFER state},…],          inbound transfers and every shipment out of a bundled batch
 *  "devices":[{DEVICE state},…],
 *  "factors":[{FACTOR state},…],
 *  "certifiers":[{ROLE state of a CERTIFIER holder},…],
 *  "transactions":[{"txId","blockNumber","validationCode"},…]}
 * }</pre>
 * {@link #toJson()} writes every array sorted by its key, so {@link Jcs} of it is the bundle's canonical form and
 * {@link #sha256()} identifies it. A batch whose records the collector may not read (they are private to the owner
 * and the certifiers it designated) has {@code "recordsDisclosed":false} instead of {@code records}; the verifier
 * then rests that batch's footprint on its attestations ({@link Basis#ATTESTED}). A bundle without the member has
 * every batch's records, as before: a batch whose records are merely missing is recomputed, and fails.
 * {@link #fromJson(JsonObject)} is strict: unknown, missing, duplicate or
 * malformed members are refused naming their JSON path. It checks syntax only; whether the states agree with each
 * other (signatures, sums, hashes, mass balance, attestations) is what {@link Verifier} reports.
 *
 * <p>An online collector fills a bundle with a {@link Builder} as it reads states, in any order:
 * <pre>{@code
 * ProofBundle.Builder b = ProofBundle.builder(root);
 * while (!b.missingBatches().isEmpty() || !b.missingTransfers().isEmpty()) {
 *     for (BatchId id : b.missingBatches()) {
 *         b.addBatch(getBatch(id));
 *         if (mayRead(id)) listRecords(id).forEach(b::addRecord);   // every page
 *         else b.recordsNotDisclosed(id);                  // ListRecords refused NOT_DESIGNATED
 *         listTransfersFrom(id).forEach(b::addTransfer);  // every shipment, for mass balance
 *         listAttestations(id).forEach(a -> b.addAttestation(a.without("counts").without("why")));
 *     }
 *     for (LedgerId t : b.missingTransfers()) b.addTransfer(getTransfer(t));
 * }
 * b.missingDevices().forEach(d -> b.addDevice(getDevice(d)));
 * b.missingFactors().forEach(f -> b.addFactor(getFactor(f)));
 * certifierRoleStates().forEach(b::addCertifier);        // ROLE/<msp>/CERTIFIER of every current holder
 * b.missingTransactions().forEach(tx -> b.addTransaction(tx, blockNumberOf(tx), validationCodeOf(tx)));  // qscc
 * ProofBundle bundle = b.build(new CollectionInfo("carbon", "carbonledger", msp, peer, Instant.now()));
 * }</pre>
 */
public final class ProofBundle {

    /** The format id this class reads and writes. */
    public static final String FORMAT = "carbonledger-proof-bundle/1";

    private static final List<String> MEMBERS = List.of("format", "root", "collection", "batches", "transfers",
            "devices", "factors", "certifiers", "transactions");

    private final BatchId root;
    private final CollectionInfo collection;
    private final SortedMap<BatchId, BundledBatch> batches;
    private final SortedMap<LedgerId, StoredTransfer> transfers;
    private final SortedMap<DeviceRef, StoredDevice> devices;
    private final SortedMap<String, StoredFactor> factors;
    private final SortedMap<String, CertifierRole> certifiers;
    private final SortedMap<String, TransactionClaim> transactions;
    private volatile JsonObject json;
    private volatile Hash sha256;

    private ProofBundle(BatchId root, CollectionInfo collection, SortedMap<BatchId, BundledBatch> batches,
                        SortedMap<LedgerId, StoredTransfer> transfers, SortedMap<DeviceRef, StoredDevice> devices,
                        SortedMap<String, StoredFactor> factors, SortedMap<String, CertifierRole> certifiers,
                        SortedMap<String, TransactionClaim> transactions) {
        this.root = root;
        this.collection = collection;
        this.batches = Collections.unmodifiableSortedMap(new TreeMap<>(batches));
        this.transfers = Collections.unmodifiableSortedMap(new TreeMap<>(transfers));
        this.devices = Collections.unmodifiableSortedMap(new TreeMap<>(devices));
        this.factors = Collections.unmodifiableSortedMap(new TreeMap<>(factors));
        this.certifiers = Collections.unmodifiableSortedMap(new TreeMap<>(certifiers));
        this.transactions = Collections.unmodifiableSortedMap(new TreeMap<>(transactions));
    }

    /**
     * @param root the batch whose footprint the bundle proves
     * @return an empty builder; thread-safe, so a collector may add states from several threads
     */
    public static Builder builder(BatchId root) {
        return new Builder(Objects.requireNonNull(root, "root"));
    }

    /** @return the batch whose footprint the bundle proves */
    public BatchId root() {
        return root;
    }

    /** @return where and when the bundle was read */
    public CollectionInfo collection() {
        return collection;
    }

    /** @return the root and every upstream batch, with their records and attestations, by batch id */
    public SortedMap<BatchId, BundledBatch> batches() {
        return batches;
    }

    /**
     * @param id a batch
     * @return the batch, if bundled
     */
    public Optional<BundledBatch> batch(BatchId id) {
        return Optional.ofNullable(batches.get(Objects.requireNonNull(id, "id")));
    }

    /** @return inbound transfers and shipments of the bundled batches, by transfer id */
    public SortedMap<LedgerId, StoredTransfer> transfers() {
        return transfers;
    }

    /** @return the devices that signed the bundled records, by ledger key */
    public SortedMap<DeviceRef, StoredDevice> devices() {
        return devices;
    }

    /** @return the emission factors the bundled records pin, by factor id */
    public SortedMap<String, StoredFactor> factors() {
        return factors;
    }

    /** @return the organizations that held the CERTIFIER role at collection time, by MSP id */
    public SortedMap<String, CertifierRole> certifiers() {
        return certifiers;
    }

    /** @return what the peer reported about each transaction, by transaction id */
    public SortedMap<String, TransactionClaim> transactions() {
        return transactions;
    }

    /**
     * Every transaction the bundled states name: batch creation and seal, records, attestations, shipment, receipt
     * and closing of transfers, device registration and revocation, factor publication and role grants.
     *
     * @return the references: batches, records, attestations, transfers, devices, factors, certifiers, each in key
     *     order
     */
    public List<TransactionReference> transactionReferences() {
        List<StoredRecord> allRecords = new ArrayList<>();
        List<StoredAttestation> allAttestations = new ArrayList<>();
        List<StoredBatch> allBatches = new ArrayList<>();
        for (BundledBatch b : batches.values()) {
            allBatches.add(b.batch());
            allRecords.addAll(b.records());
            allAttestations.addAll(b.attestations());
        }
        return references(allBatches, allRecords, allAttestations, transfers.values(), devices.values(),
                factors.values(), certifiers.values());
    }

    /**
     * The transactions an online check asks a peer about: every transaction a bundled state names, and every
     * transaction the bundle lists.
     *
     * @return their ids, sorted
     */
    public SortedSet<String> transactionIdsToCheck() {
        TreeSet<String> ids = new TreeSet<>(transactions.keySet());
        for (TransactionReference r : transactionReferences()) {
            ids.add(r.txId());
        }
        return Collections.unmodifiableSortedSet(ids);
    }

    private static List<TransactionReference> references(Iterable<StoredBatch> batches,
                                                         Iterable<StoredRecord> records,
                                                         Iterable<StoredAttestation> attestations,
                                                         Iterable<StoredTransfer> transfers,
                                                         Iterable<StoredDevice> devices,
                                                         Iterable<StoredFactor> factors,
                                                         Iterable<CertifierRole> certifiers) {
        List<TransactionReference> refs = new ArrayList<>();
        for (StoredBatch b : batches) {
            Subject subject = Subject.batch(b.id());
            refs.add(new TransactionReference(b.txId(), subject, "txId"));
            b.sealTxId().ifPresent(tx -> refs.add(new TransactionReference(tx, subject, "sealTxId")));
        }
        for (StoredRecord r : records) {
            refs.add(new TransactionReference(r.txId(), Subject.record(r.recordId()), "txId"));
        }
        for (StoredAttestation a : attestations) {
            refs.add(new TransactionReference(a.txId(), Subject.attestation(a.attestationId()), "txId"));
        }
        for (StoredTransfer t : transfers) {
            Subject subject = Subject.transfer(t.transferId());
            refs.add(new TransactionReference(t.shipTxId(), subject, "shipTxId"));
            t.receiveTxId().ifPresent(tx -> refs.add(new TransactionReference(tx, subject, "receiveTxId")));
            t.closeTxId().ifPresent(tx -> refs.add(new TransactionReference(tx, subject, "closeTxId")));
        }
        for (StoredDevice d : devices) {
            Subject subject = Subject.device(d.ref());
            refs.add(new TransactionReference(d.txId(), subject, "txId"));
            d.revokedTxId().ifPresent(tx -> refs.add(new TransactionReference(tx, subject, "revokedTxId")));
        }
        for (StoredFactor f : factors) {
            refs.add(new TransactionReference(f.txId(), Subject.factor(f.factorId()), "txId"));
        }
        for (CertifierRole c : certifiers) {
            refs.add(new TransactionReference(c.txId(), Subject.organization(c.mspId()), "txId"));
        }
        return List.copyOf(refs);
    }

    /** @return the bundle as JSON, every array sorted by its key; {@link Jcs} of it is the canonical form */
    public JsonObject toJson() {
        JsonObject result = json;
        if (result == null) {
            List<JsonValue> batchList = new ArrayList<>();
            for (BundledBatch b : batches.values()) {
                JsonObject.Builder entry = JsonObject.builder().put("batch", b.batch().json());
                if (b.recordsDisclosed()) {
                    entry.put("records", JsonArray.of(states(b.records(), StoredRecord::json)));
                } else {
                    entry.put("recordsDisclosed", false);
                }
                batchList.add(entry.put("attestations", JsonArray.of(states(b.attestations(),
                        StoredAttestation::json))).build());
            }
            result = JsonObject.builder()
                    .put("format", FORMAT)
                    .put("root", JsonObject.builder().put("gtin", root.gtin().value()).put("lot", root.lot().value())
                            .build())
                    .put("collection", collection.toJson())
                    .put("batches", JsonArray.of(batchList))
                    .put("transfers", JsonArray.of(states(transfers.values(), StoredTransfer::json)))
                    .put("devices", JsonArray.of(states(devices.values(), StoredDevice::json)))
                    .put("factors", JsonArray.of(states(factors.values(), StoredFactor::json)))
                    .put("certifiers", JsonArray.of(states(certifiers.values(), CertifierRole::json)))
                    .put("transactions", JsonArray.of(states(transactions.values(), TransactionClaim::toJson)))
                    .build();
            json = result;
        }
        return result;
    }

    private static <T> List<JsonValue> states(Iterable<T> items, Function<T, JsonObject> toJson) {
        List<JsonValue> out = new ArrayList<>();
        for (T item : items) {
            out.add(toJson.apply(item));
        }
        return out;
    }

    /** @return the canonical form: UTF-8 JCS of {@link #toJson()} */
    public byte[] toCanonicalBytes() {
        return Jcs.canonicalize(toJson());
    }

    /** @return SHA-256 of the canonical form, which identifies the bundle in a verification report */
    public Hash sha256() {
        Hash result = sha256;
        if (result == null) {
            result = Sha256.of(toCanonicalBytes());
            sha256 = result;
        }
        return result;
    }

    /**
     * @param utf8 a bundle as UTF-8 JSON
     * @return the bundle
     * @throws LedgerRuleException (INVALID_ARGUMENT and others) naming the JSON path of the first problem
     */
    public static ProofBundle fromJson(byte[] utf8) {
        return fromJson(Json.parseObject(Objects.requireNonNull(utf8, "utf8"), "bundle"));
    }

    /**
     * @param text a bundle as JSON text
     * @return the bundle
     * @throws LedgerRuleException naming the JSON path of the first problem
     */
    public static ProofBundle fromJson(String text) {
        return fromJson(Json.parseObject(Objects.requireNonNull(text, "text"), "bundle"));
    }

    /**
     * Reads a bundle strictly (see the class description).
     *
     * @param json a bundle
     * @return the bundle
     * @throws LedgerRuleException naming the JSON path of the first problem
     */
    public static ProofBundle fromJson(JsonObject json) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), "");
        r.rejectUnknownMembers(MEMBERS);
        String format = r.requireString("format");
        if (!format.equals(FORMAT)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "format", format,
                    "unsupported bundle format; this verifier reads " + FORMAT);
        }
        BatchId root = StateReader.batchRef(r, "root");
        CollectionInfo collection = CollectionInfo.fromJson(r.requireObject("collection").object(), "collection");

        TreeMap<BatchId, BundledBatch> batches = new TreeMap<>();
        // Record and attestation ids are unique on the whole ledger, so across batches too.
        TreeMap<LedgerId, StoredRecord> allRecords = new TreeMap<>();
        TreeMap<LedgerId, StoredAttestation> allAttestations = new TreeMap<>();
        JsonArray batchArray = r.requireArray("batches");
        for (int i = 0; i < batchArray.size(); i++) {
            String path = "batches[" + i + "]";
            JsonObjectReader b = JsonObjectReader.of(JsonObjectReader.asObject(batchArray.get(i), path), path);
            b.rejectUnknownMembers(List.of("batch", "records", "recordsDisclosed", "attestations"));
            StoredBatch batch = StoredBatch.fromJson(b.requireObject("batch").object(), b.path("batch"));
            List<StoredRecord> records = new ArrayList<>();
            boolean disclosed = recordsDisclosed(b);
            if (disclosed) {
                readArray(b, "records", (o, p) -> records.add(unique(allRecords, StoredRecord.fromJson(o, p),
                        StoredRecord::recordId, p, "recordId")));
            }
            List<StoredAttestation> attestations = new ArrayList<>();
            readArray(b, "attestations", (o, p) -> attestations.add(unique(allAttestations,
                    StoredAttestation.fromJson(o, p), StoredAttestation::attestationId, p, "attestationId")));
            unique(batches, new BundledBatch(batch, records, attestations, disclosed), bb -> bb.batch().id(), path,
                    "batch");
        }
        if (!batches.containsKey(root)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "root", root.key(),
                    "the root batch is not among the bundle's batches");
        }
        TreeMap<LedgerId, StoredTransfer> transfers = new TreeMap<>();
        readArray(r, "transfers", (o, p) -> unique(transfers, StoredTransfer.fromJson(o, p),
                StoredTransfer::transferId, p, "transferId"));
        TreeMap<DeviceRef, StoredDevice> devices = new TreeMap<>();
        readArray(r, "devices", (o, p) -> unique(devices, StoredDevice.fromJson(o, p), StoredDevice::ref, p,
                "deviceId"));
        TreeMap<String, StoredFactor> factors = new TreeMap<>();
        readArray(r, "factors", (o, p) -> unique(factors, StoredFactor.fromJson(o, p), StoredFactor::factorId, p,
                "factorId"));
        TreeMap<String, CertifierRole> certifiers = new TreeMap<>();
        readArray(r, "certifiers", (o, p) -> unique(certifiers, CertifierRole.fromJson(o, p), CertifierRole::mspId,
                p, "mspId"));
        TreeMap<String, TransactionClaim> transactions = new TreeMap<>();
        readArray(r, "transactions", (o, p) -> unique(transactions, TransactionClaim.fromJson(o, p),
                TransactionClaim::txId, p, "txId"));
        return new ProofBundle(root, collection, batches, transfers, devices, factors, certifiers, transactions);
    }

    /**
     * Either {@code records} (disclosed) or {@code "recordsDisclosed":false} (not), never both: a bundle cannot hold
     * records and say they were withheld, nor say {@code true} beside a missing list.
     */
    private static boolean recordsDisclosed(JsonObjectReader b) {
        if (!b.has("recordsDisclosed")) {
            b.requireArray("records");
            return true;
        }
        if (b.requireBoolean("recordsDisclosed")) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, b.path("recordsDisclosed"), "true",
                    "is written only as false, for a batch bundled without its records");
        }
        if (b.has("records")) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, b.path("records"),
                    "a batch whose records were not disclosed holds no records member");
        }
        return false;
    }

    private interface ElementReader {
        void read(JsonObject element, String path);
    }

    private static void readArray(JsonObjectReader r, String name, ElementReader reader) {
        JsonArray array = r.requireArray(name);
        for (int i = 0; i < array.size(); i++) {
            String path = r.path(name) + "[" + i + "]";
            reader.read(JsonObjectReader.asObject(array.get(i), path), path);
        }
    }

    private static <K, V> V unique(Map<K, V> map, V value, Function<V, K> key, String path, String member) {
        K k = key.apply(value);
        if (map.putIfAbsent(k, value) != null) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path + "." + member, k.toString(),
                    "occurs more than once in the bundle");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProofBundle other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "ProofBundle[root=" + root + ", batches=" + batches.size() + ", transfers=" + transfers.size()
                + ", transactions=" + transactions.size() + "]";
    }

    /**
     * Collects ledger states into a bundle in whatever order a collector reads them. Each {@code add} validates
     * the state's syntax (as {@link ProofBundle#fromJson} would) and files it under its ledger key; adding the same
     * state again is harmless, adding a different state under a key already filled is refused (the ledger changed
     * during collection: collect again). The {@code missing…} methods say what to read next.
     *
     * <p>States must be added exactly as stored. Two queries decorate them: {@code Batches:GetProvenance} adds
     * {@code depth} to batches and {@code Attestations:ListAttestations} adds {@code counts} and {@code why}; remove
     * those members (or use the {@code Get…} queries) before adding.
     */
    public static final class Builder {
        private final BatchId root;
        private final TreeMap<BatchId, StoredBatch> batches = new TreeMap<>();
        private final TreeMap<LedgerId, StoredRecord> records = new TreeMap<>();
        private final TreeSet<BatchId> recordsNotDisclosed = new TreeSet<>();
        private final TreeMap<LedgerId, StoredAttestation> attestations = new TreeMap<>();
        private final TreeMap<LedgerId, StoredTransfer> transfers = new TreeMap<>();
        private final TreeMap<DeviceRef, StoredDevice> devices = new TreeMap<>();
        private final TreeMap<String, StoredFactor> factors = new TreeMap<>();
        private final TreeMap<String, CertifierRole> certifiers = new TreeMap<>();
        private final TreeMap<String, TransactionClaim> transactions = new TreeMap<>();

        private Builder(BatchId root) {
            this.root = root;
        }

        /**
         * @param state a {@code BATCH} state
         * @return this builder
         */
        public synchronized Builder addBatch(JsonObject state) {
            StoredBatch b = StoredBatch.fromJson(Objects.requireNonNull(state, "state"), "batch");
            file(batches, b.id(), b, StoredBatch::json, "batch");
            return this;
        }

        /**
         * @param state a {@code RECORD} state
         * @return this builder
         */
        public synchronized Builder addRecord(JsonObject state) {
            StoredRecord r = StoredRecord.fromJson(Objects.requireNonNull(state, "state"), "record");
            file(records, r.recordId(), r, StoredRecord::json, "record");
            return this;
        }

        /**
         * Notes that the ledger refused the collector the batch's records (they are private to the owner and the
         * certifiers it designated): the batch is bundled without records, and its footprint rests on attestations.
         *
         * @param batch a batch whose {@code ListRecords} was refused with NOT_DESIGNATED
         * @return this builder
         */
        public synchronized Builder recordsNotDisclosed(BatchId batch) {
            recordsNotDisclosed.add(Objects.requireNonNull(batch, "batch"));
            return this;
        }

        /**
         * @param state an {@code ATTESTATION} state (without the {@code counts} and {@code why} that
         *     ListAttestations adds)
         * @return this builder
         */
        public synchronized Builder addAttestation(JsonObject state) {
            StoredAttestation a = StoredAttestation.fromJson(Objects.requireNonNull(state, "state"), "attestation");
            file(attestations, a.attestationId(), a, StoredAttestation::json, "attestation");
            return this;
        }

        /**
         * @param state a {@code TRANSFER} state: an inbound transfer of a bundled batch or a shipment out of one
         * @return this builder
         */
        public synchronized Builder addTransfer(JsonObject state) {
            StoredTransfer t = StoredTransfer.fromJson(Objects.requireNonNull(state, "state"), "transfer");
            file(transfers, t.transferId(), t, StoredTransfer::json, "transfer");
            return this;
        }

        /**
         * @param state a {@code DEVICE} state
         * @return this builder
         */
        public synchronized Builder addDevice(JsonObject state) {
            StoredDevice d = StoredDevice.fromJson(Objects.requireNonNull(state, "state"), "device");
            file(devices, d.ref(), d, StoredDevice::json, "device");
            return this;
        }

        /**
         * @param state a {@code FACTOR} state
         * @return this builder
         */
        public synchronized Builder addFactor(JsonObject state) {
            StoredFactor f = StoredFactor.fromJson(Objects.requireNonNull(state, "state"), "factor");
            file(factors, f.factorId(), f, StoredFactor::json, "factor");
            return this;
        }

        /**
         * @param state the {@code ROLE/<msp>/CERTIFIER} state of an organization holding the role now
         * @return this builder
         */
        public synchronized Builder addCertifier(JsonObject state) {
            CertifierRole c = CertifierRole.fromJson(Objects.requireNonNull(state, "state"), "certifier");
            file(certifiers, c.mspId(), c, CertifierRole::json, "certifier");
            return this;
        }

        /**
         * @param txId a transaction id
         * @param blockNumber the block a peer says holds it
         * @param validationCode the validation code the peer reports ({@code VALID}, …)
         * @return this builder
         */
        public synchronized Builder addTransaction(String txId, long blockNumber, String validationCode) {
            TransactionClaim claim = new TransactionClaim(txId, blockNumber, validationCode);
            file(transactions, claim.txId(), claim, TransactionClaim::toJson, "transaction");
            return this;
        }

        private static <K, V> void file(Map<K, V> map, K key, V value, Function<V, JsonObject> json, String kind) {
            V existing = map.putIfAbsent(key, value);
            if (existing != null && !json.apply(existing).equals(json.apply(value))) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, kind, key.toString(),
                        "was added twice with different contents: the ledger changed during collection; "
                                + "collect again");
            }
        }

        /**
         * @return the root (if not added yet) and the source batches of the added transfers that are not added yet
         */
        public synchronized SortedSet<BatchId> missingBatches() {
            TreeSet<BatchId> missing = new TreeSet<>();
            if (!batches.containsKey(root)) {
                missing.add(root);
            }
            for (StoredTransfer t : transfers.values()) {
                if (!batches.containsKey(t.from())) {
                    missing.add(t.from());
                }
            }
            return Collections.unmodifiableSortedSet(missing);
        }

        /** @return the transfers an added batch counts as inbound that are not added yet */
        public synchronized SortedSet<LedgerId> missingTransfers() {
            TreeSet<LedgerId> missing = new TreeSet<>();
            for (StoredBatch b : batches.values()) {
                for (LedgerId id : b.inbound()) {
                    if (!transfers.containsKey(id)) {
                        missing.add(id);
                    }
                }
            }
            return Collections.unmodifiableSortedSet(missing);
        }

        /** @return the devices (owner, id) of the added records that are not added yet */
        public synchronized SortedSet<DeviceRef> missingDevices() {
            TreeSet<DeviceRef> missing = new TreeSet<>();
            for (StoredRecord r : records.values()) {
                DeviceRef ref = new DeviceRef(r.ownerMspId(), r.deviceId());
                if (!devices.containsKey(ref)) {
                    missing.add(ref);
                }
            }
            return Collections.unmodifiableSortedSet(missing);
        }

        /** @return the factor ids the added records pin that are not added yet */
        public synchronized SortedSet<String> missingFactors() {
            TreeSet<String> missing = new TreeSet<>();
            for (StoredRecord r : records.values()) {
                r.record().get("activity")
                        .filter(JsonObject.class::isInstance)
                        .flatMap(a -> ((JsonObject) a).get("factorId"))
                        .filter(JsonString.class::isInstance)
                        .map(f -> ((JsonString) f).value())
                        .filter(f -> !factors.containsKey(f))
                        .ifPresent(missing::add);
            }
            return Collections.unmodifiableSortedSet(missing);
        }

        /** @return the transactions the added states name that are not added yet */
        public synchronized SortedSet<String> missingTransactions() {
            TreeSet<String> missing = new TreeSet<>();
            for (TransactionReference ref : references(batches.values(), records.values(), attestations.values(),
                    transfers.values(), devices.values(), factors.values(), certifiers.values())) {
                if (!transactions.containsKey(ref.txId())) {
                    missing.add(ref.txId());
                }
            }
            return Collections.unmodifiableSortedSet(missing);
        }

        /**
         * @param collection where and when the states were read
         * @return the bundle
         * @throws LedgerRuleException (INVALID_STATE) if the root batch was not added, a record or attestation
         *     was added whose batch was not, or a batch noted as not disclosed also got records
         */
        public synchronized ProofBundle build(CollectionInfo collection) {
            Objects.requireNonNull(collection, "collection");
            if (!batches.containsKey(root)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "root", root.key(),
                        "the root batch was not added");
            }
            for (StoredRecord r : records.values()) {
                requireBatch(r.batch(), "record", r.recordId());
            }
            for (StoredAttestation a : attestations.values()) {
                requireBatch(a.batch(), "attestation", a.attestationId());
            }
            TreeMap<BatchId, List<StoredRecord>> recordsByBatch = new TreeMap<>();
            for (StoredRecord r : records.values()) {
                if (recordsNotDisclosed.contains(r.batch())) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "record", r.recordId().value(),
                            "belongs to batch " + r.batch() + ", whose records were noted as not disclosed");
                }
                recordsByBatch.computeIfAbsent(r.batch(), k -> new ArrayList<>()).add(r);
            }
            for (BatchId id : recordsNotDisclosed) {
                if (!batches.containsKey(id)) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "recordsNotDisclosed", id.key(),
                            "names a batch that was not added");
                }
            }
            TreeMap<BatchId, List<StoredAttestation>> attestationsByBatch = new TreeMap<>();
            for (StoredAttestation a : attestations.values()) {
                attestationsByBatch.computeIfAbsent(a.batch(), k -> new ArrayList<>()).add(a);
            }
            TreeMap<BatchId, BundledBatch> bundled = new TreeMap<>();
            for (StoredBatch b : batches.values()) {
                bundled.put(b.id(), new BundledBatch(b, recordsByBatch.getOrDefault(b.id(), List.of()),
                        attestationsByBatch.getOrDefault(b.id(), List.of()), !recordsNotDisclosed.contains(b.id())));
            }
            return new ProofBundle(root, collection, bundled, transfers, devices, factors, certifiers, transactions);
        }

        private void requireBatch(BatchId batch, String kind, LedgerId id) {
            if (!batches.containsKey(batch)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, kind, id.value(),
                        "belongs to batch " + batch + ", which was not added");
            }
        }
    }
}
