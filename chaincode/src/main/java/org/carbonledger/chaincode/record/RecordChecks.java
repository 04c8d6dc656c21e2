package org.carbonledger.chaincode.record;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.carbonledger.chaincode.device.DeviceContract;
import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.device.DeviceKeyValidity;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.accounting.EmissionFactor;

/**
 * The checks that make a record count: a period over by the transaction's time (plus the allowance), signed by a device of the batch owner whose key was valid for the record,
 * and its CO2e recomputed from the pinned factor or the gases. Run when a record is submitted, and again by the
 * seal on the owner's peer, so a record that reached the batch any other way never counts.
 * Reads each device, key and factor once per transaction.
 */
final class RecordChecks {
    private final LedgerContext ctx;
    private final String owner;
    private final FactorLookup factors;
    private final Map<String, StoredDevice> devices = new TreeMap<>();
    private final Map<String, DevicePublicKey> keys = new TreeMap<>();

    /**
     * Reads the owner's whole device range and the whole factor range, once. Which device signed a record and which
     * factor it pins are raw data, and a transaction's read set, which every member's peer stores, names each key it
     * read: reading them all says nothing about which ones the records use.
     */
    RecordChecks(LedgerContext ctx, String owner) {
        this.ctx = ctx;
        this.owner = owner;
        for (StoredDevice device : ctx.readAll(StoredDevice::fromJson, DeviceContract.DEVICE, owner)) {
            devices.put(device.deviceId().value(), device);
        }
        Map<String, EmissionFactor> all = new TreeMap<>();
        for (StoredFactor factor : ctx.readAll(StoredFactor::fromJson, StateKeys.FACTOR)) {
            all.put(factor.factor().factorId(), factor.factor());
        }
        this.factors = factorId -> Optional.ofNullable(all.get(factorId));
    }

    /** @return the record's CO2e, recomputed */
    Co2e check(EmissionRecord record) {
        record.requireEndedBy(ctx.now());
        StoredDevice device = device(record.deviceId());
        requireValidAt(device, record);
        record.requireValidSignature(keys.computeIfAbsent(record.deviceId().value(),
                id -> DevicePublicKey.parse(device.publicKeyPem(), "publicKeyPem")));
        return RecordCalculator.co2e(record, factors, Gwp100Set.IPCC_AR6);
    }

    private StoredDevice device(DeviceId id) {
        StoredDevice own = devices.get(id.value());
        if (own != null) {
            return own;
        }
        // Refused: the reads below never reach a block.
        for (String member : Membership.members(ctx)) {
            if (!member.equals(owner) && ctx.exists(ctx.key(DeviceContract.DEVICE, member, id.value()))) {
                throw LedgerRuleException.of(ErrorCode.DEVICE_NOT_OWNED, "deviceId", id.value(),
                        "device belongs to " + member + ", not to the batch owner " + owner);
            }
        }
        throw LedgerRuleException.of(ErrorCode.UNKNOWN_DEVICE, "deviceId", id.value(), "no such device of " + owner);
    }

    private static void requireValidAt(StoredDevice device, EmissionRecord record) {
        Instant end = record.periodEnd();
        Instant validFrom = device.validFrom();
        Optional<Instant> revoked = device.revokedFrom();
        switch (DeviceKeyValidity.forRecordEndingAt(validFrom, revoked, end)) {
            case NOT_YET_VALID -> throw LedgerRuleException.of(ErrorCode.DEVICE_REVOKED, "periodEnd", end.toString(),
                    "device " + record.deviceId() + " is valid only from " + validFrom);
            case REVOKED -> throw LedgerRuleException.of(ErrorCode.DEVICE_REVOKED, "periodEnd", end.toString(),
                    "device " + record.deviceId() + " is revoked from " + revoked.orElseThrow());
            case VALID -> {
            }
        }
    }
}
