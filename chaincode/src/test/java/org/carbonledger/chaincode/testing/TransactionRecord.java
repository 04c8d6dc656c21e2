package org.carbonledger.chaincode.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What happened to one invocation through the {@link ChaincodeHarness}.
 *
 * @param kind submitted (simulated, then committed) or evaluated (simulated only)
 * @param contract the contract's name, e.g. {@code Governance}
 * @param transaction the transaction's name, e.g. {@code ProposeRole}
 * @param function the function as sent in {@code args[0]}: {@code Governance:ProposeRole} unless the test sent it
 *     otherwise
 * @param result the transaction's return value, when the chaincode accepted it
 * @param failure the exception when the chaincode refused it (a {@code ChaincodeException}) or failed, or the
 *     {@link CommitException} when the peer invalidated it
 * @param event the chaincode event the simulation set (whether or not it was committed)
 * @param writes the simulation's write set in the order first written; an empty value is a delete
 * @param validationParameterWrites the key-level endorsement policies the simulation set
 * @param validationCode the committing peer's verdict; empty when the transaction never reached the orderer
 * @param privateWrites the simulation's private write sets by collection
 */
public record TransactionRecord(Kind kind, String txId, String contract, String transaction, String function,
                                List<String> parameters,
                                TestIdentity identity, Instant timestamp, Optional<String> result,
                                Optional<RuntimeException> failure, Optional<ChaincodeEvent> event,
                                Map<String, Optional<byte[]>> writes, Map<String, byte[]> validationParameterWrites,
                                Optional<TxValidationCode> validationCode,
                                Map<String, Map<String, Optional<byte[]>>> privateWrites) {

    public enum Kind {
        SUBMIT,
        EVALUATE
    }

    public TransactionRecord {
        parameters = List.copyOf(parameters);
    }

    /** True when the transaction changed the ledger: submitted, accepted and committed as VALID. */
    public boolean committed() {
        return validationCode.filter(c -> c == TxValidationCode.VALID).isPresent();
    }
}
