package org.carbonledger.service.pact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.footprint.FootprintStates;
import org.carbonledger.service.footprint.Footprints;

/**
 * The ProductFootprints this host system offers: one per sealed batch of this instance's organization (the data
 * owner), mapped from the read model by {@link ProductFootprints}, and PACT's filters over them. Every answer is
 * limited to what the asking client may see ({@link PactGrants.Visibility}).
 */
@Singleton
public class PactFootprints {
    private final Footprints footprints;
    private final FootprintStates states;
    private final String organization;
    private final String issuerDomain;

    PactFootprints(Footprints footprints, FootprintStates states, ServiceProperties service, PactProperties pact) {
        this.footprints = footprints;
        this.states = states;
        this.organization = service.organization();
        this.issuerDomain = pact.issuerDomain();
    }

    /**
     * PACT's filter criteria (ListFootprints query parameters and RequestCreatedEvent data). Empty lists and absent
     * values do not filter; a list matches when any of its values does. String matches are case-insensitive, as PACT requires.
     */
    record Filter(List<String> productIds, List<String> companyIds, List<String> geography,
                  List<String> classifications, Optional<Instant> validOn, Optional<Instant> validAfter,
                  Optional<Instant> validBefore, List<String> status) {

        static final Filter NONE = new Filter(List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());

        Filter {
            productIds = List.copyOf(productIds);
            companyIds = List.copyOf(companyIds);
            geography = List.copyOf(geography);
            classifications = List.copyOf(classifications);
            Objects.requireNonNull(validOn, "validOn");
            Objects.requireNonNull(validAfter, "validAfter");
            Objects.requireNonNull(validBefore, "validBefore");
            status = List.copyOf(status);
        }

        boolean matches(JsonObject pf) {
            JsonObjectReader r = JsonObjectReader.of(pf, "");
            if (!productIds.isEmpty() && !anyIn(r.requireArray("productIds"), productIds)) {
                return false;
            }
            if (!companyIds.isEmpty() && !anyIn(r.requireArray("companyIds"), companyIds)) {
                return false;
            }
            JsonObjectReader pcf = r.requireObject("pcf");
            if (!geography.isEmpty()) {
                List<String> own = new ArrayList<>();
                for (String g : List.of("geographyRegionOrSubregion", "geographyCountry", "geographyCountrySubdivision")) {
                    pcf.optionalString(g).ifPresent(own::add);
                }
                if (own.stream().noneMatch(g -> containsIgnoreCase(geography, g))) {
                    return false;
                }
            }
            if (!classifications.isEmpty() && (!r.has("productClassifications")
                    || !anyIn(r.requireArray("productClassifications"), classifications))) {
                return false;
            }
            Instant start = Instant.parse(r.requireString("validityPeriodStart"));
            Instant end = Instant.parse(r.requireString("validityPeriodEnd"));
            if (validOn.isPresent() && (validOn.get().isBefore(start) || validOn.get().isAfter(end))) {
                return false;
            }
            if (validAfter.isPresent() && !start.isAfter(validAfter.get())) {
                return false;
            }
            if (validBefore.isPresent() && !end.isBefore(validBefore.get())) {
                return false;
            }
            // A status other than Active or Deprecated matches nothing (an empty list), as PACT's conformance tool
            // expects, rather than being refused.
            return status.isEmpty() || containsIgnoreCase(status, r.requireString("status"));
        }

        private static boolean anyIn(JsonArray values, List<String> wanted) {
            for (int i = 0; i < values.size(); i++) {
                if (containsIgnoreCase(wanted, JsonObjectReader.asString(values.get(i), "ids"))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean containsIgnoreCase(List<String> list, String value) {
            String v = value.toLowerCase(Locale.ROOT);
            return list.stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).equals(v));
        }
    }

    /**
     * @param filter criteria
     * @param visibility what the client may see
     * @return every matching footprint it may see, oldest seal first
     */
    public List<JsonObject> list(Filter filter, PactGrants.Visibility visibility) {
        List<JsonObject> result = new ArrayList<>();
        for (String row : states.sealedBatchesOf(organization)) {
            String[] parts = row.split("\\|", 3);
            if (!visibility.allows(parts[0])) {
                continue;
            }
            BatchId id = BatchId.of(parts[0], parts[2]);
            Optional<StoredBatch> batch = footprints.batch(id);
            if (batch.isEmpty() || !batch.get().isSealed()) {
                continue; // sealed a moment ago in the projection but not readable: next call will see it
            }
            JsonObject pf = map(batch.get());
            if (filter.matches(pf)) {
                result.add(pf);
            }
        }
        return result;
    }

    /**
     * @param id a footprint id
     * @param visibility what the client may see
     * @return the footprint, if it is one of this organization's and the client may see it (a footprint it may not
     *     see is absent, exactly as one that does not exist, so that its existence does not show)
     */
    public Optional<JsonObject> get(UUID id, PactGrants.Visibility visibility) {
        for (String row : states.sealedBatchesBySealPrefix(ProductFootprints.sealHashPrefix(id))) {
            String[] parts = row.split("\\|", 3);
            if (!ProductFootprints.id(Hash.ofHex(parts[1])).equals(id) || !visibility.allows(parts[0])) {
                continue;
            }
            Optional<StoredBatch> batch = footprints.batch(BatchId.of(parts[0], parts[2]));
            if (batch.isPresent() && batch.get().isSealed() && batch.get().ownerMspId().equals(organization)) {
                return Optional.of(map(batch.get()));
            }
        }
        return Optional.empty();
    }

    /** @return the ids of this organization's footprints, oldest seal first */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String row : states.sealedBatchesOf(organization)) {
            ids.add(ProductFootprints.id(Hash.ofHex(row.split("\\|", 3)[1])).toString());
        }
        return ids;
    }

    JsonObject map(StoredBatch batch) {
        return ProductFootprints.map(footprints.facts(batch), issuerDomain);
    }

    static JsonArray array(List<JsonObject> items) {
        List<JsonValue> values = new ArrayList<>(items);
        return JsonArray.of(values);
    }
}
