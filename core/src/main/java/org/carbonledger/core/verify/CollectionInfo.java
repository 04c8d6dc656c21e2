package org.carbonledger.core.verify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateReader;

/**
 * Where and when a proof bundle was read from the ledger.
 *
 * @param channel the Fabric channel, e.g. {@code carbon}
 * @param chaincode the chaincode name, e.g. {@code carbonledger}
 * @param mspId the organization whose identity read the ledger
 * @param peer the peer that answered (name and endpoint as the collector knows it)
 * @param collectedAt when collection finished
 */
public record CollectionInfo(String channel, String chaincode, String mspId, String peer, Instant collectedAt) {

    /** Validates every part. */
    public CollectionInfo {
        Token.require(Objects.requireNonNull(channel, "channel"), "channel", 249);
        Token.require(Objects.requireNonNull(chaincode, "chaincode"), "chaincode", 128);
        Token.require(Objects.requireNonNull(mspId, "mspId"), "mspId", StateReader.MSP_ID_LENGTH);
        requirePeer(Objects.requireNonNull(peer, "peer"), "peer");
        Objects.requireNonNull(collectedAt, "collectedAt");
    }

    /** @return {@code {"channel","chaincode","mspId","peer","collectedAt"}} */
    public JsonObject toJson() {
        return JsonObject.builder().put("channel", channel).put("chaincode", chaincode).put("mspId", mspId)
                .put("peer", peer).put("collectedAt", collectedAt.toString()).build();
    }

    /**
     * @param json an object written by {@link #toJson()}
     * @param path its JSON path, for error messages
     * @return the collection metadata
     */
    public static CollectionInfo fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("channel", "chaincode", "mspId", "peer", "collectedAt"));
        return new CollectionInfo(
                Token.require(r.requireString("channel"), r.path("channel"), 249),
                Token.require(r.requireString("chaincode"), r.path("chaincode"), 128),
                StateReader.mspId(r, "mspId"),
                requirePeer(r.requireString("peer"), r.path("peer")),
                StateReader.instant(r, "collectedAt"));
    }

    private static String requirePeer(String peer, String path) {
        if (peer.isBlank() || peer.length() > 300 || peer.chars().anyMatch(Character::isISOControl)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, peer,
                    "must have 1 to 300 characters without control characters");
        }
        return peer;
    }
}
