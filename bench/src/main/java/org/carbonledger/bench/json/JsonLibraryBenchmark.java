package org.carbonledger.bench.json;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.carbonledger.bench.record.SyntheticRecords;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonValue;
import org.erdtman.jcs.JsonCanonicalizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Core's hand-written JSON (strict parser + RFC 8785 canonicalizer) against the maintained alternatives, on the two
 * inputs the product canonicalizes most: one signed emission record as a device sends it, and a bulk submission of
 * 1,000 of them. Each benchmark parses the text and produces the canonical UTF-8 bytes:
 *
 * <ul>
 *   <li>{@code core*}: {@link Json#parse} then {@link Jcs#canonicalize};</li>
 *   <li>{@code jackson*}: {@link JacksonJcs}, Jackson's strict tree and an RFC 8785 writer over it;</li>
 *   <li>{@code erdtman*}: the RFC author's Java implementation ({@link JsonCanonicalizer}), its own parser included.</li>
 * </ul>
 *
 * <p>What each accepts and refuses is asserted by {@code JsonLibraryComparisonTest}; docs/architecture.md records the
 * figures and the decision. Run: {@code java -jar bench/target/benchmarks.jar JsonLibraryBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx1g", "-XX:+UseParallelGC"})
public class JsonLibraryBenchmark {
    /** Records in the bulk array, as one {@code POST /api/v1/records} of a plant gateway might carry. */
    public static final int BULK = 1_000;

    private String record;
    private String bulk;
    private final JacksonJcs jackson = new JacksonJcs();

    @Setup(Level.Trial)
    public void signRecords() {
        Inputs inputs = Inputs.create(BULK);
        record = inputs.record();
        bulk = inputs.bulk();
    }

    @Benchmark
    public byte[] coreRecord() {
        return Jcs.canonicalize(Json.parse(record));
    }

    @Benchmark
    public byte[] jacksonRecord() throws IOException {
        return jackson.canonicalize(record);
    }

    @Benchmark
    public byte[] erdtmanRecord() throws IOException {
        return new JsonCanonicalizer(record).getEncodedUTF8();
    }

    @Benchmark
    public byte[] coreBulk() {
        return Jcs.canonicalize(Json.parse(bulk));
    }

    @Benchmark
    public byte[] jacksonBulk() throws IOException {
        return jackson.canonicalize(bulk);
    }

    @Benchmark
    public byte[] erdtmanBulk() throws IOException {
        return new JsonCanonicalizer(bulk).getEncodedUTF8();
    }

    /**
     * The inputs: signed records as a client sends them (members in the generator's order, not sorted), so that
     * canonicalizing has sorting to do.
     *
     * @param record one signed activity record
     * @param bulk a JSON array of signed records, activity and gas alternating
     */
    public record Inputs(String record, String bulk) {
        /**
         * @param count records in the bulk array
         * @return freshly signed inputs
         */
        public static Inputs create(int count) {
            DeviceKeyPair device = DeviceKeyPair.generate(new SecureRandom());
            SyntheticRecords records = new SyntheticRecords(BatchId.of("09506000134352", "COIL-7"),
                    DeviceId.parse("steelco-meter-12", "deviceId"), "cn-2026");
            List<JsonValue> all = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                all.add(records.signed(i, UUID.randomUUID().toString(), device.privateKey()).json());
            }
            return new Inputs(Json.write(all.get(0)), Json.write(JsonArray.of(all)));
        }
    }
}
