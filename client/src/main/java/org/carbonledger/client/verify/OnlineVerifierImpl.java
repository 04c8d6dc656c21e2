package org.carbonledger.client.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.CertifierRole;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckCategory;
import org.carbonledger.core.verify.CheckIds;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.Subject;
import org.carbonledger.core.verify.TransactionClaim;
import org.carbonledger.core.verify.TransactionReference;

final class OnlineVerifierImpl implements OnlineVerifier {
    private static final CheckCategory CATEGORY = CheckCategory.TRANSACTIONS;
    /** Members the ledger's rules change after sealing: more shipments, a shipment's receipt or closing. */
    private static final Set<String> BATCH_LATER = Set.of("shipped");
    private static final Set<String> TRANSFER_LATER = Set.of("status", "to", "receivedAt", "receiveTxId", "reason",
            "closedAt", "closeTxId");

    private final PeerReader peer;
    private final int parallelism;

    OnlineVerifierImpl(PeerReader peer, int parallelism) {
        this.peer = peer;
        this.parallelism = parallelism;
    }

    @Override
    public String peer() {
        return peer.peerDescription();
    }

    @Override
    public List<Check> check(ProofBundle bundle) {
        List<Check> checks = new ArrayList<>(transactions(bundle));
        for (BundledBatch b : bundle.batches().values()) {
            checks.addAll(batch(b));
        }
        for (StoredTransfer t : bundle.transfers().values()) {
            checks.add(state(Subject.transfer(t.transferId()), t.json(),
                    peer.find(LedgerOperation.GET_TRANSFER, t.transferId().value()), TRANSFER_LATER));
        }
        for (StoredDevice d : bundle.devices().values()) {
            checks.add(state(Subject.device(d.ref()), d.json(),
                    peer.find(LedgerOperation.GET_DEVICE, d.ownerMspId(), d.deviceId().value()), Set.of()));
        }
        for (StoredFactor f : bundle.factors().values()) {
            checks.add(state(Subject.factor(f.factorId()), f.json(), peer.find(LedgerOperation.GET_FACTOR, f.factorId()),
                    Set.of()));
        }
        for (CertifierRole c : bundle.certifiers().values()) {
            checks.add(state(Subject.organization(c.mspId()), c.json(),
                    peer.find(LedgerOperation.GET_ROLE, c.mspId(), CertifierRole.CERTIFIER), Set.of()));
        }
        return checks;
    }

    private List<Check> transactions(ProofBundle bundle) {
        Set<String> referenced = new HashSet<>();
        for (TransactionReference r : bundle.transactionReferences()) {
            referenced.add(r.txId());
        }
        TreeSet<String> ids = new TreeSet<>(bundle.transactionIdsToCheck());
        Map<String, TransactionClaim> answers = new HashMap<>();
        for (TransactionClaim c : ProofBundleCollectorImpl.lookUp(peer, ids, parallelism)) {
            answers.put(c.txId(), c);
        }
        List<Check> checks = new ArrayList<>();
        for (String tx : ids) {
            TransactionClaim claim = bundle.transactions().get(tx);
            TransactionClaim answer = answers.get(tx);
            String claimed = claim == null ? "(not listed)" : "block " + claim.blockNumber() + ", "
                    + claim.validationCode();
            boolean ok;
            String evidence;
            String message;
            if (answer == null) {
                ok = false;
                evidence = "peer has no transaction " + tx + " vs bundle's " + claimed;
                message = "the transaction is not on the ledger: the states it wrote cannot be the ledger's";
            } else {
                ok = answer.claimsValid() && (claim == null || claim.blockNumber() == answer.blockNumber());
                evidence = "peer reports block " + answer.blockNumber() + ", " + answer.validationCode()
                        + " vs bundle's " + claimed;
                message = ok ? "the transaction is committed and VALID in the block the bundle names"
                        : !answer.claimsValid() ? "the transaction was committed invalid: its writes are not on the ledger"
                        : "the transaction is in another block than the bundle claims";
            }
            checks.add(new Check(CheckIds.TRANSACTION_COMMITTED, CATEGORY, Subject.transaction(tx), ok,
                    referenced.contains(tx), evidence, message));
        }
        return checks;
    }

