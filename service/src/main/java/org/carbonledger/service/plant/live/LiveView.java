package org.carbonledger.service.plant.live;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carbonledger.core.accounting.Activity;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.service.plant.StoredReadingListener;
import org.carbonledger.service.sync.ReadModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live figures of the organization's plant and the watch over its alert rules.
 *
 * <p>Per device (and summed per line and per open batch):
 * <ul>
 *   <li>CO2e of a reading = its quantity converted to the unit of the device's factor × the factor
 *       ({@link RecordCalculator#activityCo2e}, exact);</li>
 *   <li>rate = CO2e of the readings taken in the sliding window (by the readings' timestamps, to the second) ÷ the
 *       window, in kgCO2e per hour;</li>
 *   <li>cumulative: of a device and a line, since 00:00 UTC today; of a batch, from its start to its planned end;</li>
 *   <li>projected per unit at seal (a batch) = (cumulative + rate × hours left until the planned end, none once it is
 *       past) ÷ planned quantity.</li>
 * </ul>
 * Sums are exact; the rate and the projection are divisions in the product's one math context
 * ({@link Decimals#MC}); comparisons with thresholds and targets are on those decimals, never on doubles.
 *
 * <p>Nothing of this is stored: it is rebuilt from the readings table at start and whenever the configuration
 * changes, and then kept up to date by each stored reading ({@link StoredReadingListener}). Every method runs under
 * this object's lock.
 */
@Context
public class LiveView implements StoredReadingListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveView.class);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final Duration SNAPSHOT_AT_LEAST_EVERY = Duration.ofSeconds(5);

    /** The live state of one device with a profile. */
    private static final class DeviceState {
        /** CO2e per second of reading time within the window: bounded by the window's seconds, not by the readings. */
        final TreeMap<Long, BigDecimal> window = new TreeMap<>();
        BigDecimal windowSum = BigDecimal.ZERO;
        LocalDate day;
        BigDecimal today = BigDecimal.ZERO;
        long lastSequence = -1;
        Optional<Quantity> lastQuantity = Optional.empty();
        boolean lastPlausible = true;
        Optional<Instant> lastReadingAt = Optional.empty();
    }

    private final PlantLiveStore store;
    private final ReadModelStore readModel;
    private final AlertBook alerts;
    private final LiveEvents events;
    private final PlantLiveProperties properties;
    private final Clock clock;
    private final Map<String, Optional<EmissionFactor>> factors = new ConcurrentHashMap<>();

    private Map<DeviceId, DeviceProfile> profiles = Map.of();
    private Map<BatchKey, BatchTarget> targets = Map.of();
    private List<AlertRule> rules = List.of();
    private final Map<DeviceId, DeviceState> devices = new TreeMap<>();
    private final Map<BatchKey, BigDecimal> batchCumulative = new HashMap<>();
    /** When each device last reported (received by the service), or since when it is watched. */
    private final Map<DeviceId, Instant> lastHeard = new HashMap<>();
    /** RATE_ABOVE: since when a rule's subject has been above the threshold without a break. */
    private final Sustained above = new Sustained();
    private boolean ready;
    private boolean changed;
    private Instant lastSnapshot = Instant.EPOCH;
    private ScheduledExecutorService timer;

    LiveView(PlantLiveStore store, ReadModelStore readModel, AlertBook alerts, LiveEvents events,
             PlantLiveProperties properties) {
        this.store = store;
        this.readModel = readModel;
        this.alerts = alerts;
        this.events = events;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "plant-live");
            thread.setDaemon(true);
            return thread;
        });
        long tick = properties.tick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void tick() {
        try {
            synchronized (this) {
                if (!ready) {
                    rebuild();
                }
                Instant now = clock.instant();
                evaluateAll(now);
                // Rates fall and projections move with time alone: the page gets a snapshot now and then even when
                // no reading arrived.
                if (changed || !now.isBefore(lastSnapshot.plus(SNAPSHOT_AT_LEAST_EVERY))) {
                    changed = false;
                    lastSnapshot = now;
                    events.publish("snapshot", snapshotLocked());
                }
            }
        } catch (RuntimeException e) {
            // The database may be away for a while: the next tick tries again.
            LOG.warn("plant live view: {}", e.toString());
        }
    }

    /** Reads the configuration and every reading still counted again, from the database. */
    public synchronized void rebuild() {
        Instant now = clock.instant();
        Map<DeviceId, DeviceProfile> newProfiles = new LinkedHashMap<>();
        store.profiles().forEach(p -> newProfiles.put(p.deviceId(), p));
        Map<BatchKey, BatchTarget> newTargets = new LinkedHashMap<>();
        store.targets().forEach(t -> newTargets.put(t.batch(), t));
        profiles = newProfiles;
        targets = newTargets;
        rules = store.rules();
        devices.clear();
        batchCumulative.clear();
        above.retain(k -> rules.stream().anyMatch(r -> k.startsWith(r.id() + "|")));
        Instant from = startOfDay(now);
        if (now.minus(properties.window()).isBefore(from)) {
            from = now.minus(properties.window());
        }
        for (BatchTarget t : targets.values()) {
            if (t.startedAt().isBefore(from)) {
                from = t.startedAt();
            }
        }
        store.readingsSince(from, row -> apply(row.deviceId(), row.sequence(), row.time(), row.quantity(), now));
        Map<DeviceId, Instant> heard = store.lastReceived();
        for (DeviceId id : profiles.keySet()) {
            // A device never heard from is watched from when its profile was first seen here.
            Optional.ofNullable(heard.get(id)).ifPresentOrElse(t -> lastHeard.put(id, t),
                    () -> lastHeard.putIfAbsent(id, now));
        }
        alerts.load(rules, now);
        ready = true;
        changed = true;
    }

    @Override
    public void readingStored(MeterReading reading, Instant receivedAt) {
        synchronized (this) {
            if (!ready) {
                return; // the rebuild reads it from the table
            }
            Instant now = clock.instant();
            lastHeard.put(reading.deviceId(), receivedAt);
            DeviceProfile profile = profiles.get(reading.deviceId());
            if (profile == null || !apply(reading.deviceId(), reading.sequence(), reading.timestamp(),
                    reading.quantity(), now)) {
                return;
            }
            changed = true;
            evaluate(now, profile);
        }
    }

    /** @return whether the reading was counted */
    private boolean apply(DeviceId deviceId, long sequence, Instant time, Quantity quantity, Instant now) {
        DeviceProfile profile = profiles.get(deviceId);
        if (profile == null) {
            return false;
        }
        DeviceState state = devices.computeIfAbsent(deviceId, id -> new DeviceState());
        // A reading the rebuild already read from the table, told again by the reading path: not counted twice.
        if (sequence <= state.lastSequence) {
            return false;
        }
        state.lastSequence = sequence;
        state.lastQuantity = Optional.of(quantity);
        state.lastReadingAt = Optional.of(time);
        state.lastPlausible = plausible(profile, quantity);
        Optional<BigDecimal> co2e = co2e(profile, quantity);
        if (co2e.isEmpty()) {
            return true;
        }
        BigDecimal kg = co2e.get();
        if (time.getEpochSecond() > now.minus(properties.window()).getEpochSecond()) {
            state.window.merge(time.getEpochSecond(), kg, BigDecimal::add);
            state.windowSum = state.windowSum.add(kg);
        }
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!day.equals(state.day)) {
            state.day = day;
            state.today = BigDecimal.ZERO;
        }
        if (LocalDate.ofInstant(time, ZoneOffset.UTC).equals(day)) {
            state.today = state.today.add(kg);
        }
        profile.batch().map(targets::get).filter(t -> !time.isBefore(t.startedAt()) && !time.isAfter(t.plannedEnd()))
                .ifPresent(t -> batchCumulative.merge(t.batch(), kg, BigDecimal::add));
        return true;
    }

    private static boolean plausible(DeviceProfile profile, Quantity quantity) {
        try {
            return profile.isPlausible(quantity);
        } catch (LedgerRuleException e) {
            return false; // a unit that cannot be compared with the range is not a plausible reading
        }
    }

    private Optional<BigDecimal> co2e(DeviceProfile profile, Quantity quantity) {
        Optional<EmissionFactor> factor = factor(profile.factorId());
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecordCalculator.activityCo2e(new Activity(profile.factorId(), quantity), factor.get())
                    .total());
        } catch (LedgerRuleException e) {
            LOG.warn("plant live view: a reading of {} is not counted: {}", profile.deviceId(), e.getMessage());
            return Optional.empty();
        }
    }

    /** @return the published factor of this id from the read model (a published factor never changes) */
    Optional<EmissionFactor> factor(String factorId) {
        Optional<EmissionFactor> found = factors.get(factorId);
        if (found != null) {
            return found;
        }
        Optional<EmissionFactor> read = readModel.findById(StateKeys.key(StateKeys.FACTOR, factorId))
                .map(row -> StoredFactor.fromJson(Json.parseObject(row.valueJson(), "factor"), "factor").factor());
        if (read.isPresent()) {
            factors.put(factorId, read);
        }
        return read;
    }

    // --- figures ----------------------------------------------------------------------------------------------

    private BigDecimal windowSum(DeviceId id, Instant now) {
        DeviceState state = devices.get(id);
        if (state == null) {
            return BigDecimal.ZERO;
        }
        long from = now.minus(properties.window()).getEpochSecond();
        while (!state.window.isEmpty() && state.window.firstKey() <= from) {
            state.windowSum = state.windowSum.subtract(state.window.pollFirstEntry().getValue());
        }
        return state.windowSum;
    }

    private BigDecimal today(DeviceId id, Instant now) {
        DeviceState state = devices.get(id);
        return state == null || !LocalDate.ofInstant(now, ZoneOffset.UTC).equals(state.day) ? BigDecimal.ZERO
                : state.today;
    }

    private BigDecimal perHour(BigDecimal windowSum) {
        return Decimals.normalize(windowSum.multiply(SECONDS_PER_HOUR)
                .divide(BigDecimal.valueOf(properties.window().toSeconds()), Decimals.MC));
    }

    private BigDecimal rate(AlertRule.Scope scope, String subject, Instant now) {
        BigDecimal sum = BigDecimal.ZERO;
        for (DeviceProfile p : profiles.values()) {
            boolean member = switch (scope) {
                case DEVICE -> p.deviceId().value().equals(subject);
                case LINE -> p.line().equals(subject);
                case BATCH -> p.batch().map(BatchKey::toString).filter(subject::equals).isPresent();
            };
            if (member) {
                sum = sum.add(windowSum(p.deviceId(), now));
            }
        }
        return perHour(sum);
    }

    /** (cumulative + rate × hours left) ÷ planned quantity. */
    private BigDecimal projectedPerUnit(BatchTarget t, Instant now) {
        BigDecimal cumulative = batchCumulative.getOrDefault(t.batch(), BigDecimal.ZERO);
        BigDecimal rate = rate(AlertRule.Scope.BATCH, t.batch().toString(), now);
        long secondsLeft = Math.max(0, Duration.between(now, t.plannedEnd()).toSeconds());
        BigDecimal rest = rate.multiply(BigDecimal.valueOf(secondsLeft)).divide(SECONDS_PER_HOUR, Decimals.MC);
        return Decimals.normalize(cumulative.add(rest).divide(t.planned().value(), Decimals.MC));
    }

    private Set<String> subjects(AlertRule.Scope scope) {
        Set<String> out = new TreeSet<>();
        switch (scope) {
            case DEVICE -> profiles.keySet().forEach(id -> out.add(id.value()));
            case LINE -> profiles.values().forEach(p -> out.add(p.line()));
            case BATCH -> targets.keySet().forEach(b -> out.add(b.toString()));
            default -> throw new IllegalStateException("unhandled scope " + scope);
        }
        return out;
    }

    private static String label(AlertRule.Scope scope, String subject) {
        return scope.name().toLowerCase(java.util.Locale.ROOT) + " " + subject;
    }

    // --- rules ------------------------------------------------------------------------------------------------

    /** The rules a reading of this device can change, right away: those about it, its line and its batch. */
    private void evaluate(Instant now, DeviceProfile profile) {
        for (AlertRule rule : rules) {
            Optional<String> subject = switch (rule.scope()) {
                case DEVICE -> Optional.of(profile.deviceId().value());
                case LINE -> Optional.of(profile.line());
                case BATCH -> profile.batch().filter(targets::containsKey).map(BatchKey::toString);
            };
            subject.filter(rule::covers).ifPresent(s -> check(rule, s, now));
        }
    }

    private void evaluateAll(Instant now) {
        Set<String> watched = new HashSet<>();
        for (AlertRule rule : rules) {
            for (String subject : subjects(rule.scope())) {
                if (rule.covers(subject)) {
                    watched.add(rule.id() + "|" + label(rule.scope(), subject));
                    check(rule, subject, now);
                }
            }
        }
        // An alert whose subject is no longer configured (a profile or target removed) has nothing to watch.
        for (Alert a : alerts.active()) {
            if (!watched.contains(a.ruleId() + "|" + a.subject())) {
                alerts.clear(a.ruleId(), a.subject(), now);
                changed = true;
            }
        }
    }

    private void check(AlertRule rule, String subject, Instant now) {
        String label = label(rule.scope(), subject);
        switch (rule.kind()) {
            case RATE_ABOVE -> {
                BigDecimal rate = rate(rule.scope(), subject, now);
                BigDecimal threshold = rule.threshold().orElseThrow();
                boolean over = rate.compareTo(threshold) > 0;
                if (above.holds(rule.id() + "|" + subject, over, Duration.ofMinutes(rule.forMinutes()), now)) {
                    raise(rule, label, label + " emits " + Decimals.display(rate, 3) + " kgCO2e/h, above "
                            + Decimals.canonical(threshold) + " for " + rule.forMinutes() + " min", rate, now);
                } else if (!over) {
                    clear(rule, label, now);
                }
            }
            case PROJECTED_OVER_TARGET -> {
                BatchTarget t = targets.values().stream().filter(b -> b.batch().toString().equals(subject))
                        .findFirst().orElseThrow();
                BigDecimal projected = projectedPerUnit(t, now);
                if (projected.compareTo(t.targetPerUnit()) > 0) {
                    raise(rule, label, label + " is projected at " + Decimals.display(projected, 4)
                            + " kgCO2e per " + t.planned().unit().symbol() + " at its planned end "
                            + t.plannedEnd() + ", above its target " + Decimals.canonical(t.targetPerUnit()),
                            projected, now);
                } else {
                    clear(rule, label, now);
                }
            }
            case DEVICE_SILENT -> {
                DeviceProfile p = profiles.get(new DeviceId(subject));
                Instant heard = lastHeard.getOrDefault(p.deviceId(), now);
                Duration allowed = p.interval().multipliedBy(rule.silentIntervals());
                if (Duration.between(heard, now).compareTo(allowed) > 0) {
                    raise(rule, label, label + " has sent nothing since " + heard + ", more than "
                            + rule.silentIntervals() + " of its " + p.interval().toSeconds() + " s intervals",
                            null, now);
                } else {
                    clear(rule, label, now);
                }
            }
            case READING_IMPLAUSIBLE -> {
                DeviceState state = devices.get(new DeviceId(subject));
                if (state == null || state.lastQuantity.isEmpty()) {
                    return;
                }
                if (!state.lastPlausible) {
                    DeviceProfile p = profiles.get(new DeviceId(subject));
                    Quantity q = state.lastQuantity.get();
                    raise(rule, label, label + " read " + q + " at " + state.lastReadingAt.orElseThrow()
                            + ", outside its plausible " + Decimals.canonical(p.plausibleMin().value()) + " to "
                            + Decimals.canonical(p.plausibleMax().value()) + " " + p.plausibleMin().unit().symbol(),
                            q.value(), now);
                } else {
                    clear(rule, label, now);
                }
            }
            default -> throw new IllegalStateException("unhandled rule kind " + rule.kind());
        }
    }

    private void raise(AlertRule rule, String label, String message, BigDecimal observed, Instant now) {
        if (!alerts.isActive(rule.id(), label)) {
            alerts.raise(rule, label, message, Optional.ofNullable(observed).map(Decimals::canonical), now);
            changed = true;
        }
    }

    private void clear(AlertRule rule, String label, Instant now) {
        if (alerts.isActive(rule.id(), label)) {
            alerts.clear(rule.id(), label, now);
            changed = true;
        }
    }

    /** Acknowledges an open alert, keeping who did it. */
    public synchronized Alert acknowledge(long id, String by) {
        Alert alert = alerts.acknowledge(id, by, clock.instant());
        changed = true;
        return alert;
    }

    // --- snapshot ---------------------------------------------------------------------------------------------

    /** @return the live figures and the alerts not cleared, as the page shows them */
    public synchronized JsonObject snapshot() {
        if (!ready) {
            rebuild();
        }
        return snapshotLocked();
    }

    private JsonObject snapshotLocked() {
        Instant now = clock.instant();
        List<JsonValue> deviceRows = new ArrayList<>();
        Map<String, BigDecimal[]> lines = new TreeMap<>();
        for (DeviceProfile p : profiles.values()) {
            BigDecimal sum = windowSum(p.deviceId(), now);
            BigDecimal today = today(p.deviceId(), now);
            DeviceState state = devices.get(p.deviceId());
            JsonObject.Builder b = JsonObject.builder().put("deviceId", p.deviceId().value()).put("line", p.line())
                    .put("ratePerHour", Decimals.display(perHour(sum), 6))
                    .put("cumulativeToday", Decimals.canonical(today));
            p.batch().ifPresent(k -> b.put("batch", k.toString()));
            Optional.ofNullable(lastHeard.get(p.deviceId())).ifPresent(t -> b.put("lastHeardAt", t.toString()));
            if (state != null) {
                state.lastReadingAt.ifPresent(t -> b.put("lastReadingAt", t.toString()));
            }
            deviceRows.add(b.build());
            BigDecimal[] line = lines.computeIfAbsent(p.line(), l -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            line[0] = line[0].add(sum);
            line[1] = line[1].add(today);
        }
        List<JsonValue> lineRows = new ArrayList<>();
        lines.forEach((name, v) -> lineRows.add(JsonObject.builder().put("line", name)
                .put("ratePerHour", Decimals.display(perHour(v[0]), 6))
                .put("cumulativeToday", Decimals.canonical(v[1])).build()));
        List<JsonValue> batchRows = new ArrayList<>();
        for (BatchTarget t : targets.values()) {
            BigDecimal projected = projectedPerUnit(t, now);
            batchRows.add(JsonObject.builder().put("batch", t.batch().toString()).put("gtin", t.batch().gtin().value())
                    .put("lot", t.batch().lot().value())
                    .put("ratePerHour", Decimals.display(rate(AlertRule.Scope.BATCH, t.batch().toString(), now), 6))
                    .put("cumulative", Decimals.canonical(batchCumulative.getOrDefault(t.batch(), BigDecimal.ZERO)))
                    .put("projectedPerUnit", Decimals.display(projected, 6))
                    .put("targetPerUnit", Decimals.canonical(t.targetPerUnit()))
                    .put("unit", t.planned().unit().symbol())
                    .put("plannedEnd", t.plannedEnd().toString())
                    .put("overTarget", projected.compareTo(t.targetPerUnit()) > 0).build());
        }
        List<JsonValue> alertRows = new ArrayList<>();
        alerts.active().forEach(a -> alertRows.add(a.toJson()));
        return JsonObject.builder().put("at", now.toString()).put("windowSeconds", properties.window().toSeconds())
                .put("devices", JsonArray.of(deviceRows)).put("lines", JsonArray.of(lineRows))
                .put("batches", JsonArray.of(batchRows)).put("alerts", JsonArray.of(alertRows)).build();
    }

    private static Instant startOfDay(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
