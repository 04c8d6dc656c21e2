package org.carbonledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    static final JsonObject VECTORS = Fixtures.object("merkle/rfc6962-vectors.json");

    static List<byte[]> vectorLeaves(int n) {
        JsonArray hex = (JsonArray) VECTORS.get("leavesHex").orElseThrow();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(HexFormat.of().parseHex(JsonObjectReader.asString(hex.get(i), "leavesHex")));
        }
        return leaves;
    }

    static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        return leaves;
    }

    @Nested
    class Roots {

        @Test
        void matches_the_rfc6962_reference_roots_for_1_to_8_leaves() {
            JsonObject roots = (JsonObject) VECTORS.get("roots").orElseThrow();
            for (int n = 1; n <= 8; n++) {
                assertThat(MerkleTree.of(vectorLeaves(n)).root().toHex()).as("size %d", n)
                        .isEqualTo(JsonObjectReader.asString(roots.get(Integer.toString(n)).orElseThrow(), "root"));
            }
        }

        @Test
        void hashes_the_empty_tree_as_sha256_of_nothing() {
            assertThat(MerkleTree.of(List.of()).root().toHex())
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }

        @Test
        void separates_leaf_and_node_hashes() {
            // A single leaf equal to the concatenation of two leaf hashes must not collide with the two-leaf tree.
            MerkleTree two = MerkleTree.of(leaves(2));
            byte[] forged = new byte[64];
            System.arraycopy(two.leafHashAt(0).bytes(), 0, forged, 0, 32);
            System.arraycopy(two.leafHashAt(1).bytes(), 0, forged, 32, 32);
            assertThat(MerkleTree.of(List.of(forged)).root()).isNotEqualTo(two.root());
        }
    }

    @Nested
    class Proofs {

        @Test
        void matches_the_reference_audit_paths() {
            JsonArray proofs = (JsonArray) VECTORS.get("proofs").orElseThrow();
            for (JsonValue p : proofs.elements()) {
                InclusionProof expected = InclusionProof.fromJson((JsonObject) p, "proof");
                MerkleTree tree = MerkleTree.of(vectorLeaves(expected.treeSize()));
                assertThat(tree.proof(expected.leafIndex())).isEqualTo(expected);
                assertThat(expected.verify(tree.root(), vectorLeaves(8).get(expected.leafIndex()))).isTrue();
            }
        }

        @Test
        void proves_every_leaf_of_every_tree_up_to_33_leaves() {
            for (int n = 1; n <= 33; n++) {
                List<byte[]> leaves = leaves(n);
                MerkleTree tree = MerkleTree.of(leaves);
                for (int i = 0; i < n; i++) {
                    InclusionProof proof = tree.proof(i);
                    assertThat(proof.verify(tree.root(), leaves.get(i))).as("leaf %d of %d", i, n).isTrue();
                    assertThat(InclusionProof.fromJson(proof.toJson(), "p")).isEqualTo(proof);
                }
            }
        }

        @Test
        void rejects_a_wrong_leaf_index_size_root_or_path() {
            List<byte[]> leaves = leaves(7);
            MerkleTree tree = MerkleTree.of(leaves);
            InclusionProof proof = tree.proof(3);
            assertThat(proof.verify(tree.root(), leaves.get(4))).isFalse();
            assertThat(new InclusionProof(4, 7, proof.path()).verify(tree.root(), leaves.get(3))).isFalse();
            assertThat(new InclusionProof(3, 4, proof.path()).verify(tree.root(), leaves.get(3))).isFalse();
            assertThat(new InclusionProof(3, 16, proof.path()).verify(tree.root(), leaves.get(3))).isFalse();
            assertThat(proof.verify(MerkleTree.of(leaves(6)).root(), leaves.get(3))).isFalse();
            List<Hash> shorter = proof.path().subList(0, proof.path().size() - 1);
            assertThat(new InclusionProof(3, 7, shorter).verify(tree.root(), leaves.get(3))).isFalse();
            List<Hash> longer = new ArrayList<>(proof.path());
            longer.add(tree.root());
            assertThat(new InclusionProof(3, 7, longer).verify(tree.root(), leaves.get(3))).isFalse();
            List<Hash> flipped = new ArrayList<>(proof.path());
            byte[] b = flipped.get(0).bytes();
            b[0] ^= 1;
            flipped.set(0, new Hash(b));
            assertThat(new InclusionProof(3, 7, flipped).verify(tree.root(), leaves.get(3))).isFalse();
        }

        @Test
        void binds_the_tree_size_only_through_the_path_shape_so_verifiers_take_it_from_the_seal() {
            // Leaf 3 has the same audit path in trees of 6, 7 and 8 leaves; the size must come from the seal.
            List<byte[]> leaves = leaves(7);
            MerkleTree tree = MerkleTree.of(leaves);
            InclusionProof proof = tree.proof(3);
            assertThat(new InclusionProof(3, 8, proof.path()).verify(tree.root(), leaves.get(3))).isTrue();
        }

        @Test
        void refuses_an_index_outside_the_tree() {
            assertThatThrownBy(() -> new InclusionProof(7, 7, List.of()))
                    .hasMessage("leafIndex: leaf index 7 is outside a tree of 7 leaves");
            assertThatThrownBy(() -> MerkleTree.of(leaves(3)).proof(3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
