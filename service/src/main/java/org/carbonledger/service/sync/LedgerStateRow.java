package org.carbonledger.service.sync;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A ledger key as the read model holds it: readable key, type, canonical JSON, last writer. */
@MappedEntity("ledger_state")
public record LedgerStateRow(@Id String stateKey, String stateType, String valueJson, String transactionId,
                             long blockNumber) {
}
