package org.carbonledger.core.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.core.accounting.Activity;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.Gas;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.device.DeviceKeyValidity;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.quantity.Amount;

/**
 * Part 1: device keys and signed records. Each record's checks compare the device-signed record with what the
 * chaincode stored beside it, so a tampered signed record and a tampered stored value are told apart.
 */
final class RecordChecks {

    private static final CheckCategory CATEGORY = CheckCategory.RECORDS;

    private RecordChecks() {
    }

    /** A signed record as parsed, or why it does not parse. */
    private record Parsed(Optional<EmissionRecord> record, String problem) {
    }

    private record Item(BundledBatch batch, StoredRecord record) {
    }

    static List<Check> deviceKeys(VerificationContext ctx) {
        List<Check> checks = new ArrayList<>();
        for (StoredDevice d : ctx.bundle.devices().values()) {
            checks.add(deviceFingerprint(ctx, d));
        }
        return checks;
    }

    static Check deviceFingerprint(VerificationContext ctx, StoredDevice d) {
        Subject subject = Subject.device(d.ref());
        VerificationContext.ParsedKey key = ctx.key(d.ref());
        if (key.key().isEmpty()) {
            return Check.required(CheckIds.DEVICE_FINGERPRINT, CATEGORY, subject, false,
                    "publicKeyPem does not parse: " + key.problem(),
                    "the stored device key is not a P-256 public key");
        }
        Hash calculated = key.key().get().fingerprint();
        boolean same = calculated.equals(d.keyFingerprint());
        return Check.required(CheckIds.DEVICE_FINGERPRINT, CATEGORY, subject, same,
                "calculated key fingerprint " + calculated + " vs stored " + d.keyFingerprint(),
                same ? "the stored key is the one its fingerprint names"
                        : "the stored key is not the one its fingerprint names: the key or the fingerprint was altered");
    }

    /** Every record's checks, in batch order then record-id order; records are checked in parallel if allowed. */
    static List<Check> records(VerificationContext ctx) {
        List<Item> items = new ArrayList<>();
        for (BundledBatch b : ctx.batchOrder) {
            for (StoredRecord r : b.records()) {
                items.add(new Item(b, r));
            }
        }
        return ctx.each(items, item -> record(ctx, item.batch(), item.record()));
    }

    static List<Check> record(VerificationContext ctx, BundledBatch batch, StoredRecord stored) {
        Parsed parsed = parse(stored);
        DeviceId deviceId = parsed.record().map(EmissionRecord::deviceId).orElse(stored.deviceId());
        VerificationContext.DeviceLookup device = ctx.device(batch.batch().ownerMspId(), deviceId);
        return List.of(
                consistent(batch, stored, parsed),
                signature(ctx, stored, parsed, device),
                deviceOwner(batch, stored, deviceId, device),
                deviceValidity(stored, parsed, deviceId, device),
                periodEnded(stored, parsed),
                contentHash(stored, parsed),
                co2e(ctx, stored, parsed));
    }

    private static Parsed parse(StoredRecord stored) {
        try {
            return new Parsed(Optional.of(EmissionRecord.parse(stored.record())), "");
        } catch (LedgerRuleException e) {
            return new Parsed(Optional.empty(), e.getMessage());
        }
    }

    private static Check consistent(BundledBatch batch, StoredRecord stored, Parsed parsed) {
        Subject subject = Subject.record(stored.recordId());
        if (parsed.record().isEmpty()) {
            return Check.required(CheckIds.RECORD_CONSISTENT, CATEGORY, subject, false,
                    "signed record does not parse: " + parsed.problem(),
                    "the stored record is not a valid signed record");
        }
        EmissionRecord r = parsed.record().get();
        StoredBatch b = batch.batch();
        List<String> problems = new ArrayList<>();
        compare(problems, "recordId", r.recordId().value(), stored.recordId().value());
        compare(problems, "batch", r.batch().key(), stored.batch().key());
        compare(problems, "deviceId", r.deviceId().value(), stored.deviceId().value());
        compare(problems, "stage", r.stage().name(), stored.stage().name());
        compare(problems, "scope", Integer.toString(r.scope().number()), Integer.toString(stored.scope().number()));
        if (!stored.batch().equals(b.id())) {
            problems.add("stored batch " + stored.batch() + " vs bundled under batch " + b.id());
        }
        if (!stored.ownerMspId().equals(b.ownerMspId())) {
            problems.add("stored ownerMspId " + stored.ownerMspId() + " vs batch owner " + b.ownerMspId());
        }
        boolean ok = problems.isEmpty();
        return Check.required(CheckIds.RECORD_CONSISTENT, CATEGORY, subject, ok,
                ok ? "signed and stored agree: batch " + b.id() + ", device " + r.deviceId() + ", " + r.stage()
                        + " scope " + r.scope().number() + ", owner " + b.ownerMspId()
                        : String.join("; ", problems),
                ok ? "the stored record state describes the signed record in its batch"
                        : "the stored record state disagrees with the signed record or its batch");
    }

