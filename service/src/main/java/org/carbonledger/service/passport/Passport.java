package org.carbonledger.service.passport;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.StageScope;
import org.carbonledger.core.attestation.AttestationStanding;
import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.pact.DeclaredFootprint;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.core.pact.Provenance;
import org.carbonledger.core.quantity.Decimals;

/**
 * What the consumer passport of a sealed batch shows, computed once and rendered as JSON ({@link #toJson()}) or HTML
 * ({@link PassportPage}). Supplier and producer names appear only when their organization's profile on the ledger
 * is public; otherwise only how many there are.
 *
 * @param link the batch's Digital Link
 * @param facts the ledger state behind it
 * @param declared the footprint per declared unit
 * @param verification the verification status at {@code now}
 */
record Passport(DigitalLink link, FootprintFacts facts, DeclaredFootprint declared, Verification verification) {

    /**
     * The verification status a consumer sees.
     *
     * @param status {@code VERIFIED} (a counting attestation valid now), {@code NOT_YET_VALID} (one whose validity
     *     starts later), {@code EXPIRED} (counting attestations whose validity has ended) or {@code NOT_VERIFIED}
     * @param attestation the attestation shown, if any
     * @param certifier the certifier's display name
     */
    record Verification(String status, Optional<StoredAttestation> attestation, Optional<String> certifier) {
    }

    static Passport of(DigitalLink link, FootprintFacts facts, Instant now) {
        Objects.requireNonNull(now, "now");
        List<AttestationStanding> counting = facts.standings().stream()
                .filter(AttestationStanding::countsWhenValid).toList();
        Optional<StoredAttestation> valid = counting.stream().filter(s -> s.countsAt(now))
                .map(AttestationStanding::attestation).findFirst();
        Verification v;
        if (valid.isPresent()) {
            v = new Verification("VERIFIED", valid, Optional.of(name(facts, valid.get().certifierMspId())));
        } else if (!counting.isEmpty()) {
            Optional<StoredAttestation> pending = counting.stream()
                    .filter(s -> s.validityAt(now) == AttestationStanding.Validity.NOT_YET_VALID)
                    .map(AttestationStanding::attestation).findFirst();
            StoredAttestation shown = pending.orElse(counting.get(0).attestation());
            v = new Verification(pending.isPresent() ? "NOT_YET_VALID" : "EXPIRED", Optional.of(shown),
                    Optional.of(name(facts, shown.certifierMspId())));
        } else {
            v = new Verification("NOT_VERIFIED", Optional.empty(), Optional.empty());
        }
        return new Passport(link, facts, DeclaredFootprint.of(facts.batch()), v);
    }

    /** Certifiers are named: their verdict is public by nature. Without a profile, the MSP id stands in. */
    private static String name(FootprintFacts facts, String msp) {
        return facts.displayName(msp).orElse(msp);
    }

    StoredBatch batch() {
        return facts.batch();
    }

    String productName() {
        return JsonObjectReader.of(facts.product(), "product").requireString("name");
    }

    String productDescription() {
        return JsonObjectReader.of(facts.product(), "product").optionalString("description").orElse("");
    }

    /** @return the producer's name when its profile is public */
    Optional<String> producer() {
        String owner = batch().ownerMspId();
        return facts.isPublic(owner) ? facts.displayName(owner) : Optional.empty();
    }

    /**
     * A supplier organization as the consumer may see it.
     *
     * @param name its display name, when public
     * @param tier the tier of its nearest batch (1 = direct supplier)
     */
    record Supplier(Optional<String> name, int tier) {
    }

    /** @return the organizations upstream other than the producer, nearest tier first, names only when public */
    List<Supplier> suppliers() {
        Provenance p = facts.provenance();
        TreeMap<String, Integer> nearest = new TreeMap<>();
        for (StoredBatch b : p.batches()) {
            if (!b.ownerMspId().equals(batch().ownerMspId())) {
                nearest.merge(b.ownerMspId(), p.depth(b.id()), Math::min);
            }
        }
        List<Supplier> list = new ArrayList<>();
        nearest.forEach((msp, tier) -> list.add(new Supplier(facts.isPublic(msp) ? facts.displayName(msp)
                : Optional.empty(), tier)));
        list.sort((a, b) -> a.tier() != b.tier() ? Integer.compare(a.tier(), b.tier())
                : a.name().orElse("\uffff").compareTo(b.name().orElse("\uffff")));
        return list;
    }

    /** @return the per-declared-unit total shown in large type: 2 decimals, or 4 below 1 kg, half-even */
    String displayTotal() {
        return display(declared.perDeclaredUnit().total());
    }

