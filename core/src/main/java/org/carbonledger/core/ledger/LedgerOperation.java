package org.carbonledger.core.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * Every transaction of the Carbon Ledger chaincode: its contract, its transaction name and whether it is submitted
 * (ordered and committed) or only evaluated on one peer. The one list of names the chaincode declares and every
 * client (service, CLI, bench) calls, so a renamed transaction fails a unit test instead of a call at run time.
 *
 * <pre>{@code
 * ledger.submit(LedgerOperation.SEAL_BATCH, gtin, lot);   // "Batches:SealBatch"
 * }</pre>
 */
public enum LedgerOperation {
    BOOTSTRAP(Contracts.GOVERNANCE, "Bootstrap", Intent.SUBMIT),
    GET_CONSORTIUM(Contracts.GOVERNANCE, "GetConsortium", Intent.EVALUATE),
    REGISTER_ORGANIZATION(Contracts.GOVERNANCE, "RegisterOrganization", Intent.SUBMIT),
    GET_ORGANIZATION(Contracts.GOVERNANCE, "GetOrganization", Intent.EVALUATE),
    GET_ROLE(Contracts.GOVERNANCE, "GetRole", Intent.EVALUATE),
    LIST_ORGANIZATIONS(Contracts.GOVERNANCE, "ListOrganizations", Intent.EVALUATE),
    PROPOSE_ROLE(Contracts.GOVERNANCE, "ProposeRole", Intent.SUBMIT),
    APPROVE_PROPOSAL(Contracts.GOVERNANCE, "ApproveProposal", Intent.SUBMIT),
    WITHDRAW_PROPOSAL(Contracts.GOVERNANCE, "WithdrawProposal", Intent.SUBMIT),
    GET_PROPOSAL(Contracts.GOVERNANCE, "GetProposal", Intent.EVALUATE),
    LIST_PROPOSALS(Contracts.GOVERNANCE, "ListProposals", Intent.EVALUATE),
    DESIGNATE_CERTIFIER(Contracts.GOVERNANCE, "DesignateCertifier", Intent.SUBMIT),
    REVOKE_CERTIFIER(Contracts.GOVERNANCE, "RevokeCertifier", Intent.SUBMIT),
    LIST_DESIGNATED_CERTIFIERS(Contracts.GOVERNANCE, "ListDesignatedCertifiers", Intent.EVALUATE),

    REGISTER_DEVICE(Contracts.DEVICES, "RegisterDevice", Intent.SUBMIT),
    REVOKE_DEVICE(Contracts.DEVICES, "RevokeDevice", Intent.SUBMIT),
    GET_DEVICE(Contracts.DEVICES, "GetDevice", Intent.EVALUATE),
    LIST_DEVICES(Contracts.DEVICES, "ListDevices", Intent.EVALUATE),

    PUBLISH_FACTOR_DATASET(Contracts.FACTORS, "PublishFactorDataset", Intent.SUBMIT),
    GET_FACTOR(Contracts.FACTORS, "GetFactor", Intent.EVALUATE),
    GET_FACTOR_DATASET(Contracts.FACTORS, "GetFactorDataset", Intent.EVALUATE),
    LIST_FACTOR_DATASETS(Contracts.FACTORS, "ListFactorDatasets", Intent.EVALUATE),

    CREATE_PRODUCT(Contracts.PRODUCTS, "CreateProduct", Intent.SUBMIT),
    GET_PRODUCT(Contracts.PRODUCTS, "GetProduct", Intent.EVALUATE),
    LIST_PRODUCTS(Contracts.PRODUCTS, "ListProducts", Intent.EVALUATE),

    CREATE_BATCH(Contracts.BATCHES, "CreateBatch", Intent.SUBMIT),
    SEAL_BATCH(Contracts.BATCHES, "SealBatch", Intent.SUBMIT),
    GET_BATCH(Contracts.BATCHES, "GetBatch", Intent.EVALUATE),
    LIST_BATCHES(Contracts.BATCHES, "ListBatches", Intent.EVALUATE),
    GET_PROVENANCE(Contracts.BATCHES, "GetProvenance", Intent.EVALUATE),

