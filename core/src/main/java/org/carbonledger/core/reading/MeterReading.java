package org.carbonledger.core.reading;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.DeviceSignedJson;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Quantity;

/**
 * One signed reading of a metering device, as a plant gateway publishes it.
 *
 * <pre>{@code
 * {"deviceId":"meter-12","sequence":4711,"timestamp":"2026-12-07T10:15:00Z",
 *  "quantity":{"amount":"12.5","unit":"kWh"},"intervalId":"2026-12-07T10:00Z","signature":"MEUCIQ…"}
 * }</pre>
 *
 * <p>Signed exactly like an emission record: ECDSA P-256 (deterministic, low-S) over the RFC 8785 canonical JSON of
 * the reading without {@code signature}, by the device key registered on the ledger; the signature is canonical
 * base64 of strict DER. Parsing is strict: unknown, missing or mistyped members are refused naming their path.
 * {@code sequence} increases by at least one with every reading of a device, so a receiver can refuse replays.
 */
public final class MeterReading {

    /** The largest sequence number, the largest integer every JSON implementation reads exactly. */
    public static final long MAX_SEQUENCE = JsonNumber.MAX_SAFE_INTEGER;

    /** Maximum length of an interval id. */
    public static final int MAX_INTERVAL_ID_LENGTH = 64;

    private static final List<String> MEMBERS = List.of("deviceId", "sequence", "timestamp", "quantity",
            "intervalId", "signature");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern INTERVAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    private final JsonObject json;
    private final DeviceId deviceId;
    private final long sequence;
    private final Instant timestamp;
    private final Quantity quantity;
    private final String intervalId;
    private final DeviceSignedJson signed;

    private MeterReading(JsonObject json, boolean signatureRequired) {
        this.json = json;
        JsonObjectReader r = JsonObjectReader.of(json, "");
        r.rejectUnknownMembers(MEMBERS);
        this.deviceId = DeviceId.parse(r.requireString("deviceId"), "deviceId");
        this.sequence = r.requireInteger("sequence", 0, MAX_SEQUENCE);
        this.timestamp = instant(r.requireString("timestamp"), "timestamp");
        this.quantity = Quantity.fromInputJson(r.requireObject("quantity").object(), "quantity");
        this.intervalId = r.optionalString("intervalId").map(MeterReading::intervalId).orElse(null);
        this.signed = DeviceSignedJson.of(json, signatureRequired);
    }

    /**
     * Parses a signed reading (the signature's encoding is checked here; whether it verifies needs the device key).
     *
     * @param json the reading
     * @return the reading
     * @throws LedgerRuleException naming the JSON path of the first problem
     */
    public static MeterReading parse(JsonObject json) {
        return new MeterReading(Objects.requireNonNull(json, "json"), true);
    }

    /**
     * @param utf8 the reading as UTF-8 JSON (an MQTT payload)
     * @return the reading
     * @throws LedgerRuleException naming the JSON path of the first problem, or {@code reading} if it is not JSON
     */
    public static MeterReading parse(byte[] utf8) {
        return parse(Json.parseObject(Objects.requireNonNull(utf8, "utf8"), "reading"));
    }

    /**
     * Signs a reading on a device's behalf (a gateway holding the device key, the simulator, tests).
     *
     * @param unsigned a reading without {@code signature}
     * @param key the device's private key
     * @return the signed reading
     */
    public static MeterReading sign(JsonObject unsigned, DevicePrivateKey key) {
        Objects.requireNonNull(unsigned, "unsigned");
        Objects.requireNonNull(key, "key");
        DeviceSignedJson.requireUnsigned(unsigned, "reading");
        // Validated before it is signed: a device key never signs a malformed reading.
        new MeterReading(unsigned, false);
        return parse(DeviceSignedJson.sign(unsigned, key, "reading"));
    }

    private static Instant instant(String text, String field) {
        if (!INSTANT.matcher(text).matches()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, field, text,
                    "must be an ISO-8601 UTC instant like 2026-12-07T10:15:00Z");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, field, text, "is not a valid date and time");
        }
    }

    private static String intervalId(String text) {
        if (text.length() > MAX_INTERVAL_ID_LENGTH || !INTERVAL_ID.matcher(text).matches()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "intervalId", text,
                    "must be 1 to " + MAX_INTERVAL_ID_LENGTH
                            + " characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
        }
        return text;
    }

    /** @return the reading exactly as received */
    public JsonObject json() {
        return json;
    }

    /** @return the reading as UTF-8 JSON (canonical form, signature included) */
    public byte[] canonicalUtf8() {
        return Jcs.canonicalize(json);
    }

    /** @return the measuring device */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return the device's sequence number of this reading */
    public long sequence() {
        return sequence;
    }

    /** @return when the device took the reading, by its own clock */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return what was measured since the device's previous reading */
    public Quantity quantity() {
        return quantity;
    }

    /** @return the interval the device counts this reading in, if it says */
    public Optional<String> intervalId() {
        return Optional.ofNullable(intervalId);
    }

    /** @return a copy of the DER signature */
    public byte[] signature() {
        return signed.signature();
    }

    /** @return a copy of the signed bytes: JCS of the reading without {@code signature} */
    public byte[] signedBytes() {
        return signed.signedBytes();
    }

    /** @return SHA-256 of the JCS of the full reading, signature included */
    public Hash contentHash() {
        return signed.contentHash();
    }

    /**
     * @param key the device's public key
     * @return true if the signature verifies
     */
    public boolean verifySignature(DevicePublicKey key) {
        return signed.verifiedBy(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeterReading other && signed.contentHash().equals(other.signed.contentHash());
    }

    @Override
    public int hashCode() {
        return signed.contentHash().hashCode();
    }

    @Override
    public String toString() {
        return "MeterReading[" + deviceId + " #" + sequence + " " + timestamp + " "
                + new String(Jcs.canonicalize(json.get("quantity").orElseThrow()), StandardCharsets.UTF_8) + "]";
    }
}
