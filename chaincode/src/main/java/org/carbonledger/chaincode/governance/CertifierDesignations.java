package org.carbonledger.chaincode.governance;

import java.util.ArrayList;
import java.util.List;

import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDesignation;

/**
 * Which certifiers a producer lets see its raw data. A designation counts while the certifier holds the CERTIFIER
 * role: a certifier whose role the members revoke stops receiving records, though its designation stays on the
 * ledger and counts again if the role is granted again.
 */
public final class CertifierDesignations {
    static final String DESIGNATION = StateKeys.DESIGNATION;

    private CertifierDesignations() {
    }

    static String key(LedgerContext ctx, String producer, String certifier) {
        return ctx.key(DESIGNATION, producer, certifier);
    }

    /** Every designation of the producer, in certifier MSP order, whether or not the certifier still holds its role. */
    static List<StoredDesignation> of(LedgerContext ctx, String producer) {
        return ctx.readAll(StoredDesignation::fromJson, DESIGNATION, producer);
    }

    /** The designations that count now: their certifier holds the CERTIFIER role; in certifier MSP order. */
    static List<StoredDesignation> counting(LedgerContext ctx, String producer) {
        List<StoredDesignation> counting = new ArrayList<>();
        for (StoredDesignation d : of(ctx, producer)) {
            if (Membership.holds(ctx, d.certifierMspId(), Role.CERTIFIER)) {
                counting.add(d);
            }
        }
        return counting;
    }

    /** The certifiers that count now: designated by the producer and holding the CERTIFIER role, in MSP order. */
    public static List<String> certifiersOf(LedgerContext ctx, String producer) {
        return counting(ctx, producer).stream().map(StoredDesignation::certifierMspId).toList();
    }

    /**
     * The organizations that hold a producer's new records: the producer and the certifiers that count, sorted.
     * Refused when there is no such certifier: a record must be checked at endorsement by a second organization
     * that may see it, and only a designated certifier may.
     */
    public static List<String> holdersOfNewRecords(LedgerContext ctx, String producer) {
        List<String> certifiers = certifiersOf(ctx, producer);
        if (certifiers.isEmpty()) {
            throw LedgerRuleException.of(ErrorCode.NOT_DESIGNATED, "certifiers", producer,
                    "designate a certifier first (DesignateCertifier): a record is endorsed and checked by its owner's "
                            + "peer and by the peer of a certifier the owner lets see it, and " + producer
                            + " has designated no organization holding the CERTIFIER role");
        }
        List<String> holders = new ArrayList<>(certifiers);
        holders.add(producer);
        holders.sort(String::compareTo);
        return List.copyOf(holders);
    }
}
