package org.carbonledger.core.ledger.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Unit;

/**
 * The argument of {@code Factors:PublishFactorDataset}: {@code {"dataset": "cn-grid", "version": "2022",
 * "sourceCitation": "...", "licence": "CC-BY-4.0", "factors": [{"factorId": "cn-grid-2022", "unit": "kWh",
 * "kgCo2ePerUnit": "0.5703", "description": "..."}, ...]}}: 1 to {@value #MAX_FACTORS} factors with distinct ids. A
 * factor may carry its own {@code sourceCitation} and {@code licence}, which then replace the dataset's for it.
 *
 * @param dataset the dataset name
 * @param version its version
 * @param sourceCitation the dataset's citation
 * @param licence the dataset's licence
 * @param factors its factors, in the order given
 */
public record FactorDatasetRequest(String dataset, String version, String sourceCitation, String licence,
                                   List<Factor> factors) {

    /** Most factors one publication carries. */
    public static final int MAX_FACTORS = 1000;
    public static final List<String> MEMBERS = List.of("dataset", "version", "sourceCitation", "licence", "factors");
    public static final List<String> FACTOR_MEMBERS = List.of("factorId", "unit", "kgCo2ePerUnit", "description",
            "sourceCitation", "licence");

    /**
     * One factor of the dataset.
     *
     * @param factor the factor, its citation and licence resolved
     * @param description free text, "" when none
     */
    public record Factor(EmissionFactor factor, String description) {
        /** Null-checks every part. */
        public Factor {
            Objects.requireNonNull(factor, "factor");
            Objects.requireNonNull(description, "description");
        }
    }

    /** Null-checks every part and copies the factors. */
    public FactorDatasetRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sourceCitation, "sourceCitation");
        Objects.requireNonNull(licence, "licence");
        factors = List.copyOf(Objects.requireNonNull(factors, "factors"));
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it before it looks at the ledger
     */
    public static FactorDatasetRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        String dataset = Token.require(in.requireString("dataset"), in.path("dataset"), 64);
        String version = Token.require(in.requireString("version"), in.path("version"), 32);
        // Checked here, with their own paths, even when every factor overrides them: they are stored.
        String citation = Inputs.name(in.requireString("sourceCitation"), in.path("sourceCitation"), 1000);
        String licence = Inputs.name(in.requireString("licence"), in.path("licence"), 200);
        JsonArray factorsIn = in.requireArray("factors");
        if (factorsIn.size() == 0 || factorsIn.size() > MAX_FACTORS) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, in.path("factors"),
                    "must list 1 to " + MAX_FACTORS + " factors");
        }
        TreeSet<String> ids = new TreeSet<>();
        List<Factor> factors = new ArrayList<>(factorsIn.size());
        for (int i = 0; i < factorsIn.size(); i++) {
            String factorPath = in.path("factors") + "[" + i + "]";
            JsonObjectReader f = JsonObjectReader.of(JsonObjectReader.asObject(factorsIn.get(i), factorPath), factorPath);
            f.rejectUnknownMembers(FACTOR_MEMBERS);
            EmissionFactor factor = new EmissionFactor(
                    Token.require(f.requireString("factorId"), f.path("factorId"), 64),
                    dataset, version,
                    Unit.parse(f.requireString("unit"), f.path("unit")),
                    Amount.parse(f.requireString("kgCo2ePerUnit"), f.path("kgCo2ePerUnit")).value(),
                    f.optionalString("sourceCitation")
                            .map(c -> Inputs.name(c, f.path("sourceCitation"), 1000)).orElse(citation),
                    f.optionalString("licence").map(l -> Inputs.name(l, f.path("licence"), 200)).orElse(licence));
            if (!ids.add(factor.factorId())) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, f.path("factorId"), factor.factorId(),
                        "listed twice");
            }
            String description = Inputs.text(f.optionalString("description").orElse(""), f.path("description"), 500);
            factors.add(new Factor(factor, description));
        }
        return new FactorDatasetRequest(dataset, version, citation, licence, factors);
    }

    /** @return the ids of the factors, sorted */
    public List<String> factorIds() {
        return List.copyOf(new TreeSet<>(factors.stream().map(f -> f.factor().factorId()).toList()));
    }

    /** @return the argument as the chaincode reads it, each factor's citation and licence spelled out */
    public JsonObject toJson() {
        List<JsonValue> list = new ArrayList<>(factors.size());
        for (Factor f : factors) {
            list.add(JsonObject.builder()
                    .put("factorId", f.factor().factorId())
                    .put("unit", f.factor().unit().symbol())
                    .put("kgCo2ePerUnit", Decimals.canonical(f.factor().kgCo2ePerUnit()))
                    .put("description", f.description())
                    .put("sourceCitation", f.factor().sourceCitation())
                    .put("licence", f.factor().licence())
                    .build());
        }
        return JsonObject.builder()
                .put("dataset", dataset)
                .put("version", version)
                .put("sourceCitation", sourceCitation)
                .put("licence", licence)
                .put("factors", JsonArray.of(list))
                .build();
    }
}
