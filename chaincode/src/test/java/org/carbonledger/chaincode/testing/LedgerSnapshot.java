package org.carbonledger.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable copy of the whole world state: every key's value bytes and key-level validation parameter. Two
 * snapshots are equal when they hold the same keys with byte-for-byte equal values and parameters, so
 * {@code assertThat(ledger.snapshot()).isEqualTo(before)} proves a transaction changed nothing.
 */
public final class LedgerSnapshot {
    private final SortedMap<String, byte[]> values;
    private final SortedMap<String, byte[]> validationParameters;
    /** Private values of every collection, keyed {@code collection + U+0000 + key}. */
    private final SortedMap<String, byte[]> privateValues;

    LedgerSnapshot(SortedMap<String, byte[]> values, SortedMap<String, byte[]> validationParameters,
                   SortedMap<String, byte[]> privateValues) {
        this.values = deepCopy(values);
        this.validationParameters = deepCopy(validationParameters);
        this.privateValues = deepCopy(privateValues);
    }

    /** A private value of a collection. */
    public Optional<byte[]> privateValue(String collection, String key) {
        return Optional.ofNullable(privateValues.get(collection + "\u0000" + key)).map(byte[]::clone);
    }

    /** The collections that hold at least one private value, sorted. */
    public SortedSet<String> privateCollections() {
        TreeSet<String> collections = new TreeSet<>();
        for (String k : privateValues.keySet()) {
            collections.add(k.substring(0, k.indexOf('\u0000')));
        }
        return Collections.unmodifiableSortedSet(collections);
    }

    /** The private keys a collection holds, in ledger order. */
    public SortedSet<String> privateKeys(String collection) {
        TreeSet<String> keys = new TreeSet<>(InMemoryLedger.KEY_ORDER);
        String prefix = collection + "\u0000";
        for (String k : privateValues.keySet()) {
            if (k.startsWith(prefix)) {
                keys.add(k.substring(prefix.length()));
            }
        }
        return Collections.unmodifiableSortedSet(keys);
    }

    /** All keys, in ledger (UTF-8 byte) order. */
    public SortedSet<String> keys() {
        TreeSet<String> keys = new TreeSet<>(InMemoryLedger.KEY_ORDER);
        keys.addAll(values.keySet());
        return Collections.unmodifiableSortedSet(keys);
    }

    public int size() {
        return values.size();
    }

    public Optional<byte[]> value(String key) {
        return Optional.ofNullable(values.get(key)).map(byte[]::clone);
    }

    public Optional<String> text(String key) {
        return value(key).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    public Optional<byte[]> validationParameter(String key) {
        return Optional.ofNullable(validationParameters.get(key)).map(byte[]::clone);
    }

    /** The keys whose value or validation parameter differs from {@code earlier} (added, changed or removed). */
    public SortedSet<String> changedKeysSince(LedgerSnapshot earlier) {
        TreeSet<String> changed = new TreeSet<>(InMemoryLedger.KEY_ORDER);
        TreeSet<String> all = new TreeSet<>(InMemoryLedger.KEY_ORDER);
        all.addAll(values.keySet());
        all.addAll(earlier.values.keySet());
        all.addAll(validationParameters.keySet());
        all.addAll(earlier.validationParameters.keySet());
        for (String key : all) {
            if (!Arrays.equals(values.get(key), earlier.values.get(key))
                    || !Arrays.equals(validationParameters.get(key), earlier.validationParameters.get(key))) {
                changed.add(key);
            }
        }
        return Collections.unmodifiableSortedSet(changed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LedgerSnapshot that
                && sameBytes(values, that.values)
                && sameBytes(validationParameters, that.validationParameters)
                && sameBytes(privateValues, that.privateValues);
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            hash += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return hash;
    }

    /** One line per key: the printable key, its value as UTF-8 text (hex if it is not), and its policy bytes in hex. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("LedgerSnapshot{\n");
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            out.append("  ").append(ChangeEvents.printable(e.getKey())).append(" = ").append(render(e.getValue()));
            byte[] policy = validationParameters.get(e.getKey());
            if (policy != null) {
                out.append("  [policy ").append(HexFormat.of().formatHex(policy)).append(']');
            }
            out.append('\n');
        }
        return out.append('}').toString();
    }

    private static String render(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), value) ? text : "0x" + HexFormat.of().formatHex(value);
    }

    private static boolean sameBytes(SortedMap<String, byte[]> a, SortedMap<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static SortedMap<String, byte[]> deepCopy(SortedMap<String, byte[]> source) {
        TreeMap<String, byte[]> copy = new TreeMap<>(InMemoryLedger.KEY_ORDER);
        source.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }
}
