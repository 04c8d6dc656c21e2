package org.carbonledger.core.accounting;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.EcdsaP256;
import org.carbonledger.core.crypto.DeviceSignedJson;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Quantity;

/**
 * A signed emission record, as a metering device or plant gateway produces it.
 *
 * <pre>{@code
 * {"recordId":"0b9f6c1e-…","gtin":"09506000134352","lot":"COIL-7","deviceId":"meter-12",
 *  "periodStart":"2026-10-01T00:00:00Z","periodEnd":"2026-10-31T23:59:59Z","scope":2,"stage":"PRODUCTION",
 *  "activity":{"factorId":"cn-grid-2022","amount":"30000","unit":"kWh"},
 *  "evidenceSha256":"…","signature":"MEUCIQ…"}
 * }</pre>
 * or {@code "gases":{"CO2":"50000","CH4_FOSSIL":"10"}} (kg of each gas) instead of {@code activity}.
 *
 * <p>Parsing is strict: unknown, missing or mistyped members are refused naming their JSON path. The
 * {@linkplain #signedBytes() signed bytes} are the JCS form of the record as received, minus {@code signature}, so
 * a GTIN sent in 13 digits is signed in 13 digits even though {@link #batch()} normalizes it.
 */
public final class EmissionRecord {

    /**
     * How far after the submitting transaction's timestamp a record's period may end. A record is signed once its
     * period is over, so a later end is a wrong clock or a forged period; the allowance covers meter clocks running
     * slightly ahead of the peers'.
     */
    public static final Duration PERIOD_END_ALLOWANCE = Duration.ofMinutes(15);

    private static final List<String> MEMBERS = List.of("recordId", "gtin", "lot", "deviceId", "periodStart",
            "periodEnd", "scope", "stage", "activity", "gases", "evidenceSha256", "signature");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    private final JsonObject json;
    private final LedgerId recordId;
    private final BatchId batch;
    private final DeviceId deviceId;
    private final Instant periodStart;
    private final Instant periodEnd;
    private final Scope scope;
    private final Stage stage;
    private final Activity activity;
    private final SortedMap<Gas, Amount> gases;
    private final Hash evidenceSha256;
    private final DeviceSignedJson signed;

