package org.carbonledger.bench.fault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceException;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.apiclient.ServiceResponse;
import org.carbonledger.bench.load.Consortium;
import org.carbonledger.bench.load.LoadFixture;
import org.carbonledger.bench.load.RecordsIn;
import org.carbonledger.bench.service.LocalService;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * The load of the fault-injection suite: SteelCo posts signed records through its service, one chunk per request,
 * several requests in flight, and sends each chunk again, with the same records, until the service acknowledges it
 * (201, or 200 when the first try had gone through after all), as a careful client does while nodes crash around it.
 * It runs until the stop file appears, finishes what is in flight, and leaves in the output directory:
 * <ul>
 *   <li>{@code batch.txt}: the GTIN and lot the records went to;</li>
 *   <li>{@code attempts.csv}: one line per request sent ({@code startMillis,endMillis,status}; status 0 = no answer);</li>
 *   <li>{@code acks.csv}: one line per acknowledged chunk ({@code firstTryMillis,ackMillis,records,tries});</li>
 *   <li>{@code acked-ids.txt}: every record id the service acknowledged, one per line;</li>
 *   <li>{@code unacknowledged-ids.txt}: ids of chunks sent but never acknowledged (only if a chunk ran out of time).</li>
 * </ul>
 * {@link FaultAudit} then compares these with the ledger.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar org.carbonledger.bench.fault.FaultLoad --out /tmp/faults \
 *     --service https://localhost:8443 --client-env service/run/steelco/demo-clients.env
 * }</pre>
 */
public final class FaultLoad {
    /** How long one chunk may keep failing before the load gives up on it (and reports it unacknowledged). */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ServiceClient service;
    private final Path out;
    private final int inFlight;
    private final long pauseMillis;
    private final BufferedWriter attempts;
    private final BufferedWriter acks;
    private final List<String> ackedIds = new ArrayList<>();
    private final List<String> unacknowledgedIds = new ArrayList<>();
    private final AtomicLong acknowledgedRecords = new AtomicLong();

    private FaultLoad(ServiceClient service, Path out, int inFlight, long pauseMillis) throws IOException {
        this.service = service;
        this.out = out;
        this.inFlight = inFlight;
        this.pauseMillis = pauseMillis;
        this.attempts = Files.newBufferedWriter(out.resolve("attempts.csv"), UTF_8);
        this.acks = Files.newBufferedWriter(out.resolve("acks.csv"), UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Options.parse(args, Map.of(
                "--service", "https://localhost:8443",
                "--client-env", "service/run/steelco/demo-clients.env",
                "--network-dir", "network/run",
                "--out", "",
                "--chunk", "100",
                "--in-flight", "4",
                "--pause-ms", "0"));
        Path out = Path.of(Options.required(o, "--out"));
        Files.createDirectories(out);
        Path stop = out.resolve("stop");
        Files.deleteIfExists(stop);
        int chunk = Integer.parseInt(o.get("--chunk"));
        ServiceClient service = LocalService.connect(URI.create(o.get("--service")), Path.of(o.get("--client-env")), "OPERATOR");
        try (Consortium consortium = new Consortium(Path.of(o.get("--network-dir")))) {
            LoadFixture fixture = LoadFixture.create(consortium, true, RecordsIn.TRANSIENT);
            BatchId batch = fixture.newBatch();
            Files.writeString(out.resolve("batch.txt"), batch.gtin().value() + " " + batch.lot().value() + "\n");
            FaultLoad load = new FaultLoad(service, out, Integer.parseInt(o.get("--in-flight")), Long.parseLong(o.get("--pause-ms")));
            System.out.println("fault load: posting chunks of " + chunk + " records to " + batch + "; stop with: touch " + stop);
            load.run(fixture, batch, chunk, stop);
        }
    }

    private void run(LoadFixture fixture, BatchId batch, int chunk, Path stop) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(inFlight);
        ArrayDeque<LoadFixture.PreparedTransaction> ready = new ArrayDeque<>();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        long chunks = 0;
        while (!Files.exists(stop)) {
            running.removeIf(java.util.concurrent.Future::isDone);
            if (running.size() >= inFlight) {
                Thread.sleep(5);
                continue;
            }
            if (ready.isEmpty()) {
                // Signed ahead in blocks, outside any request's clock.
                ready.addAll(fixture.signedTransactions(batch, chunk * 20, chunk));
            }
            LoadFixture.PreparedTransaction tx = ready.poll();
            running.add(workers.submit(() -> deliver(tx)));
            chunks++;
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        workers.shutdown();
        if (!workers.awaitTermination(GIVE_UP_AFTER.toMinutes() + 1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("requests still running after the give-up time");
        }
        synchronized (this) {
            attempts.close();
            acks.close();
            Files.write(out.resolve("acked-ids.txt"), ackedIds, UTF_8);
            Files.write(out.resolve("unacknowledged-ids.txt"), unacknowledgedIds, UTF_8);
        }
        System.out.println("fault load: " + chunks + " chunks sent, " + acknowledgedRecords.get() + " records acknowledged, "
                + unacknowledgedIds.size() + " never acknowledged");
    }

    /** Sends one chunk until it is acknowledged or the give-up time passes. */
    private void deliver(LoadFixture.PreparedTransaction tx) {
        long first = System.currentTimeMillis();
        long backoff = 200;
        int tries = 0;
        while (System.currentTimeMillis() - first < GIVE_UP_AFTER.toMillis()) {
            tries++;
            long start = System.currentTimeMillis();
            int status = 0;
            try {
                ServiceResponse r = service.send(ServiceRequest.postJson("/api/v1/records", tx.recordsJson()).withTimeout(REQUEST_TIMEOUT));
                status = r.status();
            } catch (ServiceException e) {
                status = 0;
            }
            long end = System.currentTimeMillis();
            attempt(start, end, status);
            if (status == 201 || status == 200) {
                acknowledged(tx, first, end, tries);
                return;
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                // A refusal is a defect of the load itself, not a fault being survived: stop at once.
                System.err.println("fault load: chunk refused with HTTP " + status + ": the load is wrong");
                System.exit(3);
            }
            sleep(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
        synchronized (this) {
            unacknowledgedIds.addAll(ids(tx.recordsJson()));
        }
    }

    private synchronized void attempt(long start, long end, int status) {
        try {
            attempts.write(start + "," + end + "," + status + "\n");
            attempts.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void acknowledged(LoadFixture.PreparedTransaction tx, long first, long end, int tries) {
        List<String> ids = ids(tx.recordsJson());
        ackedIds.addAll(ids);
        acknowledgedRecords.addAndGet(ids.size());
        try {
            acks.write(first + "," + end + "," + ids.size() + "," + tries + "\n");
            acks.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> ids(String recordsJson) {
        JsonValue parsed = Json.parse(recordsJson, "records");
        if (!(parsed instanceof JsonArray records)) {
            throw new IllegalArgumentException("records: not a JSON array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonValue v : records.elements()) {
            ids.add(JsonObjectReader.of(JsonObjectReader.asObject(v, "record"), "record").requireString("recordId"));
        }
        return ids;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
