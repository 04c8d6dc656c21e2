package org.carbonledger.core.reading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonString;

/**
 * The digest an interval's emission record carries in {@code evidenceSha256} to name the readings it covers: SHA-256
 * (lowercase hex in the record) of the RFC 8785 canonical JSON array of the readings' content hashes (lowercase hex
 * strings), in sequence order. A certifier holding the stream recomputes it from the stored readings.
 *
 * <pre>{@code
 * Hash evidence = ReadingsDigest.ofReadings(intervalReadings);   // any order: sorted by sequence here
 * }</pre>
 */
public final class ReadingsDigest {

    private ReadingsDigest() {
    }

    /**
     * @param contentHashes the content hashes of the readings, already in sequence order
     * @return SHA-256 of the canonical JSON array of their hex forms
     */
    public static Hash of(List<Hash> contentHashes) {
        Objects.requireNonNull(contentHashes, "contentHashes");
        List<JsonString> hex = new ArrayList<>(contentHashes.size());
        for (Hash h : contentHashes) {
            hex.add(JsonString.of(Objects.requireNonNull(h, "contentHash").toHex()));
        }
        return Sha256.of(Jcs.canonicalize(JsonArray.of(hex)));
    }

    /**
     * @param readings the readings of one device's interval, in any order
     * @return the digest over them in sequence order
     * @throws IllegalArgumentException if they are not all of one device or a sequence number repeats
     */
    public static Hash ofReadings(Collection<MeterReading> readings) {
        Objects.requireNonNull(readings, "readings");
        List<MeterReading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(MeterReading::sequence));
        List<Hash> hashes = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            MeterReading r = sorted.get(i);
            if (i > 0 && (!r.deviceId().equals(sorted.get(0).deviceId())
                    || r.sequence() == sorted.get(i - 1).sequence())) {
                throw new IllegalArgumentException("the readings of one interval are of one device, each sequence "
                        + "number once; got " + r + " after " + sorted.get(i - 1));
            }
            hashes.add(r.contentHash());
        }
        return of(hashes);
    }
}