    static String display(BigDecimal v) {
        return Decimals.display(v, v.compareTo(BigDecimal.ONE) >= 0 ? 2 : 4);
    }

    /** @return e.g. {@code kg CO2e per piece} */
    String unitLabel() {
        return "kg CO2e per " + declared.declaredUnit().symbol();
    }

    /** @return each (stage, scope) cell's share of the total in percent, 1 decimal, half-even */
    static String sharePercent(BigDecimal part, BigDecimal total) {
        if (total.signum() == 0) {
            return "0.0";
        }
        return Decimals.display(part.multiply(BigDecimal.valueOf(100)).divide(total, Decimals.MC), 1);
    }

    JsonObject toJson() {
        StoredBatch b = batch();
        Co2e per = declared.perDeclaredUnit();
        Provenance p = facts.provenance();
        JsonObject.Builder product = JsonObject.builder()
                .put("gtin", b.id().gtin().value())
                .put("name", productName())
                .put("description", productDescription())
                .put("declaredUnit", declared.declaredUnit().symbol());
        List<JsonValue> cells = new ArrayList<>();
        for (Map.Entry<StageScope, Co2e> e : declared.breakdownPerDeclaredUnit().entrySet()) {
            cells.add(JsonObject.builder()
                    .put("stage", e.getKey().stage().name())
                    .put("scope", e.getKey().scope().number())
                    .put("kgCo2ePerDeclaredUnit", Decimals.canonical(e.getValue().total()))
                    .put("sharePercent", sharePercent(e.getValue().total(), per.total()))
                    .build());
        }
        List<JsonValue> suppliers = new ArrayList<>();
        int hidden = 0;
        for (Supplier s : suppliers()) {
            if (s.name().isPresent()) {
                suppliers.add(JsonObject.builder().put("name", s.name().get()).put("tier", s.tier()).build());
            } else {
                hidden++;
            }
        }
        JsonObject.Builder v = JsonObject.builder().put("status", verification.status());
        verification.attestation().ifPresent(a -> v
                .put("certifier", verification.certifier().orElseThrow())
                .put("standard", a.standard())
                .put("assuranceLevel", a.assuranceLevel())
                .put("attestedAt", a.attestedAt().toString())
                .put("validFrom", a.validFrom().toString())
                .put("validUntil", a.validUntil().toString()));
        List<JsonValue> sources = new ArrayList<>();
        for (Provenance.FactorSource s : p.factorSources()) {
            sources.add(JsonObject.builder().put("dataset", s.dataset()).put("version", s.version()).build());
        }
        JsonObject.Builder doc = JsonObject.builder()
                .put("digitalLink", link.uri())
                .put("product", product.build())
                .put("lot", b.id().lot().value());
        producer().ifPresent(name -> doc.put("producer", name));
        return doc
                .put("producerPublic", producer().isPresent())
                .put("footprint", JsonObject.builder()
                        .put("declaredUnit", declared.declaredUnit().symbol())
                        .put("kgCo2ePerDeclaredUnit", Decimals.canonical(per.total()))
                        .put("display", displayTotal() + " " + unitLabel())
                        .put("fossil", Decimals.canonical(per.fossil()))
                        .put("biogenicNonCo2", Decimals.canonical(per.biogenicNonCo2()))
                        .put("biogenicCo2OutsideTotal", Decimals.canonical(per.biogenicCo2()))
                        .put("breakdown", JsonArray.of(cells))
                        .build())
                .put("supplyChain", JsonObject.builder()
                        .put("tiers", p.tiers())
                        .put("upstreamTiers", p.upstreamTiers())
                        .put("suppliers", JsonArray.of(suppliers))
                        .put("hiddenSuppliers", hidden)
                        .build())
                .put("verification", v.build())
                .put("dataQuality", JsonObject.builder()
                        .put("primaryDataSharePercent", Decimals.canonical(p.primaryDataSharePercent()))
                        .put("deviceSignedRecords", p.recordCount())
                        .put("referencePeriodStart", p.referencePeriodStart().toString())
                        .put("referencePeriodEnd", p.referencePeriodEnd().toString())
                        .put("emissionFactorSources", JsonArray.of(sources))
                        .build())
                .put("seal", JsonObject.builder()
                        .put("sealedAt", b.sealedAt().orElseThrow().toString())
                        .put("sealHash", b.sealHash().orElseThrow().toHex())
                        .put("merkleRoot", declared.seal().merkleRoot().toHex())
                        .build())
                .put("pactFootprintId", ProductFootprints.id(b.sealHash().orElseThrow()).toString())
                .build();
    }
}
