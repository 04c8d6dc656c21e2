package org.carbonledger.chaincode.factor;

import java.util.Optional;

import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDataset;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.request.FactorDatasetRequest;
import org.carbonledger.core.ledger.request.Inputs;
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
    static final int MAX_FACTORS = FactorDatasetRequest.MAX_FACTORS;

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
            FactorDatasetRequest request = FactorDatasetRequest.fromJson(Json.parseObject(datasetJson, "dataset"), "");
            String dataset = request.dataset();
            String version = request.version();
            String datasetKey = ctx.key(DATASET, dataset, version);
            if (ctx.exists(datasetKey)) {
                throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "version", version,
                        "dataset " + dataset + " version " + version + " is already published and never changes");
            }
            // A published factor never changes: its keys carry "publisher AND majority", and the publication itself
            // needs the publisher's peer (its ownership key), so no coalition can publish or rewrite in its name.
            Membership.requireOwnEndorsement(ctx, publisher);
            byte[] policy = EndorsementPolicies.ownerAndMajority(publisher, Membership.members(ctx));
            for (int i = 0; i < request.factors().size(); i++) {
                FactorDatasetRequest.Factor f = request.factors().get(i);
                EmissionFactor factor = f.factor();
                String key = ctx.key(FACTOR, factor.factorId());
                if (ctx.exists(key)) {
                    throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "factors[" + i + "].factorId", factor.factorId(),
                            "a factor with this id is already published; a new version needs a new factor id");
                }
                ctx.write("factor", key, StoredFactor.of(factor, f.description(), publisher, ctx.now(), ctx.txId()));
                ctx.protect(key, policy);
            }
            StoredDataset datasetState = new StoredDataset(dataset, version, request.sourceCitation(), request.licence(), request.factorIds(),
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
