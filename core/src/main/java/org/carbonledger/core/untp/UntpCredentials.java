package org.carbonledger.core.untp;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.pact.DeclaredFootprint;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.core.pact.Provenance;
import org.carbonledger.core.quantity.Decimals;

/**
 * Maps ledger state to UN/CEFACT UNTP credentials (UN Transparency Protocol 0.7.0): a sealed batch to a Digital
 * Product Passport, a certifier's attestation to a Digital Conformity Credential. Both are unsecured W3C Verifiable
 * Credentials 2.0; {@link VcJwt} secures them. docs/credentials.md lists where each member comes from.
 *
 * <pre>{@code
 * Issuance issuance = new Issuance(DidWeb.of("steelco.example"), Optional.of("DE"));
 * JsonObject dpp = UntpCredentials.productPassport(facts, issuance);
 * JsonObject dcc = UntpCredentials.conformityCredential(facts, attestationId, issuance);
 * }</pre>
 *
 * <p>The passport holds only what the consumer passport shows (docs/security.md §1, consumer column): per-unit
 * footprint, reference period, primary data share, the seal hash, the number of tiers and suppliers, the names of
 * suppliers that made their identity public, attestation verdicts. No quantity, allocation, record or supplier
 * that is not public. The output is a function of the ledger state and the issuance only (no clock, no random id).
 */
public final class UntpCredentials {

    /** The UNTP release the credentials follow. */
    public static final String UNTP_VERSION = "0.7.0";
    /** The W3C VC 2.0 context, first in every credential. */
    public static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    /** UNTP's JSON-LD context of {@link #UNTP_VERSION}, one for every UNTP credential type. */
    public static final String UNTP_CONTEXT = "https://vocabulary.uncefact.org/untp/" + UNTP_VERSION + "/context/";
    /** GS1's canonical resolver: a GTIN and lot as a GS1 Digital Link URI that is the same for every issuer. */
    public static final String GS1_ID = "https://id.gs1.org";
    /** The UNTP conformity topic of a carbon footprint. */
    static final String TOPIC_EMISSIONS = "environment.emissions";
    /** The UNTP conformity topic of supply-chain traceability. */
    static final String TOPIC_TRACEABILITY = "governance.traceability";
    private static final String GHG_PROTOCOL = "GHG Protocol Product Standard";
    /** Where the standards an attestation may name are published, so that a claim references each by a URI. */
    private static final Map<String, String> STANDARD_URIS = Map.of(
            "ISO 14067", "https://www.iso.org/standard/71206.html",
            GHG_PROTOCOL, "https://ghgprotocol.org/product-standard",
            "PACT 3", "https://docs.carbon-transparency.org/",
            "ISO 14064-3", "https://www.iso.org/standard/66455.html",
            "PAS 2050", "https://knowledge.bsigroup.com/products/specification-for-the-assessment-of-the-life-cycle-"
                    + "greenhouse-gas-emissions-of-goods-and-services");
    /** UN/ECE Recommendation 20 codes: kilogram, percent, one (a count). */
    static final String KILOGRAM = "KGM";
    static final String PERCENT = "P1";
    static final String ONE = "C62";

    private UntpCredentials() {
    }

    /**
     * @param batch a batch
     * @return the path of its passport credential under the issuer's base URL
     */
    public static String productPassportPath(BatchId batch) {
        Objects.requireNonNull(batch, "batch");
        return "/api/v1/batches/" + batch.gtin().value() + "/" + batch.lot().percentEncoded()
                + "/credentials/untp-dpp";
    }

