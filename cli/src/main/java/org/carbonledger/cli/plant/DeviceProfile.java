package org.carbonledger.cli.plant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.carbonledger.core.quantity.Unit;

/**
 * How a simulated meter behaves: a base consumption per hour, shaped over the day (a cosine with its peak at
 * {@code peakHour}, {@code amplitude} of the base up and down) and noise (a normal factor of standard deviation
 * {@code noise}). A reading is the consumption since the previous one, never negative, with 3 decimals.
 *
 * @param name the profile's name on the command line
 * @param unit what the meter counts
 * @param perHour the base consumption per hour, in {@code unit}
 * @param amplitude the daily swing, as a fraction of the base (0 to 1)
 * @param peakHour the hour of the day (UTC) of the highest consumption
 * @param noise standard deviation of the noise, as a fraction of the shaped rate
 * @param scope the GHG Protocol scope of the emissions (2 for purchased electricity, 1 for fuel burnt on site)
 * @param defaultFactor the emission factor its records use unless told otherwise
 * @param description what it stands for
 */
public record DeviceProfile(String name, Unit unit, double perHour, double amplitude, int peakHour, double noise,
                            int scope, Optional<String> defaultFactor, String description) {

    /** An electric arc furnace line: 40 MWh an hour, more at night (cheaper power), very noisy (melt cycles). */
    public static final DeviceProfile ARC_FURNACE = new DeviceProfile("arc-furnace", Unit.KWH, 40_000, 0.25, 2,
            0.15, 2, Optional.of("grid-electricity-2026"), "electric arc furnace line, electricity in kWh");
    /** A gas kiln metered by volume: 900 m3 an hour, nearly flat. Needs a factor per volume. */
    public static final DeviceProfile GAS_KILN = new DeviceProfile("gas-kiln", Unit.M3, 900, 0.05, 14, 0.03, 1,
            Optional.empty(), "gas-fired kiln, natural gas in m3 (give a factor per volume with --factor)");
    /** The same kiln with an energy (calorific) gas meter: about 33 GJ an hour. */
    public static final DeviceProfile GAS_KILN_ENERGY = new DeviceProfile("gas-kiln-energy", Unit.GJ, 33, 0.05, 14,
            0.03, 1, Optional.of("natural-gas-combustion-2026"), "gas-fired kiln, natural gas in GJ (energy meter)");

    /** The profiles {@code carbonctl plant simulate --device ID=PROFILE} knows. */
    public static final List<DeviceProfile> BUILT_IN = List.of(ARC_FURNACE, GAS_KILN, GAS_KILN_ENERGY);

    /** Checks the ranges. */
    public DeviceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(defaultFactor, "defaultFactor");
        Objects.requireNonNull(description, "description");
        if (!(perHour > 0) || amplitude < 0 || amplitude > 1 || peakHour < 0 || peakHour > 23 || noise < 0
                || scope < 1 || scope > 3) {
            throw new IllegalArgumentException("profile " + name + ": perHour > 0, amplitude 0..1, peakHour 0..23, "
                    + "noise >= 0, scope 1..3");
        }
    }

    /**
     * @param name a profile name
     * @return the built-in profile of that name
     */
    public static Optional<DeviceProfile> builtIn(String name) {
        return BUILT_IN.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * @param at when the reading is taken
     * @return the consumption rate per hour at that time of day, without noise
     */
    public double shapedPerHour(Instant at) {
        double hour = at.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
        return perHour * (1 + amplitude * Math.cos(2 * Math.PI * (hour - peakHour) / 24));
    }

    /**
     * @param at when the reading is taken
     * @param period the time since the previous reading
     * @param random the device's random source
     * @return the consumption over the period, with noise, never negative
     */
    public BigDecimal reading(Instant at, Duration period, Random random) {
        double factor = Math.max(0, 1 + noise * random.nextGaussian());
        double amount = shapedPerHour(at) * factor * period.toNanos() / 3.6e12;
        return BigDecimal.valueOf(amount).setScale(3, RoundingMode.HALF_EVEN);
    }

    /**
     * @param period the time between readings
     * @return the most a working meter of this profile reads over a period (three times the daily peak); an
     *     implausible reading is well above it
     */
    public BigDecimal plausibleMax(Duration period) {
        return BigDecimal.valueOf(3 * perHour * (1 + amplitude) * period.toNanos() / 3.6e12)
                .setScale(3, RoundingMode.HALF_EVEN);
    }
}
