package org.carbonledger.cli.plant;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceProblemException;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.OutputOptions;
import org.carbonledger.cli.keys.KeyFiles;
import org.carbonledger.cli.keys.Passphrase;
import org.carbonledger.cli.service.ServiceLogin;
import org.carbonledger.cli.service.ServiceOptions;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A plant's meters, simulated: signed readings and interval records over MQTT, for demos, tests and benchmarks. */
@Command(name = "plant", description = "Simulate a plant's meters streaming signed readings over MQTT.",
        subcommands = {PlantCommand.Simulate.class})
public final class PlantCommand extends Group {

    static final Map<String, String> KNOWN_MSPS = Map.of("steelco", "SteelCoMSP", "applianceco", "ApplianceCoMSP",
            "certco", "CertCoMSP");

    /** plant simulate. */
    @Command(name = "simulate", description = {
        "Stream realistic signed meter readings for a set of devices to the plants' MQTT broker "
            + "(docs/plant-integration.md), and each interval's signed emission record for the batch a device feeds.",
        "A reading is the consumption since the previous one, from the device's profile: a base load shaped over the "
            + "day, with noise. Profiles: arc-furnace (kWh), gas-kiln (m3), gas-kiln-energy (GJ).",
        "Faults on demand, each something the service refuses or alerts on: tamper, replay, unknown-device, late, "
            + "silent, implausible; KIND alone fires once (at the first device's third reading), KIND:RATE with that "
            + "probability per reading.",
        "Runs until stopped (SIGTERM or Ctrl-C: what is in flight is acknowledged, then it disconnects), or for "
            + "--count readings per device or --duration."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl plant simulate --org steelco --keys-dir keys --device eaf-1=arc-furnace \\",
                "      --batch eaf-1=09506000134352/COIL-9 --period 1s --interval 15m --seed 7",
                "  carbonctl plant simulate --org steelco --keys-dir run/plant --register --client-id steelco-admin \\",
                "      --device kiln-1=gas-kiln-energy --fault tamper:0.01 --fault silent",
                "  carbonctl plant simulate --org steelco --keys-dir keys --device m-1=arc-furnace --device m-2=arc-furnace \\",
                "      --max-rate --threads 2 --count 100000"})
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--device", required = true, paramLabel = "ID=PROFILE",
                description = "A device to simulate and its profile (repeatable), e.g. eaf-1=arc-furnace.")
        Map<String, String> devices = new LinkedHashMap<>();
        @Option(names = "--batch", paramLabel = "ID=GTIN/LOT",
                description = "The batch a device feeds: its interval records name it. Without one, readings only.")
        Map<String, String> batches = new LinkedHashMap<>();
        @Option(names = "--factor", paramLabel = "ID=FACTOR",
                description = "The emission factor of a device's records (default: its profile's).")
        Map<String, String> factors = new LinkedHashMap<>();
        @Option(names = "--keys-dir", paramLabel = "DIR",
                description = "Device keys as DIR/<id>.key.pem (carbonctl keys generate); --register writes new ones there.")
        Path keysDir;
        @Option(names = "--key", paramLabel = "ID=FILE", description = "A device's private key file (overrides --keys-dir).")
        Map<String, Path> keys = new LinkedHashMap<>();
        @Option(names = "--org", defaultValue = "steelco", paramLabel = "ORG",
                description = "The organization (steelco, applianceco, certco): broker user simulator-ORG (default ${DEFAULT-VALUE}).")
        String org;
        @Option(names = "--msp", paramLabel = "MSPID", description = "The organization's MSP id (default: that of --org).")
        String msp;
        @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URI",
                description = "The broker (default ${DEFAULT-VALUE}).")
        String broker;
        @Option(names = "--broker-dir", paramLabel = "DIR",
                description = "The broker's run dir, for the password (default network/run/broker).")
        Path brokerDir;
        @Option(names = "--broker-user", paramLabel = "USER", description = "Default simulator-ORG.")
        String brokerUser;
        @Option(names = "--broker-password-file", paramLabel = "FILE",
                description = "Default BROKER-DIR/credentials/USER.")
        Path brokerPasswordFile;
        @Option(names = "--period", defaultValue = "1s", converter = Durations.class, paramLabel = "DURATION",
                description = "Time between two readings of a device (default ${DEFAULT-VALUE}).")
        Duration period;
        @Option(names = "--interval", defaultValue = "15m", converter = Durations.class, paramLabel = "DURATION",
                description = "Length of an interval record's period (default ${DEFAULT-VALUE}).")
        Duration interval;
        @Option(names = "--fault", paramLabel = "KIND[:RATE]", description = "A fault to produce (repeatable).")
        List<String> faults = new ArrayList<>();
        @Option(names = "--seed", paramLabel = "N", description = "Seed of the noise and the faults (default: random).")
        Long seed;
        @Option(names = "--first-sequence", paramLabel = "N",
                description = "First sequence number (default: the time in microseconds, so a restart continues above).")
        Long firstSequence;
        @Option(names = "--max-rate", description = "Publish as fast as possible (benchmarks): readings still carry "
                + "the time they were made; --period only scales the amounts.")
        boolean maxRate;
        @Option(names = "--rate", paramLabel = "N", description = "Readings per second of all devices together, "
                + "instead of one per --period per device (load generation).")
        Double rate;
        @Option(names = "--presign", description = {"With --count and --rate: sign every reading before publishing "
                + "any, each stamped with its scheduled publication time, so the simulator's signing does not compete "
                + "with the service for the CPU while it publishes (benchmarks)."})
        boolean presign;
        @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
                description = "With --max-rate: publishing threads, each with a share of the devices (default 1).")
        int threads;
        @Option(names = "--count", paramLabel = "N", description = "Stop after N readings per device.")
        Long count;
        @Option(names = "--duration", converter = Durations.class, paramLabel = "DURATION", description = "Stop after this long.")
        Duration duration;
        @Option(names = "--register", description = "Register the devices through the service first: a device without "
                + "a key in --keys-dir gets a new one; one already registered must have the same key.")
        boolean register;
        @Option(names = "--register-only", description = "Register (as --register) and exit.")
        boolean registerOnly;
        @Option(names = "--create-batches", paramLabel = "QUANTITY", description = "With --register: create each "
                + "--batch that does not exist yet, with this quantity, e.g. '500 t' (the product's unit).")
        String createBatches;
        @Mixin
        ServiceOptions service;
        @Mixin
        ServiceLogin login;
        @Mixin
        Passphrase passphrase;
        @Mixin
        OutputOptions output;
        private final CliContext ctx;

        Simulate(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            String mspId = msp != null ? msp : Optional.ofNullable(KNOWN_MSPS.get(org)).orElseThrow(() ->
                    CliException.invalid("unknown --org " + org + ": give its MSP id with --msp"));
            if (threads < 1 || threads > 64) {
                throw CliException.invalid("--threads must be 1 to 64");
            }
            List<PlantSimulation.FaultPlan> plans = faultPlans();
            if (register || registerOnly) {
                register(mspId);
                if (registerOnly) {
                    return ExitCode.OK;
                }
            }
            List<PlantSimulation.SimulatedDevice> simulated = simulatedDevices();
            long seedValue = seed != null ? seed : new SecureRandom().nextLong();
            long first = firstSequence != null ? firstSequence
                    : ChronoUnit.MICROS.between(Instant.EPOCH, ctx.clock().instant());
            if (presign && (count == null || rate == null || maxRate)) {
                throw CliException.invalid("--presign needs --count and --rate (and not --max-rate)");
            }
            if (rate != null && !(rate > 0 && rate <= 1_000_000)) {
                throw CliException.invalid("--rate must be above 0 and at most 1000000");
            }
            int parts = maxRate || rate != null ? Math.min(threads, simulated.size()) : 1;
            List<PlantSimulation> plants = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                PlantSimulation.Builder b = PlantSimulation.builder(mspId, period, interval).seed(seedValue)
                        .firstSequence(first);
                for (int i = p; i < simulated.size(); i += parts) {
                    b.device(simulated.get(i));
                }
                for (PlantSimulation.FaultPlan plan : plans) {
                    // A fault asked for once happens once, in the first share of the devices.
                    if (plan.rate().isPresent() || p == 0) {
                        b.fault(plan);
                    }
                }
                plants.add(b.build());
            }
            String user = brokerUser != null ? brokerUser : "simulator-" + org;
            Path passwordFile = brokerPasswordFile != null ? ctx.resolve(brokerPasswordFile)
                    : (brokerDir != null ? ctx.resolve(brokerDir) : ctx.homeOrWorkingDir().resolve("network/run/broker"))
                            .resolve("credentials").resolve(user);
            return run(plants, simulated.size(), user, passwordFile, mspId, simulated.get(0));
        }

        private static double probeSigningSeconds(PlantSimulation.SimulatedDevice device) {
            PlantSimulation probe = PlantSimulation.builder("probe", Duration.ofSeconds(1), Duration.ofHours(1))
                    .device(new PlantSimulation.SimulatedDevice(device.id(), device.profile(), device.key(),
                            Optional.empty(), Optional.empty())).build();
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 50; i++) {
                probe.step(t.plusSeconds(i));
            }
            long start = System.nanoTime();
            for (int i = 50; i < 250; i++) {
                probe.step(t.plusSeconds(i));
            }
            return (System.nanoTime() - start) / 1e9 / 200;
        }

        private int run(List<PlantSimulation> plants, int deviceCount, String user, Path passwordFile, String mspId,
                        PlantSimulation.SimulatedDevice probe) throws InterruptedException {
            Counts counts = new Counts();
            // Every share of the devices steps at the same pace: one reading per device per gap.
            Duration gap = rate != null ? Duration.ofNanos(Math.max(1, (long) (1e9 * deviceCount / rate))) : period;
            Map<PlantSimulation, List<List<PlantSimulation.Outgoing>>> presigned = new java.util.IdentityHashMap<>();
            Instant presignedStart = null;
            if (presign) {
                long signStart = System.nanoTime();
                // The timestamps are signed, so they are fixed first: publishing starts once signing should be done,
                // estimated from a throwaway device's readings.
                double perReading = probeSigningSeconds(probe);
                long total = count * deviceCount / plants.size();
                presignedStart = ctx.clock().instant().plusMillis((long) (1000 * (perReading * total * 1.3 + 3)));
                ctx.err().println("signing " + count + " readings per device ahead (about "
                        + Math.round(perReading * 1e6) + " µs each), publishing from " + presignedStart);
                ctx.err().flush();
                List<Thread> signers = new ArrayList<>();
                Instant startAt = presignedStart;
                for (PlantSimulation plant : plants) {
                    Thread t = new Thread(() -> {
                        List<List<PlantSimulation.Outgoing>> steps = presign(plant, startAt, gap);
                        synchronized (presigned) {
                            presigned.put(plant, steps);
                        }
                    });
                    signers.add(t);
                    t.start();
                }
                for (Thread t : signers) {
                    t.join();
                }
                ctx.err().println("signed in " + (System.nanoTime() - signStart) / 1_000_000 + " ms");
            }
            Instant scheduledStart = presignedStart;
            if (scheduledStart != null && scheduledStart.isBefore(ctx.clock().instant())) {
                ctx.err().println("signing took longer than estimated: publishing starts late, so the first readings "
                        + "show a delay they owe to the simulator");
            }
            CountDownLatch done = new CountDownLatch(1);
            AtomicBoolean stop = new AtomicBoolean(false);
            Instant started = scheduledStart != null && scheduledStart.isAfter(ctx.clock().instant()) ? scheduledStart
                    : ctx.clock().instant();
            Instant until = duration != null ? started.plus(duration) : Instant.MAX;
            ctx.err().println("simulating " + deviceCount + " device(s) of " + mspId + " on " + broker + " as " + user
                    + (maxRate ? ", as fast as possible" : rate != null ? ", " + rate + " readings/s in all"
                            : ", a reading every " + period) + ", intervals of "
                    + interval);
            ctx.err().flush();
            // One connection per share of the devices: each has its own network threads, and keeps its order.
            List<MqttPublisher> publishers = new ArrayList<>();
            for (int i = 0; i < plants.size(); i++) {
                publishers.add(MqttPublisher.connect(broker, "carbonctl-simulate-" + mspId + "-"
                        + ProcessHandle.current().pid() + "-" + i, user, passwordFile));
            }
            Published publisher = new Published(publishers);
            Thread hook = new Thread(() -> {
                stop.set(true);
                try {
                    done.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "plant-simulate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                List<Thread> workers = new ArrayList<>();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                for (int i = 0; i < plants.size(); i++) {
                    PlantSimulation plant = plants.get(i);
                    MqttPublisher own = publishers.get(i);
                    Thread t = new Thread(() -> {
                        try {
                            loop(plant, own, counts, stop, until, gap, presigned.get(plant), scheduledStart);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                            stop.set(true);
                        }
                    }, "plant-simulate-" + workers.size());
                    workers.add(t);
                    t.start();
                }
                long lastReport = System.nanoTime();
                while (workers.stream().anyMatch(Thread::isAlive)) {
                    Thread.sleep(250);
                    if (System.nanoTime() - lastReport > 10_000_000_000L) {
                        lastReport = System.nanoTime();
                        ctx.err().println(counts.line(publisher, started, ctx.clock().instant()));
                        ctx.err().flush();
                    }
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("the simulation failed: " + failure.get().getMessage(),
                            failure.get());
                }
                publisher.finish();
                String summary = counts.line(publisher, started, ctx.clock().instant());
                if (output.json()) {
                    output.print(ctx, counts.json(publisher, started, ctx.clock().instant()));
                } else {
                    ctx.out().println(summary);
                }
                ctx.out().flush();
                return publisher.failed() == 0 ? ExitCode.OK : ExitCode.UNAVAILABLE;
            } finally {
                publisher.finish();
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down (SIGTERM): the hook is waiting for this very moment.
                }
            }
        }

        private void loop(PlantSimulation plant, MqttPublisher publisher, Counts counts,
                          AtomicBoolean stop, Instant until, Duration gap,
                          List<List<PlantSimulation.Outgoing>> presigned, Instant presignedStart)
                throws InterruptedException {
            long steps = 0;
            long startNanos = System.nanoTime();
            if (presigned != null) {
                startNanos += Duration.between(ctx.clock().instant(), presignedStart).toNanos();
            }
            while (!stop.get() && (count == null || steps < count)) {
                if (!maxRate) {
                    // Paced against the start, not the previous step: a late step is followed by quicker ones.
                    long nextNanos = startNanos + steps * gap.toNanos();
                    long wait = nextNanos - System.nanoTime();
                    while (wait > 0 && !stop.get()) {
                        Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, 200));
                        wait = nextNanos - System.nanoTime();
                    }
                    if (stop.get()) {
                        return;
                    }
                }
                Instant now = ctx.clock().instant();
                if (!now.isBefore(until)) {
                    return;
                }
                List<PlantSimulation.Outgoing> out = presigned != null ? presigned.get((int) steps)
                        : plant.step(now.truncatedTo(ChronoUnit.MICROS));
                for (PlantSimulation.Outgoing o : out) {
                    publisher.publish(o.topic(), o.payload());
                    counts.add(o);
                }
                steps++;
            }
        }

        /**
         * Signs every step ahead, each stamped with the time it is to be published, so that publishing costs no
         * signing and a reading's timestamp is its publication time as scheduled (a late publication shows as delay).
         */
        private List<List<PlantSimulation.Outgoing>> presign(PlantSimulation plant, Instant start, Duration gap) {
            List<List<PlantSimulation.Outgoing>> out = new ArrayList<>();
            for (long k = 0; k < count; k++) {
                out.add(plant.step(start.plus(gap.multipliedBy(k)).truncatedTo(ChronoUnit.MICROS)));
            }
            return out;
        }

        List<PlantSimulation.FaultPlan> faultPlans() {
            List<PlantSimulation.FaultPlan> plans = new ArrayList<>();
            for (String f : faults) {
                String[] parts = f.split(":", 2);
                Fault fault = Fault.ofCliName(parts[0].toLowerCase(Locale.ROOT)).orElseThrow(() ->
                        CliException.invalid("--fault " + f + ": unknown fault; one of tamper, replay, unknown-device, "
                                + "late, silent, implausible"));
                OptionalDouble rate = OptionalDouble.empty();
                if (parts.length == 2) {
                    try {
                        rate = OptionalDouble.of(Double.parseDouble(parts[1]));
                    } catch (NumberFormatException e) {
                        throw CliException.invalid("--fault " + f + ": the rate must be a number from 0 to 1");
                    }
                    if (!(rate.getAsDouble() >= 0 && rate.getAsDouble() <= 1)) {
                        throw CliException.invalid("--fault " + f + ": the rate must be a number from 0 to 1");
                    }
                }
                plans.add(new PlantSimulation.FaultPlan(fault, rate));
            }
            return plans;
        }

        List<PlantSimulation.SimulatedDevice> simulatedDevices() {
            List<PlantSimulation.SimulatedDevice> out = new ArrayList<>();
            for (String id : batches.keySet()) {
                requireDevice(id, "--batch");
            }
            for (String id : factors.keySet()) {
                requireDevice(id, "--factor");
            }
            for (Map.Entry<String, String> e : devices.entrySet()) {
                DeviceId id = deviceId(e.getKey());
                DeviceProfile profile = DeviceProfile.builtIn(e.getValue()).orElseThrow(() -> CliException.invalid(
                        "--device " + e.getKey() + "=" + e.getValue() + ": unknown profile; one of "
                                + String.join(", ", DeviceProfile.BUILT_IN.stream().map(DeviceProfile::name).toList())));
                Optional<BatchId> batch = Optional.ofNullable(batches.get(e.getKey())).map(b -> batch(e.getKey(), b));
                Optional<String> factor = Optional.ofNullable(factors.get(e.getKey()));
                if (batch.isPresent() && factor.or(profile::defaultFactor).isEmpty()) {
                    throw CliException.invalid("device " + id + " feeds a batch but profile " + profile.name()
                            + " has no default factor: give one with --factor " + id + "=FACTOR");
                }
                out.add(new PlantSimulation.SimulatedDevice(id, profile, privateKey(id), batch, factor));
            }
            return out;
        }

        private void requireDevice(String id, String option) {
            if (!devices.containsKey(id)) {
                throw CliException.invalid(option + " " + id + ": no --device " + id + "=PROFILE");
            }
        }

        private static DeviceId deviceId(String text) {
            try {
                return DeviceId.parse(text, "device");
            } catch (LedgerRuleException e) {
                throw CliException.invalid("--device " + text + ": " + e.getMessage());
            }
        }

        private static BatchId batch(String device, String text) {
            int slash = text.indexOf('/');
            try {
                if (slash < 0) {
                    throw CliException.invalid("--batch " + device + "=" + text + ": give GTIN/LOT");
                }
                return new BatchId(Gtin.parse(text.substring(0, slash), "gtin"),
                        Lot.parse(text.substring(slash + 1), "lot"));
            } catch (LedgerRuleException e) {
                throw CliException.invalid("--batch " + device + "=" + text + ": " + e.getMessage());
            }
        }

        private Path keyFile(DeviceId id) {
            Path given = keys.get(id.value());
            if (given != null) {
                return ctx.resolve(given);
            }
            if (keysDir == null) {
                throw CliException.invalid("no key for device " + id + ": give --keys-dir DIR (DIR/" + id
                        + ".key.pem) or --key " + id + "=FILE");
            }
            return ctx.resolve(keysDir).resolve(id.value() + ".key.pem");
        }

        private DevicePrivateKey privateKey(DeviceId id) {
            return KeyFiles.readPrivate(ctx, keyFile(id), passphrase);
        }

        private void register(String mspId) throws NoSuchAlgorithmException {
            if (keysDir == null) {
                throw CliException.invalid("--register needs --keys-dir: new device keys are written there");
            }
            for (String text : devices.keySet()) {
                DeviceId id = deviceId(text);
                Path file = keyFile(id);
                if (!Files.exists(file)) {
                    DeviceKeyPair pair = DeviceKeyPair.generate(SecureRandom.getInstanceStrong());
                    CliFiles.write(file, pair.privateKey().toPem().getBytes(StandardCharsets.UTF_8), true, false);
                    CliFiles.write(file.resolveSibling(id.value() + ".pub.pem"),
                            pair.publicKey().toPem().getBytes(StandardCharsets.UTF_8), false, true);
                }
                DevicePublicKey key = privateKey(id).publicKey();
                String path = "/api/v1/devices/" + mspId + "/" + id.value();
                service.call(login.credentials(), client -> {
                    Optional<JsonObject> existing = find(client, path);
                    if (existing.isEmpty()) {
                        client.post("/api/v1/devices", JsonObject.builder().put("deviceId", id.value())
                                .put("publicKeyPem", key.toPem())
                                .put("description", "simulated meter (carbonctl plant simulate)").build());
                        ctx.err().println("registered " + id + " (sha256:" + key.fingerprint().toHex() + ")");
                        existing = waitUntilVisible(client, path, id);
                    }
                    String pem = JsonObjectReader.of(existing.get(), "device").requireString("publicKeyPem");
                    if (!DevicePublicKey.parse(pem, "publicKeyPem").fingerprint().equals(key.fingerprint())) {
                        throw CliException.invalid("device " + id + " is registered with another key than "
                                + keyFile(id) + ": its readings would be refused; use another device id");
                    }
                    return null;
                });
            }
            if (createBatches != null) {
                createBatches();
            }
            ctx.err().flush();
        }

        private void createBatches() {
            String[] quantity = createBatches.strip().split("\\s+");
            if (quantity.length != 2) {
                throw CliException.invalid("--create-batches " + createBatches + ": give an amount and a unit, e.g. '500 t'");
            }
            for (Map.Entry<String, String> e : batches.entrySet()) {
                BatchId b = batch(e.getKey(), e.getValue());
                String path = "/api/v1/batches/" + b.gtin().value() + "/" + b.lot().percentEncoded();
                service.call(login.credentials(), client -> {
                    if (find(client, path).isEmpty()) {
                        client.post("/api/v1/batches", JsonObject.builder().put("gtin", b.gtin().value())
                                .put("lot", b.lot().value()).put("quantity", JsonObject.builder()
                                        .put("amount", quantity[0]).put("unit", quantity[1]).build()).build());
                        ctx.err().println("created batch " + b.gtin().value() + "/" + b.lot().value());
                    }
                    return null;
                });
            }
        }

        private static Optional<JsonObject> find(ServiceClient client, String path) {
            try {
                return Optional.of(client.get(path));
            } catch (ServiceProblemException e) {
                if (e.status() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        // The service checks readings against its read model: wait until the registration has reached it.
        private Optional<JsonObject> waitUntilVisible(ServiceClient client, String path, DeviceId id) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Optional<JsonObject> found = find(client, path);
                if (found.isPresent()) {
                    return found;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new CliException(ExitCode.UNAVAILABLE, "device " + id + " was registered but the service did not "
                    + "show it within 60 s");
        }
    }

    /** The publishers of all shares, as one for the counts. */
    record Published(List<MqttPublisher> publishers) {
        long acknowledged() {
            return publishers.stream().mapToLong(MqttPublisher::acknowledged).sum();
        }

        long failed() {
            return publishers.stream().mapToLong(MqttPublisher::failed).sum();
        }

        String lastFailure() {
            return publishers.stream().map(MqttPublisher::lastFailure).filter(f -> !f.isEmpty()).findFirst().orElse("");
        }

        void finish() {
            publishers.forEach(MqttPublisher::finish);
        }
    }

    /** What was published, for the progress lines and the summary. */
    static final class Counts {
        final AtomicLong readings = new AtomicLong();
        final AtomicLong records = new AtomicLong();
        final Map<Fault, AtomicLong> faults = new java.util.EnumMap<>(Fault.class);

        Counts() {
            for (Fault f : Fault.values()) {
                faults.put(f, new AtomicLong());
            }
        }

        void add(PlantSimulation.Outgoing o) {
            (o.kind() == PlantSimulation.Kind.RECORD ? records : readings).incrementAndGet();
            o.fault().ifPresent(f -> faults.get(f).incrementAndGet());
        }

        String line(Published publisher, Instant started, Instant now) {
            double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
            StringBuilder faulty = new StringBuilder();
            faults.forEach((f, n) -> {
                if (n.get() > 0) {
                    faulty.append(faulty.length() == 0 ? "" : ", ").append(f.cliName()).append(' ').append(n.get());
                }
            });
            return String.format(Locale.ROOT, "%d readings (%.0f/s), %d interval records, faults: %s; acknowledged "
                    + "by the broker %d, failed %d%s", readings.get(), readings.get() / seconds, records.get(),
                    faulty.length() == 0 ? "none" : faulty, publisher.acknowledged(), publisher.failed(),
                    publisher.failed() > 0 ? " (last: " + publisher.lastFailure() + ")" : "");
        }

        JsonObject json(Published publisher, Instant started, Instant now) {
            JsonObject.Builder f = JsonObject.builder();
            faults.forEach((fault, n) -> f.put(fault.cliName(), n.get()));
            return JsonObject.builder().put("readings", readings.get()).put("records", records.get())
                    .put("faults", f.build()).put("acknowledged", publisher.acknowledged())
                    .put("failed", publisher.failed())
                    .put("milliseconds", Duration.between(started, now).toMillis()).build();
        }
    }
}
