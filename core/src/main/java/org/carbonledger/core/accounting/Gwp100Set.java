package org.carbonledger.core.accounting;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Decimals;

/**
 * A characterization set: the 100-year global warming potential (kg CO2e per kg) of each {@link Gas}.
 *
 * @param id the set's name, e.g. {@code IPCC-AR6-GWP100}
 * @param factors the GWP of every gas (an unmodifiable {@link EnumMap}, iterated in {@link Gas} order)
 */
public record Gwp100Set(String id, Map<Gas, BigDecimal> factors) {

    /**
     * IPCC Sixth Assessment Report (AR6, WG1 2021, Table 7.15) GWP100: CO2 1, CH4 fossil 29.8, CH4 non-fossil 27.0,
     * N2O 273; biogenic CO2 1 (reported separately).
     */
    public static final Gwp100Set IPCC_AR6 = new Gwp100Set("IPCC-AR6-GWP100", Map.of(
            Gas.CO2, new BigDecimal("1"),
            Gas.CO2_BIOGENIC, new BigDecimal("1"),
            Gas.CH4_FOSSIL, new BigDecimal("29.8"),
            Gas.CH4_NON_FOSSIL, new BigDecimal("27.0"),
            Gas.N2O, new BigDecimal("273")));

    /** Requires a GWP for every gas, with CO2 and biogenic CO2 exactly 1 (CO2e is defined relative to CO2). */
    public Gwp100Set {
        Token.require(Objects.requireNonNull(id, "id"), "gwpSet.id", 64);
        Objects.requireNonNull(factors, "factors");
        EnumMap<Gas, BigDecimal> copy = new EnumMap<>(Gas.class);
        for (Gas gas : Gas.values()) {
            BigDecimal f = factors.get(gas);
            if (f == null) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "gwpSet.gwp." + gas.name(),
                        "missing member");
            }
            copy.put(gas, Amount.of(f, "gwpSet.gwp." + gas.name()).value());
        }
        for (Gas gas : List.of(Gas.CO2, Gas.CO2_BIOGENIC)) {
            if (copy.get(gas).compareTo(BigDecimal.ONE) != 0) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "gwpSet.gwp." + gas.name(),
                        Decimals.canonical(copy.get(gas)), "the GWP of CO2 is 1 by definition");
            }
        }
        factors = Collections.unmodifiableMap(copy);
    }

    /**
     * @param gas a gas
     * @return its GWP100
     */
    public BigDecimal gwp(Gas gas) {
        return factors.get(Objects.requireNonNull(gas, "gas"));
    }

    /** @return {@code {"id":…,"gwp":{"CH4_FOSSIL":"29.8",…}}} */
    public JsonObject toJson() {
        JsonObject.Builder gwp = JsonObject.builder();
        factors.forEach((gas, f) -> gwp.put(gas.name(), Decimals.canonical(f)));
        return JsonObject.builder().put("id", id).put("gwp", gwp.build()).build();
    }

    /**
     * @param json an object written by {@link #toJson()} (GWP values as decimal strings)
     * @param path its JSON path
     * @return the set
     */
    public static Gwp100Set fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("id", "gwp"));
        String id = Token.require(r.requireString("id"), r.path("id"), 64);
        JsonObjectReader g = r.requireObject("gwp");
        EnumMap<Gas, BigDecimal> factors = new EnumMap<>(Gas.class);
        for (Map.Entry<String, JsonValue> e : g.object().members().entrySet()) {
            Gas gas = Gas.parse(e.getKey(), g.path(e.getKey()));
            factors.put(gas, Amount.parse(JsonObjectReader.asString(e.getValue(), g.path(e.getKey())),
                    g.path(e.getKey())).value());
        }
        return new Gwp100Set(id, factors);
    }
}
