package org.carbonledger.client.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredRecord;
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
            for (StoredRecord r : b.records()) {
                Optional<PrivateWrites> writes = byTxAndCollection.computeIfAbsent(r.txId() + " " + collection,
                        k -> peer.processedTransaction(r.txId())
                                .map(bytes -> PrivateWrites.of(bytes, peer.chaincode(), collection)));
                checks.add(check(r, collection, writes));
            }
        }
        return List.copyOf(checks);
    }

    private static Check check(StoredRecord r, String collection, Optional<PrivateWrites> writes) {
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
        String key = StateKeys.key(StateKeys.ID, r.recordId().value());
        Hash keyHash = Sha256.of(compositeKey(StateKeys.ID, r.recordId().value()).getBytes(StandardCharsets.UTF_8));
        Hash committed = w.writes().get(keyHash);
        Hash calculated = PrivateData.valueHash(Jcs.canonicalize(r.json()));
        if (committed == null) {
            return fail(subject, "transaction " + r.txId() + " wrote no " + key + " to " + collection, message);
        }
        return Check.required(RECORD_COMMITMENT, CheckCategory.TRANSACTIONS, subject, committed.equals(calculated),
                "calculated " + calculated.toHex() + " vs committed " + committed.toHex() + " (" + key + " in "
                        + collection + ", transaction " + r.txId() + ")", message);
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
