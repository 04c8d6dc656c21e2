package org.carbonledger.bench.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Command-line options of {@code RecordLoad}. Every loop the load generator runs is bounded by these numbers.
 *
 * @param networkDir   the local network's run folder ({@code network/run}: connection files and pid files)
 * @param records      signed records per measurement
 * @param batchSizes   records per transaction, one measurement series per value
 * @param inFlights    transactions in flight, one measurement series per value
 * @param repeats      how often each (batch size, in flight) pair is measured
 * @param warmup       records submitted (not measured) before the first measurement, so the chaincode JVMs are warm
 * @param maxDuration  per measurement: no transaction is started after this much time (the run then reports it)
 * @param json         where to append one JSON line per measurement, if anywhere
 * @param endorseOnly  endorse each transaction and stop there (nothing is ordered or committed): the endorsement
 *                     capacity alone, for finding where the time goes
 * @param service      submit through this service (SteelCo's, https on loopback) instead of the Gateway
 * @param clientEnv    the service's demo clients file (its OPERATOR client submits); required with a service
 * @param compare      measure direct (Gateway) and service runs alternately, in pairs, and report their ratio
 * @param lagProbe     in direct runs, time every committed transaction until the service's read API shows it
 * @param timeOrderedIds record ids as UUID version 7 (time-ordered) instead of random version 4
 * @param recordsIn    how direct (Gateway) submissions carry the records: as the argument (the build before private
 *                     records) or in the transient map with explicit endorsers (the confidential build)
 */
public record LoadOptions(Path networkDir, int records, List<Integer> batchSizes, List<Integer> inFlights, int repeats,
                          int warmup, Duration maxDuration, Optional<Path> json, boolean endorseOnly,
                          Optional<URI> service, Optional<Path> clientEnv, boolean compare, boolean lagProbe,
                          boolean timeOrderedIds, RecordsIn recordsIn) {
    public static final int MAX_RECORDS = 200_000;
    /** The chaincode's limit ({@code RecordContract.MAX_RECORDS_PER_TRANSACTION}). */
    public static final int MAX_BATCH = 1000;
    public static final int MAX_IN_FLIGHT = 64;
    public static final int MAX_REPEATS = 10;
    /** The service's default {@code carbonledger.api.chunk-size}: up to this, one request is one transaction. */
    public static final int MAX_SERVICE_BATCH = 500;

    public LoadOptions {
        Objects.requireNonNull(networkDir, "networkDir");
        batchSizes = List.copyOf(batchSizes);
        inFlights = List.copyOf(inFlights);
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(json, "json");
        require(records >= 1 && records <= MAX_RECORDS, "--records must be 1.." + MAX_RECORDS);
        require(!batchSizes.isEmpty() && batchSizes.stream().allMatch(b -> b >= 1 && b <= MAX_BATCH),
                "--batch values must be 1.." + MAX_BATCH);
        require(!inFlights.isEmpty() && inFlights.stream().allMatch(k -> k >= 1 && k <= MAX_IN_FLIGHT),
                "--in-flight values must be 1.." + MAX_IN_FLIGHT);
        require(repeats >= 1 && repeats <= MAX_REPEATS, "--repeat must be 1.." + MAX_REPEATS);
        require(warmup >= 0 && warmup <= MAX_RECORDS, "--warmup must be 0.." + MAX_RECORDS);
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(clientEnv, "clientEnv");
        Objects.requireNonNull(recordsIn, "recordsIn");
        require(service.isEmpty() || clientEnv.isPresent(), "--service needs --client-env (the service's demo-clients.env)");
        require(service.isPresent() || clientEnv.isEmpty(), "--client-env is only used with --service");
        require(service.isPresent() || !compare, "--compare needs --service");
        require(service.isPresent() || !lagProbe, "--lag-probe needs --service");
        require(service.isEmpty() || !endorseOnly, "--endorse-only cannot go through the service");
        require(service.isEmpty() || batchSizes.stream().allMatch(b -> b <= MAX_SERVICE_BATCH),
                "--batch values must be 1.." + MAX_SERVICE_BATCH + " with --service (the service's default chunk size:"
                        + " larger requests become several transactions, so the comparison would not be like for like)");
        require(!maxDuration.isNegative() && !maxDuration.isZero() && maxDuration.compareTo(Duration.ofHours(1)) <= 0,
                "--max-seconds must be 1..3600");
    }

    private static final String USAGE = """
            usage: java -cp bench/target/benchmarks.jar org.carbonledger.bench.RecordLoad [options]
              --network DIR       the network's run folder (default: network/run, or -Dcarbonledger.network.dir)
              --records N         signed records per measurement (default 20000, at most 200000)
              --batch B[,B...]    records per transaction (default 500, at most 1000)
              --in-flight K[,K...] transactions in flight (default 8, at most 64)
              --repeat R          measurements per (batch, in-flight) pair (default 1)
              --warmup N          records submitted before measuring, not counted (default 10000)
              --max-seconds S     per measurement, start no transaction after S seconds (default 900)
              --json FILE         append one JSON line per measurement to FILE
              --endorse-only      endorse only, never submit: measures endorsement capacity (nothing is committed)
              --service URL       submit through the service instead (SteelCo's, e.g. https://localhost:8443; loopback
                                  only): B records per POST /api/v1/records, K requests in flight (B at most 500)
              --client-env FILE   the service's demo clients (service/run/steelco/demo-clients.env); OPERATOR submits
              --compare           with --service: each measurement as a pair, direct then service (order alternating
                                  by repeat), and the service/direct ratio of records/s
              --lag-probe         with --service: in direct runs, time each committed transaction until the service's
                                  read API returns its last record (adds ≤ 50 reads/s per pending transaction)
              --ids KIND          record ids: random (UUID v4, default) or time-ordered (UUID v7, core TimeOrderedIds)
              --records-in MODE   how direct submissions carry the records, to match the deployed chaincode:
                                  transient (default; the confidential build: no argument, records and a fresh salt
                                  in the transient map, endorsed by SteelCo and the certifiers it designated, CertCo
                                  designated first if need be) or arguments (the build before: the records as the
                                  argument, endorsement planned by the Gateway)
            Runs against the local network only (every endpoint must be a loopback address); `make up` first.""";

    /** @return the usage text */
    public static String usage() {
        return USAGE;
    }

    /** Parses the command line; errors say which option is wrong ({@code --help}: an empty message). */
    public static LoadOptions parse(String... args) {
        Path networkDir = Path.of(System.getProperty("carbonledger.network.dir", "network/run"));
        int records = 20_000;
        List<Integer> batches = List.of(500);
        List<Integer> inFlights = List.of(8);
        int repeats = 1;
        int warmup = 10_000;
        Duration maxDuration = Duration.ofSeconds(900);
        Optional<Path> json = Optional.empty();
        boolean endorseOnly = false;
        Optional<URI> service = Optional.empty();
        Optional<Path> clientEnv = Optional.empty();
        boolean compare = false;
        boolean lagProbe = false;
        boolean timeOrderedIds = false;
        RecordsIn recordsIn = RecordsIn.TRANSIENT;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (option.equals("--endorse-only")) {
                endorseOnly = true;
                continue;
            }
            if (option.equals("--compare")) {
                compare = true;
                continue;
            }
            if (option.equals("--lag-probe")) {
                lagProbe = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--network" -> networkDir = Path.of(value);
                case "--records" -> records = integer(option, value);
                case "--batch" -> batches = integers(option, value);
                case "--in-flight" -> inFlights = integers(option, value);
                case "--repeat" -> repeats = integer(option, value);
                case "--warmup" -> warmup = integer(option, value);
                case "--max-seconds" -> maxDuration = Duration.ofSeconds(integer(option, value));
                case "--json" -> json = Optional.of(Path.of(value));
                case "--service" -> service = Optional.of(uri(option, value));
                case "--client-env" -> clientEnv = Optional.of(Path.of(value));
                case "--ids" -> timeOrderedIds = switch (value) {
                    case "random" -> false;
                    case "time-ordered" -> true;
                    default -> throw new IllegalArgumentException("--ids \"" + value + "\": expected random or time-ordered");
                };
                case "--records-in" -> recordsIn = RecordsIn.parse(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new LoadOptions(networkDir, records, batches, inFlights, repeats, warmup, maxDuration, json, endorseOnly,
                service, clientEnv, compare, lagProbe, timeOrderedIds, recordsIn);
    }

    /** An https URL with a host and nothing after the port but an optional path (whether it is loopback is checked on use). */
    private static URI uri(String option, String value) {
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(option + " \"" + value + "\": expected https://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " \"" + value + "\": not a URL (" + e.getReason() + ")", e);
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " \"" + value + "\": not an integer", e);
        }
    }

    private static List<Integer> integers(String option, String value) {
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(integer(option, part));
        }
        return list;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
