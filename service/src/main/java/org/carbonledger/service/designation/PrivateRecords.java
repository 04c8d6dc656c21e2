package org.carbonledger.service.designation;

import java.util.List;
import java.util.Objects;

import jakarta.inject.Singleton;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredRecordTransaction;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.query.StateQueries;
import org.carbonledger.service.sync.LedgerStateRow;

/**
 * Whether this service's organization may read a batch's raw emission records: the one place the record endpoints
 * ask. A batch's records are private to its owner and the certifiers the owner designated, so the read model of any
 * other member holds none of them; answering it an empty list would look like "no records", so it is refused with
 * {@code NOT_DESIGNATED} instead.
 *
 * <p>Decided from public state in the read model, as the ledger's own rule is: the owner; a certifier the owner
 * designates now ({@code DESIGNATION/<owner>/<org>}); or an organization named as holder by one of the batch's record
 * transactions ({@code RECORD_TX/<gtin>/<lot>/<txId>}), which covers a certifier whose designation was revoked after
 * its peer received records (a private collection cannot be taken back).
 */
@Singleton
public class PrivateRecords {
    private static final int PAGE = 500;

    private final StateQueries states;
    private final String organization;

    public PrivateRecords(StateQueries states, ServiceProperties service) {
        this.states = states;
        this.organization = service.organization();
    }

    /**
     * @param batch the batch whose records are asked for
     * @param ownerMspId its owner
     * @throws ProblemException 403 {@code NOT_DESIGNATED} naming the batch when this organization may not read them
     */
    public void requireReadable(BatchId batch, String ownerMspId) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(ownerMspId, "ownerMspId");
        if (ownerMspId.equals(organization)
                || states.findById(StateKeys.key(StateKeys.DESIGNATION, ownerMspId, organization)).isPresent()
                || holdsAny(batch)) {
            return;
        }
        throw ProblemException.of(ErrorCode.NOT_DESIGNATED, "batch", "the records of batch " + batch + " are private to "
                + ownerMspId + " and the certifiers it designated; " + organization + " is not one of them");
    }

    private boolean holdsAny(BatchId batch) {
        String from = StateKeys.prefix(StateKeys.RECORD_TRANSACTION, batch.gtin().value(), batch.lot().value());
        String to = StateKeys.prefixEnd(from);
        String after = "";
        while (true) {
            List<LedgerStateRow> rows = states.range(from, to, after, PAGE);
            for (LedgerStateRow row : rows) {
                StoredRecordTransaction tx = StoredRecordTransaction.fromJson(
                        Json.parseObject(row.valueJson(), row.stateKey()), row.stateKey());
                if (tx.holders().contains(organization)) {
                    return true;
                }
            }
            if (rows.size() < PAGE) {
                return false;
            }
            after = rows.get(rows.size() - 1).stateKey();
        }
    }
}
