package org.carbonledger.bench.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.core.ledger.PrivateData;
import org.hyperledger.fabric.client.Proposal;

/**
 * How a {@code Records:SubmitRecords} proposal carries its records. The A/B comparison of the confidential ledger
 * against the build before it drives both builds with the same load generator, so the mode is chosen per run
 * ({@code --records-in}) rather than detected: a wrong choice then fails loudly at the first endorsement instead of
 * silently measuring the other protocol.
 */
public enum RecordsIn {
    /**
     * The build before private records: the JSON array is the transaction's only argument (every member's peer stores
     * it in the block), and the Gateway plans the endorsement from the chaincode's policy.
     */
    ARGUMENTS,
    /**
     * The confidential build: no argument; the records and a fresh 32-byte salt travel in the transient map (never in
     * a block), and exactly the owner's peer and its designated certifiers' peers endorse, since Fabric validates a
     * write to each private collection against that organization's peer.
     */
    TRANSIENT;

    /** The option's value for this mode. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code arguments} or {@code transient}. */
    static RecordsIn parse(String option, String value) {
        for (RecordsIn mode : values()) {
            if (mode.flag().equals(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(option + " \"" + value + "\": expected arguments or transient");
    }

    /**
     * The proposal of one transaction of these records, with a fresh salt each (the chaincode derives every record's
     * salt from it): call it before the clock starts.
     *
     * @param recordsJson the records, a JSON array
     * @param endorsers   the owner and its designated certifiers; used (and required) in {@link #TRANSIENT} mode only
     */
    Submission submission(String recordsJson, List<String> endorsers) {
        Objects.requireNonNull(recordsJson, "recordsJson");
        Objects.requireNonNull(endorsers, "endorsers");
        return switch (this) {
            case ARGUMENTS -> new Submission(List.of(recordsJson), Endorsement.planned());
            case TRANSIENT -> {
                if (endorsers.isEmpty()) {
                    throw new IllegalArgumentException("records in the transient map need their endorsing organizations");
                }
                yield new Submission(List.of(), Endorsement.by(endorsers).withTransient(Map.of(
                        PrivateData.RECORDS, recordsJson.getBytes(UTF_8),
                        PrivateData.SALT, PrivateData.newSalt())));
            }
        };
    }

    /**
     * What a {@code SubmitRecords} proposal is built from.
     *
     * @param arguments   the transaction's arguments
     * @param endorsement who endorses it (planned: the Gateway decides) and its transient map
     */
    record Submission(List<String> arguments, Endorsement endorsement) {
        Submission {
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(endorsement, "endorsement");
        }

        /** Sets the arguments, endorsing organizations and transient map on a Gateway proposal builder. */
        Proposal.Builder applyTo(Proposal.Builder builder) {
            builder.addArguments(arguments.toArray(String[]::new));
            if (!endorsement.isPlanned()) {
                builder.setEndorsingOrganizations(endorsement.organizations().toArray(String[]::new));
            }
            if (!endorsement.transientData().isEmpty()) {
                builder.putAllTransient(endorsement.transientData());
            }
            return builder;
        }
    }
}
