package org.carbonledger.core.pact;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.accounting.StageScope;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.merkle.Seal;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Unit;

/**
 * Maps a sealed batch to a PACT v3 {@code ProductFootprint} (WBCSD Technical Specifications for PCF Data Exchange
 * 3.0): one footprint per seal, with every member the specification's schema requires and the optional ones the
 * ledger has data for. docs/pact.md lists where each member comes from.
 *
 * <pre>{@code
 * JsonObject pf = ProductFootprints.map(facts, "steelco.example");
 * String id = ProductFootprints.id(sealHash).toString();   // the same for every caller, forever
 * }</pre>
 *
 * <p>The output is a function of the ledger state only (no clock, no random id): the same facts give the same JSON,
 * member for member, so the service and the CLI export the same bytes.
 */
public final class ProductFootprints {

    /** The PACT specification version the footprints follow. */
    public static final String SPEC_VERSION = "3.0.0";
    /** Footprints stay valid this many years after their reference period ends, PACT's default. */
    public static final int VALIDITY_YEARS = 3;

    private ProductFootprints() {
    }

    /**
     * The stable footprint id of a seal: the first 128 bits of the seal hash, with the RFC 9562 version set to 8
     * (custom) and the variant to RFC 4122. A seal never changes, so its footprint id never does; anyone holding the
     * seal hash derives the same id, and the id leads back to the seal by its first 48 bits.
     *
     * @param sealHash the seal hash
     * @return the footprint id
     */
    public static UUID id(Hash sealHash) {
        byte[] b = Objects.requireNonNull(sealHash, "sealHash").bytes();
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        msb = (msb & ~0xf000L) | 0x8000L;
        lsb = (lsb & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /**
     * @param id a footprint id
     * @return the first 12 hex digits of the seal hash it was made from (the bits {@link #id} keeps unchanged)
     */
    public static String sealHashPrefix(UUID id) {
        return Objects.requireNonNull(id, "id").toString().substring(0, 8) + id.toString().substring(9, 13);
    }

    /**
     * @param facts the batch's ledger state
     * @param fallbackIssuerDomain the domain that issues the {@code urn:pact:} ids when the batch owner's profile
     *     has no website (the owner's website host is used otherwise), e.g. {@code carbonledger.example.com}
     * @return the ProductFootprint
     */
    public static JsonObject map(FootprintFacts facts, String fallbackIssuerDomain) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(fallbackIssuerDomain, "fallbackIssuerDomain");
        StoredBatch batch = facts.batch();
        Provenance provenance = facts.provenance();
        DeclaredFootprint declared = DeclaredFootprint.of(batch);
        Seal seal = declared.seal();
        JsonObjectReader product = JsonObjectReader.of(facts.product(), "product");
        String issuer = issuerDomain(facts, fallbackIssuerDomain);
        String owner = batch.ownerMspId();
        Hash sealHash = batch.sealHash().orElseThrow();
        Instant sealedAt = batch.sealedAt().orElseThrow();

        JsonObject.Builder pf = JsonObject.builder()
                .put("id", id(sealHash).toString())
                .put("specVersion", SPEC_VERSION)
                .put("created", sealedAt.toString())
                .put("status", "Active")
                .put("validityPeriodStart", provenance.referencePeriodEnd().toString())
                .put("validityPeriodEnd", provenance.referencePeriodEnd().atOffset(ZoneOffset.UTC)
                        .plusYears(VALIDITY_YEARS).toInstant().toString())
                .put("companyName", facts.displayName(owner).orElseThrow())
                .put("companyIds", strings(List.of("urn:pact:" + issuer + ":msp-id:" + owner)))
                .put("productDescription", product.optionalString("description").orElse(""))
                .put("productIds", strings(List.of(
                        "urn:gtin:" + batch.id().gtin().value(),
                        "urn:pact:" + issuer + ":batch-id:" + batch.id().gtin().value() + "."
                                + batch.id().lot().percentEncoded())))
                .put("productNameCompany", product.requireString("name"))
                .put("comment", comment(batch, seal, provenance, declared))
                .put("pcf", pcf(facts, declared, provenance));
        return pf.build();
    }

    private static JsonObject pcf(FootprintFacts facts, DeclaredFootprint declared, Provenance provenance) {
        Co2e perUnit = declared.perDeclaredUnit();
        DeclaredUnit unit = DeclaredUnit.of(declared.declaredUnit());
        JsonObject.Builder pcf = JsonObject.builder()
                .put("declaredUnitOfMeasurement", unit.pactName())
                .put("declaredUnitAmount", Decimals.canonical(unit.amount()))
                .put("productMassPerDeclaredUnit", Decimals.canonical(unit.massKg()))
                .put("referencePeriodStart", provenance.referencePeriodStart().toString())
                .put("referencePeriodEnd", provenance.referencePeriodEnd().toString())
                .put("boundaryProcessesDescription", boundary(declared))
                .put("pcfExcludingBiogenicUptake", Decimals.canonical(perUnit.total()))
                // No biogenic CO2 uptake is recorded on the ledger, so including it changes nothing.
                .put("pcfIncludingBiogenicUptake", Decimals.canonical(perUnit.total()))
                // Carbon content is not recorded on the ledger; PACT requires the member, see docs/pact.md.
                .put("fossilCarbonContent", "0")
                .put("fossilGhgEmissions", Decimals.canonical(perUnit.fossil()))
                .put("biogenicNonCO2Emissions", Decimals.canonical(perUnit.biogenicNonCo2()));
        BigDecimal packaging = BigDecimal.ZERO;
        boolean hasPackaging = false;
        for (Map.Entry<StageScope, Co2e> cell : declared.breakdownPerDeclaredUnit().entrySet()) {
            if (cell.getKey().stage() == Stage.PACKAGING) {
                hasPackaging = true;
                packaging = packaging.add(cell.getValue().total());
            }
        }
        pcf.put("packagingEmissionsIncluded", hasPackaging);
        if (hasPackaging) {
            pcf.put("packagingGhgEmissions", Decimals.canonical(packaging));
        }
        pcf.put("ccsTechnologicalCO2CaptureIncluded", false)
                .put("ipccCharacterizationFactors", strings(List.of(ipccReport(declared.seal().gwpSet()))))
                .put("crossSectoralStandards", strings(crossSectoralStandards(facts)))
                .put("exemptedEmissionsPercent", "0")
                .put("exemptedEmissionsDescription", "")
                .put("allocationRulesDescription", "Material received from a supplier carries the supplier lot's "
                        + "sealed footprint allocated by quantity (physical allocation): quantity received divided by "
                        + "the quantity of the source lot, quantities converted to one unit.");
        if (!provenance.factorSources().isEmpty()) {
            List<JsonValue> sources = new ArrayList<>();
            for (Provenance.FactorSource s : provenance.factorSources()) {
                sources.add(JsonObject.builder().put("name", s.dataset()).put("version", s.version()).build());
            }
            pcf.put("secondaryEmissionFactorSources", JsonArray.of(sources));
        }
        pcf.put("primaryDataShare", Decimals.canonical(provenance.primaryDataSharePercent()));
        List<StoredAttestation> counting = facts.countingAttestations();
        if (!counting.isEmpty()) {
            StoredAttestation a = counting.get(0);
            pcf.put("verification", JsonObject.builder()
                    .put("coverage", "product level")
                    .put("providerName", facts.displayName(a.certifierMspId()).orElse(a.certifierMspId()))
                    .put("completedAt", a.attestedAt().toString())
                    .put("standardName", a.standard())
                    .put("comments", "Attestation " + a.attestationId().value() + " on the Carbon Ledger: "
                            + a.assuranceLevel().toLowerCase(Locale.ROOT) + " assurance, valid from "
                            + a.validFrom() + " until " + a.validUntil() + ", covering seal "
                            + a.sealHash().toHex() + "." + (a.comment().isEmpty() ? "" : " " + a.comment()))
                    .build());
        }
        return pcf.build();
    }

    /**
     * The cross-sectoral standards: the GHG Protocol Product Standard, whose rules the ledger's accounting follows
     * (cradle-to-gate, scopes, biogenic CO2 outside the total), and every PACT-listed standard a counting
     * attestation verified the footprint against.
     */
    static List<String> crossSectoralStandards(FootprintFacts facts) {
        TreeSet<String> standards = new TreeSet<>(List.of("GHGP-Product"));
        for (StoredAttestation a : facts.countingAttestations()) {
            switch (a.standard()) {
                case "ISO 14067" -> standards.add("ISO14067");
                case "GHG Protocol Product Standard" -> standards.add("GHGP-Product");
                case "PACT 3" -> standards.add("PACT-3.0");
                default -> {
                    // PAS 2050 and ISO 14064-3 have no PACT v3 code; they still show in verification.standardName.
                }
            }
        }
        return List.copyOf(standards);
    }

    /** {@code IPCC-AR6-GWP100} → {@code AR6}. */
    static String ipccReport(String gwpSet) {
        if (gwpSet.startsWith("IPCC-AR") && gwpSet.endsWith("-GWP100")) {
            String number = gwpSet.substring(7, gwpSet.length() - 7);
            if (!number.isEmpty() && number.chars().allMatch(Character::isDigit)) {
                return "AR" + number;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "seal.gwpSet", gwpSet,
                "is not an IPCC assessment report's GWP100 set, which PACT requires");
    }

    private static String boundary(DeclaredFootprint declared) {
        StringBuilder text = new StringBuilder("Cradle-to-gate. Per ")
                .append(Decimals.canonical(DeclaredUnit.of(declared.declaredUnit()).amount())).append(' ')
                .append(DeclaredUnit.of(declared.declaredUnit()).pactName()).append(", kgCO2e by life-cycle stage "
                        + "and GHG Protocol scope (received material counts as RAW_MATERIALS, scope 3):");
        String separator = " ";
        for (Map.Entry<StageScope, Co2e> cell : declared.breakdownPerDeclaredUnit().entrySet()) {
            text.append(separator).append(cell.getKey().stage().name()).append(" scope ")
                    .append(cell.getKey().scope().number()).append(' ')
                    .append(Decimals.display(cell.getValue().total(), 6));
            separator = "; ";
        }
        return text.append('.').toString();
    }

    private static String comment(StoredBatch batch, Seal seal, Provenance provenance, DeclaredFootprint declared) {
        return "Footprint of lot " + batch.id().lot().value() + " of GTIN " + batch.id().gtin().value()
                + " (" + Decimals.canonical(declared.batchQuantity().value()) + " " + declared.declaredUnit().symbol()
                + "), sealed on the Carbon Ledger at " + batch.sealedAt().orElseThrow() + " in transaction "
                + batch.sealTxId().orElseThrow() + ": seal hash " + batch.sealHash().orElseThrow().toHex()
                + ", Merkle root " + seal.merkleRoot().toHex() + " over " + seal.recordCount() + " records and "
                + seal.transferCount() + " received shipments; " + provenance.tiers() + " supply-chain tiers, "
                + provenance.recordCount() + " device-signed records in all. Biogenic CO2 emissions of "
                + Decimals.canonical(declared.perDeclaredUnit().biogenicCo2())
                + " kg per declared unit are tracked and reported outside the totals.";
    }

    private static String issuerDomain(FootprintFacts facts, String fallback) {
        JsonObjectReader owner = JsonObjectReader.of(facts.organizations().get(facts.batch().ownerMspId()),
                "organization");
        String website = owner.optionalString("website").orElse("");
        String domain = fallback;
        if (website.startsWith("https://")) {
            String rest = website.substring(8);
            int end = rest.length();
            for (char stop : new char[] {'/', ':', '?', '#'}) {
                int i = rest.indexOf(stop);
                end = i >= 0 ? Math.min(end, i) : end;
            }
            domain = rest.substring(0, end);
        }
        return requireDomain(domain.toLowerCase(Locale.ROOT));
    }

    private static String requireDomain(String domain) {
        if (domain.isEmpty() || domain.startsWith(".") || domain.startsWith("-") || !domain.chars().allMatch(c ->
                (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "issuerDomain", domain,
                    "must be a domain name (letters, digits, '.', '-')");
        }
        return domain;
    }

    private static JsonArray strings(List<String> values) {
        List<JsonValue> out = new ArrayList<>();
        for (String v : values) {
            out.add(JsonString.of(v));
        }
        return JsonArray.of(out);
    }

    /**
     * How a ledger unit is written as a PACT declared unit: PACT's unit name and the amount of it that one ledger
     * unit is, e.g. t → 1000 kilogram.
     *
     * @param pactName PACT's {@code declaredUnitOfMeasurement}
     * @param amount PACT's {@code declaredUnitAmount}
     * @param massKg PACT's {@code productMassPerDeclaredUnit}: the mass of one ledger unit for mass units, 0 (PACT's
     *     value for "not relevant or not known") for the others, whose mass the ledger does not record
     */
    record DeclaredUnit(String pactName, BigDecimal amount, BigDecimal massKg) {
        static DeclaredUnit of(Unit unit) {
            return switch (unit) {
                case G -> mass("0.001");
                case KG -> mass("1");
                case T -> mass("1000");
                case KWH -> other("kilowatt hour", "1");
                case MWH -> other("kilowatt hour", "1000");
                case MJ -> other("megajoule", "1");
                case GJ -> other("megajoule", "1000");
                case L -> other("liter", "1");
                case M3 -> other("cubic meter", "1");
                case PIECE -> other("piece", "1");
            };
        }

        private static DeclaredUnit mass(String kg) {
            return new DeclaredUnit("kilogram", new BigDecimal(kg), new BigDecimal(kg));
        }

        private static DeclaredUnit other(String name, String amount) {
            return new DeclaredUnit(name, new BigDecimal(amount), BigDecimal.ZERO);
        }
    }
}
