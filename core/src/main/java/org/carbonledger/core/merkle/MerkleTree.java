package org.carbonledger.core.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;

/**
 * A Merkle tree as defined by RFC 6962 §2.1 (Certificate Transparency):
 * <pre>
 *   MTH({})      = SHA-256()                                   (empty input)
 *   MTH({d0})    = SHA-256(0x00 || d0)                         (leaf hash)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])) (k = largest power of two smaller than n)
 * </pre>
 * The leaves are given in order; this class does not sort them (see {@link SealCommitment} for the seal's
 * order). Inclusion proofs are RFC 6962 audit paths, verified with the algorithm of RFC 9162 §2.1.3.2.
 */
public final class MerkleTree {

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};

    private final List<Hash> leafHashes;
    private final Hash root;

    private MerkleTree(List<Hash> leafHashes) {
        this.leafHashes = List.copyOf(leafHashes);
        this.root = leafHashes.isEmpty() ? emptyRoot() : subtreeHash(0, leafHashes.size());
    }

    /**
     * @param leaves the leaf data in order
     * @return the tree
     */
    public static MerkleTree of(List<byte[]> leaves) {
        Objects.requireNonNull(leaves, "leaves");
        List<Hash> hashes = new ArrayList<>(leaves.size());
        for (byte[] leaf : leaves) {
            hashes.add(leafHash(leaf));
        }
        return new MerkleTree(hashes);
    }

    /** @return the root of the empty tree: SHA-256 of no bytes */
    public static Hash emptyRoot() {
        return Sha256.of(new byte[0]);
    }

    /**
     * @param leaf leaf data
     * @return SHA-256(0x00 || leaf)
     */
    public static Hash leafHash(byte[] leaf) {
        return Sha256.ofConcatenation(LEAF_PREFIX, Objects.requireNonNull(leaf, "leaf"));
    }

    /**
     * @param left left child hash
     * @param right right child hash
     * @return SHA-256(0x01 || left || right)
     */
    public static Hash nodeHash(Hash left, Hash right) {
        return Sha256.ofConcatenation(NODE_PREFIX, left.bytes(), right.bytes());
    }

    /** @return the root hash */
    public Hash root() {
        return root;
    }

    /** @return the number of leaves */
    public int size() {
        return leafHashes.size();
    }

    /**
     * @param index a leaf position
     * @return the leaf's hash
     */
    public Hash leafHashAt(int index) {
        return leafHashes.get(index);
    }

    /**
     * The audit path of a leaf (RFC 6962 §2.1.1), from the leaf's sibling up to the root's child.
     *
     * @param index the leaf position, 0 ≤ index &lt; size
     * @return the proof
     */
    public InclusionProof proof(int index) {
        Objects.checkIndex(index, leafHashes.size());
        List<Hash> path = new ArrayList<>();
        auditPath(index, 0, leafHashes.size(), path);
        return new InclusionProof(index, leafHashes.size(), path);
    }

    private Hash subtreeHash(int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeHash(from, from + k), subtreeHash(from + k, to));
    }

    // Appends PATH(m, D[from:to]) bottom-up: the deeper siblings come first.
    private void auditPath(int m, int from, int to, List<Hash> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            auditPath(m, from, from + k, path);
            path.add(subtreeHash(from + k, to));
        } else {
            auditPath(m - k, from + k, to, path);
            path.add(subtreeHash(from, from + k));
        }
    }

    static int largestPowerOfTwoBelow(int n) {
        // n ≥ 2: the largest power of two strictly smaller than n.
        return Integer.highestOneBit(n - 1);
    }
}