    private static void compare(List<String> problems, String member, String signed, String stored) {
        if (!signed.equals(stored)) {
            problems.add("signed " + member + " " + signed + " vs stored " + stored);
        }
    }

    private static Check signature(VerificationContext ctx, StoredRecord stored, Parsed parsed,
                           VerificationContext.DeviceLookup device) {
        Subject subject = Subject.record(stored.recordId());
        if (parsed.record().isEmpty()) {
            return Check.required(CheckIds.RECORD_SIGNATURE, CATEGORY, subject, false,
                    "cannot verify: signed record does not parse: " + parsed.problem(),
                    "the record's signature cannot be checked");
        }
        EmissionRecord r = parsed.record().get();
        if (device.device().isEmpty()) {
            return Check.required(CheckIds.RECORD_SIGNATURE, CATEGORY, subject, false,
                    "no device " + r.deviceId() + " in the bundle to verify against",
                    "the record's signature cannot be checked without its device key");
        }
        StoredDevice d = device.device().get();
        VerificationContext.ParsedKey key = ctx.key(d.ref());
        if (key.key().isEmpty()) {
            return Check.required(CheckIds.RECORD_SIGNATURE, CATEGORY, subject, false,
                    "device " + d.ref() + " key does not parse: " + key.problem(),
                    "the record's signature cannot be checked");
        }
        DevicePublicKey k = key.key().get();
        boolean ok = r.verifySignature(k);
        return Check.required(CheckIds.RECORD_SIGNATURE, CATEGORY, subject, ok,
                "signature " + (ok ? "verifies" : "does not verify") + " against device " + d.ref() + " key sha256:"
                        + k.fingerprint(),
                ok ? "the device signed exactly this record"
                        : "the record was altered after signing or was not signed by this device");
    }

    static Check deviceOwner(BundledBatch batch, StoredRecord stored, DeviceId deviceId,
                             VerificationContext.DeviceLookup device) {
        Subject subject = Subject.record(stored.recordId());
        String owner = batch.batch().ownerMspId();
        if (device.ownedByBatchOwner()) {
            return Check.required(CheckIds.RECORD_DEVICE_OWNER, CATEGORY, subject, true,
                    "device " + deviceId + " is registered by " + owner + ", owner of batch " + batch.batch().id(),
                    "the record was signed by a device of the batch owner");
        }
        String evidence = device.device()
                .map(d -> "device " + deviceId + " is registered by " + d.ownerMspId() + " vs batch owner " + owner)
                .orElse("no device " + deviceId + " of " + owner + " (or of any organization) in the bundle");
        return Check.required(CheckIds.RECORD_DEVICE_OWNER, CATEGORY, subject, false, evidence,
                "the record was not signed by a device of the owner of batch " + batch.batch().id());
    }

    private static Check deviceValidity(StoredRecord stored, Parsed parsed, DeviceId deviceId,
                                VerificationContext.DeviceLookup device) {
        Subject subject = Subject.record(stored.recordId());
        if (parsed.record().isEmpty()) {
            return Check.required(CheckIds.RECORD_DEVICE_VALIDITY, CATEGORY, subject, false,
                    "cannot check: signed record does not parse: " + parsed.problem(),
                    "the device key's validity for the record cannot be checked");
        }
        if (device.device().isEmpty()) {
            return Check.required(CheckIds.RECORD_DEVICE_VALIDITY, CATEGORY, subject, false,
                    "no device " + deviceId + " in the bundle",
                    "the device key's validity for the record cannot be checked");
        }
        StoredDevice d = device.device().get();
        Instant end = parsed.record().get().periodEnd();
        String revoked = d.revokedFrom().map(Instant::toString).orElse("(not revoked)");
        String evidence = "device " + d.ref() + ": validFrom " + d.validFrom() + ", record periodEnd " + end
                + ", revokedFrom " + revoked;
        DeviceKeyValidity validity = DeviceKeyValidity.forRecordEndingAt(d, end);
        return Check.required(CheckIds.RECORD_DEVICE_VALIDITY, CATEGORY, subject, validity.isValid(), evidence,
                switch (validity) {
                    case NOT_YET_VALID -> "the record's period ends before the device key became valid";
                    case REVOKED -> "the device key was revoked at or before the record's period end";
                    case VALID ->
                            "the device key was valid at the record's period end (validFrom ≤ periodEnd < revokedFrom)";
                });
    }