    private List<Check> batch(BundledBatch b) {
        BatchId id = b.batch().id();
        String gtin = id.gtin().value();
        String lot = id.lot().value();
        List<Check> checks = new ArrayList<>();
        checks.add(state(Subject.batch(id), b.batch().json(), peer.find(LedgerOperation.GET_BATCH, gtin, lot),
                BATCH_LATER));
        if (b.recordsDisclosed()) {
            checks.addAll(records(b));
        }
        Map<String, JsonObject> attestations = new HashMap<>();
        if (!b.attestations().isEmpty()) {
            for (JsonObject a : ProofBundleCollectorImpl.attestations(peer, id)) {
                attestations.put(string(a, "attestationId"), a);
            }
        }
        for (StoredAttestation a : b.attestations()) {
            checks.add(state(Subject.attestation(a.attestationId()), a.json(),
                    Optional.ofNullable(attestations.get(a.attestationId().value())), Set.of()));
        }
        return checks;
    }

    /**
     * The bundled records against the ledger's. A bundle another organization collected may hold records this
     * reader's organization may not read; the offline checks still bind them to the public seal (signatures, Merkle
     * root), so the refusal is reported without failing the verdict.
     */
    private List<Check> records(BundledBatch b) {
        BatchId id = b.batch().id();
        Map<String, JsonObject> onLedger = new TreeMap<>();
        List<Check> checks = new ArrayList<>();
        if (!peer.recordsIfDisclosed(id.gtin().value(), id.lot().value(),
                r -> onLedger.put(string(r, "recordId"), r))) {
            checks.add(Check.informational(STATE_ON_LEDGER, CATEGORY, Subject.batch(id), false,
                    "the ledger refuses " + peer.mspId() + " the records of " + id + " (NOT_DESIGNATED); the bundle "
                            + "holds " + b.records().size(),
                    "the bundled records cannot be compared with the ledger's by this organization; the offline "
                            + "checks still bind them to the seal"));
            return checks;
        }
        for (StoredRecord r : b.records()) {
            checks.add(state(Subject.record(r.recordId()), r.json(),
                    Optional.ofNullable(onLedger.remove(r.recordId().value())), Set.of()));
        }
        if (!onLedger.isEmpty()) {
            checks.add(Check.required(STATE_ON_LEDGER, CATEGORY, Subject.batch(id), false,
                    "the ledger holds " + onLedger.size() + " record(s) of the batch the bundle lacks: "
                            + String.join(", ", onLedger.keySet()),
                    "the bundle does not hold every record of the batch"));
        }
        return checks;
    }

    /** Compares a bundled state with the ledger's, member by member. */
    private static Check state(Subject subject, JsonObject bundled, Optional<JsonObject> ledger, Set<String> later) {
        if (ledger.isEmpty()) {
            return Check.required(STATE_ON_LEDGER, CATEGORY, subject, false,
                    "the ledger has no " + subject + " (" + peerless(subject) + ")",
                    "the bundle holds a state the ledger does not have");
        }
        if (ledger.get().equals(bundled)) {
            return Check.required(STATE_ON_LEDGER, CATEGORY, subject, true,
                    "the ledger's state equals the bundle's", "the bundled state is the ledger's");
        }
        TreeSet<String> differing = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>(bundled.names());
        names.addAll(ledger.get().names());
        for (String n : names) {
            if (!bundled.get(n).equals(ledger.get().get(n))) {
                differing.add(n);
            }
        }
        List<String> parts = new ArrayList<>();
        for (String n : differing) {
            parts.add(n + ": bundle " + bundled.get(n).map(JsonValue::toString).orElse("(none)") + " vs ledger "
                    + ledger.get().get(n).map(JsonValue::toString).orElse("(none)"));
        }
        boolean onlyLater = later.containsAll(differing);
        return new Check(STATE_ON_LEDGER, CATEGORY, subject, false, !onlyLater, String.join("; ", parts),
                onlyLater ? "the state changed since collection as the ledger's rules allow (collect again for a "
                        + "current bundle)" : "the bundled state differs from the ledger's");
    }

    private static String peerless(Subject subject) {
        return subject.kind() == Subject.Kind.ORGANIZATION ? "it does not hold the CERTIFIER role now"
                : "not found";
    }

    private static String string(JsonObject o, String name) {
        return ((JsonString) o.get(name).orElseThrow()).value();
    }
}
