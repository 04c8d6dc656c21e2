package org.carbonledger.core.verify;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateReader;

/**
 * What a peer reported about a transaction when the bundle was collected: the block that holds it and its
 * validation code (Fabric's {@code TxValidationCode} name, {@code VALID} for a committed, valid transaction).
 * Offline this is only a claim; an online check asks any peer for the same facts.
 *
 * @param txId the Fabric transaction id (64 lowercase hex digits)
 * @param blockNumber the number of the block that holds it
 * @param validationCode e.g. {@code VALID}, {@code MVCC_READ_CONFLICT}, {@code ENDORSEMENT_POLICY_FAILURE}
 */
public record TransactionClaim(String txId, long blockNumber, String validationCode) {

    /** The validation code of a committed, valid transaction. */
    public static final String VALID = "VALID";

    /** Validates the id, block number and code syntax. */
    public TransactionClaim {
        StateReader.txId(Objects.requireNonNull(txId, "txId"), "txId");
        if (blockNumber < 0 || blockNumber > JsonNumber.MAX_SAFE_INTEGER) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "blockNumber", Long.toString(blockNumber),
                    "must be between 0 and 2^53-1");
        }
        requireCode(Objects.requireNonNull(validationCode, "validationCode"), "validationCode");
    }

    /** @return true when the peer reported the transaction VALID */
    public boolean claimsValid() {
        return validationCode.equals(VALID);
    }

    /** @return {@code {"txId","blockNumber","validationCode"}} */
    public JsonObject toJson() {
        return JsonObject.builder().put("txId", txId).put("blockNumber", blockNumber)
                .put("validationCode", validationCode).build();
    }

    /**
     * @param json an object written by {@link #toJson()}
     * @param path its JSON path, for error messages
     * @return the claim
     */
    public static TransactionClaim fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("txId", "blockNumber", "validationCode"));
        String txId = StateReader.txId(r, "txId");
        long block = r.requireInteger("blockNumber", 0, JsonNumber.MAX_SAFE_INTEGER);
        return new TransactionClaim(txId, block, requireCode(r.requireString("validationCode"),
                r.path("validationCode")));
    }

    private static String requireCode(String code, String path) {
        boolean ok = !code.isEmpty() && code.length() <= 64 && code.charAt(0) >= 'A' && code.charAt(0) <= 'Z'
                && code.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
        if (!ok) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, code,
                    "expected a Fabric validation code name such as VALID or MVCC_READ_CONFLICT");
        }
        return code;
    }
}
