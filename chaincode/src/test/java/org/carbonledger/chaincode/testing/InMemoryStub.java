package org.carbonledger.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The {@link ChaincodeStub} of one transaction on an {@link InMemoryLedger}. It behaves like the shim talking to a
 * peer's transaction simulator:
 * <ul>
 *   <li>reads answer from the committed state (a transaction does not see its own writes) and are recorded in a
 *       read set with the version seen, range queries in a range-query set, for MVCC validation at commit;</li>
 *   <li>{@code putState}, {@code delState} and {@code setStateValidationParameter} are buffered; putting an empty
 *       value is a delete (Fabric's write set cannot hold an empty value);</li>
 *   <li>the shim's argument checks are kept (null or empty keys, simple keys starting with U+0000 in range
 *       queries, keys that are not valid UTF-8), and so are the simulator's rules that a transaction that has
 *       written cannot run a paginated query and one that ran a paginated query cannot write;</li>
 *   <li>after the transaction is committed or discarded every method fails, so a context leaking into a later
 *       transaction is caught.</li>
 * </ul>
 * Methods this project does not use (private data, rich queries, history, chaincode-to-chaincode calls, transient
 * data, the signed proposal) throw {@link UnsupportedOperationException} naming the method.
 */
public final class InMemoryStub implements ChaincodeStub {
    /** The shim's end key of a partial composite key range: U+10FFFF. */
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";
    /** The shim's replacement for an empty start key in getStateByRange: U+0001, above every composite key. */
    private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(1));

    private final InMemoryLedger ledger;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final List<byte[]> args;
    private final String peerMsp;
    private final Map<String, byte[]> transientMap;

    private final Map<String, Optional<byte[]>> writes = new LinkedHashMap<>();
    private final Map<String, byte[]> validationParameterWrites = new LinkedHashMap<>();
    private final Map<String, Long> reads = new LinkedHashMap<>();
    private final List<RangeRead> rangeReads = new ArrayList<>();
    /** Private writes by collection, each in the order first written; an empty value is a delete. */
    private final Map<String, Map<String, Optional<byte[]>>> privateWrites = new java.util.TreeMap<>();
    /** Hashed private reads, {@code collection + U+0000 + key} to version, as Fabric records value and hash reads alike. */
    private final Map<String, Long> privateReads = new LinkedHashMap<>();
    private ChaincodeEvent event;
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private boolean finished;

    InMemoryStub(InMemoryLedger ledger, String txId, Instant timestamp, byte[] creator, List<byte[]> args,
                 String peerMsp, Map<String, byte[]> transientMap) {
        this.ledger = ledger;
        this.peerMsp = Objects.requireNonNull(peerMsp, "peerMsp");
        Map<String, byte[]> copy = new java.util.TreeMap<>();
        Objects.requireNonNull(transientMap, "transientMap").forEach((k, v) -> copy.put(k, v.clone()));
        this.transientMap = Collections.unmodifiableMap(copy);
        this.txId = Objects.requireNonNull(txId, "txId");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.creator = creator.clone();
        this.args = args;
    }

    // --- what the test inspects -------------------------------------------------------------------------------

    /** The buffered write set, in the order first written; an empty value is a delete. */
    public Map<String, Optional<byte[]>> writes() {
        Map<String, Optional<byte[]>> copy = new LinkedHashMap<>();
        writes.forEach((k, v) -> copy.put(k, v.map(byte[]::clone)));
        return Collections.unmodifiableMap(copy);
    }

    /** The buffered key-level validation parameters, in the order first set. */
    public Map<String, byte[]> validationParameterWrites() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        validationParameterWrites.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** The event set by the transaction (the last {@code setEvent} wins, as in Fabric). */
    public Optional<ChaincodeEvent> event() {
        return Optional.ofNullable(event);
    }

    public boolean isFinished() {
        return finished;
    }

    /** The buffered private write sets by collection. */
    public Map<String, Map<String, Optional<byte[]>>> privateWrites() {
        Map<String, Map<String, Optional<byte[]>>> copy = new java.util.TreeMap<>();
        privateWrites.forEach((c, w) -> {
            Map<String, Optional<byte[]>> writes = new LinkedHashMap<>();
            w.forEach((k, v) -> writes.put(k, v.map(byte[]::clone)));
            copy.put(c, Collections.unmodifiableMap(writes));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** The peer organization this simulation runs on. */
    private String creatorMsp() {
        try {
            return org.hyperledger.fabric.protos.msp.SerializedIdentity.parseFrom(creator).getMspid();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("the proposal's creator is not a serialized identity", e);
        }
    }

    public String peerMsp() {
        return peerMsp;
    }

    public Map<String, Long> privateReads() {
        return Collections.unmodifiableMap(privateReads);
    }

    Map<String, Long> reads() {
        return Collections.unmodifiableMap(reads);
    }

    List<RangeRead> rangeReads() {
        return Collections.unmodifiableList(rangeReads);
    }

    void finish(InMemoryLedger owner) {
        if (owner != ledger) {
            throw new IllegalArgumentException("transaction " + txId + " belongs to another ledger");
        }
        requireOpen();
        finished = true;
    }

    // --- arguments and transaction header ---------------------------------------------------------------------

    @Override
    public List<byte[]> getArgs() {
        requireOpen();
        List<byte[]> copy = new ArrayList<>();
        for (byte[] arg : args) {
            copy.add(arg.clone());
        }
        return copy;
    }

    @Override
    public List<String> getStringArgs() {
        requireOpen();
        List<String> strings = new ArrayList<>();
        for (byte[] arg : args) {
            strings.add(new String(arg, StandardCharsets.UTF_8));
        }
        return strings;
    }

    @Override
    public String getFunction() {
        List<String> strings = getStringArgs();
        return strings.isEmpty() ? null : strings.get(0);
    }

    @Override
    public List<String> getParameters() {
        List<String> strings = getStringArgs();
        return strings.isEmpty() ? List.of() : strings.subList(1, strings.size());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        requireOpen();
        return ledger.channelId();
    }

    @Override
    public Instant getTxTimestamp() {
        requireOpen();
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        requireOpen();
        return creator.clone();
    }

    // --- world state --------------------------------------------------------------------------------------------

    /** The committed value, or an empty array when the key does not exist (the shim never returns null). */
    @Override
    public byte[] getState(String key) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        reads.putIfAbsent(key, ledger.version(key));
        byte[] value = ledger.committedValue(key);
        return value == null ? new byte[0] : value.clone();
    }

    /** The committed validation parameter, or null when the key has none. */
    @Override
    public byte[] getStateValidationParameter(String key) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        reads.putIfAbsent(key, ledger.version(key));
        byte[] value = ledger.committedValidationParameter(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        requireOpen();
        validateKey(key);
        Objects.requireNonNull(value, "value");
        checkWritePrecondition(key);
        writes.put(key, value.length == 0 ? Optional.empty() : Optional.of(value.clone()));
    }

    @Override
    public void delState(String key) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        checkWritePrecondition(key);
        writes.put(key, Optional.empty());
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        requireOpen();
        validateKey(key);
        Objects.requireNonNull(value, "value");
        checkWritePrecondition(key);
        validationParameterWrites.put(key, value.clone());
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        requireOpen();
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return rangeQuery(start, end);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey, String endKey,
                                                                                   int pageSize, String bookmark) {
        requireOpen();
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return paginatedQuery(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    /** Every key that starts with the composite key's prefix: the range [prefix, prefix + U+10FFFF). */
    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        requireOpen();
        String start = (compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY) : compositeKey).toString();
        return rangeQuery(start, start + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        requireOpen();
        String start = (compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY) : compositeKey).toString();
        return paginatedQuery(start, start + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    // --- events -------------------------------------------------------------------------------------------------

    @Override
    public void setEvent(String name, byte[] payload) {
        requireOpen();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        event = builder.build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        requireOpen();
        return event;
    }

    // --- not modelled -------------------------------------------------------------------------------------------

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> arguments, String channel) {
        throw unsupported("invokeChaincode");
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unsupported("getQueryResult");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize, String bookmark) {
        throw unsupported("getQueryResultWithPagination");
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        throw unsupported("getHistoryForKey");
    }

    /**
     * The committed private value (empty array when absent), readable only in this peer's organization's collection,
     * as a peer that is not a member of a collection holds only its hashes, and only for a client of that
     * organization, as the collections are memberOnlyRead ("tx creator does not have read access permission").
     */
    @Override
    public byte[] getPrivateData(String collection, String key) {
        requireOpen();
        requireDefined(collection);
        if (!collection.equals(InMemoryLedger.collectionOf(peerMsp))) {
            throw new IllegalStateException("peer of " + peerMsp + " is not a member of collection " + collection
                    + ": it holds only the hashes of its private data");
        }
        if (!collection.equals(InMemoryLedger.collectionOf(creatorMsp()))) {
            throw new IllegalStateException("tx creator does not have read access permission on privatedata in collection "
                    + collection + " (memberOnlyRead)");
        }
        privateReads.putIfAbsent(collection + "\u0000" + key, ledger.privateVersion(collection, key));
        byte[] value = ledger.committedPrivateValue(collection, key);
        return value == null ? new byte[0] : value.clone();
    }

    /** The SHA-256 of the committed private value (empty array when absent), readable on every peer. */
    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        requireOpen();
        requireDefined(collection);
        privateReads.putIfAbsent(collection + "\u0000" + key, ledger.privateVersion(collection, key));
        byte[] value = ledger.committedPrivateValue(collection, key);
        if (value == null) {
            return new byte[0];
        }
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unsupported("getPrivateDataValidationParameter");
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        requireOpen();
        requireDefined(collection);
        validateKey(key);
        Objects.requireNonNull(value, "value");
        if (value.length == 0) {
            throw new IllegalArgumentException("value must not be empty");
        }
        checkWritePrecondition(key);
        privateWrites.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(key, Optional.of(value.clone()));
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unsupported("setPrivateDataValidationParameter");
    }

    @Override
    public void delPrivateData(String collection, String key) {
        requireOpen();
        requireDefined(collection);
        checkWritePrecondition(key);
        privateWrites.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(key, Optional.empty());
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unsupported("purgePrivateData");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unsupported("getPrivateDataByRange");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unsupported("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey compositeKey) {
        throw unsupported("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String objectType,
                                                                              String... attributes) {
        throw unsupported("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unsupported("getPrivateDataQueryResult");
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported("getSignedProposal");
    }

    @Override
    public Map<String, byte[]> getTransient() {
        requireOpen();
        Map<String, byte[]> copy = new java.util.TreeMap<>();
        transientMap.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public byte[] getBinding() {
        throw unsupported("getBinding");
    }

    /** The MSP of the peer this simulation runs on (each endorsing peer simulates the proposal on its own). */
    @Override
    public String getMspId() {
        return peerMsp;
    }

    // --- internals ----------------------------------------------------------------------------------------------

    private Results rangeQuery(String start, String end) {
        RangeRead rangeRead = new RangeRead(start, end);
        rangeReads.add(rangeRead);
        return new Results(ledger.range(start, end), rangeRead, QueryResponseMetadata.getDefaultInstance());
    }

    /** The peer's paginated range scan: the bookmark (if any) replaces the start key and is the next page's first key. */
    private QueryResultsIteratorWithMetadata<KeyValue> paginatedQuery(String start, String end, int pageSize, String bookmark) {
        String mark = bookmark == null ? "" : bookmark;
        if (pageSize == 0 && mark.isEmpty()) {
            return rangeQuery(start, end); // not a paginated query for the peer: all results, empty metadata
        }
        if (pageSize < 0) {
            throw new IllegalArgumentException("pageSize " + pageSize + ": a negative page size is not modelled");
        }
        if (writePerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsuppored transaction. Paginated queries are supported "
                    + "only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
        List<InMemoryLedger.Entry> all = ledger.range(mark.isEmpty() ? start : mark, end);
        int limit = pageSize == 0 ? all.size() : Math.min(pageSize, all.size());
        List<InMemoryLedger.Entry> page = all.subList(0, limit);
        String next = limit < all.size() ? all.get(limit).key() : "";
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size())
                .setBookmark(next)
                .build();
        return new Results(page, null, metadata);
    }

    private void checkWritePrecondition(String key) {
        if (paginatedQueryPerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsuppored transaction. Transaction has already "
                    + "performed a paginated query. Writes are not allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("invalid key [" + key + "], must be a UTF-8 string");
            }
        }
        writePerformed = true;
    }

    private static void validateKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("transaction " + txId + " is already committed or discarded; "
                    + "a context or stub must not outlive its transaction");
        }
    }

    /** Only the channel organizations' private collections exist here, one per member, as the deploy script defines them. */
    private void requireDefined(String collection) {
        Objects.requireNonNull(collection, "collection");
        boolean defined = ledger.organizations().stream().map(InMemoryLedger::collectionOf).anyMatch(collection::equals);
        if (!defined) {
            throw new IllegalArgumentException("collection " + collection + " is not defined for this chaincode");
        }
    }

    private static UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException("InMemoryStub does not model ChaincodeStub." + method);
    }

    /**
     * A range query as the simulator records it: the keys and versions the chaincode actually consumed, and whether
     * it read to the end. At commit the range must still yield exactly that (no phantom inserted or deleted).
     */
    static final class RangeRead {
        private final String startKey;
        private final String endKey;
        private final List<InMemoryLedger.Entry> consumed = new ArrayList<>();
        private boolean exhausted;

        RangeRead(String startKey, String endKey) {
            this.startKey = startKey;
            this.endKey = endKey;
        }

        String startKey() {
            return startKey;
        }

        String endKey() {
            return endKey;
        }

        boolean stillMatches(List<InMemoryLedger.Entry> now) {
            List<InMemoryLedger.Entry> relevant;
            if (exhausted) {
                relevant = now;
            } else if (consumed.isEmpty()) {
                return true;
            } else {
                String last = consumed.get(consumed.size() - 1).key();
                relevant = now.stream().filter(e -> InMemoryLedger.KEY_ORDER.compare(e.key(), last) <= 0).toList();
            }
            if (relevant.size() != consumed.size()) {
                return false;
            }
            for (int i = 0; i < relevant.size(); i++) {
                if (!relevant.get(i).key().equals(consumed.get(i).key()) || relevant.get(i).version() != consumed.get(i).version()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Results of a range query, read lazily so that the range-query set records only what was consumed. */
    private final class Results implements QueryResultsIterator<KeyValue>, QueryResultsIteratorWithMetadata<KeyValue> {
        private final List<InMemoryLedger.Entry> entries;
        private final RangeRead rangeRead;
        private final QueryResponseMetadata metadata;
        private int position;
        private boolean closed;

        Results(List<InMemoryLedger.Entry> entries, RangeRead rangeRead, QueryResponseMetadata metadata) {
            this.entries = entries;
            this.rangeRead = rangeRead;
            this.metadata = metadata;
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public Iterator<KeyValue> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    checkUsable();
                    boolean more = position < entries.size();
                    if (!more && rangeRead != null) {
                        rangeRead.exhausted = true;
                    }
                    return more;
                }

                @Override
                public KeyValue next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    InMemoryLedger.Entry entry = entries.get(position++);
                    if (rangeRead != null) {
                        rangeRead.consumed.add(entry);
                    }
                    return new StoredKeyValue(entry.key(), entry.value());
                }
            };
        }

        private void checkUsable() {
            requireOpen();
            if (closed) {
                throw new IllegalStateException("query iterator used after close()");
            }
        }
    }

    private record StoredKeyValue(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }
}
