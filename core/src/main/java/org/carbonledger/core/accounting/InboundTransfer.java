package org.carbonledger.core.accounting;

import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.quantity.Quantity;

/**
 * Material a batch received from a sealed upstream batch, with the CO2e allocated to it at shipping time.
 *
 * @param transferId the client-chosen transfer id
 * @param source the upstream (sealed) batch
 * @param sourceSealHash the seal hash of the upstream batch when it shipped
 * @param quantity the quantity shipped and received
 * @param sourceShippedBefore how much of the source batch had been shipped before this transfer (any unit of the
 *     same dimension; the chaincode keeps it in the base unit)
 * @param allocated the CO2e allocated to this transfer ({@link Allocation#allocate})
 */
public record InboundTransfer(LedgerId transferId, BatchId source, Hash sourceSealHash, Quantity quantity,
                              Quantity sourceShippedBefore, Co2e allocated) {

    /** Null-checks every part and that both quantities measure the same dimension. */
    public InboundTransfer {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceSealHash, "sourceSealHash");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(sourceShippedBefore, "sourceShippedBefore");
        Objects.requireNonNull(allocated, "allocated");
        if (quantity.unit().dimension() != sourceShippedBefore.unit().dimension()) {
            throw LedgerRuleException.of(ErrorCode.UNIT_MISMATCH, "sourceShippedBefore",
                    sourceShippedBefore.toString(), "must measure the same dimension as quantity " + quantity);
        }
    }
}
