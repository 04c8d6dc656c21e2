package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.JsonObject;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.JSONTransactionSerializer;
import org.hyperledger.fabric.contract.metadata.TypeSchema;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Runs contracts the way the Fabric contract runtime does, against an {@link InMemoryLedger}, on behalf of real X.509
 * identities ({@link TestIdentities}):
 * {@code createContext(stub)} (which parses the creator with the shim's own {@code ClientIdentity}),
 * {@code beforeTransaction}, the {@code @Transaction} method with its arguments (converted to the parameter types by
 * the runtime's default serializer), {@code afterTransaction}.
 * A submit then goes through the ledger's commit validation (endorsement policies, MVCC); an evaluate is discarded.
 * A refusal (any exception) discards the simulation, so it writes nothing, and is rethrown unchanged.
 *
 * <pre>{@code
 * ChaincodeHarness harness = ChaincodeHarness.newInstance();
 * GovernanceContract governance = new GovernanceContract();
 * harness.as("SteelCoMSP", NodeOu.ADMIN).submit(governance, "Bootstrap", "[\"SteelCoMSP\",\"CertCoMSP\"]");
 * String org = harness.as("CertCoMSP", NodeOu.CLIENT).evaluate(governance, "GetOrganization", "SteelCoMSP");
 * harness.assertRefused(ErrorCode.FORBIDDEN, () -> harness.as("OtherMSP", NodeOu.ADMIN).submit(governance, "ProposeRole", json));
 * }</pre>
 */
public final class ChaincodeHarness {
    /** When the first transaction happens; each further transaction is one second later unless told otherwise. */
    public static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    /** The contract runtime's default serializer, which converts transaction arguments to parameter types. */
    private static final JSONTransactionSerializer SERIALIZER = new JSONTransactionSerializer();

    private final InMemoryLedger ledger;
    private Instant clock = START;
    private TransactionRecord last;

    private ChaincodeHarness(InMemoryLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** A harness on a fresh ledger of the local network's channel and three organizations. */
    public static ChaincodeHarness newInstance() {
        return new ChaincodeHarness(InMemoryLedger.newInstance());
    }

    public static ChaincodeHarness on(InMemoryLedger ledger) {
        return new ChaincodeHarness(ledger);
    }

    /** Acts as the cached test identity of that kind in that MSP. */
    public Caller as(String mspId, NodeOu ou) {
        return as(TestIdentities.of(mspId, ou));
    }

    public Caller as(TestIdentity identity) {
        return new Caller(Objects.requireNonNull(identity, "identity"), null, null, null, null, java.util.Map.of(), null);
    }

    public InMemoryLedger ledger() {
        return ledger;
    }

    /** A copy of the whole committed state. */
    public LedgerSnapshot state() {
        return ledger.snapshot();
    }

    /** The timestamp the next transaction gets unless it sets its own. */
    public Instant clock() {
        return clock;
    }

    public void setClock(Instant next) {
        clock = Objects.requireNonNull(next, "next");
    }

    /** The last invocation, accepted or not. */
    public TransactionRecord lastTransaction() {
        if (last == null) {
            throw new IllegalStateException("no transaction has run yet");
        }
        return last;
    }

    /** The parsed {@value ChangeEvents#NAME} payload of the last invocation (fails if it set none). */
    public JsonObject lastEvent() {
        return ChangeEvents.payload(lastTransaction());
    }

    /**
     * Runs {@code call}, which must be refused by the chaincode with {@code code}, and checks that the refusal
     * changed nothing: the whole state (values and validation parameters) is byte-for-byte what it was and no
     * transaction reached a block.
     *
     * @return the refusal's message (the sentence for a person)
     */
    public String assertRefused(ErrorCode code, ThrowingCallable call) {
        return assertRefusal(code, call).message();
    }

    /**
     * Like {@link #assertRefused}, and returns the whole structured refusal the client receives.
     *
     * @return the refusal read back from the chaincode's message
     */
    public Refusal assertRefusal(ErrorCode code, ThrowingCallable call) {
        LedgerSnapshot before = ledger.snapshot();
        int blocks = ledger.history().size();
        Throwable thrown = catchThrowable(call);
        if (!(thrown instanceof ChaincodeException refusal)) {
            throw new AssertionError("expected a refusal " + code + " but got " + (thrown == null ? "success" : thrown), thrown);
        }
        Refusal read;
        try {
            read = Refusal.fromJson(refusal.getMessage());
        } catch (LedgerRuleException notARefusal) {
            throw new AssertionError("expected a refusal " + code + " but the message is not one: " + refusal.getMessage());
        }
        assertThat(read.code()).as("refusal code").isEqualTo(code);
        assertThat(refusal.getPayload()).as("refusal payload").isNotNull();
        assertThat(new String(refusal.getPayload(), StandardCharsets.UTF_8)).as("refusal payload").isEqualTo(code.name());
        assertThat(ledger.snapshot()).as("state after a refused transaction").isEqualTo(before);
        assertThat(ledger.history()).as("blocks after a refused transaction").hasSize(blocks);
        return read;
    }

    /**
     * One identity about to invoke a contract, with optional per-transaction settings. Immutable: each setting
     * returns a new caller.
     */
    public final class Caller {
        private final TestIdentity identity;
        private final Instant timestamp;
        private final String txId;
        private final List<String> endorsers;
        private final String function;
        private final java.util.Map<String, byte[]> transientMap;
        private final String peer;

        private Caller(TestIdentity identity, Instant timestamp, String txId, List<String> endorsers, String function,
                       java.util.Map<String, byte[]> transientMap, String peer) {
            this.identity = identity;
            this.timestamp = timestamp;
            this.txId = txId;
            this.endorsers = endorsers;
            this.function = function;
            this.transientMap = transientMap;
            this.peer = peer;
        }

        /** Uses this transaction timestamp instead of the harness clock. */
        public Caller at(Instant time) {
            return new Caller(identity, Objects.requireNonNull(time, "time"), txId, endorsers, function, transientMap, peer);
        }

        /** Uses this transaction id (e.g. to replay one) instead of a generated one. */
        public Caller withTxId(String id) {
            return new Caller(identity, timestamp, Objects.requireNonNull(id, "id"), endorsers, function, transientMap, peer);
        }

        /**
         * Collects endorsements from one peer of each MSP only. By default a submit is endorsed as the Gateway plans
         * it from the first endorsement (on the caller's organization's peer): by the organizations whose implicit
         * collections it read or wrote, when it touched private data, else by every organization's peer.
         */
        public Caller endorsedBy(String... mspIds) {
            return new Caller(identity, timestamp, txId, List.of(mspIds), function, transientMap, peer);
        }

        /** Sends this transient map with the proposal (it reaches the endorsers, never the block). */
        public Caller withTransient(java.util.Map<String, byte[]> entries) {
            return new Caller(identity, timestamp, txId, endorsers, function, java.util.Map.copyOf(entries), peer);
        }

        /**
         * Sends records as a client sends them: in the transient map ({@code records}), with a salt for the
         * transaction ({@code salt}) that is deterministic in the harness (the SHA-256 of the records), so stored
         * bytes can be compared from run to run.
         */
        public Caller withRecords(String recordsJson) {
            byte[] records = recordsJson.getBytes(StandardCharsets.UTF_8);
            byte[] salt = org.carbonledger.core.crypto.Sha256.of(records).bytes();
            return withTransient(java.util.Map.of(org.carbonledger.core.ledger.PrivateData.RECORDS, records,
                    org.carbonledger.core.ledger.PrivateData.SALT, salt));
        }

        /** Evaluates (or first endorses) on a peer of this organization instead of the caller's own. */
        public Caller onPeerOf(String mspId) {
            return new Caller(identity, timestamp, txId, endorsers, function, transientMap, Objects.requireNonNull(mspId, "mspId"));
        }

        /**
         * Sends {@code args[0]} as given (e.g. {@code ProposeRole} without the contract name, as a client of the
         * default contract may) instead of {@code <contract name>:<transaction>} as the Gateway sends it.
         */
        public Caller sendingFunctionAs(String functionName) {
            return new Caller(identity, timestamp, txId, endorsers, Objects.requireNonNull(functionName, "functionName"),
                    transientMap, peer);
        }

        /**
         * Endorses and commits.
         *
         * @return the transaction's result
         * @throws ChaincodeException when the chaincode refuses it (nothing is written)
         * @throws CommitException when the committing peer invalidates it (nothing is written)
         */
        public String submit(ContractInterface contract, String transaction, String... args) {
            Endorsement endorsement = endorse(contract, transaction, args);
            return endorsement.commit();
        }

        /** Simulates without committing; the ledger is unchanged whatever the transaction writes. */
        public String evaluate(ContractInterface contract, String transaction, String... args) {
            Simulation simulation = simulate(TransactionRecord.Kind.EVALUATE, contract, transaction, args, firstPeer(), null);
            ledger.discard(simulation.stub);
            last = simulation.record(Optional.empty(), Optional.empty());
            return simulation.result;
        }

        /**
         * Simulates a submit on every endorsing peer and holds the endorsed transaction back, so a test can interleave
         * transactions the way concurrent clients do, and commit them later in any order. The endorsements must
         * agree byte for byte (result, reads, writes, private writes, event), or the proposal fails as the Gateway
         * fails it ({@link EndorsementMismatch}).
         */
        public Endorsement endorse(ContractInterface contract, String transaction, String... args) {
            Simulation first = simulate(TransactionRecord.Kind.SUBMIT, contract, transaction, args, firstPeer(), null);
            List<String> plan = endorsers != null ? endorsers : planFrom(first.stub);
            for (String other : plan) {
                if (other.equals(first.stub.peerMsp())) {
                    continue;
                }
                Simulation again;
                try {
                    again = simulate(TransactionRecord.Kind.SUBMIT, contract, transaction, args, other, first.stub.getTxId());
                } catch (RuntimeException refused) {
                    ledger.discard(first.stub);
                    throw refused;
                }
                ledger.discard(again.stub);
                if (!first.sameEndorsementAs(again)) {
                    ledger.discard(first.stub);
                    last = first.record(Optional.of(new EndorsementMismatch(first.stub.peerMsp(), other)), Optional.empty());
                    throw new EndorsementMismatch(first.stub.peerMsp(), other);
                }
            }
            last = first.record(Optional.empty(), Optional.empty());
            return new Endorsement(first, plan);
        }

        private String firstPeer() {
            if (peer != null) {
                return peer;
            }
            return ledger.organizations().contains(identity.mspId()) ? identity.mspId() : ledger.organizations().get(0);
        }

        /** The Gateway's plan: the members of the collections the first endorsement touched, if any, else everyone. */
        private List<String> planFrom(InMemoryStub stub) {
            java.util.TreeSet<String> members = new java.util.TreeSet<>();
            for (String organization : ledger.organizations()) {
                String collection = InMemoryLedger.collectionOf(organization);
                if (stub.privateWrites().containsKey(collection)
                        || stub.privateReads().keySet().stream().anyMatch(k -> k.startsWith(collection + "\u0000"))) {
                    members.add(organization);
                }
            }
            return members.isEmpty() ? ledger.organizations() : List.copyOf(members);
        }

        private Simulation simulate(TransactionRecord.Kind kind, ContractInterface contract, String transaction,
                                    String[] args, String onPeer, String sameTxId) {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(transaction, "transaction");
            List<String> parameters = List.of(args);
            String sent = function != null ? function : contractName(contract) + ":" + transaction;
            List<String> wire = new ArrayList<>();
            wire.add(sent);
            wire.addAll(parameters);
            Instant time = sameTxId != null ? lastTime : timestamp != null ? timestamp : nextTick();
            lastTime = time;
            InMemoryLedger.Proposal proposal = InMemoryLedger.Proposal.of(identity.serialized(), time, wire);
            if (sameTxId != null) {
                proposal = proposal.withTxId(sameTxId);
            } else if (txId != null) {
                proposal = proposal.withTxId(txId);
            }
            InMemoryStub stub = ledger.newTransaction(proposal, onPeer, transientMap);
            Simulation simulation = new Simulation(kind, stub, identity, contractName(contract), transaction, sent,
                    parameters, time);
            try {
                simulation.result = invoke(contract, transaction, parameters, stub);
            } catch (RuntimeException refusal) {
                ledger.discard(stub);
                last = simulation.record(Optional.of(refusal), Optional.empty());
                throw refusal;
            }
            return simulation;
        }
    }

    /** The timestamp of the proposal being endorsed: every endorser sees the same. */
    private Instant lastTime = START;

    /** Two endorsing peers simulated the same proposal differently: the Gateway cannot assemble a transaction. */
    public static final class EndorsementMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndorsementMismatch(String first, String other) {
            super("ProposalResponsePayloads do not match: the endorsements of " + first + " and " + other + " differ");
        }
    }

    /** A simulated, endorsed transaction that has not been committed yet. */
    public final class Endorsement {
        private final Simulation simulation;
        private final List<String> endorsers;
        private boolean committed;

        private Endorsement(Simulation simulation, List<String> endorsers) {
            this.simulation = simulation;
            this.endorsers = List.copyOf(endorsers);
        }

        public String txId() {
            return simulation.stub.getTxId();
        }

        public String result() {
            return simulation.result;
        }

        public InMemoryStub stub() {
            return simulation.stub;
        }

        /**
         * Orders and commits the transaction.
         *
         * @return its result, when the peer validates it
         * @throws CommitException when the peer marks it invalid (nothing is written)
         */
        public String commit() {
            if (committed) {
                throw new IllegalStateException("transaction " + txId() + " was already committed");
            }
            committed = true;
            TxValidationCode code = ledger.commit(simulation.stub, endorsers);
            if (code != TxValidationCode.VALID) {
                CommitException invalid = new CommitException(txId(), code);
                last = simulation.record(Optional.of(invalid), Optional.of(code));
                throw invalid;
            }
            last = simulation.record(Optional.empty(), Optional.of(code));
            return simulation.result;
        }
    }

    private static final class Simulation {
        private final TransactionRecord.Kind kind;
        private final InMemoryStub stub;
        private final TestIdentity identity;
        private final String contract;
        private final String transaction;
        private final String function;
        private final List<String> parameters;
        private final Instant timestamp;
        private String result;

        Simulation(TransactionRecord.Kind kind, InMemoryStub stub, TestIdentity identity, String contract,
                   String transaction, String function, List<String> parameters, Instant timestamp) {
            this.kind = kind;
            this.stub = stub;
            this.identity = identity;
            this.contract = contract;
            this.transaction = transaction;
            this.function = function;
            this.parameters = parameters;
            this.timestamp = timestamp;
        }

        /** Whether another peer's simulation of the same proposal produced the same endorsement. */
        boolean sameEndorsementAs(Simulation other) {
            return Objects.equals(result, other.result)
                    && sameBytes(stub.writes(), other.stub.writes())
                    && stub.privateWrites().keySet().equals(other.stub.privateWrites().keySet())
                    && stub.privateWrites().entrySet().stream().allMatch(e -> sameBytes(e.getValue(), other.stub.privateWrites().get(e.getKey())))
                    && stub.validationParameterWrites().keySet().equals(other.stub.validationParameterWrites().keySet())
                    && stub.reads().equals(other.stub.reads())
                    && stub.privateReads().equals(other.stub.privateReads())
                    && stub.event().equals(other.stub.event());
        }

        private static boolean sameBytes(java.util.Map<String, Optional<byte[]>> a, java.util.Map<String, Optional<byte[]>> b) {
            if (!new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()))) {
                return false;
            }
            for (var e : a.entrySet()) {
                Optional<byte[]> o = b.get(e.getKey());
                if (e.getValue().isPresent() != o.isPresent()
                        || e.getValue().isPresent() && !java.util.Arrays.equals(e.getValue().get(), o.get())) {
                    return false;
                }
            }
            return true;
        }

        TransactionRecord record(Optional<RuntimeException> failure, Optional<TxValidationCode> code) {
            return new TransactionRecord(kind, stub.getTxId(), contract, transaction, function, parameters, identity, timestamp,
                    failure.isPresent() ? Optional.empty() : Optional.ofNullable(result), failure, stub.event(),
                    stub.writes(), stub.validationParameterWrites(), code, stub.privateWrites());
        }
    }

    private Instant nextTick() {
        Instant now = clock;
        clock = clock.plus(Duration.ofSeconds(1));
        return now;
    }

    /**
     * The contract runtime's execution of one request (ContractExecutionService): the context first, then
     * beforeTransaction, the method, afterTransaction. An unknown transaction name goes to unknownTransaction, as the
     * router does.
     */
    private static String invoke(ContractInterface contract, String transaction, List<String> parameters, InMemoryStub stub) {
        Optional<Method> method = transactionMethod(contract.getClass(), transaction);
        Context ctx = contract.createContext(stub);
        if (method.isEmpty()) {
            contract.beforeTransaction(ctx);
            contract.unknownTransaction(ctx);
            contract.afterTransaction(ctx, null);
            return null;
        }
        Method m = method.get();
        Class<?>[] types = m.getParameterTypes();
        if (types.length != parameters.size() + 1) {
            throw new IllegalArgumentException(transaction + " takes " + (types.length - 1) + " arguments, the test passed "
                    + parameters.size());
        }
        // As the runtime does: arguments are converted (before beforeTransaction) by the default serializer from the
        // parameter's schema, so "25" becomes the int 25 and "x" fails the way it fails on a peer.
        Object[] values = new Object[types.length];
        values[0] = ctx;
        for (int i = 1; i < types.length; i++) {
            String argument = parameters.get(i - 1);
            values[i] = types[i] == String.class ? argument
                    : SERIALIZER.fromBuffer(argument.getBytes(StandardCharsets.UTF_8), TypeSchema.typeConvert(types[i]));
        }
        contract.beforeTransaction(ctx);
        Object result;
        try {
            result = m.invoke(contract, values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(transaction + " threw a checked exception", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + m, e);
        }
        contract.afterTransaction(ctx, result);
        if (result != null && !(result instanceof String)) {
            throw new IllegalArgumentException(transaction + " returned " + result.getClass().getName()
                    + "; the harness handles String results only");
        }
        return (String) result;
    }

    private static Optional<Method> transactionMethod(Class<?> type, String transaction) {
        Method found = null;
        for (Method m : type.getMethods()) {
            Transaction annotation = m.getAnnotation(Transaction.class);
            if (annotation == null) {
                continue;
            }
            String name = annotation.name().isEmpty() ? m.getName() : annotation.name();
            if (name.equals(transaction)) {
                if (found != null) {
                    throw new IllegalStateException(type.getName() + " has two transactions named " + transaction);
                }
                if (m.getParameterCount() == 0 || !Context.class.isAssignableFrom(m.getParameterTypes()[0])) {
                    throw new IllegalStateException(m + ": a transaction's first parameter must be the Context");
                }
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The contract's name as the Gateway addresses it: {@code @Contract(name)}, else the class name. */
    static String contractName(ContractInterface contract) {
        Contract annotation = contract.getClass().getAnnotation(Contract.class);
        return annotation == null || annotation.name().isEmpty() ? contract.getClass().getSimpleName() : annotation.name();
    }
}
