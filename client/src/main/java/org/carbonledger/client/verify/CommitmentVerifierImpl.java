package org.carbonledger.client.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordSet;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckCategory;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.Subject;

final class CommitmentVerifierImpl implements CommitmentVerifier {
    private static final String VALID = "VALID";

    private final PeerReader peer;

    CommitmentVerifierImpl(PeerReader peer) {
        this.peer = peer;
    }

    @Override
    public String peer() {
        return peer.peerDescription();
    }

    @Override
    public List<Check> check(ProofBundle bundle) {
        List<Check> checks = new ArrayList<>();
        // Records of one transaction share its block-store entry; ask for each transaction and collection once.
        Map<String, Optional<PrivateWrites>> byTxAndCollection = new HashMap<>();
        for (BundledBatch b : bundle.batches().values()) {
            if (!b.recordsDisclosed()) {
                continue;
            }
            String collection = PrivateData.collectionOf(b.batch().ownerMspId());
            // The ledger commits a transaction's records of a batch together, as one record set: rebuild each set
            // from the bundle's records of that transaction (a sealed batch's bundle holds all of them).
            Map<String, List<StoredRecord>> byTransaction = new TreeMap<>();
            for (StoredRecord r : b.records()) {
                byTransaction.computeIfAbsent(r.txId(), k -> new ArrayList<>()).add(r);
            }
            Map<String, Optional<Hash>> setHashes = new HashMap<>();
            for (StoredRecord r : b.records()) {
                Optional<PrivateWrites> writes = byTxAndCollection.computeIfAbsent(r.txId() + " " + collection,
                        k -> peer.processedTransaction(r.txId())
                                .map(bytes -> PrivateWrites.of(bytes, peer.chaincode(), collection)));
                Optional<Hash> calculated = setHashes.computeIfAbsent(r.txId(),
                        tx -> setHash(b.batch().id(), tx, byTransaction.get(tx)));
                checks.add(check(r, collection, writes, calculated, byTransaction.get(r.txId()).size()));
            }
        }
        return List.copyOf(checks);
    }

    /** The hash of the record set the bundle's records of one transaction make, empty if they make none. */
    private static Optional<Hash> setHash(BatchId batch, String txId, List<StoredRecord> records) {
        try {
            StoredRecordSet set = StoredRecordSet.sorted(batch, txId, records);
            // Each record verbatim as the bundle carries it, so the bytes are the stored ones if the bundle's are.
            return Optional.of(PrivateData.valueHash(Jcs.canonicalize(set.toJson())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Check check(StoredRecord r, String collection, Optional<PrivateWrites> writes,
                               Optional<Hash> calculatedSet, int recordsOfTransaction) {
        Subject subject = Subject.record(r.recordId());
        String message = "the record is exactly what its owner's peer and the designated certifiers' peers endorsed "
                + "and the ledger committed";
        if (writes.isEmpty()) {
            return fail(subject, "transaction " + r.txId() + " is not in the peer's block store", message);
        }
        PrivateWrites w = writes.get();
        if (!w.validationCode().equals(VALID)) {
            return fail(subject, "transaction " + r.txId() + " is " + w.validationCode() + ", not VALID", message);
        }
        String gtin = r.batch().gtin().value();
        String lot = r.batch().lot().value();
        String key = StateKeys.key(StateKeys.RECORD_INDEX, gtin, lot, r.txId());
        Hash keyHash = Sha256.of(compositeKey(StateKeys.RECORD_INDEX, gtin, lot, r.txId()).getBytes(StandardCharsets.UTF_8));
        Hash committed = w.writes().get(keyHash);
        if (committed == null) {
            return fail(subject, "transaction " + r.txId() + " wrote no " + key + " to " + collection, message);
        }
        if (calculatedSet.isEmpty()) {
            return fail(subject, "the bundle's records of transaction " + r.txId() + " do not make a record set "
                    + "(a record id twice?)", message);
        }
        Hash calculated = calculatedSet.get();
        return Check.required(RECORD_COMMITMENT, CheckCategory.TRANSACTIONS, subject, committed.equals(calculated),
                "calculated " + calculated.toHex() + " vs committed " + committed.toHex() + " (" + key + " in "
                        + collection + ", transaction " + r.txId() + ", the set of the bundle's " + recordsOfTransaction
                        + " records of that transaction)", message);
    }

    /** The key as the chaincode stub composes it: U+0000, type and each attribute, each followed by U+0000. */
    private static String compositeKey(String type, String... attributes) {
        StringBuilder sb = new StringBuilder().append('\u0000').append(type).append('\u0000');
        for (String a : attributes) {
            sb.append(a).append('\u0000');
        }
        return sb.toString();
    }

    private static Check fail(Subject subject, String evidence, String message) {
        return Check.required(RECORD_COMMITMENT, CheckCategory.TRANSACTIONS, subject, false, evidence, message);
    }
}
