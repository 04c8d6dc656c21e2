package org.carbonledger.client.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StoredRecord;
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
 * implicit collection.
 */
class CommitmentVerifierTest {

    static final ProofBundle BUNDLE = ProofBundleCollectorTest.LEDGER;

    /** A peer that holds blocks only: the hashed writes of each record transaction. */
    static final class BlockStore implements PeerReader.Peer {
        final Map<String, List<KVWriteHash>> writes = new HashMap<>();
        final Map<String, String> collections = new HashMap<>();
        final Map<String, TxValidationCode> codes = new HashMap<>();

        /** Files every record of the bundle as its transaction committed it. */
        BlockStore(ProofBundle committed) {
            for (BundledBatch b : committed.batches().values()) {
                for (StoredRecord r : b.records()) {
                    write(r.txId(), PrivateData.collectionOf(r.ownerMspId()), r.recordId().value(),
                            Jcs.canonicalize(r.json()));
                }
            }
        }

        void write(String txId, String collection, String recordId, byte[] value) {
            String key = "\u0000ID\u0000" + recordId + "\u0000";
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
    void a_record_that_differs_from_the_committed_one_fails_naming_both_hashes() {
        StoredRecord r = firstRecord();
        BlockStore store = new BlockStore(BUNDLE);
        // The ledger committed the record with another salt: the bundle's copy is not the committed one.
        store.writes.get(r.txId()).removeIf(w -> w.getKeyHash().equals(ByteString.copyFrom(Sha256.of(
                ("\u0000ID\u0000" + r.recordId().value() + "\u0000").getBytes(StandardCharsets.UTF_8)).bytes())));
        JsonObject other = JsonObject.builder().put("salt", "00").build();
        store.write(r.txId(), PrivateData.collectionOf(r.ownerMspId()), r.recordId().value(),
                Jcs.canonicalize(other));

        List<Check> failed = check(store, BUNDLE).stream().filter(c -> !c.passed()).toList();

        assertThat(failed).singleElement().satisfies(c -> {
            assertThat(c.subject().id()).isEqualTo(r.recordId().value());
            assertThat(c.evidence()).startsWith("calculated " + Sha256.of(Jcs.canonicalize(r.json())).toHex()
                    + " vs committed " + Sha256.of(Jcs.canonicalize(other)).toHex());
        });
    }

    @Test
    void a_record_written_to_another_collection_is_not_committed_for_its_owner() {
        StoredRecord r = firstRecord();
        BlockStore store = new BlockStore(BUNDLE);
        store.collections.put(r.txId(), PrivateData.collectionOf("CertCoMSP"));

        List<Check> checks = check(store, BUNDLE);

        assertThat(checks).filteredOn(c -> c.subject().id().equals(r.recordId().value())).singleElement()
                .satisfies(c -> {
                    assertThat(c.passed()).isFalse();
                    assertThat(c.evidence()).contains("wrote no ID/" + r.recordId().value() + " to _implicit_org_"
                            + r.ownerMspId());
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
