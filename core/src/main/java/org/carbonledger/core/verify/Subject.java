package org.carbonledger.core.verify;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.DeviceRef;

/**
 * What a check is about: {@code {"kind":"record","id":"10000000-…"}}.
 *
 * @param kind the kind of ledger object
 * @param id its id: the batch key {@code <gtin14>/<lot>}, a record, transfer or attestation id, a device as
 *     {@code <ownerMspId>/<deviceId>}, a factor id, an MSP id or a transaction id
 */
public record Subject(Kind kind, String id) implements Comparable<Subject> {

    /** Kinds of subjects, written in lower case in JSON. */
    public enum Kind {
        /** A batch. */
        BATCH,
        /** An emission record. */
        RECORD,
        /** A transfer (shipment). */
        TRANSFER,
        /** An attestation. */
        ATTESTATION,
        /** A metering device. */
        DEVICE,
        /** An emission factor. */
        FACTOR,
        /** An organization (MSP). */
        ORGANIZATION,
        /** A Fabric transaction. */
        TRANSACTION;

        /** @return the JSON name */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Null-checks both parts and refuses an empty id. */
    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "id", "must not be empty");
        }
    }

    /**
     * @param id a batch
     * @return the batch as a subject
     */
    public static Subject batch(BatchId id) {
        return new Subject(Kind.BATCH, id.key());
    }

    /**
     * @param id a record id
     * @return the record as a subject
     */
    public static Subject record(LedgerId id) {
        return new Subject(Kind.RECORD, id.value());
    }

    /**
     * @param id a transfer id
     * @return the transfer as a subject
     */
    public static Subject transfer(LedgerId id) {
        return new Subject(Kind.TRANSFER, id.value());
    }

    /**
     * @param id an attestation id
     * @return the attestation as a subject
     */
    public static Subject attestation(LedgerId id) {
        return new Subject(Kind.ATTESTATION, id.value());
    }

    /**
     * @param ref a device
     * @return the device as a subject
     */
    public static Subject device(DeviceRef ref) {
        return new Subject(Kind.DEVICE, ref.toString());
    }

    /**
     * @param factorId a factor id
     * @return the factor as a subject
     */
    public static Subject factor(String factorId) {
        return new Subject(Kind.FACTOR, factorId);
    }

    /**
     * @param mspId an organization
     * @return the organization as a subject
     */
    public static Subject organization(String mspId) {
        return new Subject(Kind.ORGANIZATION, mspId);
    }

    /**
     * @param txId a transaction id
     * @return the transaction as a subject
     */
    public static Subject transaction(String txId) {
        return new Subject(Kind.TRANSACTION, txId);
    }

    /** @return {@code {"kind":…,"id":…}} */
    public JsonObject toJson() {
        return JsonObject.builder().put("kind", kind.jsonName()).put("id", id).build();
    }

    /**
     * @param json an object written by {@link #toJson()}
     * @param path its JSON path, for error messages
     * @return the subject
     */
    public static Subject fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("kind", "id"));
        String kind = r.requireString("kind");
        for (Kind k : Kind.values()) {
            if (k.jsonName().equals(kind)) {
                return new Subject(k, r.requireString("id"));
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path("kind"), kind, "unknown subject kind");
    }

    @Override
    public int compareTo(Subject other) {
        int c = kind.compareTo(other.kind);
        return c != 0 ? c : id.compareTo(other.id);
    }

    /** @return e.g. {@code record 10000000-0000-4000-8000-000000000101} */
    @Override
    public String toString() {
        return kind.jsonName() + " " + id;
    }
}
