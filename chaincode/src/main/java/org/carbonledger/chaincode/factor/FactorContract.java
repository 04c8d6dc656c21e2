package org.carbonledger.chaincode.factor;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.Inputs;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDataset;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Unit;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Emission-factor datasets, published by CERTIFIER organizations. A published dataset version and every factor
 * in it never change; a record pins a factor by its id, which is unique forever.
 */
@Contract(name = LedgerOperation.Contracts.FACTORS, info = @Info(title = "Carbon Ledger emission factors", version = "1"))
public final class FactorContract extends LedgerContract {
    static final String FACTOR = StateKeys.FACTOR;
    static final String DATASET = StateKeys.DATASET;
    static final int MAX_FACTORS = 1000;

    /**
     * {@code {"dataset": "cn-grid", "version": "2022", "sourceCitation": "...", "licence": "CC-BY-4.0",
     * "factors": [{"factorId": "cn-grid-2022", "unit": "kWh", "kgCo2ePerUnit": "0.5703"}, ...]}}; a factor may
     * carry its own {@code sourceCitation} and {@code licence}, which then replace the dataset's for that factor.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PublishFactorDataset(final Context context, final String datasetJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String publisher = Membership.requireRole(ctx, Role.CERTIFIER);
            JsonObjectReader in = JsonObjectReader.of(Json.parseObject(datasetJson, "dataset"), "");
            in.rejectUnknownMembers(List.of("dataset", "version", "sourceCitation", "licence", "factors"));
            String dataset = Token.require(in.requireString("dataset"), "dataset", 64);
            String version = Token.require(in.requireString("version"), "version", 32);
            // Checked here, with their own paths, even when every factor overrides them: they are stored.
            String citation = Inputs.name(in.requireString("sourceCitation"), "sourceCitation", 1000);
            String licence = Inputs.name(in.requireString("licence"), "licence", 200);
            JsonArray factorsIn = in.requireArray("factors");
            if (factorsIn.size() == 0 || factorsIn.size() > MAX_FACTORS) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "factors", "must list 1 to " + MAX_FACTORS + " factors");
            }
            String datasetKey = ctx.key(DATASET, dataset, version);
            if (ctx.exists(datasetKey)) {
                throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "version", version,
                        "dataset " + dataset + " version " + version + " is already published and never changes");
            }
            // A published factor never changes: its keys carry "publisher AND majority", and the publication itself
            // needs the publisher's peer (its ownership key), so no coalition can publish or rewrite in its name.
            Membership.requireOwnEndorsement(ctx, publisher);
            byte[] policy = EndorsementPolicies.ownerAndMajority(publisher, Membership.members(ctx));
            TreeSet<String> ids = new TreeSet<>();
            for (int i = 0; i < factorsIn.size(); i++) {
                String path = "factors[" + i + "]";
                JsonObjectReader f = JsonObjectReader.of(JsonObjectReader.asObject(factorsIn.get(i), path), path);
                f.rejectUnknownMembers(List.of("factorId", "unit", "kgCo2ePerUnit", "description", "sourceCitation", "licence"));
                EmissionFactor factor = new EmissionFactor(
                        Token.require(f.requireString("factorId"), f.path("factorId"), 64),
                        dataset, version,
                        Unit.parse(f.requireString("unit"), f.path("unit")),
                        Amount.parse(f.requireString("kgCo2ePerUnit"), f.path("kgCo2ePerUnit")).value(),
                        f.optionalString("sourceCitation")
                                .map(c -> Inputs.name(c, f.path("sourceCitation"), 1000)).orElse(citation),
                        f.optionalString("licence").map(l -> Inputs.name(l, f.path("licence"), 200)).orElse(licence));
                if (!ids.add(factor.factorId())) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, f.path("factorId"), factor.factorId(), "listed twice");
                }
                String key = ctx.key(FACTOR, factor.factorId());
                if (ctx.exists(key)) {
                    throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, f.path("factorId"), factor.factorId(),
                            "a factor with this id is already published; a new version needs a new factor id");
                }
                String description = Inputs.text(f.optionalString("description").orElse(""), f.path("description"), 500);
                ctx.write("factor", key, StoredFactor.of(factor, description, publisher, ctx.now(), ctx.txId()));
                ctx.protect(key, policy);
            }
            StoredDataset datasetState = new StoredDataset(dataset, version, citation, licence, List.copyOf(ids),
                    publisher, ctx.now(), ctx.txId());
            ctx.write("dataset", datasetKey, datasetState);
            ctx.protect(datasetKey, policy);
            return datasetState.toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetFactor(final Context context, final String factorId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            return ctx.read(ctx.key(FACTOR, factorId), StoredFactor::fromJson).orElseThrow(() ->
                    LedgerRuleException.of(ErrorCode.UNKNOWN_FACTOR, "factorId", factorId, "no such emission factor"))
                    .toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetFactorDataset(final Context context, final String dataset, final String version) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            return ctx.read(ctx.key(DATASET, dataset, version), StoredDataset::fromJson).orElseThrow(() ->
                    LedgerRuleException.of(ErrorCode.NOT_FOUND, "version", version, "dataset " + dataset + " has no such version"))
                    .toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListFactorDatasets(final Context context, final int pageSize, final String bookmark) {
        return transact(() -> ledger(context).page(Inputs.pageSize(pageSize), bookmark, DATASET).toJson());
    }

    /** The published factors as the record calculator sees them (each read once per transaction, cached). */
    public static FactorLookup lookup(LedgerContext ctx) {
        java.util.Map<String, Optional<EmissionFactor>> cache = new java.util.TreeMap<>();
        return factorId -> cache.computeIfAbsent(factorId, id -> ctx.read(ctx.key(FACTOR, id), StoredFactor::fromJson)
                .map(StoredFactor::factor));
    }
}
