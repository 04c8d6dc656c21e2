package org.carbonledger.client.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordSet;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.TransactionClaim;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/**
 * The record commitments of the worked example's bundle against a block store built the way Fabric builds it: each
 * record transaction's hashed write set holds SHA-256(key) and SHA-256(value) of every record it wrote to its owner's
 * private collection.
 */
class CommitmentVerifierTest {

    static final ProofBundle BUNDLE = ProofBundleCollectorTest.LEDGER;

    /** A peer that holds blocks only: the hashed writes of each record transaction. */
    static final class BlockStore implements PeerReader.Peer {
        final Map<String, List<KVWriteHash>> writes = new HashMap<>();
        final Map<String, String> collections = new HashMap<>();
        final Map<String, TxValidationCode> codes = new HashMap<>();

        /**
         * Files every record of the bundle as its transaction committed it: its id claim, and the record set of its
         * batch and transaction.
         */
        BlockStore(ProofBundle committed) {
            for (BundledBatch b : committed.batches().values()) {
                Map<String, List<StoredRecord>> sets = new TreeMap<>();
                for (StoredRecord r : b.records()) {
                    write(r.txId(), PrivateData.collectionOf(r.ownerMspId()), idKey(r), Jcs.canonicalize(
                            new StoredIdClaim(r.recordId(), StoredIdClaim.RECORD, r.txId()).toJson()));
                    sets.computeIfAbsent(r.txId(), k -> new ArrayList<>()).add(r);
                }
                sets.forEach((txId, records) -> write(txId, PrivateData.collectionOf(b.batch().ownerMspId()),
                        setKey(records.get(0)), setBytes(records)));
            }
        }

        void write(String txId, String collection, String key, byte[] value) {
            writes.computeIfAbsent(txId, k -> new ArrayList<>()).add(KVWriteHash.newBuilder()
                    .setKeyHash(ByteString.copyFrom(Sha256.of(key.getBytes(StandardCharsets.UTF_8)).bytes()))
                    .setValueHash(ByteString.copyFrom(Sha256.of(value).bytes())).build());
            collections.put(txId, collection);
        }

