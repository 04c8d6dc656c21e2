package org.carbonledger.core.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Decimals;

/**
 * Syntax of the members of stored ledger states, each error naming the JSON path. Relations between values (sums,
 * hashes, signatures, who owns what) are deliberately not checked here: they are the verifier's checks, so a
 * tampered value shows up as a failed check with evidence rather than as an unreadable bundle. The few pieces the
 * writers share (arrays of strings and ids, batch references) are here too, beside their readers.
 */
public final class StateReader {

    /** MSP ids are bootstrapped as tokens of up to 128 characters (Governance:Bootstrap). */
    public static final int MSP_ID_LENGTH = 128;

    private StateReader() {
    }

    public static String mspId(JsonObjectReader r, String name) {
        return Token.require(r.requireString(name), r.path(name), MSP_ID_LENGTH);
    }

    /** A Fabric transaction id: the hex SHA-256 of the proposal's nonce and creator. */
    public static String txId(JsonObjectReader r, String name) {
        return txId(r.requireString(name), r.path(name));
    }

    public static String txId(String text, String path) {
        Hash.ofHex(text, path);
        return text;
    }

    public static Optional<String> optionalTxId(JsonObjectReader r, String name) {
        return r.optionalString(name).map(t -> txId(t, r.path(name)));
    }

    /** An instant as the chaincode writes it ({@link Instant#toString()}), so each instant has one text. */
    public static Instant instant(String text, String path) {
        Instant value;
        try {
            value = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, text,
                    "expected a UTC instant such as 2026-10-01T00:00:00Z");
        }
        if (!value.toString().equals(text)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, text,
                    "not in canonical form; expected " + value);
        }
        return value;
    }

    public static Instant instant(JsonObjectReader r, String name) {
        return instant(r.requireString(name), r.path(name));
    }

    public static Optional<Instant> optionalInstant(JsonObjectReader r, String name) {
        return r.optionalString(name).map(t -> instant(t, r.path(name)));
    }

    /** A GTIN as stored: always 14 digits. */
    public static Gtin gtin14(JsonObjectReader r, String name) {
        String text = r.requireString(name);
        if (text.length() != 14) {
            throw LedgerRuleException.of(ErrorCode.INVALID_GTIN, r.path(name), text,
                    "stored GTINs have 14 digits, found " + text.length() + " characters");
        }
        return Gtin.parse(text, r.path(name));
    }

    public static BatchId batchId(JsonObjectReader r) {
        return new BatchId(gtin14(r, "gtin"), Lot.parse(r.requireString("lot"), r.path("lot")));
    }

    /** {@code {"gtin","lot"}} and nothing else. */
    public static BatchId batchRef(JsonObjectReader r, String name) {
        JsonObjectReader b = r.requireObject(name);
        b.rejectUnknownMembers(List.of("gtin", "lot"));
        return batchId(b);
    }

    public static Hash hash(JsonObjectReader r, String name) {
        return Hash.ofHex(r.requireString(name), r.path(name));
    }

    public static String oneOf(JsonObjectReader r, String name, List<String> allowed) {
        String value = r.requireString(name);
        if (!allowed.contains(value)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path(name), value,
                    "expected one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** Free text (names, comments, citations): bounded and without control characters. */
    public static String text(JsonObjectReader r, String name, int maxLength) {
        String value = r.requireString(name);
        if (value.length() > maxLength) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path(name), value,
                    "longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path(name), value,
                        "control character at position " + (i + 1));
            }
        }
        return value;
    }

    /**
     * A stored CO2e: every component a canonical, non-negative decimal. The redundant {@code total} must be
     * canonical too, but whether it equals fossil + biogenicNonCo2 is left to the checks, which compare the stored
     * object as a whole with the recomputed one.
     */
    public static Co2e co2e(JsonObjectReader r, String name) {
        JsonObjectReader c = r.requireObject(name);
        c.rejectUnknownMembers(List.of("fossil", "biogenicNonCo2", "biogenicCo2", "total"));
        BigDecimal fossil = nonNegative(c, "fossil");
        BigDecimal biogenicNonCo2 = nonNegative(c, "biogenicNonCo2");
        BigDecimal biogenicCo2 = nonNegative(c, "biogenicCo2");
        nonNegative(c, "total");
        return new Co2e(fossil, biogenicNonCo2, biogenicCo2);
    }

    private static BigDecimal nonNegative(JsonObjectReader r, String name) {
        String text = r.requireString(name);
        BigDecimal value = Decimals.parseCanonical(text, r.path(name));
        if (value.signum() < 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, r.path(name), text, "must not be negative");
        }
        return value;
    }

    /** A JSON array of distinct ledger ids. */
    public static List<LedgerId> ids(JsonObjectReader r, String name) {
        JsonArray array = r.requireArray(name);
        List<LedgerId> ids = new ArrayList<>(array.size());
        TreeSet<LedgerId> seen = new TreeSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = r.path(name) + "[" + i + "]";
            LedgerId id = LedgerId.parse(JsonObjectReader.asString(array.get(i), path), path);
            if (!seen.add(id)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, id.value(), "listed twice");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** A JSON array of distinct MSP ids, in the order stored. */
    public static List<String> mspIds(JsonObjectReader r, String name) {
        JsonArray array = r.requireArray(name);
        List<String> ids = new ArrayList<>(array.size());
        TreeSet<String> seen = new TreeSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = r.path(name) + "[" + i + "]";
            String id = Token.require(JsonObjectReader.asString(array.get(i), path), path, MSP_ID_LENGTH);
            if (!seen.add(id)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, id, "listed twice");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** A JSON array of strings, from a list of values. */
    public static JsonArray strings(List<String> values) {
        List<JsonValue> list = new ArrayList<>(values.size());
        for (String value : values) {
            list.add(JsonString.of(value));
        }
        return JsonArray.of(list);
    }

    /** A JSON array of ledger ids. */
    public static JsonArray idArray(List<LedgerId> ids) {
        return strings(ids.stream().map(LedgerId::value).toList());
    }

    /** {@code {"gtin","lot"}}, as batch references are stored. */
    public static JsonObject batchRef(BatchId batch) {
        return JsonObject.builder().put("gtin", batch.gtin().value()).put("lot", batch.lot().value()).build();
    }

    public static JsonObjectReader reader(JsonObject state, String path) {
        return JsonObjectReader.of(state, path);
    }
}
