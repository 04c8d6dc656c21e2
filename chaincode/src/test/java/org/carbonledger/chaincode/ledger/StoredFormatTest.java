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
 * Private states are digested per collection, its name included ("private ID": the records' id claims, "private
 * RECORDS": the record sets; the collections were renamed from Fabric's implicit ones to {@code org_<MSP>}, values unchanged).
 * A deliberate change of the stored format updates these digests in the same commit; any other change is a drift.
 */
class StoredFormatTest {
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("ATTESTATION",
                    "b2fc18c7627b82b8c2303f8be466193ed32693eca5b1ee51049948263f4a0c52"),
            Map.entry("BATCH",
                    "fdc42ce312c00fa09f79ffdbf41ef369e1f92d11b1863563eb94f14d8a4a5edf"),
            Map.entry("BATCH_BY_OWNER",
                    "2656b02e555c1524c3f45c9930f3c46c57c1402a5cf746c336ee43da6e66e97d"),
            Map.entry("CONSORTIUM",
                    "6c01df9e87cf9e50805f65eca384a2743ba7d23d5d3828a010cbefcb0d9c8d52"),
            Map.entry("DATASET",
                    "d439f6417147e6d2ddb846f1627913ee0206ee191587a329c03b0cb273bdbddc"),
            Map.entry("DESIGNATION",
                    "457b0f87e50eddce3b50d4671960eed4ff28f6d16fc1755db47eb31f4ead5ae3"),
            Map.entry("DEVICE",
                    "2dc21fee7ee0bd22be39378374506c70f7cedcdc8aee1645933402de3066bae0"),
            Map.entry("FACTOR",
                    "e63badd2e993cee6522ae7776a908df45e9d13ddf2b50b959ff68aa9dfc81335"),
            Map.entry("ID",
                    "0c7997cb52459a043e2c67a6185f703f7087e97bd12f517f72a5e48e04d9ae1d"),
            Map.entry("ORG",
                    "cb0c2efc2a780a155b341b9696c7c466686ae3eec6fdc803b0a0a0aa4817a905"),
            Map.entry("OWNERSHIP",
                    "5597bc3425ae58c72f3e791d6dcdc89ee7cd4da5ec5d96894d86a761fc86daa3"),
            Map.entry("PRODUCT",
                    "b3e459b4f4e3d2a9f833006d3e47ca4ed6abe2b14671ea778201f9ef3d4d39cb"),
            Map.entry("PROPOSAL",
                    "cf365613fe7d2e31b08071ceeda8055bd247f49c8bb7c97a1e70ff1ba101e31a"),
            Map.entry("RECORD_TX",
                    "61aa4d91f8cb0f609b0bfa98e0ba456b7e6a17c71b7a0e7aef1edf39079581fb"),
            Map.entry("ROLE",
                    "144a1511f17c3a2bfec615c2cc57cc986bfe00a6077a1f14270cebd920de31e1"),
            Map.entry("TRANSFER",
                    "58dcf8c4cdd85b3359dab1787afd30feb41a340d77821d8f8d69d29beaffb732"),
            Map.entry("TRANSFER_BY_RECEIVER",
                    "ad53bf4f0c50879f19c2e32b2b221d697714aed83fa4d76bab6bf566a80b8656"),
            Map.entry("TRANSFER_BY_SOURCE",
                    "d56cd31c4868ec3c9e5e8d48750bf50609d0e1bbc819678fa6fb3bfa3996e97a"),
            Map.entry("private ID",
                    "21a833b6ca98cc07686a13bb9a0a368c099f8db98f95085d468cd9d60b93af87"),
            Map.entry("private RECORDS",
                    "736f6ad603c0b3bc48dac0cc7d8e5c9cd8711bdb5546ddd019d0413b0ddbd460")));

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
        for (String collection : ledger.privateCollections()) {
            for (String key : ledger.privateKeys(collection)) {
                String readable = ChangeEvents.printable(key);
                MessageDigest digest = digests.computeIfAbsent("private " + EveryStateKind.type(readable), t -> sha256());
                digest.update(collection.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(readable.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(ledger.privateValue(collection, key).orElseThrow());
                digest.update((byte) '\n');
            }
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