    /** The chaincode's submission rule, judged again against the transaction time the record state carries. */
    private static Check periodEnded(StoredRecord stored, Parsed parsed) {
        Subject subject = Subject.record(stored.recordId());
        if (parsed.record().isEmpty()) {
            return Check.required(CheckIds.RECORD_PERIOD_ENDED, CATEGORY, subject, false,
                    "cannot check: signed record does not parse: " + parsed.problem(),
                    "whether the record's period had ended when it was submitted cannot be checked");
        }
        Instant end = parsed.record().get().periodEnd();
        Instant latest = stored.submittedAt().plus(EmissionRecord.PERIOD_END_ALLOWANCE);
        boolean ok = !end.isAfter(latest);
        return Check.required(CheckIds.RECORD_PERIOD_ENDED, CATEGORY, subject, ok,
                "record periodEnd " + end + ", submittedAt " + stored.submittedAt() + " plus "
                        + EmissionRecord.PERIOD_END_ALLOWANCE.toMinutes() + " minutes = " + latest,
                ok ? "the record's period had ended when it was submitted"
                        : "the record's period ends after it was submitted: the ledger refuses such a record");
    }

    private static Check contentHash(StoredRecord stored, Parsed parsed) {
        Subject subject = Subject.record(stored.recordId());
        Hash calculated;
        if (parsed.record().isPresent()) {
            calculated = parsed.record().get().contentHash();
        } else {
            try {
                calculated = Sha256.of(Jcs.canonicalize(stored.record()));
            } catch (LedgerRuleException e) {
                return Check.required(CheckIds.RECORD_CONTENT_HASH, CATEGORY, subject, false,
                        "cannot canonicalize the signed record: " + e.getMessage(),
                        "the record's content hash cannot be recomputed");
            }
        }
        boolean ok = calculated.equals(stored.contentHash());
        return Check.required(CheckIds.RECORD_CONTENT_HASH, CATEGORY, subject, ok,
                "calculated contentHash " + calculated + " vs stored " + stored.contentHash(),
                ok ? "the seal's commitment to this record is a commitment to this signed record"
                        : "the signed record is not the one whose hash the ledger stored and sealed");
    }

    private static Check co2e(VerificationContext ctx, StoredRecord stored, Parsed parsed) {
        Subject subject = Subject.record(stored.recordId());
        String storedText = Evidence.co2e(stored.co2eJson());
        if (parsed.record().isEmpty()) {
            return Check.required(CheckIds.RECORD_CO2E, CATEGORY, subject, false,
                    "cannot recompute: signed record does not parse: " + parsed.problem() + "; stored " + storedText,
                    "the record's CO2e cannot be recomputed");
        }
        EmissionRecord r = parsed.record().get();
        Co2e calculated;
        try {
            calculated = RecordCalculator.co2e(r, ctx.factors, Gwp100Set.IPCC_AR6);
        } catch (LedgerRuleException e) {
            return Check.required(CheckIds.RECORD_CO2E, CATEGORY, subject, false,
                    "cannot recompute: " + e.getMessage() + "; stored " + storedText,
                    "the record's CO2e cannot be recomputed from the bundled factors");
        }
        boolean ok = calculated.toJson().equals(stored.co2eJson());
        return Check.required(CheckIds.RECORD_CO2E, CATEGORY, subject, ok,
                "calculated " + Evidence.co2e(calculated) + " from " + basis(ctx, r) + " vs stored " + storedText,
                ok ? "the stored CO2e is what the signed data and the pinned factor give"
                        : "the stored CO2e is not what the signed data and the pinned factor give");
    }

    private static String basis(VerificationContext ctx, EmissionRecord r) {
        if (r.activity().isPresent()) {
            Activity a = r.activity().get();
            Optional<EmissionFactor> f = ctx.factors.find(a.factorId());
            return a.quantity() + " × " + f.map(x -> Evidence.decimal(x.kgCo2ePerUnit()) + " kg CO2e/"
                    + x.unit().symbol()).orElse("?") + " (" + a.factorId() + ")";
        }
        List<String> gases = new ArrayList<>();
        for (Map.Entry<Gas, Amount> g : r.gases().entrySet()) {
            gases.add(g.getKey().name() + " " + g.getValue() + " kg");
        }
        return String.join(", ", gases) + " × " + Gwp100Set.IPCC_AR6.id();
    }
}
