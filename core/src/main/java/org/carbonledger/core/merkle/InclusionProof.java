package org.carbonledger.core.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/**
 * An RFC 6962 audit path proving that a leaf is at {@code leafIndex} in a tree of {@code treeSize} leaves.
 *
 * <p>The path binds the tree size only through its shape (leaf 3 has the same path in trees of 6, 7 and 8
 * leaves), so a verifier must take the size from the trusted seal, not from the proof: use
 * {@link Seal#proves(InclusionProof, byte[])}.
 *
 * @param leafIndex the leaf position, 0-based
 * @param treeSize the number of leaves
 * @param path sibling hashes from the bottom up
 */
public record InclusionProof(int leafIndex, int treeSize, List<Hash> path) {

    /** Validates the index against the size and copies the path. */
    public InclusionProof {
        if (treeSize < 1 || leafIndex < 0 || leafIndex >= treeSize) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "leafIndex",
                    "leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves");
        }
        path = List.copyOf(Objects.requireNonNull(path, "path"));
    }

    /**
     * Recomputes the root from a leaf and this path (RFC 9162 §2.1.3.2).
     *
     * @param leaf the leaf data (not its hash)
     * @return the root the path leads to, or empty if the path has the wrong length for the index and size
     */
    public Optional<Hash> rootFor(byte[] leaf) {
        long fn = leafIndex;
        long sn = treeSize - 1L;
        Hash r = MerkleTree.leafHash(leaf);
        for (Hash p : path) {
            if (sn == 0) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    /**
     * @param root the expected root
     * @param leaf the leaf data
     * @return true if the leaf is at {@code leafIndex} in the tree with that root
     */
    public boolean verify(Hash root, byte[] leaf) {
        Objects.requireNonNull(root, "root");
        return rootFor(Objects.requireNonNull(leaf, "leaf")).map(root::equals).orElse(false);
    }

    /** @return {@code {"leafIndex":i,"treeSize":n,"path":["hex",…]}} */
    public JsonObject toJson() {
        List<JsonValue> hashes = new ArrayList<>();
        for (Hash h : path) {
            hashes.add(JsonString.of(h.toHex()));
        }
        return JsonObject.builder().put("leafIndex", leafIndex).put("treeSize", treeSize)
                .put("path", JsonArray.of(hashes)).build();
    }

    /**
     * @param json an object written by {@link #toJson()}
     * @param path its JSON path
     * @return the proof
     */
    public static InclusionProof fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("leafIndex", "treeSize", "path"));
        int size = (int) r.requireInteger("treeSize", 1, Integer.MAX_VALUE);
        int index = (int) r.requireInteger("leafIndex", 0, Integer.MAX_VALUE);
        JsonArray array = r.requireArray("path");
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = r.path("path") + "[" + i + "]";
            hashes.add(Hash.ofHex(JsonObjectReader.asString(array.get(i), p), p));
        }
        return new InclusionProof(index, size, hashes);
    }
}
