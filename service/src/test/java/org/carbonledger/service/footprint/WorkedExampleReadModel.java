package org.carbonledger.service.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.service.sync.ChangeApplier;

/**
 * The worked example of docs/accounting.md (four tiers ending in 500 washing machines) put into the read model the
 * way the sync puts ledger state there: as chaincode change events applied by {@link ChangeApplier}. The states come
 * from core's checked-in proof bundle fixture, which holds them exactly as the chaincode stores them; products,
 * organization profiles and the certifier role are added here. Applying is idempotent (fixed transaction ids), so
 * test classes sharing the embedded database can all call it.
 */
public final class WorkedExampleReadModel {
    public static final BatchId PELLETS = BatchId.of("09506000134376", "PEL-2026-09");
    public static final BatchId COIL_7 = BatchId.of("09506000134352", "COIL-7");
    /** An open batch (not in the worked example): created, not sealed. */
    public static final BatchId COIL_OPEN = BatchId.of("09506000134352", "COIL-OPEN");
    public static final BatchId PANELS = BatchId.of("09506000134383", "PNL-2611-A");
    public static final BatchId WASHERS = BatchId.of("09506000134390", "WM-2611-001");
    /** A second attestation of the washers, valid from 2020 to 2100, so the passport shows VERIFIED on any date. */
    public static final String LONG_ATTESTATION = "40000000-0000-4000-8000-0000000000aa";

    private WorkedExampleReadModel() {
    }

    public static ProofBundle bundle() {
        Path file = Path.of("..", "core", "src", "test", "resources", "fixtures", "verify", "worked-example.bundle.json");
        try {
            return ProofBundle.fromJson(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("the worked-example fixture of core (run the tests from the service "
                    + "module of the reactor)", e);
        }
    }

    public static void apply(ChangeApplier applier) {
        ProofBundle bundle = bundle();
        List<LedgerTransaction.Change> setup = new ArrayList<>();
        setup.add(change("organization", "ORG/ApplianceCoMSP", org("ApplianceCoMSP", "ApplianceCo", true,
                "https://applianceco.example")));
        setup.add(change("organization", "ORG/SteelCoMSP", org("SteelCoMSP", "SteelCo", false, "")));
        setup.add(change("organization", "ORG/CertCoMSP", org("CertCoMSP", "CertCo Assurance", true, "")));
        for (org.carbonledger.core.ledger.CertifierRole role : bundle.certifiers().values()) {
            setup.add(change("role", "ROLE/" + role.mspId() + "/CERTIFIER", role.json()));
        }
        for (org.carbonledger.core.ledger.StoredDevice d : bundle.devices().values()) {
            setup.add(change("device", "DEVICE/" + d.ownerMspId() + "/" + d.deviceId().value(), d.json()));
        }
        setup.add(change("product", "PRODUCT/" + PELLETS.gtin(), product(PELLETS, "Iron-ore pellets", "t", "SteelCoMSP")));
        setup.add(change("product", "PRODUCT/" + COIL_7.gtin(), product(COIL_7, "Hot-rolled steel coil", "t", "SteelCoMSP")));
        setup.add(change("product", "PRODUCT/" + PANELS.gtin(), product(PANELS, "Stamped side panels", "piece",
                "ApplianceCoMSP")));
        setup.add(change("product", "PRODUCT/" + WASHERS.gtin(), product(WASHERS, "Washing machine", "piece",
                "ApplianceCoMSP")));
        for (StoredFactor f : bundle.factors().values()) {
            setup.add(change("factor", "FACTOR/" + f.factorId(), f.json()));
        }
        List<LedgerTransaction.Change> chain = new ArrayList<>();
        for (BundledBatch b : bundle.batches().values()) {
            BatchId id = b.batch().id();
            chain.add(change("batch", "BATCH/" + id.gtin() + "/" + id.lot(), b.batch().json()));
            for (StoredRecord r : b.records()) {
                chain.add(change("record", "ID/" + r.recordId().value(), r.json()));
            }
            for (StoredAttestation a : b.attestations()) {
                chain.add(change("attestation", "ATTESTATION/" + id.gtin() + "/" + id.lot() + "/"
                        + a.attestationId().value(), a.json()));
            }
        }
        JsonObject coil7 = bundle.batch(COIL_7).orElseThrow().batch().json();
        JsonObject open = coil7.without("lot").without("status").without("seal").without("sealHash").without("sealedAt")
                .without("sealTxId").without("inbound").toBuilder().put("lot", COIL_OPEN.lot().value())
                .put("status", "OPEN").put("inbound", org.carbonledger.core.json.JsonArray.of()).build();
        chain.add(change("batch", "BATCH/" + COIL_OPEN.gtin() + "/" + COIL_OPEN.lot(), open));
        for (StoredTransfer t : bundle.transfers().values()) {
            chain.add(change("transfer", "TRANSFER/" + t.transferId().value(), t.json()));
        }
        StoredAttestation washers = bundle.batch(WASHERS).orElseThrow().attestations().get(0);
        JsonObject longValid = washers.json().without("attestationId").without("validFrom").without("validUntil")
                .without("attestedAt").toBuilder()
                .put("attestationId", LONG_ATTESTATION).put("validFrom", "2020-01-01T00:00:00Z")
                .put("validUntil", "2100-01-01T00:00:00Z").put("attestedAt", "2026-12-11T09:00:00Z").build();
        chain.add(change("attestation", "ATTESTATION/" + WASHERS.gtin() + "/" + WASHERS.lot() + "/" + LONG_ATTESTATION,
                longValid));
        applier.apply(new LedgerTransaction(1, "worked-example-setup-tx-v2", "2026-01-05T10:00:00Z", "SteelCoMSP",
                "Test:Setup", setup));
        applier.apply(new LedgerTransaction(2, "worked-example-chain-tx", "2026-12-11T09:00:00Z", "SteelCoMSP",
                "Test:Chain", chain));
    }

    static LedgerTransaction.Change change(String type, String key, JsonObject value) {
        return new LedgerTransaction.Change(type, key, Optional.of(value));
    }

    public static JsonObject org(String msp, String name, boolean isPublic, String website) {
        return JsonObject.builder().put("mspId", msp).put("displayName", name).put("public", isPublic)
                .put("website", website).put("registeredAt", "2026-01-01T00:00:00Z")
                .put("updatedAt", "2026-01-01T00:00:00Z").build();
    }

    static JsonObject product(BatchId id, String name, String unit, String owner) {
        return JsonObject.builder().put("gtin", id.gtin().value()).put("name", name).put("declaredUnit", unit)
                .put("description", name + " of the worked example").put("ownerMspId", owner)
                .put("createdAt", "2026-01-02T00:00:00Z").put("txId", "d".repeat(64)).build();
    }
}
