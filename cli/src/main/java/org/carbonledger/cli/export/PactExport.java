package org.carbonledger.cli.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.request.OrganizationAnswer;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.core.pact.Provenance;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.ProofBundle;

/**
 * A sealed batch as a PACT v3 ProductFootprint, from ledger state only: the upstream states of its proof bundle, its
 * product, the organizations' profiles. The mapping is core's {@link ProductFootprints}, the one the service uses.
 */
final class PactExport {

    private PactExport() {
    }

    static JsonObject productFootprint(LedgerClient ledger, ProofBundle bundle, String issuerDomain) {
        return ProductFootprints.map(facts(ledger, bundle, "a PACT ProductFootprint"), issuerDomain);
    }

    /**
     * Everything a declaration of the bundle's root shows, from ledger state only.
     *
     * @param what what the caller makes of it, for the message when the batch is not sealed
     */
    static FootprintFacts facts(LedgerClient ledger, ProofBundle bundle, String what) {
        List<StoredRecord> records = bundle.batches().values().stream().flatMap(b -> b.records().stream()).toList();
        Map<String, StoredFactor> factors = new HashMap<>(bundle.factors());
        BundledBatch root = bundle.batches().get(bundle.root());
        try {
            Provenance provenance = Provenance.of(bundle.root(),
                    bundle.batches().values().stream().map(BundledBatch::batch).toList(), records,
                    bundle.transfers().values(), factors);
            JsonObject product = (JsonObject) ledger.evaluate(LedgerOperation.GET_PRODUCT, bundle.root().gtin().value());
            return new FootprintFacts(provenance, product, organizations(ledger), root.attestations(),
                    bundle.certifiers().keySet());
        } catch (LedgerRuleException e) {
            if (e.code() == ErrorCode.BATCH_NOT_SEALED) {
                throw new CliException(ExitCode.REFUSED, "batch " + bundle.root() + " is not sealed: only a sealed "
                        + "footprint has " + what + " (seal it: carbonctl batch seal)");
            }
            throw e;
        }
    }

    /** The organizations' stored profiles (ListOrganizations adds each one's roles; the profile is without). */
    private static Map<String, JsonObject> organizations(LedgerClient ledger) {
        Map<String, JsonObject> profiles = new HashMap<>();
        JsonObject list = (JsonObject) ledger.evaluate(LedgerOperation.LIST_ORGANIZATIONS);
        for (JsonValue v : JsonObjectReader.of(list, "").requireArray("items").elements()) {
            StoredOrganization org = OrganizationAnswer.fromJson(JsonObjectReader.asObject(v, "items[]"), "items[]")
                    .organization();
            profiles.put(org.mspId(), org.toJson());
        }
        return profiles;
    }
}
