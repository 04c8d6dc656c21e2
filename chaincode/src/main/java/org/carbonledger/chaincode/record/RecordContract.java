package org.carbonledger.chaincode.record;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

import org.carbonledger.chaincode.batch.Batches;
import org.carbonledger.chaincode.governance.CertifierDesignations;
import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.chaincode.ledger.UniqueIds;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordSet;
import org.carbonledger.core.ledger.request.Inputs;
import org.carbonledger.core.ledger.request.LedgerPage;
import org.carbonledger.core.ledger.request.RecordsAccepted;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Signed emission records, the raw data a producer keeps private. Each record is checked on every endorsing peer:
 * the device's signature over the record's canonical form, the device belonging to the batch owner and being valid
 * for the record's period, the pinned factor and units, and the CO2e recomputed here (never taken from the client).
 * The endorsing peers are the owner's and those of the certifiers it designated, the only organizations that hold
 * the records; the others see the public trace of the transaction and the hashes Fabric keeps. A record id is usable
 * once, ever, among its owner's records (its claim in the owner's collection); the records one transaction adds to a
 * batch are stored together, as one record set per holder (see {@link Records}).
 */
@Contract(name = LedgerOperation.Contracts.RECORDS, info = @Info(title = "Carbon Ledger emission records", version = "1"))
public final class RecordContract extends LedgerContract {
    /** Bulk transactions carry up to this many records (a 1,000-record transaction is about 1 MB). */
    public static final int MAX_RECORDS_PER_TRANSACTION = 1000;

    /**
     * One signed record (a JSON object) or many (a JSON array), all for batches of the acting organization, in the
     * transient map entry {@value PrivateData#RECORDS}, with the transaction's salt in {@value PrivateData#SALT}:
     * nothing of a record is an argument, since arguments are stored in the block every member's peer keeps.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String SubmitRecords(final Context context) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String owner = Membership.requireRole(ctx, Role.PRODUCER);
            List<String> holders = CertifierDesignations.holdersOfNewRecords(ctx, owner);
            if (!holders.contains(ctx.peerMsp())) {
                throw LedgerRuleException.of(ErrorCode.NOT_DESIGNATED, "peer", ctx.peerMsp(), "the records of " + owner
                        + " are endorsed by the peers of " + String.join(", ", holders) + " only");
            }
            byte[] recordsJson = ctx.transientValue(PrivateData.RECORDS).orElseThrow(() -> LedgerRuleException.of(
                    ErrorCode.INVALID_ARGUMENT, "transient." + PrivateData.RECORDS, "(absent)",
                    "records travel in the proposal's transient map, never as arguments"));
            byte[] salt = PrivateData.requireSalt(ctx.transientValue(PrivateData.SALT).orElse(null));
            JsonValue parsed = Json.parse(recordsJson, "records");
            boolean bulk = parsed instanceof JsonArray;
            List<JsonObject> inputs = inputs(parsed);
            Checker checker = new Checker(ctx, owner, holders, salt);
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    checker.accept(inputs.get(i));
                } catch (LedgerRuleException e) {
                    throw !bulk ? e : e.atItem("records", i, inputs.get(i).get("recordId")
                            .filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value()));
                }
            }
            checker.writeIndex();
            // The answer is stored in the block with the endorsement: how many, never which or how much.
            return new RecordsAccepted(ctx.txId(), inputs.size()).toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRecord(final Context context, final String gtin, final String lot, final String recordId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            LedgerId id = LedgerId.parse(recordId, "recordId");
            return Records.find(ctx, BatchId.of(gtin, lot), id).orElseThrow(() ->
                    LedgerRuleException.of(ErrorCode.NOT_FOUND, "recordId", id.value(), "no such record in batch " + gtin + "/" + lot))
                    .toJson();
        });
    }

    /** The records of a batch in record-id order, a page at a time, each with its transaction id. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListRecords(final Context context, final String gtin, final String lot, final int pageSize, final String bookmark) {
        return transact(() -> {
            BatchId batch = BatchId.of(gtin, lot);
            return Records.page(ledger(context), batch, Inputs.pageSize(pageSize), bookmark == null ? "" : bookmark).toJson();
        });
    }

    /**
     * The records one transaction added to a batch, as stored, for the organizations holding them: how a submitter
     * learns the CO2e the ledger computed (the submission's answer, stored in the block, does not say).
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListTransactionRecords(final Context context, final String gtin, final String lot, final String txId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            BatchId batch = BatchId.of(gtin, lot);
            return new LedgerPage(Records.ofTransaction(ctx, batch, txId).stream().map(StoredRecord::toJson).toList(), "")
                    .toJson();
        });
    }

    /**
     * Every record set of a batch as stored ({@code {"sets":[…]}}, in transaction-id order), for a client whose
     * organization holds them all, on its own peer: what the owner's client puts in the transient map of the batch's
     * seal ({@link org.carbonledger.core.ledger.PrivateData#RECORD_SETS}).
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListRecordSets(final Context context, final String gtin, final String lot) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            List<JsonValue> sets = new ArrayList<>();
            Records.recordSets(ctx, BatchId.of(gtin, lot)).forEach(set -> sets.add(set.toJson()));
            return JsonObject.builder().put("sets", JsonArray.of(sets)).build();
        });
    }

    /**
     * The organizations that hold every record of a batch (its owner and the certifiers it had designated when each
     * record came): the endorsers of its seal. Empty when the batch has no records. Public: the traces say it.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRecordHolders(final Context context, final String gtin, final String lot) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            BatchId batch = BatchId.of(gtin, lot);
            Batches.find(ctx, batch, "batch");
            java.util.TreeSet<String> holders = null;
            for (var trace : Records.transactions(ctx, batch)) {
                if (holders == null) {
                    holders = new java.util.TreeSet<>(trace.holders());
                } else {
                    holders.retainAll(trace.holders());
                }
            }
            List<JsonValue> list = new ArrayList<>();
            (holders == null ? java.util.Set.<String>of() : holders).forEach(h -> list.add(JsonString.of(h)));
            return JsonObject.builder().put("gtin", batch.gtin().value()).put("lot", batch.lot().value())
                    .put("holders", JsonArray.of(list)).build();
        });
    }

    private static List<JsonObject> inputs(JsonValue parsed) {
        List<JsonObject> list = new ArrayList<>();
        if (parsed instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                list.add(JsonObjectReader.asObject(array.get(i), "records[" + i + "]"));
            }
        } else {
            list.add(JsonObjectReader.asObject(parsed, "records"));
        }
        if (list.isEmpty() || list.size() > MAX_RECORDS_PER_TRANSACTION) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "records",
                    "must hold 1 to " + MAX_RECORDS_PER_TRANSACTION + " records, found " + list.size());
        }
        return list;
    }

    /** Checks and stores records of one transaction, reading each batch once. */
    private static final class Checker {
        private final LedgerContext ctx;
        private final String owner;
        private final List<String> holders;
        private final byte[] salt;
        private final RecordChecks checks;
        private final Map<String, StoredBatch> batches = new TreeMap<>();
        private final Map<String, BatchAdditions> added = new TreeMap<>();
        private final Set<String> ids = new HashSet<>();