    /**
     * @param batch the attested batch
     * @param attestationId the attestation
     * @return the path of its conformity credential under the certifier's base URL
     */
    public static String conformityCredentialPath(BatchId batch, LedgerId attestationId) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(attestationId, "attestationId");
        return "/api/v1/batches/" + batch.gtin().value() + "/" + batch.lot().percentEncoded() + "/attestations/"
                + attestationId.value() + "/credentials/untp-dcc";
    }

    /**
     * The batch's Digital Product Passport, issued by its owner.
     *
     * @param facts the sealed batch's ledger state
     * @param issuance the owner's identity
     * @return the unsecured credential
     * @throws LedgerRuleException BATCH_NOT_SEALED
     */
    public static JsonObject productPassport(FootprintFacts facts, Issuance issuance) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(issuance, "issuance");
        StoredBatch batch = facts.batch();
        DeclaredFootprint declared = DeclaredFootprint.of(batch);
        Provenance provenance = facts.provenance();
        JsonObjectReader product = JsonObjectReader.of(facts.product(), "product");
        String owner = batch.ownerMspId();
        String ownerName = facts.displayName(owner).orElseThrow();
        String productName = product.requireString("name");
        String id = issuance.issuer().baseUrl() + productPassportPath(batch.id());
        Instant sealedAt = batch.sealedAt().orElseThrow();

        JsonObject.Builder subject = JsonObject.builder()
                .put("type", strings("Product"))
                .put("id", digitalLink(batch.id()))
                .put("name", productName);
        product.optionalString("description").filter(d -> !d.isEmpty()).ifPresent(d -> subject.put("description", d));
        subject.put("idScheme", JsonObject.builder()
                        .put("type", strings("IdentifierScheme"))
                        .put("id", GS1_ID + "/01/")
                        .put("name", "GS1 Global Trade Item Number (GTIN), GS1 Digital Link")
                        .build())
                .put("batchNumber", batch.id().lot().value())
                .put("idGranularity", "batch")
                // The ledger records no product classification (as in the PACT export): none rather than a guess.
                .put("productCategory", JsonArray.of(List.of()))
                .put("relatedParty", relatedParties(facts, issuance))
                // The ledger records no facilities: the producing organization stands for the place of production.
                .put("producedAtFacility", JsonObject.builder()
                        .put("type", strings("Facility"))
                        .put("id", issuance.issuer().did())
                        .put("name", ownerName)
                        .build())
                .put("productionDate", date(sealedAt))
                .put("countryOfProduction", JsonObject.builder()
                        .put("countryCode", issuance.countryOfProduction().orElse(Issuance.UNKNOWN_COUNTRY))
                        .build())
                .put("performanceClaim", JsonArray.of(
                        footprintClaim(facts, declared, provenance, id),
                        traceabilityClaim(facts, provenance, id)));

        return JsonObject.builder()
                .put("@context", strings(VC_CONTEXT, UNTP_CONTEXT))
                .put("type", strings("DigitalProductPassport", "VerifiableCredential"))
                .put("id", id)
                .put("issuer", issuer(issuance, ownerName))
                .put("validFrom", sealedAt.toString())
                .put("validUntil", provenance.referencePeriodEnd().atOffset(ZoneOffset.UTC)
                        .plusYears(ProductFootprints.VALIDITY_YEARS).toInstant().toString())
                .put("name", "Digital product passport: " + productName + ", lot " + batch.id().lot().value())
                .put("credentialSubject", subject.build())
                .build();
    }

    /**
     * A certifier's attestation of the batch as a Digital Conformity Credential, issued by the certifier.
     *
     * @param facts the attested batch's ledger state (its attestations included)
     * @param attestationId one of its attestations
     * @param issuance the certifier's identity
     * @return the unsecured credential
     * @throws LedgerRuleException NOT_FOUND if the batch has no such attestation, BATCH_NOT_SEALED
     */
    public static JsonObject conformityCredential(FootprintFacts facts, LedgerId attestationId, Issuance issuance) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(attestationId, "attestationId");
        Objects.requireNonNull(issuance, "issuance");
        StoredAttestation a = facts.attestations().stream().filter(x -> x.attestationId().equals(attestationId))
                .findFirst().orElseThrow(() -> LedgerRuleException.of(ErrorCode.NOT_FOUND, "attestationId",
                        attestationId.value(), "is not an attestation of batch " + facts.batch().id()));
        StoredBatch batch = facts.batch();
        DeclaredFootprint declared = DeclaredFootprint.of(batch);
        String productName = JsonObjectReader.of(facts.product(), "product").requireString("name");
        String certifier = facts.displayName(a.certifierMspId()).orElse(a.certifierMspId());
        boolean verified = StoredAttestation.VERIFIED.equals(a.verdict());
        String assurance = a.assuranceLevel().toLowerCase(Locale.ROOT);
        String subjectId = attestationUri(a.attestationId());

        JsonObject assessment = JsonObject.builder()
                .put("type", strings("ConformityAssessment"))
                .put("id", subjectId + "#assessment")
                .put("name", "Product carbon footprint per " + declared.declaredUnit().symbol() + " against "
                        + a.standard())
                .put("description", "Seal " + a.sealHash().toHex() + " of lot " + batch.id().lot().value()
                        + (a.sealHash().equals(batch.sealHash().orElseThrow()) ? "" : " (not the batch's current seal)")
                        + ": " + (verified ? "verified" : "rejected") + " with " + assurance + " assurance."
                        + (a.comment().isEmpty() ? "" : " " + a.comment()))
                .put("assessmentDate", date(a.attestedAt()))
                .put("referenceStandard", standard(a.standard()))
                .put("conformityTopic", topic(TOPIC_EMISSIONS))
                .put("conformance", verified)
                .put("assessedProduct", JsonArray.of(JsonObject.builder()
                        .put("type", strings("ProductVerification"))
                        .put("product", JsonObject.builder()
                                .put("type", strings("Product"))
                                .put("id", digitalLink(batch.id()))
                                .put("name", productName)
                                .put("batchNumber", batch.id().lot().value())
                                .build())
                        .put("idVerifiedByCAB", true)
                        .build()))
                .put("declaredValue", JsonArray.of(performance("carbon-footprint",
                        "Product carbon footprint, kg CO2e per " + declared.declaredUnit().symbol()
                                + " (cradle-to-gate, sealed)", declared.perDeclaredUnit().total(), KILOGRAM)))
                .build();

        JsonObject subject = JsonObject.builder()
                .put("type", strings("ConformityAttestation"))
                .put("id", subjectId)
                .put("name", a.standard() + " verification of the carbon footprint of " + productName + ", lot "
                        + batch.id().lot().value())
                .put("assessorLevel", "3rdParty")
                // The ledger records that the certifier holds the CERTIFIER role, not who accredited it.
                .put("assessmentLevel", "Unspecified")
                .put("attestationType", "verification")
                .put("description", certifier + " " + (verified ? "verified" : "rejected") + " the sealed footprint "
                        + "with " + assurance + " assurance, valid from " + a.validFrom() + " until "
                        + a.validUntil() + " (attestation " + a.attestationId().value() + " on the Carbon Ledger, "
                        + "transaction " + a.txId() + ").")
                .put("issuedToParty", producerParty(facts))
                .put("assessment", JsonArray.of(assessment))
                .build();

        return JsonObject.builder()
                .put("@context", strings(VC_CONTEXT, UNTP_CONTEXT))
                .put("type", strings("DigitalConformityCredential", "VerifiableCredential"))
                .put("id", issuance.issuer().baseUrl() + conformityCredentialPath(batch.id(), a.attestationId()))
                .put("issuer", issuer(issuance, certifier))
                .put("validFrom", a.validFrom().toString())
                .put("validUntil", a.validUntil().toString())
                .put("name", "Conformity credential: " + a.standard() + ", " + productName + " lot "
                        + batch.id().lot().value())
                .put("credentialSubject", subject)
                .build();
    }

    /**
     * @param attestationId an attestation
     * @return the URI of the attestation, the subject of its conformity credential: the same whichever certifier's
     *     host serves the credential, so a passport issued by the producer can name it as evidence
     */
    public static String attestationUri(LedgerId attestationId) {
        return "urn:uuid:" + attestationId.value();
    }

    /** @return the batch's GS1 Digital Link on GS1's canonical resolver, lot percent-encoded */
    static String digitalLink(BatchId batch) {
        return GS1_ID + "/01/" + batch.gtin().value() + "/10/" + batch.lot().percentEncoded();
    }

    private static JsonObject footprintClaim(FootprintFacts facts, DeclaredFootprint declared, Provenance provenance,
                                             String credentialId) {
        Co2e per = declared.perDeclaredUnit();
        String unit = declared.declaredUnit().symbol();
        List<JsonValue> standards = new ArrayList<>();
        TreeMap<String, Boolean> named = new TreeMap<>();
        named.put(GHG_PROTOCOL, true);
        List<JsonValue> evidence = new ArrayList<>();
        for (StoredAttestation a : facts.countingAttestations()) {
            named.put(a.standard(), true);
            evidence.add(JsonObject.builder()
                    .put("linkURL", attestationUri(a.attestationId()))
                    .put("linkName", "Conformity credential: " + a.standard() + " verification by "
                            + facts.displayName(a.certifierMspId()).orElse(a.certifierMspId()) + ", "
                            + a.assuranceLevel().toLowerCase(Locale.ROOT) + " assurance, valid until "
                            + a.validUntil())
                    .put("mediaType", VcJwt.MEDIA_TYPE)
                    .build());
        }
        named.keySet().forEach(s -> standards.add(standard(s)));
        JsonObject.Builder claim = JsonObject.builder()
                .put("type", strings("Claim"))
                .put("id", credentialId + "#carbon-footprint")
                .put("name", "Product carbon footprint (cradle-to-gate)")
                .put("description", "kg CO2e per " + unit + " of the product, sealed on the Carbon Ledger "
                        + "(seal " + facts.batch().sealHash().orElseThrow().toHex() + ", Merkle root "
                        + declared.seal().merkleRoot().toHex() + "): fossil and biogenic non-CO2 emissions, "
                        + "GWP100 of " + declared.seal().gwpSet() + "; biogenic CO2 "
                        + Decimals.canonical(per.biogenicCo2()) + " kg per " + unit + " is reported outside the "
                        + "total. Exact decimal values: total " + Decimals.canonical(per.total()) + ", fossil "
                        + Decimals.canonical(per.fossil()) + ", biogenic non-CO2 "
                        + Decimals.canonical(per.biogenicNonCo2()) + ".")
                .put("referenceCriteria", JsonArray.of(JsonObject.builder()
                        .put("type", strings("Criterion"))
                        .put("id", "urn:carbonledger:criterion:sealed-cradle-to-gate-footprint")
                        .put("name", "Cradle-to-gate product carbon footprint per declared unit, computed from "
                                + "device-signed activity data and sealed on the Carbon Ledger")
                        .build()))
                .put("referenceStandard", JsonArray.of(standards))
                .put("claimDate", date(facts.batch().sealedAt().orElseThrow()))
                .put("applicablePeriod", JsonObject.builder()
                        .put("startDate", date(provenance.referencePeriodStart()))
                        .put("endDate", date(provenance.referencePeriodEnd()))
                        .build())
                .put("claimedPerformance", JsonArray.of(
                        performance("carbon-footprint", "Product carbon footprint, kg CO2e per " + unit,
                                per.total(), KILOGRAM),
                        performance("fossil-ghg-emissions", "Fossil GHG emissions, kg CO2e per " + unit,
                                per.fossil(), KILOGRAM),
                        performance("biogenic-non-co2-emissions", "Biogenic non-CO2 emissions, kg CO2e per " + unit,
                                per.biogenicNonCo2(), KILOGRAM),
                        performance("primary-data-share", "Primary data share of the footprint, percent",
                                provenance.primaryDataSharePercent(), PERCENT)));
        if (!evidence.isEmpty()) {
            claim.put("evidence", JsonArray.of(evidence));
        }
        return claim.put("conformityTopic", JsonArray.of(topic(TOPIC_EMISSIONS))).build();
    }

    private static JsonObject traceabilityClaim(FootprintFacts facts, Provenance provenance, String credentialId) {
        int suppliers = provenance.upstreamOwners().size()
                - (provenance.upstreamOwners().contains(facts.batch().ownerMspId()) ? 1 : 0);
        return JsonObject.builder()
                .put("type", strings("Claim"))
                .put("id", credentialId + "#traceability")
                .put("name", "Supply chain traced to sealed lots")
                .put("description", "Every upstream lot whose footprint this one draws on is sealed on the Carbon "
                        + "Ledger; its footprint reaches this lot by allocation in proportion to the quantity "
                        + "received. Suppliers are named only where they made their identity public.")
                .put("referenceCriteria", JsonArray.of(JsonObject.builder()
                        .put("type", strings("Criterion"))
                        .put("id", "urn:carbonledger:criterion:sealed-upstream-provenance")
                        .put("name", "Every upstream lot sealed on the Carbon Ledger")
                        .build()))
                .put("claimDate", date(facts.batch().sealedAt().orElseThrow()))
                .put("claimedPerformance", JsonArray.of(
                        performance("supply-chain-tiers", "Tiers of the supply chain, the producer's own included",
                                BigDecimal.valueOf(provenance.tiers()), ONE),
                        performance("upstream-suppliers", "Supplier organizations upstream",
                                BigDecimal.valueOf(suppliers), ONE)))
                .put("conformityTopic", JsonArray.of(topic(TOPIC_TRACEABILITY)))
                .build();
    }

    /** The producer, and the upstream suppliers that made their identity public (the consumer passport's rule). */
    private static JsonArray relatedParties(FootprintFacts facts, Issuance issuance) {
        String owner = facts.batch().ownerMspId();
        List<JsonValue> parties = new ArrayList<>();
        parties.add(JsonObject.builder().put("role", "producer").put("party", JsonObject.builder()
                .put("type", strings("Party"))
                .put("id", issuance.issuer().did())
                .put("name", facts.displayName(owner).orElseThrow())
                .build()).build());
        for (String supplier : facts.provenance().upstreamOwners()) {
            if (!supplier.equals(owner) && facts.isPublic(supplier) && facts.displayName(supplier).isPresent()) {
                parties.add(JsonObject.builder().put("role", "processor")
                        .put("party", party(facts, supplier)).build());
            }
        }
        return JsonArray.of(parties);
    }

    /** The producer as a conformity credential names it: by name only when its identity is public. */
    private static JsonObject producerParty(FootprintFacts facts) {
        String owner = facts.batch().ownerMspId();
        if (facts.isPublic(owner)) {
            return party(facts, owner);
        }
        return JsonObject.builder()
                .put("type", strings("Party"))
                .put("id", "urn:carbonledger:producer-of:" + facts.batch().id().gtin().value())
                .put("name", "The producer of GTIN " + facts.batch().id().gtin().value() + " (identity not public)")
                .build();
    }

    private static JsonObject party(FootprintFacts facts, String mspId) {
        String website = JsonObjectReader.of(facts.organizations().get(mspId), "organization")
                .optionalString("website").orElse("");
        return JsonObject.builder()
                .put("type", strings("Party"))
                .put("id", website.isEmpty() ? "urn:carbonledger:organization:" + mspId : website)
                .put("name", facts.displayName(mspId).orElseThrow())
                .build();
    }

    private static JsonObject issuer(Issuance issuance, String name) {
        return JsonObject.builder()
                .put("type", strings("CredentialIssuer"))
                .put("id", issuance.issuer().did())
                .put("name", name)
                .build();
    }

    private static JsonObject standard(String name) {
        return JsonObject.builder()
                .put("type", strings("Standard"))
                .put("id", Optional.ofNullable(STANDARD_URIS.get(name)).orElse(
                        "urn:carbonledger:standard:" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .put("name", name)
                .build();
    }

    /** UNTP's topic code as the name; the id is this project's until UNTP publishes URIs for its topics. */
    private static JsonObject topic(String code) {
        return JsonObject.builder()
                .put("type", strings("ConformityTopic"))
                .put("id", "urn:carbonledger:conformity-topic:" + code)
                .put("name", code)
                .build();
    }

    private static JsonObject performance(String metricId, String metricName, BigDecimal value, String unit) {
        return JsonObject.builder()
                .put("metric", JsonObject.builder()
                        .put("type", strings("PerformanceMetric"))
                        .put("id", "urn:carbonledger:metric:" + metricId)
                        .put("name", metricName)
                        .build())
                // A JSON number, as UNTP's Measure requires; the exact decimal as the ledger holds it.
                .put("measure", JsonObject.builder()
                        .put("value", new JsonNumber(Decimals.canonical(value)))
                        .put("unit", unit)
                        .build())
                .build();
    }

    private static String date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static JsonArray strings(String... values) {
        List<JsonValue> list = new ArrayList<>();
        for (String v : values) {
            list.add(JsonString.of(v));
        }
        return JsonArray.of(list);
    }
}
