package org.carbonledger.service.record;

import java.util.Objects;

import jakarta.inject.Singleton;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.query.StateQueries;

/**
 * Tells "this batch has no records" from "its records are not this member's to see". A batch's records are private
 * to its owner and the certifiers it designated; this service's read model holds only those its organization holds,
 * but every member sees the public trace of each transaction that added records, with the organizations holding them
 * ({@code record_transaction_view}). A member that holds none of a batch's records is told so, as the chaincode's
 * queries tell it, instead of being shown an empty list.
 */
@Singleton
public class RecordPrivacy {
    private final StateQueries queries;
    private final String organization;

    public RecordPrivacy(StateQueries queries, ServiceProperties service) {
        this.queries = queries;
        this.organization = service.organization();
    }

    /**
     * @param batch the batch
     * @param ownerMspId its owner, for the message
     * @param field the request field to name in the refusal
     * @throws ProblemException NOT_DESIGNATED (403) unless this organization owns the batch or holds some of its
     *     records: another member learns neither what the records say nor whether there are any
     */
    public void requireHolder(BatchId batch, String ownerMspId, String field) {
        Objects.requireNonNull(batch, "batch");
        String gtin = batch.gtin().value();
        String lot = batch.lot().value();
        if (!organization.equals(ownerMspId) && queries.countRecordTransactionsHeldBy(gtin, lot, organization) == 0) {
            throw ProblemException.of(ErrorCode.NOT_DESIGNATED, field, "the records of batch " + batch + " are private to "
                    + ownerMspId + " and the certifiers it designated; " + organization + " holds none of them");
        }
    }
}
