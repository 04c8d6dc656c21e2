package org.carbonledger.chaincode.device;

import java.time.Instant;
import java.util.Optional;

import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.request.DeviceRequest;
import org.carbonledger.core.ledger.request.Inputs;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Metering devices and plant gateways: an organization registers a device's P-256 public key and may revoke it
 * from an instant on. Records signed by a device count only when the device belongs to the batch owner and its
 * key was valid at the record's period end.
 */
@Contract(name = LedgerOperation.Contracts.DEVICES, info = @Info(title = "Carbon Ledger devices", version = "1"))
public final class DeviceContract extends LedgerContract {
    public static final String DEVICE = StateKeys.DEVICE;

    /**
     * {@code {"deviceId": "meter-12", "publicKeyPem": "-----BEGIN PUBLIC KEY-----...", "validFrom": ISO instant
     * (optional, default the transaction time), "description": "..." (optional)}}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterDevice(final Context context, final String deviceJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String owner = Membership.requireRole(ctx, Role.PRODUCER);
            DeviceRequest request = DeviceRequest.fromJson(Json.parseObject(deviceJson, "device"), "");
            DeviceId deviceId = request.deviceId();
            DevicePublicKey key = request.publicKey();
            Instant validFrom = request.validFrom().orElse(ctx.now());
            String stateKey = ctx.key(DEVICE, owner, deviceId.value());
            if (ctx.exists(stateKey)) {
                throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "deviceId", deviceId.value(),
                        "already registered by " + owner + " (register a new id for a new key)");
            }
            Membership.requireOwnEndorsement(ctx, owner);
            StoredDevice device = StoredDevice.of(owner, deviceId, key.toPem(), key.fingerprint(), request.description(),
                    validFrom, ctx.now(), ctx.txId(), Optional.empty(), Optional.empty());
            ctx.write("device", stateKey, device);
            ctx.protect(stateKey, EndorsementPolicies.ownerAndMajority(owner, Membership.members(ctx)));
            return device.toJson();
        });
    }

    /**
     * Revokes the acting organization's device from {@code revokedFrom} (ISO instant) on: records whose period
     * ends at or after it are refused. A revocation can be brought forward, never pushed back.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RevokeDevice(final Context context, final String deviceId, final String revokedFrom) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String owner = Membership.requireMember(ctx);
            DeviceId id = DeviceId.parse(deviceId, "deviceId");
            Instant from = Inputs.instant(revokedFrom, "revokedFrom");
            String stateKey = ctx.key(DEVICE, owner, id.value());
            StoredDevice device = ctx.read(stateKey, StoredDevice::fromJson).orElseThrow(() ->
                    LedgerRuleException.of(ErrorCode.NOT_FOUND, "deviceId", id.value(), "no such device of " + owner));
            Optional<Instant> current = device.revokedFrom();
            if (current.isPresent() && !from.isBefore(current.get())) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "revokedFrom", revokedFrom,
                        "device is already revoked from " + current.get() + "; a revocation can only be brought forward");
            }
            StoredDevice revoked = device.revoked(from, ctx.txId());
            ctx.write("device", stateKey, revoked);
            return revoked.toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetDevice(final Context context, final String ownerMspId, final String deviceId) {
        return transact(() -> find(ledger(context), ownerMspId, DeviceId.parse(deviceId, "deviceId")).toJson());
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListDevices(final Context context, final String ownerMspId, final int pageSize, final String bookmark) {
        return transact(() -> ledger(context).page(Inputs.pageSize(pageSize), bookmark, DEVICE, ownerMspId).toJson());
    }

    /** The device of {@code owner}, or NOT_FOUND naming both. */
    public static StoredDevice find(LedgerContext ctx, String owner, DeviceId id) {
        return ctx.read(ctx.key(DEVICE, owner, id.value()), StoredDevice::fromJson).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.UNKNOWN_DEVICE, "deviceId", id.value(), "no such device of " + owner));
    }
}
