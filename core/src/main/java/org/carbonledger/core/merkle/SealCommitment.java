package org.carbonledger.core.merkle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;

/**
 * The Merkle commitment of a seal over every record and inbound transfer that contributed to the batch footprint.
 *
 * <p>Leaves, in this order: one per record, sorted by {@code recordId} ascending; then one per inbound transfer,
 * sorted by {@code transferId} ascending. Ids are canonical lowercase UUID text, compared character by character
 * (which is also their byte order). Each leaf's data is the JCS (UTF-8) of:
 * <pre>{@code
 * {"co2e":{"biogenicCo2":"…","biogenicNonCo2":"…","fossil":"…","total":"…"},"contentHash":"<64 hex>",
 *  "kind":"record","recordId":"<uuid>","scope":2,"stage":"PRODUCTION"}
 *
 * {"co2e":{…},"kind":"transfer","quantity":{"amount":"…","unit":"kg"},"sourceGtin":"<14 digits>",
 *  "sourceLot":"…","sourceSealHash":"<64 hex>","sourceShippedBefore":{"amount":"…","unit":"kg"},
 *  "transferId":"<uuid>"}
 * }</pre>
 * with every decimal in canonical text. The tree is {@link MerkleTree} (RFC 6962).
 */
public final class SealCommitment {

    private final List<JsonObject> leaves;
    private final List<LedgerId> recordIds;
    private final List<LedgerId> transferIds;
    private final MerkleTree tree;

    private SealCommitment(List<JsonObject> leaves, List<LedgerId> recordIds, List<LedgerId> transferIds) {
        this.leaves = List.copyOf(leaves);
        this.recordIds = List.copyOf(recordIds);
        this.transferIds = List.copyOf(transferIds);
        List<byte[]> bytes = new ArrayList<>(leaves.size());
        for (JsonObject leaf : leaves) {
            bytes.add(Jcs.canonicalize(leaf));
        }
        this.tree = MerkleTree.of(bytes);
    }

    /**
     * @param records the batch's record contributions, in any order
     * @param transfers the batch's inbound transfers, in any order
     * @return the commitment
     * @throws LedgerRuleException (DUPLICATE_ID) if a record or transfer id occurs twice
     */
    public static SealCommitment of(List<RecordContribution> records, List<InboundTransfer> transfers) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(transfers, "transfers");
        List<RecordContribution> sortedRecords = new ArrayList<>(records);
        sortedRecords.sort(Comparator.comparing(RecordContribution::recordId));
        List<InboundTransfer> sortedTransfers = new ArrayList<>(transfers);
        sortedTransfers.sort(Comparator.comparing(InboundTransfer::transferId));
        List<JsonObject> leaves = new ArrayList<>();
        List<LedgerId> recordIds = new ArrayList<>();
        List<LedgerId> transferIds = new ArrayList<>();
        Set<LedgerId> seen = new HashSet<>();
        for (RecordContribution r : sortedRecords) {
            requireUnique(seen, r.recordId(), "recordId");
            recordIds.add(r.recordId());
            leaves.add(recordLeaf(r));
        }
        seen.clear();
        for (InboundTransfer t : sortedTransfers) {
            requireUnique(seen, t.transferId(), "transferId");
            transferIds.add(t.transferId());
            leaves.add(transferLeaf(t));
        }
        return new SealCommitment(leaves, recordIds, transferIds);
    }

    private static void requireUnique(Set<LedgerId> seen, LedgerId id, String field) {
        if (!seen.add(id)) {
            throw LedgerRuleException.of(ErrorCode.DUPLICATE_ID, field, id.value(), "occurs more than once");
        }
    }

    /**
     * @param r a record contribution
     * @return its leaf object
     */
    public static JsonObject recordLeaf(RecordContribution r) {
        return JsonObject.builder()
                .put("kind", "record")
                .put("recordId", r.recordId().value())
                .put("contentHash", r.contentHash().toHex())
                .put("stage", r.stage().name())
                .put("scope", r.scope().number())
                .put("co2e", r.co2e().toJson())
                .build();
    }

    /**
     * @param t an inbound transfer
     * @return its leaf object
     */
    public static JsonObject transferLeaf(InboundTransfer t) {
        return JsonObject.builder()
                .put("kind", "transfer")
                .put("transferId", t.transferId().value())
                .put("sourceGtin", t.source().gtin().value())
                .put("sourceLot", t.source().lot().value())
                .put("sourceSealHash", t.sourceSealHash().toHex())
                .put("quantity", t.quantity().toJson())
                .put("sourceShippedBefore", t.sourceShippedBefore().toJson())
                .put("co2e", t.allocated().toJson())
                .build();
    }

    /** @return the leaf objects in tree order */
    public List<JsonObject> leaves() {
        return leaves;
    }

    /**
     * @param index a leaf position
     * @return the leaf data: JCS of the leaf object
     */
    public byte[] leafBytes(int index) {
        return Jcs.canonicalize(leaves.get(index));
    }

    /** @return the Merkle root */
    public Hash root() {
        return tree.root();
    }

    /** @return the tree */
    public MerkleTree tree() {
        return tree;
    }

    /** @return number of record leaves */
    public int recordCount() {
        return recordIds.size();
    }

    /** @return number of transfer leaves */
    public int transferCount() {
        return transferIds.size();
    }

    /**
     * @param recordId a record of the batch
     * @return the proof that its leaf is in the tree
     * @throws LedgerRuleException (NOT_FOUND) if the record is not committed
     */
    public InclusionProof proofForRecord(LedgerId recordId) {
        int i = recordIds.indexOf(Objects.requireNonNull(recordId, "recordId"));
        if (i < 0) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "recordId", recordId.value(), "not in this seal");
        }
        return tree.proof(i);
    }

    /**
     * @param transferId an inbound transfer of the batch
     * @return the proof that its leaf is in the tree
     * @throws LedgerRuleException (NOT_FOUND) if the transfer is not committed
     */
    public InclusionProof proofForTransfer(LedgerId transferId) {
        int i = transferIds.indexOf(Objects.requireNonNull(transferId, "transferId"));
        if (i < 0) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "transferId", transferId.value(), "not in this seal");
        }
        return tree.proof(recordIds.size() + i);
    }
}
