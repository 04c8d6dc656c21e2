package org.carbonledger.client.ledger;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.request.Designations;

/**
 * The endorsements of the transactions on a producer's private records, decided from the public ledger: who holds
 * the records is public (designations, and the trace of each record transaction), what they say is not.
 */
public final class Endorsements {
    private Endorsements() {
    }

    /**
     * Records of {@code owner}: endorsed by the owner's peer and those of the certifiers it designated, the records in
     * the transient map with a fresh salt. With no certifier designated the owner's peer alone is asked, and refuses
     * with the reason (NOT_DESIGNATED) and how to fix it.
     */
    public static Endorsement forRecords(LedgerCalls ledger, String owner, byte[] recordsJson) {
        Objects.requireNonNull(recordsJson, "recordsJson");
        Designations designations = Designations.fromJson(JsonObjectReader.asObject(
                ledger.evaluate(LedgerOperation.LIST_DESIGNATED_CERTIFIERS, owner), "designations"), "designations");
        return Endorsement.by(designations.endorsers()).withTransient(Map.of(
                PrivateData.RECORDS, recordsJson,
                PrivateData.SALT, PrivateData.newSalt()));
    }

    /**
     * The seal of a batch: endorsed by the organizations holding all of its records (its owner and certifiers), with
     * every record set of the batch, as the owner's own peer keeps them, in the transient map (each endorser checks
     * them against the hashes all peers keep: it may not read another organization's collection). Planned by the
     * Gateway when the batch has no records of its own (only material received).
     */
    public static Endorsement forSeal(LedgerCalls ledger, String gtin, String lot) {
        List<String> holders = JsonObjectReader.of(JsonObjectReader.asObject(
                ledger.evaluate(LedgerOperation.GET_RECORD_HOLDERS, gtin, lot), "holders"), "holders")
                .requireArray("holders").elements().stream()
                .map(v -> JsonObjectReader.asString(v, "holders[]")).toList();
        if (holders.isEmpty()) {
            return Endorsement.planned();
        }
        JsonArray sets = JsonObjectReader.of(JsonObjectReader.asObject(
                ledger.evaluate(LedgerOperation.LIST_RECORD_SETS, gtin, lot), "sets"), "sets").requireArray("sets");
        return Endorsement.by(holders).withTransient(Map.of(PrivateData.RECORD_SETS, Jcs.canonicalize(sets)));
    }
}
