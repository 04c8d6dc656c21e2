package org.carbonledger.client.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/**
 * Decides whether a create the ledger refused as a duplicate repeats the stored object (a client's retry, answered as a
 * replay) or conflicts with it (a different object under the same id, answered 409).
 *
 * <p>The request repeats the stored object when every member it sent is stored with the same value: the ledger adds
 * members of its own (owner, timestamps, transaction id), so the comparison is one-way. Values the ledger stores in a
 * normal form are compared as values: GTINs as GTIN-14, hashes in either case, decimal amounts by value, instants as instants,
 * public keys by fingerprint.
 */
public final class Replays {
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,30}(\\.\\d{1,30})?");

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Replays() {
    }

    /** @return the path of the first member that differs, or empty when the request repeats the stored object */
    public static Optional<String> difference(JsonObject request, JsonObject stored) {
        return difference(request, stored, "");
    }

    private static Optional<String> difference(JsonObject request, JsonObject stored, String path) {
        for (String name : request.names()) {
            String at = path.isEmpty() ? name : path + "." + name;
            JsonValue sent = request.get(name).orElseThrow();
            Optional<JsonValue> kept = stored.get(name);
            if (kept.isEmpty()) {
                return Optional.of(at);
            }
            if (sent instanceof JsonObject sentObject && kept.get() instanceof JsonObject keptObject) {
                Optional<String> inner = difference(sentObject, keptObject, at);
                if (inner.isPresent()) {
                    return inner;
                }
            } else if (!same(name, sent, kept.get())) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static boolean same(String name, JsonValue sent, JsonValue kept) {
        if (Jcs.canonicalString(sent).equals(Jcs.canonicalString(kept))) {
            return true;
        }
        if (!(sent instanceof JsonString s) || !(kept instanceof JsonString k)) {
            return false;
        }
        // The ledger stores some values in a normal form; equal values in another spelling are the same request.
        try {
            if (name.toLowerCase(Locale.ROOT).endsWith("gtin")) {
                return Gtin.parse(s.value(), name).equals(Gtin.parse(k.value(), name));
            }
            if (name.equals("publicKeyPem")) {
                return DevicePublicKey.parse(s.value(), name).fingerprint().equals(DevicePublicKey.parse(k.value(), name).fingerprint());
            }
            if (HEX.matcher(s.value()).matches() && s.value().equalsIgnoreCase(k.value())) {
                return true;
            }
            if (DECIMAL.matcher(s.value()).matches() && DECIMAL.matcher(k.value()).matches()) {
                return new BigDecimal(s.value()).compareTo(new BigDecimal(k.value())) == 0;
            }
            return Instant.parse(s.value()).equals(Instant.parse(k.value()));
        } catch (LedgerRuleException | DateTimeParseException e) {
            return false;
        }
    }
}
