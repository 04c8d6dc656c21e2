package org.carbonledger.core.merkle;

import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.Footprint;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.accounting.Scope;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.accounting.StageScope;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Quantity;

/**
 * The fixed footprint of a sealed batch and the commitment to everything that produced it.
 *
 * <p>Its JSON form (hashed by {@link SealHash}) is
 * <pre>{@code
 * {"batch":{"gtin":"<14 digits>","lot":"…"},
 *  "breakdown":[{"co2e":{…},"scope":1,"stage":"RAW_MATERIALS"},…],   (stage order, then scope)
 *  "footprint":{"biogenicCo2":"…","biogenicNonCo2":"…","fossil":"…","total":"…"},
 *  "gwpSet":"IPCC-AR6-GWP100","merkleRoot":"<64 hex>",
 *  "perUnit":{"biogenicCo2":"…","biogenicNonCo2":"…","fossil":"…","total":"…"},
 *  "quantity":{"amount":"…","unit":"…"},"recordCount":n,"sealFormat":1,"transferCount":m}
 * }</pre>
 * It holds no time or transaction id: those live beside it in ledger state, so the same inputs always give the same
 * seal hash.
 *
 * @param batch the sealed batch
 * @param quantity the batch's declared quantity
 * @param gwpSet the id of the characterization set the records were computed with
 * @param footprint the footprint and its breakdown
 * @param perUnit the footprint per declared unit ({@link Footprint#perUnit})
 * @param merkleRoot the root of the {@link SealCommitment}
 * @param recordCount number of records committed
 * @param transferCount number of inbound transfers committed
 */
public record Seal(BatchId batch, Quantity quantity, String gwpSet, Footprint footprint, Co2e perUnit,
                   Hash merkleRoot, int recordCount, int transferCount) {

    /** The version of this JSON layout. */
    public static final int FORMAT = 1;

    /** Validates that the per-unit value is the one the footprint and quantity give, and the counts. */
    public Seal {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(quantity, "quantity");
        Token.require(Objects.requireNonNull(gwpSet, "gwpSet"), "gwpSet", 64);
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(perUnit, "perUnit");
        Objects.requireNonNull(merkleRoot, "merkleRoot");
        if (recordCount < 0 || transferCount < 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "recordCount", "counts must not be negative");
        }
        Co2e expected = footprint.perUnit(quantity);
        if (!expected.equals(perUnit)) {
            throw LedgerRuleException.ofField(ErrorCode.MISMATCH, "perUnit",
                    "per-unit footprint is " + perUnit + ", but footprint ÷ quantity is " + expected);
        }
    }

    /**
     * Computes the seal of a batch.
     *
     * @param batch the batch
     * @param quantity its declared quantity (greater than zero)
     * @param gwp the characterization set its records were computed with
     * @param records its record contributions
     * @param transfers its inbound transfers
     * @return the seal
     * @throws LedgerRuleException DUPLICATE_ID or INVALID_AMOUNT
     */
    public static Seal compute(BatchId batch, Quantity quantity, Gwp100Set gwp, List<RecordContribution> records,
                               List<InboundTransfer> transfers) {
        Objects.requireNonNull(gwp, "gwp");
        SealCommitment commitment = SealCommitment.of(records, transfers);
        Footprint footprint = Footprint.compute(records, transfers);
        return new Seal(batch, quantity, gwp.id(), footprint, footprint.perUnit(quantity), commitment.root(),
                commitment.recordCount(), commitment.transferCount());
    }

    /** @return the seal's JSON form, the input of {@link SealHash} */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("sealFormat", FORMAT)
                .put("batch", JsonObject.builder().put("gtin", batch.gtin().value()).put("lot", batch.lot().value())
                        .build())
                .put("quantity", quantity.toJson())
                .put("gwpSet", gwpSet)
                .put("footprint", footprint.total().toJson())
                .put("breakdown", footprint.breakdownJson())
                .put("perUnit", perUnit.toJson())
                .put("merkleRoot", merkleRoot.toHex())
                .put("recordCount", recordCount)
                .put("transferCount", transferCount)
                .build();
    }

    /**
     * Checks that a leaf is committed by this seal: the proof must be for a tree of exactly
     * {@code recordCount + transferCount} leaves and lead to {@link #merkleRoot()}.
     *
     * @param proof an inclusion proof
     * @param leaf the leaf data (JCS of the leaf object, see {@link SealCommitment})
     * @return true if the leaf is in this seal's tree at the proof's index
     */
    public boolean proves(InclusionProof proof, byte[] leaf) {
        Objects.requireNonNull(proof, "proof");
        return proof.treeSize() == recordCount + transferCount && proof.verify(merkleRoot, leaf);
    }

    /** @return SHA-256 of the JCS of {@link #toJson()} */
    public SealHash hash() {
        return SealHash.of(this);
    }

    /**
     * Reads a stored seal, checking that its totals, breakdown and per-unit values are consistent.
     *
     * @param json an object written by {@link #toJson()}
     * @param path its JSON path
     * @return the seal
     */
    public static Seal fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("sealFormat", "batch", "quantity", "gwpSet", "footprint", "breakdown",
                "perUnit", "merkleRoot", "recordCount", "transferCount"));
        r.requireInteger("sealFormat", FORMAT, FORMAT);
        JsonObjectReader b = r.requireObject("batch");
        b.rejectUnknownMembers(List.of("gtin", "lot"));
        BatchId batch = new BatchId(Gtin.parse(b.requireString("gtin"), b.path("gtin")),
                Lot.parse(b.requireString("lot"), b.path("lot")));
        Quantity quantity = Quantity.fromJson(r.requireObject("quantity").object(), r.path("quantity"));
        JsonArray cells = r.requireArray("breakdown");
        TreeMap<StageScope, Co2e> breakdown = new TreeMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String p = r.path("breakdown") + "[" + i + "]";
            JsonObjectReader c = JsonObjectReader.of(JsonObjectReader.asObject(cells.get(i), p), p);
            c.rejectUnknownMembers(List.of("stage", "scope", "co2e"));
            StageScope key = new StageScope(Stage.parse(c.requireString("stage"), c.path("stage")),
                    Scope.of(c.requireInteger("scope", 1, 3), c.path("scope")));
            if (breakdown.put(key, Co2e.fromJson(c.requireObject("co2e").object(), c.path("co2e"))) != null) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, p, "duplicate breakdown cell");
            }
        }
        Footprint footprint = new Footprint(Co2e.fromJson(r.requireObject("footprint").object(), r.path("footprint")),
                breakdown);
        Seal seal = new Seal(batch, quantity, r.requireString("gwpSet"), footprint,
                Co2e.fromJson(r.requireObject("perUnit").object(), r.path("perUnit")),
                Hash.ofHex(r.requireString("merkleRoot"), r.path("merkleRoot")),
                (int) r.requireInteger("recordCount", 0, Integer.MAX_VALUE),
                (int) r.requireInteger("transferCount", 0, Integer.MAX_VALUE));
        if (!seal.toJson().equals(json)) {
            // E.g. breakdown cells out of (stage, scope) order or a GTIN not written with 14 digits: the seal hash is
            // defined over the canonical layout only, so a stored seal must already be in it.
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, path,
                    "seal is not in canonical form (breakdown in stage, scope order; GTIN with 14 digits)");
        }
        return seal;
    }
}
