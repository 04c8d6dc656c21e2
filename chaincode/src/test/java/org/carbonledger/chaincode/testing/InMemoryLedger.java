package org.carbonledger.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The world state of one chaincode on one channel, kept in memory, with the transaction semantics of a Fabric peer
 * that tests can rely on:
 * <ul>
 *   <li>Each transaction runs against its own {@link InMemoryStub}, which buffers writes, deletes and key-level
 *       validation parameters. A transaction reads the <em>committed</em> state only: like Fabric, it does not see
 *       its own writes.</li>
 *   <li>{@link #commit} validates like the peer's committer, in the peer's order: duplicate transaction id, then
 *       endorsement policy (each written key's key-level policy if it has one, else the chaincode policy
 *       MAJORITY of the channel organizations), then MVCC (every key read still has the version it had) and phantom
 *       reads (every range query still returns the same keys and versions). Only a VALID transaction changes the
 *       state; an invalid one is recorded in the {@link #history()} like an invalid transaction in a block.</li>
 *   <li>{@link #discard} drops a transaction that was refused or only evaluated: nothing of it reaches the state.</li>
 *   <li>Keys are ordered as LevelDB orders them (UTF-8 bytes, i.e. code points), so composite-key range queries
 *       return what a peer returns.</li>
 *   <li>Deleting a key drops its validation parameter; rewriting its value keeps it; a validation parameter set on
 *       a key that does not exist after the transaction is ignored (as Fabric does).</li>
 * </ul>
 */
public final class InMemoryLedger {
    /** The channel of the local network (network/scripts/env.sh). */
    public static final String DEFAULT_CHANNEL = "carbon";
    /** The application organizations of the local network, sorted. */
    public static final List<String> DEFAULT_ORGANIZATIONS = List.of("ApplianceCoMSP", "CertCoMSP", "SteelCoMSP");

    /** LevelDB's key order: UTF-8 bytes, which is Unicode code point order (not {@link String#compareTo}). */
    public static final Comparator<String> KEY_ORDER = InMemoryLedger::compareCodePoints;

    private final String channelId;
    private final List<String> organizations;
    private final TreeMap<String, byte[]> values = new TreeMap<>(KEY_ORDER);
    private final TreeMap<String, byte[]> validationParameters = new TreeMap<>(KEY_ORDER);
    private final Map<String, Long> versions = new HashMap<>();
    /** Private values of every collection (what its members' peers hold), keyed {@code collection + U+0000 + key}. */
    private final TreeMap<String, byte[]> privateValues = new TreeMap<>(KEY_ORDER);
    private final Map<String, Long> privateVersions = new HashMap<>();
    private final Set<String> txIds = new HashSet<>();
    private final List<CommittedTransaction> history = new ArrayList<>();
    private long height;
    private long generatedTxIds;

    private InMemoryLedger(String channelId, List<String> organizations) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.organizations = List.copyOf(Objects.requireNonNull(organizations, "organizations"));
        if (this.organizations.isEmpty()) {
            throw new IllegalArgumentException("organizations: at least one organization must run a peer");
        }
    }

    /** A ledger on channel {@value #DEFAULT_CHANNEL} with the three member organizations of the local network. */
    public static InMemoryLedger newInstance() {
        return newInstance(DEFAULT_CHANNEL, DEFAULT_ORGANIZATIONS);
    }

    /**
     * @param channelId the channel name {@code getChannelId()} answers
     * @param organizations the MSPs that run one endorsing peer each; the chaincode policy is their MAJORITY
     */
    public static InMemoryLedger newInstance(String channelId, List<String> organizations) {
        return new InMemoryLedger(channelId, organizations);
    }

    public String channelId() {
        return channelId;
    }

    /** The organizations that run a peer; a submit is endorsed by all of them unless a test says otherwise. */
    public List<String> organizations() {
        return organizations;
    }

    /** Starts simulating a transaction on a peer of the first organization (tests that need no peer identity). */
    public InMemoryStub newTransaction(Proposal proposal) {
        return newTransaction(proposal, organizations.get(0), Map.of());
    }

    /**
     * Starts simulating a transaction on a peer of {@code peerMsp} (which answers {@code getMspId()} and can read its
     * organization's private collection only), with a transient map.
     */
    public InMemoryStub newTransaction(Proposal proposal, String peerMsp, Map<String, byte[]> transientMap) {
        Objects.requireNonNull(proposal, "proposal");
        if (!organizations.contains(peerMsp)) {
            throw new IllegalArgumentException(peerMsp + " runs no peer here");
        }
        String txId = proposal.txId() == null ? nextTxId() : proposal.txId();
        return new InMemoryStub(this, txId, proposal.timestamp(), proposal.creator(), proposal.args(), peerMsp, transientMap);
    }

    /** The private collection of an organization, as the chaincode definition declares one per member. */
    public static String collectionOf(String mspId) {
        return org.carbonledger.core.ledger.PrivateData.collectionOf(mspId);
    }

    /**
     * What a client sends: who signs it, when, with which arguments ({@code args[0]} is the function), and optionally
     * the transaction id (else a deterministic one is generated).
     */
    public record Proposal(byte[] creator, Instant timestamp, List<byte[]> args, String txId) {
        public Proposal {
            creator = Objects.requireNonNull(creator, "creator").clone();
            Objects.requireNonNull(timestamp, "timestamp");
            List<byte[]> copies = new ArrayList<>();
            for (byte[] arg : Objects.requireNonNull(args, "args")) {
                copies.add(Objects.requireNonNull(arg, "args[i]").clone());
            }
            args = List.copyOf(copies);
        }

        public static Proposal of(byte[] creator, Instant timestamp, List<String> args) {
            List<byte[]> bytes = new ArrayList<>();
            for (String arg : args) {
                bytes.add(arg.getBytes(StandardCharsets.UTF_8));
            }
            return new Proposal(creator, timestamp, bytes, null);
        }

        public Proposal withTxId(String id) {
            return new Proposal(creator, timestamp, args, Objects.requireNonNull(id, "id"));
        }
    }

    /**
     * Orders and commits a simulated transaction endorsed by one peer of each of {@code endorsingPeerMsps}.
     *
     * @return the validation code the committing peer would record; the state changes only when it is VALID
     */
    public TxValidationCode commit(InMemoryStub tx, List<String> endorsingPeerMsps) {
        Objects.requireNonNull(endorsingPeerMsps, "endorsingPeerMsps");
        tx.finish(this);
        TxValidationCode code = validate(tx, endorsingPeerMsps);
        txIds.add(tx.getTxId());
        long number = ++height;
        if (code == TxValidationCode.VALID) {
            apply(tx, number);
        }
        history.add(new CommittedTransaction(number, tx.getTxId(), code, tx.event(), tx.writes(), tx.validationParameterWrites(),
                tx.privateWrites()));
        return code;
    }

    /** Ends a transaction that will never be committed (refused, failed, or only evaluated). */
    public void discard(InMemoryStub tx) {
        tx.finish(this);
    }

    /** A copy of the whole committed state. */
    public LedgerSnapshot snapshot() {
        return new LedgerSnapshot(values, validationParameters, privateValues);
    }

    /** The committed value of a key. */
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(values.get(key)).map(byte[]::clone);
    }

    /** The committed key-level validation parameter (endorsement policy) of a key. */
    public Optional<byte[]> validationParameter(String key) {
        return Optional.ofNullable(validationParameters.get(key)).map(byte[]::clone);
    }

    /**
     * Writes a value directly, outside any transaction, as if an earlier version of the chaincode had left it there
     * (e.g. to start a test from state the current code could not produce). It is not part of {@link #history()}.
     */
    public void seed(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        values.put(key, value.clone());
        versions.put(key, ++height);
    }

    /**
     * Writes a private value directly into one collection, outside any transaction (e.g. a copy altered on one
     * organization's peer behind the chaincode's back).
     */
    public void seedPrivate(String collection, String key, byte[] value) {
        String k = collection + "\u0000" + Objects.requireNonNull(key, "key");
        privateValues.put(k, Objects.requireNonNull(value, "value").clone());
        privateVersions.put(k, ++height);
    }

    /** Every transaction submitted for commit so far, valid or not, in block order. */
    public List<CommittedTransaction> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * A transaction as recorded in a block.
     *
     * @param number its position in the chain (counting seeds), from 1
     * @param writes the write set in the order the chaincode wrote it; an empty value is a delete
     * @param privateWrites the private write sets by collection (a peer keeps only its own collections' values and
     *                      every collection's hashes)
     */
    public record CommittedTransaction(long number, String txId, TxValidationCode validationCode,
                                       Optional<ChaincodeEvent> event, Map<String, Optional<byte[]>> writes,
                                       Map<String, byte[]> validationParameterWrites,
                                       Map<String, Map<String, Optional<byte[]>>> privateWrites) {
    }

    /** The committed private value of a key in a collection. */
    public Optional<byte[]> privateValue(String collection, String key) {
        return Optional.ofNullable(privateValues.get(collection + "\u0000" + key)).map(byte[]::clone);
    }

    /** The committed private values of a collection whose keys start with a prefix, in key order. */
    public SortedMap<String, byte[]> privateValues(String collection, String keyPrefix) {
        String from = collection + "\u0000" + Objects.requireNonNull(keyPrefix, "keyPrefix");
        SortedMap<String, byte[]> result = new TreeMap<>(KEY_ORDER);
        for (var e : privateValues.tailMap(from).entrySet()) {
            if (!e.getKey().startsWith(from)) {
                break;
            }
            result.put(e.getKey().substring(collection.length() + 1), e.getValue().clone());
        }
        return result;
    }

    // --- used by InMemoryStub -------------------------------------------------------------------------------------

    byte[] committedValue(String key) {
        return values.get(key);
    }

    byte[] committedValidationParameter(String key) {
        return validationParameters.get(key);
    }

    byte[] committedPrivateValue(String collection, String key) {
        return privateValues.get(collection + "\u0000" + key);
    }

    /** 0 when the private key does not exist. */
    long privateVersion(String collection, String key) {
        return privateVersions.getOrDefault(collection + "\u0000" + key, 0L);
    }

    /** 0 when the key does not exist. */
    long version(String key) {
        return versions.getOrDefault(key, 0L);
    }

    /** Committed entries in [startKey, endKey); an empty endKey means no upper bound. */
    List<Entry> range(String startKey, String endKey) {
        SortedMap<String, byte[]> range;
        if (endKey.isEmpty()) {
            range = values.tailMap(startKey);
        } else if (KEY_ORDER.compare(startKey, endKey) >= 0) {
            return List.of();
        } else {
            range = values.subMap(startKey, endKey);
        }
        List<Entry> result = new ArrayList<>();
        range.forEach((k, v) -> result.add(new Entry(k, v.clone(), version(k))));
        return result;
    }

    /** One committed key-value with its version (the number of the transaction that last wrote it). */
    record Entry(String key, byte[] value, long version) {
    }

    // --- validation and commit ------------------------------------------------------------------------------------

    private TxValidationCode validate(InMemoryStub tx, List<String> endorsers) {
        if (txIds.contains(tx.getTxId())) {
            return TxValidationCode.DUPLICATE_TXID;
        }
        if (!endorsementPolicySatisfied(tx, endorsers)) {
            return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
        }
        for (Map.Entry<String, Long> read : tx.reads().entrySet()) {
            if (version(read.getKey()) != read.getValue()) {
                return TxValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (Map.Entry<String, Long> read : tx.privateReads().entrySet()) {
            if (privateVersions.getOrDefault(read.getKey(), 0L).longValue() != read.getValue()) {
                return TxValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (InMemoryStub.RangeRead rangeRead : tx.rangeReads()) {
            if (!rangeRead.stillMatches(range(rangeRead.startKey(), rangeRead.endKey()))) {
                return TxValidationCode.PHANTOM_READ_CONFLICT;
            }
        }
        return TxValidationCode.VALID;
    }

    /**
     * Fabric's validation plugin: every written key (value or metadata) must satisfy its committed key-level policy
     * if it has one, otherwise the chaincode policy; a transaction that writes nothing must satisfy the chaincode
     * policy.
     */
    private boolean endorsementPolicySatisfied(InMemoryStub tx, List<String> endorsers) {
        // A write to org_X is validated against that collection's endorsement policy: OR('X.peer').
        for (String collection : tx.privateWrites().keySet()) {
            String member = org.carbonledger.core.ledger.PrivateData.organizationOf(collection).orElseThrow();
            if (!endorsers.contains(member)) {
                return false;
            }
        }
        Set<String> written = new HashSet<>(tx.writes().keySet());
        written.addAll(tx.validationParameterWrites().keySet());
        boolean chaincodePolicyNeeded = written.isEmpty() && tx.privateWrites().isEmpty();
        for (String key : written) {
            byte[] policy = validationParameters.get(key);
            if (policy == null) {
                chaincodePolicyNeeded = true;
            } else if (!satisfies(policy, endorsers)) {
                return false;
            }
        }
        return !chaincodePolicyNeeded || chaincodePolicySatisfied(endorsers);
    }

    /** A validation parameter that is not a signature policy fails validation, as on a peer. */
    private static boolean satisfies(byte[] policy, List<String> endorsers) {
        try {
            return SignaturePolicies.isSatisfiedBy(SignaturePolicies.parse(policy), endorsers);
        } catch (IllegalArgumentException | IndexOutOfBoundsException unusable) {
            return false;
        }
    }

    /** {@code /Channel/Application/Endorsement}: ImplicitMeta MAJORITY of each organization's OR('Org.peer'). */
    private boolean chaincodePolicySatisfied(List<String> endorsers) {
        long endorsingOrganizations = organizations.stream().filter(endorsers::contains).count();
        return endorsingOrganizations * 2 > organizations.size();
    }

    private void apply(InMemoryStub tx, long number) {
        for (Map.Entry<String, Optional<byte[]>> write : tx.writes().entrySet()) {
            String key = write.getKey();
            if (write.getValue().isPresent()) {
                values.put(key, write.getValue().get());
                versions.put(key, number);
            } else {
                values.remove(key);
                validationParameters.remove(key);
                versions.remove(key);
            }
        }
        for (Map.Entry<String, Map<String, Optional<byte[]>>> collection : tx.privateWrites().entrySet()) {
            for (Map.Entry<String, Optional<byte[]>> write : collection.getValue().entrySet()) {
                String key = collection.getKey() + "\u0000" + write.getKey();
                if (write.getValue().isPresent()) {
                    privateValues.put(key, write.getValue().get());
                    privateVersions.put(key, number);
                } else {
                    privateValues.remove(key);
                    privateVersions.remove(key);
                }
            }
        }
        for (Map.Entry<String, byte[]> parameter : tx.validationParameterWrites().entrySet()) {
            if (values.containsKey(parameter.getKey())) {
                validationParameters.put(parameter.getKey(), parameter.getValue());
                versions.put(parameter.getKey(), number);
            }
        }
    }

    String nextTxId() {
        generatedTxIds++;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((channelId + "/" + generatedTxIds).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
