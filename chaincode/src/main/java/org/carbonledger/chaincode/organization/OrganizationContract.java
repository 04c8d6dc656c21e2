package org.carbonledger.chaincode.organization;

import java.nio.charset.StandardCharsets;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/** Member organization profiles. The acting organization is always the caller's MSP, never an argument. */
@Contract(name = "Organizations", info = @Info(title = "Carbon Ledger organizations", version = "0.1.0"))
@Default
public final class OrganizationContract implements ContractInterface {

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterOrganization(final Context ctx, final String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new ChaincodeException("displayName: must be 1-200 characters", "INVALID_ARGUMENT");
        }
        String mspId = ctx.getClientIdentity().getMSPID();
        String json = "{\"displayName\":\"" + displayName.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"mspId\":\"" + mspId + "\"}";
        ctx.getStub().putState("org~" + mspId, json.getBytes(StandardCharsets.UTF_8));
        return json;
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetOrganization(final Context ctx, final String mspId) {
        byte[] state = ctx.getStub().getState("org~" + mspId);
        if (state == null || state.length == 0) {
            throw new ChaincodeException("mspId \"" + mspId + "\": no such organization", "NOT_FOUND");
        }
        return new String(state, StandardCharsets.UTF_8);
    }
}
