package org.carbonledger.client.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.CertifierRole;
import org.carbonledger.core.ledger.DeviceRef;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.request.OrganizationAnswer;
import org.carbonledger.core.verify.CollectionInfo;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.TransactionClaim;

final class ProofBundleCollectorImpl implements ProofBundleCollector {
    private final PeerReader peer;
    private final int parallelism;

    ProofBundleCollectorImpl(PeerReader peer, int parallelism) {
        this.peer = peer;
        this.parallelism = parallelism;
    }

    @Override
    public ProofBundle collect(BatchId root) {
        ProofBundle.Builder b = ProofBundle.builder(root);
        while (!b.missingBatches().isEmpty() || !b.missingTransfers().isEmpty()) {
            for (BatchId id : b.missingBatches()) {
                addBatch(b, id);
            }
            for (LedgerId t : b.missingTransfers()) {
                b.addTransfer(peer.object(LedgerOperation.GET_TRANSFER, t.value()));
            }
        }
        for (DeviceRef d : b.missingDevices()) {
            b.addDevice(peer.object(LedgerOperation.GET_DEVICE, d.ownerMspId(), d.deviceId().value()));
        }
        for (String f : b.missingFactors()) {
            b.addFactor(peer.object(LedgerOperation.GET_FACTOR, f));
        }
        certifiers().forEach(b::addCertifier);
        addTransactions(b, b.missingTransactions());
        return b.build(new CollectionInfo(peer.channel(), peer.chaincode(), peer.mspId(), peer.peerDescription(),
                Instant.now()));
    }

    private void addBatch(ProofBundle.Builder b, BatchId id) {
        String gtin = id.gtin().value();
        String lot = id.lot().value();
        b.addBatch(peer.object(LedgerOperation.GET_BATCH, gtin, lot));
        // Another producer's records are private unless it designated us: the batch's seal is then all we may see.
        if (!peer.recordsIfDisclosed(gtin, lot, b::addRecord)) {
            b.recordsNotDisclosed(id);
        }
        // Every shipment out of the batch, also to batches outside the bundle: mass balance needs all of them.
        peer.pages(LedgerOperation.LIST_TRANSFERS_FROM, b::addTransfer, gtin, lot);
        for (JsonObject a : attestations(peer, id)) {
            b.addAttestation(a);
        }
    }

    /** The batch's attestations as stored: ListAttestations decorates each with counts and why. */
    static List<JsonObject> attestations(PeerReader peer, BatchId id) {
        JsonObject list = peer.object(LedgerOperation.LIST_ATTESTATIONS, id.gtin().value(), id.lot().value());
        List<JsonObject> stored = new ArrayList<>();
        for (JsonValue v : JsonObjectReader.of(list, "").requireArray("items").elements()) {
            stored.add(JsonObjectReader.asObject(v, "items[]").without("counts").without("why"));
        }
        return stored;
    }

    /** The ROLE states of the organizations holding CERTIFIER now. */
    static List<JsonObject> certifiers(PeerReader peer) {
        JsonObject orgs = peer.object(LedgerOperation.LIST_ORGANIZATIONS);
        List<JsonObject> roles = new ArrayList<>();
        for (JsonValue v : JsonObjectReader.of(orgs, "").requireArray("items").elements()) {
            OrganizationAnswer org = OrganizationAnswer.fromJson(JsonObjectReader.asObject(v, "items[]"), "items[]");
            if (org.holds(CertifierRole.CERTIFIER)) {
                peer.find(LedgerOperation.GET_ROLE, org.organization().mspId(), CertifierRole.CERTIFIER)
                        .ifPresent(roles::add);
            }
        }
        return roles;
    }

    private List<JsonObject> certifiers() {
        return certifiers(peer);
    }

    private void addTransactions(ProofBundle.Builder b, SortedSet<String> txIds) {
        List<TransactionClaim> claims = lookUp(peer, txIds, parallelism);
        for (TransactionClaim c : claims) {
            b.addTransaction(c.txId(), c.blockNumber(), c.validationCode());
        }
        if (claims.size() != txIds.size()) {
            List<String> unknown = txIds.stream().filter(tx -> claims.stream().noneMatch(c -> c.txId().equals(tx)))
                    .toList();
            throw new LedgerReadException("the peer " + peer.peerDescription() + " has no record of transaction(s) "
                    + unknown + " that ledger states name", null, null);
        }
    }

    /** Looks transactions up on a few threads (each look-up fetches a whole block); absent ones are left out. */
    static List<TransactionClaim> lookUp(PeerReader peer, SortedSet<String> txIds, int parallelism) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, txIds.size())));
        try {
            List<Future<Optional<TransactionClaim>>> futures = new ArrayList<>();
            for (String tx : txIds) {
                futures.add(pool.submit(() -> peer.transaction(tx)));
            }
            List<TransactionClaim> claims = new ArrayList<>();
            for (Future<Optional<TransactionClaim>> f : futures) {
                f.get().ifPresent(claims::add);
            }
            return claims;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LedgerReadException("transaction look-up failed: " + e.getCause(), null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerReadException("interrupted while looking up transactions", null, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
