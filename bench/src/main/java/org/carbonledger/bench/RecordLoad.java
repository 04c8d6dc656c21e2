package org.carbonledger.bench;

import org.carbonledger.bench.load.LoadOptions;
import org.carbonledger.bench.load.LoadRunner;

/**
 * End-to-end load generator: SteelCo submits pre-signed emission records in bulk {@code Records:SubmitRecords}
 * transactions (private: in the transient map, endorsed by SteelCo and its designated certifiers) to the running local
 * network, with a fixed number of transactions in flight, and reports committed (VALID) records per second and
 * per-transaction endorse and commit latencies.
 *
 * <pre>{@code
 * make up
 * java -cp bench/target/benchmarks.jar org.carbonledger.bench.RecordLoad --records 20000 --batch 500 --in-flight 8
 * java -cp bench/target/benchmarks.jar org.carbonledger.bench.RecordLoad --batch 100,500 --in-flight 4,8,16 --repeat 3
 * # a chaincode from before private records, which takes them as the transaction's argument
 * java -cp bench/target/benchmarks.jar org.carbonledger.bench.RecordLoad --records-in arguments
 * # the same records through the service's API, paired with direct runs (docs/benchmarks.md, "Service")
 * java -cp bench/target/benchmarks.jar org.carbonledger.bench.RecordLoad --batch 100 --in-flight 4 --repeat 3 --compare \
 *     --service https://localhost:8443 --client-env service/run/steelco/demo-clients.env
 * }</pre>
 * Exits 0 when every measured transaction committed VALID, 1 when some did not, 2 on a usage error.
 */
public final class RecordLoad {
    private RecordLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("RecordLoad: " + e.getMessage());
            }
            System.err.println(LoadOptions.usage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new LoadRunner(options, System.out).run();
        } catch (LoadRunner.UnusableOptions e) {
            System.err.println("RecordLoad: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }
}