    private EmissionRecord(JsonObject json, boolean signatureRequired) {
        this.json = json;
        JsonObjectReader r = JsonObjectReader.of(json, "");
        r.rejectUnknownMembers(MEMBERS);
        this.recordId = LedgerId.parse(r.requireString("recordId"), "recordId");
        this.batch = new BatchId(Gtin.parse(r.requireString("gtin"), "gtin"), Lot.parse(r.requireString("lot"), "lot"));
        this.deviceId = DeviceId.parse(r.requireString("deviceId"), "deviceId");
        this.periodStart = instant(r.requireString("periodStart"), "periodStart");
        this.periodEnd = instant(r.requireString("periodEnd"), "periodEnd");
        if (periodEnd.isBefore(periodStart)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, "periodEnd", r.requireString("periodEnd"),
                    "ends before periodStart " + r.requireString("periodStart"));
        }
        this.scope = Scope.of(r.requireInteger("scope", 1, 3), "scope");
        this.stage = Stage.parse(r.requireString("stage"), "stage");
        boolean hasActivity = r.has("activity");
        boolean hasGases = r.has("gases");
        if (hasActivity == hasGases) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, hasActivity ? "gases" : "activity",
                    hasActivity ? "give either activity or gases, not both"
                            : "missing member: give either activity {factorId, amount, unit} or gases {GAS: kg}");
        }
        if (hasActivity) {
            JsonObjectReader a = r.requireObject("activity");
            a.rejectUnknownMembers(List.of("factorId", "amount", "unit"));
            this.activity = new Activity(
                    Token.require(a.requireString("factorId"), a.path("factorId"), 64),
                    Quantity.parse(a.requireString("amount"), a.requireString("unit"), "activity"));
            this.gases = Collections.emptySortedMap();
        } else {
            this.activity = null;
            this.gases = parseGases(r.requireObject("gases"));
        }
        this.evidenceSha256 = r.optionalString("evidenceSha256")
                .map(h -> Hash.ofHex(h, "evidenceSha256")).orElse(null);
        this.signed = DeviceSignedJson.of(json, signatureRequired);
    }

    /**
     * Parses and validates a signed record (the signature's encoding is checked here; whether it verifies needs
     * the device key: {@link #requireValidSignature}).
     *
     * @param json the record
     * @return the record
     * @throws LedgerRuleException naming the JSON path of the first problem
     */
    public static EmissionRecord parse(JsonObject json) {
        return new EmissionRecord(Objects.requireNonNull(json, "json"), true);
    }

    /**
     * @param utf8 the record as UTF-8 JSON
     * @return the record
     */
    public static EmissionRecord parse(byte[] utf8) {
        return parse(Json.parseObject(utf8, "record"));
    }

    /**
     * Validates a record that may not be signed yet (a row of a file the CLI will sign): the same checks as
     * {@link #parse(JsonObject)}, except that {@code signature} may be absent; when present its encoding is checked.
     *
     * @param record a record, signed or not
     * @throws LedgerRuleException naming the JSON path of the first problem
     */
    public static void validate(JsonObject record) {
        new EmissionRecord(Objects.requireNonNull(record, "record"), false);
    }

    /**
     * The activity of a record that may not be signed yet, so a client can check it against its factor
     * ({@link RecordCalculator#activityCo2e}) before it signs and submits, as the ledger will.
     *
     * @param record a record, signed or not
     * @return its activity, or empty for a gas record
     * @throws LedgerRuleException naming the JSON path of the first problem
     */
    public static Optional<Activity> activityOf(JsonObject record) {
        return new EmissionRecord(Objects.requireNonNull(record, "record"), false).activity();
    }

    /**
     * Signs a record on a device's behalf (CLI, tests): validates the unsigned record, signs the JCS form with
     * deterministic ECDSA and returns it with {@code signature} added.
     *
     * @param unsigned a record without {@code signature}
     * @param key the device's private key
     * @return the signed record
     */
    public static EmissionRecord sign(JsonObject unsigned, DevicePrivateKey key) {
        Objects.requireNonNull(unsigned, "unsigned");
        Objects.requireNonNull(key, "key");
        DeviceSignedJson.requireUnsigned(unsigned, "record");
        // Validated before it is signed: a device key never signs a malformed record.
        new EmissionRecord(unsigned, false);
        return parse(DeviceSignedJson.sign(unsigned, key, "record"));
    }

    private static Instant instant(String text, String field) {
        if (!INSTANT.matcher(text).matches()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, field, text,
                    "must be an ISO-8601 UTC instant like 2026-10-01T00:00:00Z");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, field, text, "is not a valid date and time");
        }
    }

    private static SortedMap<Gas, Amount> parseGases(JsonObjectReader g) {
        if (g.object().size() == 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, g.path(),
                    "must list at least one gas");
        }
        TreeMap<Gas, Amount> out = new TreeMap<>();
        for (Map.Entry<String, JsonValue> e : g.object().members().entrySet()) {
            String path = g.path(e.getKey());
            Gas gas = Gas.parse(e.getKey(), path);
            out.put(gas, Amount.parse(JsonObjectReader.asString(e.getValue(), path), path));
        }
        return Collections.unmodifiableSortedMap(out);
    }


    /** @return the record exactly as received */
    public JsonObject json() {
        return json;
    }

    /** @return the client-chosen record id */
    public LedgerId recordId() {
        return recordId;
    }

    /** @return the batch the record belongs to (GTIN normalized to 14 digits) */
    public BatchId batch() {
        return batch;
    }

    /** @return the signing device */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return start of the measured period */
    public Instant periodStart() {
        return periodStart;
    }

    /** @return end of the measured period; the device key must be valid at this instant */
    public Instant periodEnd() {
        return periodEnd;
    }

    /** @return the GHG Protocol scope */
    public Scope scope() {
        return scope;
    }

    /** @return the life-cycle stage */
    public Stage stage() {
        return stage;
    }

    /** @return the activity, for an activity-based record */
    public Optional<Activity> activity() {
        return Optional.ofNullable(activity);
    }

    /** @return kg of each gas, for a measured-gas record (empty for an activity record) */
    public SortedMap<Gas, Amount> gases() {
        return gases;
    }

    /** @return the hash of supporting evidence, if given */
    public Optional<Hash> evidenceSha256() {
        return Optional.ofNullable(evidenceSha256);
    }

    /** @return a copy of the DER signature */
    public byte[] signature() {
        return signed.signature();
    }

    /** @return a copy of the signed bytes: JCS of the record without {@code signature} */
    public byte[] signedBytes() {
        return signed.signedBytes();
    }

    /** @return SHA-256 of the JCS of the full record, signature included */
    public Hash contentHash() {
        return signed.contentHash();
    }

    /**
     * Refuses a period that ends in the future of the transaction submitting the record. The chaincode passes the
     * proposal's timestamp, never its own clock, so every endorsing peer decides the same.
     *
     * @param submittedAt the timestamp of the transaction that submits the record
     * @throws LedgerRuleException (INVALID_PERIOD, field {@code periodEnd}) if {@code periodEnd} is after
     *         {@code submittedAt} plus {@link #PERIOD_END_ALLOWANCE}
     */
    public void requireEndedBy(Instant submittedAt) {
        requireEndedBy(periodEnd, JsonObjectReader.of(json, "").requireString("periodEnd"), submittedAt);
    }

    /**
     * The check of {@link #requireEndedBy(Instant)} on a record that may not be signed yet (a row of a file the CLI
     * will sign and submit), without parsing the rest of it.
     *
     * @param record a record, signed or not, already {@linkplain #validate validated}
     * @param submittedAt the time of the transaction that will submit it
     * @throws LedgerRuleException (INVALID_PERIOD, field {@code periodEnd}) if it ends too late
     */
    public static void requireEndedBy(JsonObject record, Instant submittedAt) {
        String text = JsonObjectReader.of(Objects.requireNonNull(record, "record"), "").requireString("periodEnd");
        requireEndedBy(instant(text, "periodEnd"), text, submittedAt);
    }

    private static void requireEndedBy(Instant periodEnd, String text, Instant submittedAt) {
        Objects.requireNonNull(submittedAt, "submittedAt");
        Instant latest = submittedAt.plus(PERIOD_END_ALLOWANCE);
        if (periodEnd.isAfter(latest)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, "periodEnd", text,
                    "ends after the latest accepted instant " + latest + " (the transaction's time " + submittedAt
                            + " plus " + PERIOD_END_ALLOWANCE.toMinutes()
                            + " minutes); submit a record once its period is over");
        }
    }

    /**
     * @param key the device's public key
     * @return true if the signature verifies
     */
    public boolean verifySignature(DevicePublicKey key) {
        return signed.verifiedBy(key);
    }

    /**
     * @param key the device's public key
     * @throws LedgerRuleException (INVALID_SIGNATURE, field {@code signature}) if it does not verify
     */
    public void requireValidSignature(DevicePublicKey key) {
        EcdsaP256.requireValid(key, signed.signedBytes(), signed.signature(), "signature");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmissionRecord other && signed.contentHash().equals(other.signed.contentHash());
    }

    @Override
    public int hashCode() {
        return signed.contentHash().hashCode();
    }

    @Override
    public String toString() {
        return "EmissionRecord[" + recordId + " " + batch + " " + stage + "/" + scope + "]";
    }
}