        @Override
        public Optional<byte[]> processedTransaction(String txId) {
            if (!writes.containsKey(txId)) {
                return Optional.empty();
            }
            TxReadWriteSet rwset = TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder()
                    .setNamespace("carbonledger")
                    .addCollectionHashedRwset(CollectionHashedReadWriteSet.newBuilder()
                            .setCollectionName(collections.get(txId))
                            .setHashedRwset(HashedRWSet.newBuilder().addAllHashedWrites(writes.get(txId)).build()
                                    .toByteString()))).build();
            ByteString action = ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                    .setProposalResponsePayload(ProposalResponsePayload.newBuilder()
                            .setExtension(ChaincodeAction.newBuilder().setResults(rwset.toByteString()).build()
                                    .toByteString()).build().toByteString())).build().toByteString();
            Payload payload = Payload.newBuilder()
                    .setHeader(Header.newBuilder().setChannelHeader(ChannelHeader.newBuilder()
                            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE).setTxId(txId).build().toByteString()))
                    .setData(Transaction.newBuilder().addActions(TransactionAction.newBuilder().setPayload(action))
                            .build().toByteString()).build();
            return Optional.of(ProcessedTransaction.newBuilder()
                    .setValidationCode(codes.getOrDefault(txId, TxValidationCode.VALID).getNumber())
                    .setTransactionEnvelope(Envelope.newBuilder().setPayload(payload.toByteString())).build()
                    .toByteArray());
        }

        @Override
        public JsonValue query(String contract, String transaction, String... args) {
            throw new UnsupportedOperationException("a block store answers no chaincode query");
        }

        @Override
        public Optional<TransactionClaim> transaction(String txId) {
            throw new UnsupportedOperationException("not needed by the commitment check");
        }

        @Override
        public String description() {
            return "block store";
        }

        @Override
        public String channel() {
            return "carbon";
        }

        @Override
        public String chaincode() {
            return "carbonledger";
        }

        @Override
        public String mspId() {
            return "RetailCoMSP";
        }
    }

    static List<Check> check(BlockStore store, ProofBundle bundle) {
        return new CommitmentVerifierImpl(new PeerReader(store)).check(bundle);
    }

    static String idKey(StoredRecord r) {
        return "\u0000ID\u0000" + r.recordId().value() + "\u0000";
    }

    static String setKey(StoredRecord r) {
        return "\u0000RECORDS\u0000" + r.batch().gtin().value() + "\u0000" + r.batch().lot().value() + "\u0000"
                + r.txId() + "\u0000";
    }

    static byte[] setBytes(List<StoredRecord> records) {
        return Jcs.canonicalize(StoredRecordSet.sorted(records.get(0).batch(), records.get(0).txId(), records).toJson());
    }

    /** The bundle's records of the first record's batch and transaction. */
    static List<StoredRecord> setOfFirst() {
        StoredRecord r = firstRecord();
        return BUNDLE.batches().values().stream().flatMap(b -> b.records().stream())
                .filter(o -> o.batch().equals(r.batch()) && o.txId().equals(r.txId())).toList();
    }

    static StoredRecord firstRecord() {
        return BUNDLE.batches().values().stream().flatMap(b -> b.records().stream()).findFirst().orElseThrow();
    }

    @Test
    void every_bundled_record_matches_the_hash_its_transaction_committed() {
        List<Check> checks = check(new BlockStore(BUNDLE), BUNDLE);

        assertThat(checks).hasSize(11).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo(CommitmentVerifier.RECORD_COMMITMENT);
            assertThat(c.passed()).as(c.toString()).isTrue();
        });
    }

    @Test
    void a_record_that_differs_from_the_committed_one_fails_with_every_record_of_its_set_naming_both_hashes() {
        StoredRecord r = firstRecord();
        List<StoredRecord> set = setOfFirst();
        BlockStore store = new BlockStore(BUNDLE);
        // The ledger committed the record with another salt: the bundle's copy is not the committed one.
        ByteString setKeyHash = ByteString.copyFrom(Sha256.of(setKey(r).getBytes(StandardCharsets.UTF_8)).bytes());
        store.writes.get(r.txId()).removeIf(w -> w.getKeyHash().equals(setKeyHash));
        StoredRecord salted = StoredRecord.fromJson(r.json().without("salt").with("salt",
                org.carbonledger.core.json.JsonString.of("00".repeat(32))), "r");
        List<StoredRecord> committed = new ArrayList<>(set);
        committed.set(committed.indexOf(r), salted);
        store.write(r.txId(), PrivateData.collectionOf(r.ownerMspId()), setKey(r), setBytes(committed));

        List<Check> failed = check(store, BUNDLE).stream().filter(c -> !c.passed()).toList();

        assertThat(failed).extracting(c -> c.subject().id())
                .containsExactlyInAnyOrderElementsOf(set.stream().map(o -> o.recordId().value()).toList());
        assertThat(failed).allSatisfy(c -> assertThat(c.evidence()).startsWith("calculated "
                + Sha256.of(setBytes(set)).toHex() + " vs committed " + Sha256.of(setBytes(committed)).toHex()));
    }

    @Test
    void one_byte_changed_in_a_bundled_record_fails_every_record_of_its_set() {
        StoredRecord r = firstRecord();
        String salt = r.salt();
        String changedSalt = (salt.charAt(0) == '0' ? "1" : "0") + salt.substring(1);
        String text = new String(BUNDLE.toCanonicalBytes(), StandardCharsets.UTF_8);
        assertThat(text.split(salt, -1)).as("the salt is the first record's only").hasSize(2);
        ProofBundle changed = ProofBundle.fromJson(text.replace(salt, changedSalt));

        List<Check> failed = check(new BlockStore(BUNDLE), changed).stream().filter(c -> !c.passed()).toList();

        assertThat(failed).extracting(c -> c.subject().id())
                .containsExactlyInAnyOrderElementsOf(setOfFirst().stream().map(o -> o.recordId().value()).toList());
    }

    @Test
    void a_record_set_written_to_another_collection_is_not_committed_for_its_owner() {
        StoredRecord r = firstRecord();
        BlockStore store = new BlockStore(BUNDLE);
        store.collections.put(r.txId(), PrivateData.collectionOf("CertCoMSP"));

        List<Check> checks = check(store, BUNDLE);

        assertThat(checks).filteredOn(c -> c.subject().id().equals(r.recordId().value())).singleElement()
                .satisfies(c -> {
                    assertThat(c.passed()).isFalse();
                    assertThat(c.evidence()).contains("wrote no RECORDS/" + r.batch().gtin().value() + "/"
                            + r.batch().lot().value() + "/" + r.txId() + " to org_" + r.ownerMspId());
                });
    }

    @Test
    void an_invalid_or_unknown_transaction_commits_nothing() {
        StoredRecord r = firstRecord();
        BlockStore invalid = new BlockStore(BUNDLE);
        invalid.codes.put(r.txId(), TxValidationCode.MVCC_READ_CONFLICT);
        BlockStore missing = new BlockStore(BUNDLE);
        missing.writes.remove(r.txId());

        assertThat(check(invalid, BUNDLE)).filteredOn(c -> !c.passed()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.evidence()).endsWith("is MVCC_READ_CONFLICT, not VALID"));
        assertThat(check(missing, BUNDLE)).filteredOn(c -> !c.passed()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.evidence()).endsWith("is not in the peer's block store"));
    }
}
