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
                    "550acde7cf18c6026fa1cd840403cf1c8ee7bb81ca04d1660e77cc98a3e8aa40"),
            Map.entry("BATCH",
                    "7821b4500574bfcd596ede4bc01036f91a20f359d1221e279e7f9a41825743df"),
            Map.entry("BATCH_BY_OWNER",
                    "2656b02e555c1524c3f45c9930f3c46c57c1402a5cf746c336ee43da6e66e97d"),
            Map.entry("CONSORTIUM",
                    "9caeaf0a71b945bb2b3a53ffd0d936dd5d1433f0a5b7a1dd2ef460ae53fceb0a"),
            Map.entry("DATASET",
                    "c4385d65d0c7a09d9d71fe0cfcbfe2c5e5b70e193eeb1414af4fe8ef2114b736"),
            Map.entry("DEVICE",
                    "c68376a09840e3ec76d5cb8ef402ce05ee0efb03b8245a8aaaa32e78bae64afb"),
            Map.entry("FACTOR",
                    "e4890407d5a9b7e7e5819e82d510ca8aabe6201a54aa9ede4d5dceebb531f247"),
            Map.entry("ID",
                    "9494e52fae766ca087e20f6ca4e63891d5e4001d2b778e0b38c8bcd884472d6e"),
            Map.entry("ORG",
                    "f63fa9563b879ec3a587ea505858c22571e2a07181afa147facaf53e9c16c73b"),
            Map.entry("OWNERSHIP",
                    "8763fbe04b3b765f5280a3cb0c16bba73d9a6a871f92e1e7a05f255eae89cc06"),
            Map.entry("PRODUCT",
                    "1bbfe5424e46641319a546d46678cedab36382711c79c74bdd5bc5610ffbde76"),
            Map.entry("PROPOSAL",
                    "5708e80bd2f4fd43662057cb8a97c03f85ddddeb6e7be629687cbc8bba879c81"),
            Map.entry("RECORDS",
                    "7b7f00d943cad9b6077d02bf1c819b03a7bf198acf2d9911dbc9efc6ebb0e770"),
            Map.entry("ROLE",
                    "82749761e2447fd1cbdbc24f031283f4c6dc56e0cd682dfd142d29443beb246e"),
            Map.entry("TRANSFER",
                    "585fb4bf886df5d134c0146bfbd8410f2e36597cf29b71e9d9c28316b6095567"),
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