        private record BatchAdditions(BatchId batch, List<StoredRecord> records) {
        }

        Checker(LedgerContext ctx, String owner, List<String> holders, byte[] salt) {
            this.ctx = ctx;
            this.owner = owner;
            this.holders = holders;
            this.salt = salt;
            this.checks = new RecordChecks(ctx, owner);
        }

        void accept(JsonObject input) {
            EmissionRecord record = EmissionRecord.parse(input);
            // A replay is answered as such whatever else changed since, so a retrying client can recognise it.
            String key = requireUnused(record.recordId());
            BatchId batchId = record.batch();
            StoredBatch batch = batches.computeIfAbsent(batchId.key(), k -> Batches.findOwned(ctx, batchId, owner, "gtin"));
            Batches.requireOpen(batch, batchId, "lot");
            Co2e co2e = checks.check(record);
            StoredRecord stored = StoredRecord.of(record, owner, co2e, PrivateData.recordSalt(salt, record.recordId()),
                    ctx.txId(), ctx.now());
            // The claim alone, in the owner's collection alone: one private key per record, the content going
            // into its batch's record set (one per transaction and holder), see Records.
            ctx.writePrivate(PrivateData.collectionOf(owner), key,
                    new StoredIdClaim(record.recordId(), StoredIdClaim.RECORD, ctx.txId()));
            added.computeIfAbsent(batchId.key(), k -> new BatchAdditions(batchId, new ArrayList<>())).records().add(stored);
        }

        /**
         * Refuses an id used before by one of the owner's records (the hash of its claim key in the owner's
         * collection, which every peer has, so every endorser records the same read) or earlier in this transaction.
         * Only a hashed read: a public read would name the record id in the read set every member stores. Two
         * transactions in flight with the same id both read "absent"; the hashed read set lets only the first commit.
         */
        private String requireUnused(LedgerId id) {
            String key = UniqueIds.key(ctx, id);
            if (!ids.add(id.value()) || ctx.readPrivateHash(PrivateData.collectionOf(owner), key).isPresent()) {
                throw LedgerRuleException.of(ErrorCode.DUPLICATE_ID, "recordId", id.value(),
                        "already used by a record of " + owner);
            }
            return key;
        }

        /** One record set per batch this transaction added records to, after every record passed. */
        void writeIndex() {
            added.values().forEach(a -> Records.store(ctx, StoredRecordSet.sorted(a.batch(), ctx.txId(), a.records()), holders));
        }
    }
}