    SUBMIT_RECORDS(Contracts.RECORDS, "SubmitRecords", Intent.SUBMIT),
    GET_RECORD(Contracts.RECORDS, "GetRecord", Intent.EVALUATE),
    LIST_RECORDS(Contracts.RECORDS, "ListRecords", Intent.EVALUATE),
    GET_RECORD_HOLDERS(Contracts.RECORDS, "GetRecordHolders", Intent.EVALUATE),
    LIST_TRANSACTION_RECORDS(Contracts.RECORDS, "ListTransactionRecords", Intent.EVALUATE),
    LIST_RECORD_SETS(Contracts.RECORDS, "ListRecordSets", Intent.EVALUATE),

    SHIP_MATERIAL(Contracts.TRANSFERS, "ShipMaterial", Intent.SUBMIT),
    RECEIVE_MATERIAL(Contracts.TRANSFERS, "ReceiveMaterial", Intent.SUBMIT),
    REJECT_TRANSFER(Contracts.TRANSFERS, "RejectTransfer", Intent.SUBMIT),
    CANCEL_TRANSFER(Contracts.TRANSFERS, "CancelTransfer", Intent.SUBMIT),
    GET_TRANSFER(Contracts.TRANSFERS, "GetTransfer", Intent.EVALUATE),
    LIST_TRANSFERS_FROM(Contracts.TRANSFERS, "ListTransfersFrom", Intent.EVALUATE),
    LIST_TRANSFERS_TO(Contracts.TRANSFERS, "ListTransfersTo", Intent.EVALUATE),

    ATTEST(Contracts.ATTESTATIONS, "Attest", Intent.SUBMIT),
    LIST_ATTESTATIONS(Contracts.ATTESTATIONS, "ListAttestations", Intent.EVALUATE);

    /** Whether a transaction changes the ledger (submit: endorsed, ordered, committed) or only reads it. */
    public enum Intent {
        SUBMIT,
        EVALUATE
    }

    /** The contract names, as the chaincode's {@code @Contract(name = …)} annotations use them. */
    public static final class Contracts {
        public static final String GOVERNANCE = "Governance";
        public static final String DEVICES = "Devices";
        public static final String FACTORS = "Factors";
        public static final String PRODUCTS = "Products";
        public static final String BATCHES = "Batches";
        public static final String RECORDS = "Records";
        public static final String TRANSFERS = "Transfers";
        public static final String ATTESTATIONS = "Attestations";

        private Contracts() {
        }
    }

    private final String contract;
    private final String transaction;
    private final Intent intent;

    LedgerOperation(String contract, String transaction, Intent intent) {
        this.contract = contract;
        this.transaction = transaction;
        this.intent = intent;
    }

    /** @return the contract name, e.g. {@code Batches} */
    public String contract() {
        return contract;
    }

    /** @return the transaction name within the contract, e.g. {@code SealBatch} */
    public String transaction() {
        return transaction;
    }

    /** @return whether it is submitted or evaluated */
    public Intent intent() {
        return intent;
    }

    /** @return true for a transaction that changes the ledger */
    public boolean isSubmit() {
        return intent == Intent.SUBMIT;
    }

    /** @return {@code Contract:Transaction}, the name Fabric routes and the change events carry */
    public String qualifiedName() {
        return contract + ":" + transaction;
    }

    /**
     * @param qualifiedName {@code Contract:Transaction}
     * @return the operation of that name, if there is one
     */
    public static Optional<LedgerOperation> ofQualifiedName(String qualifiedName) {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        for (LedgerOperation op : values()) {
            if (op.qualifiedName().equals(qualifiedName)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
