package org.carbonledger.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The bytes the chaincode stores are a contract with every peer and every reader: the whole worked example, plus the
 * transitions it does not make, leaves exactly the keys, values and key-level policies recorded here, per key type.
 * A deliberate change of the stored format updates these digests in the same commit; any other change is a drift.
 */
class StoredFormatTest {
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("ATTESTATION",
                    "ed74a0658503d024825904002f2e0685934dbe4eb894cd5556deadfadad55a93"),
            Map.entry("BATCH",
                    "74d328907b542cdb1dfdca1175e2aaf4fed14f729061b17a1ba1352bce5d1986"),
            Map.entry("BATCH_BY_OWNER",
                    "2656b02e555c1524c3f45c9930f3c46c57c1402a5cf746c336ee43da6e66e97d"),
            Map.entry("CONSORTIUM",
                    "6c01df9e87cf9e50805f65eca384a2743ba7d23d5d3828a010cbefcb0d9c8d52"),
            Map.entry("DATASET",
                    "859b68b504ae952d80f16390268f1d92972a0cf49d7e0d44fd4610fbfc4815fb"),
            Map.entry("DEVICE",
                    "52099cc6635390ed1076b00535e304c816e4019811b470a7c4f044aaea209807"),
            Map.entry("FACTOR",
                    "df8ea4023b78ae051b2610e4d345b40eb5a8e6d531a9e3c7cb844d0cb07e133c"),
            Map.entry("ID",
                    "f34b7bc948788fe459c4c467abb283e1e9e2252bb863674ed758e2241d0ff003"),
            Map.entry("ORG",
                    "c96c1a1319cfa18bbfaa02593dbed7eb3b317513a34cea7fca24e0fd42a8638d"),
            Map.entry("OWNERSHIP",
                    "8763fbe04b3b765f5280a3cb0c16bba73d9a6a871f92e1e7a05f255eae89cc06"),
            Map.entry("PRODUCT",
                    "bd3756b08063959b0d382c2c84e649437c02cea857e8c37be22651b6e8b63591"),
            Map.entry("PROPOSAL",
                    "a64e657c1f8ac7062799e8eaf0e56a8719682b47cf9ceac600ccc774ed83b075"),
            Map.entry("RECORDS",
                    "7b7f00d943cad9b6077d02bf1c819b03a7bf198acf2d9911dbc9efc6ebb0e770"),
            Map.entry("ROLE",
                    "144a1511f17c3a2bfec615c2cc57cc986bfe00a6077a1f14270cebd920de31e1"),
            Map.entry("TRANSFER",
                    "bcc0d48aa6d5d92e2277f9cd7fcfcb9c3b3e619f2add9b3c1010ec6e2fa9dd42"),
            Map.entry("TRANSFER_BY_RECEIVER",
                    "ad53bf4f0c50879f19c2e32b2b221d697714aed83fa4d76bab6bf566a80b8656"),
            Map.entry("TRANSFER_BY_SOURCE",
                    "d56cd31c4868ec3c9e5e8d48750bf50609d0e1bbc819678fa6fb3bfa3996e97a")));

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);

    private LedgerSnapshot playEverything() {
        return EveryStateKind.play(harness, network);
    }

    @Test
    void the_worked_example_stores_exactly_the_recorded_bytes() throws NoSuchAlgorithmException {
        LedgerSnapshot ledger = playEverything();
        Map<String, MessageDigest> digests = new TreeMap<>();
        for (String key : ledger.keys()) {
            String readable = ChangeEvents.printable(key);
            String type = EveryStateKind.type(readable);
            MessageDigest digest = digests.computeIfAbsent(type, t -> sha256());
            digest.update(readable.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(ledger.value(key).orElseThrow());
            digest.update((byte) 0);
            digest.update(ledger.validationParameter(key).orElse(new byte[0]));
            digest.update((byte) '\n');
        }
        Map<String, String> actual = new TreeMap<>();
        digests.forEach((type, digest) -> actual.put(type, HexFormat.of().formatHex(digest.digest())));
        assertThat(actual).isEqualTo(EXPECTED);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
