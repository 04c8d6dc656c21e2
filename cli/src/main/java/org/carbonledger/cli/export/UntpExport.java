package org.carbonledger.cli.export;

import java.util.Optional;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.service.ServiceOptions;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.untp.DidWeb;
import org.carbonledger.core.untp.Issuance;
import org.carbonledger.core.untp.UntpCredentials;
import org.carbonledger.core.untp.VcJwt;

/**
 * A UNTP credential as the issuing organization's service signs it: only the service holds the organization's
 * credential key, so the credential is fetched from it, then checked here before anything is written: the signature
 * against the key of the DID document the same service serves (the {@code kid} a verification method of the issuer's
 * DID), the subject the batch (and attestation) asked for, and, when a ledger connection is given, every member
 * against the credential core maps from the ledger state read directly.
 */
final class UntpExport {

    /** A verified credential: the compact JWS and its payload. */
    record Verified(String jwt, JsonObject credential) {
    }

    private UntpExport() {
    }

    static Verified fetch(ServiceOptions service, BatchId batch, Optional<LedgerId> attestation) {
        String path = attestation.map(a -> UntpCredentials.conformityCredentialPath(batch, a))
                .orElse(UntpCredentials.productPassportPath(batch));
        String jwt = service.call(Optional.empty(), client -> client.fetch(ServiceRequest.get(path)
                .withAccept(VcJwt.MEDIA_TYPE))).text().trim();
        JsonObject document = Json.parseObject(service.call(Optional.empty(), client -> client.fetch(
                ServiceRequest.get("/.well-known/did.json").withAccept("application/json"))).text(), "did.json");
        JsonObject credential;
        try {
            String kid = JsonObjectReader.of(VcJwt.header(jwt), "header").requireString("kid");
            JsonObjectReader did = JsonObjectReader.of(document, "did.json");
            JsonObject jwk = null;
            for (JsonValue v : did.requireArray("verificationMethod").elements()) {
                JsonObjectReader method = JsonObjectReader.of(JsonObjectReader.asObject(v, "verificationMethod[]"),
                        "verificationMethod[]");
                if (method.requireString("id").equals(kid)) {
                    jwk = method.requireObject("publicKeyJwk").object();
                }
            }
            if (jwk == null) {
                throw failed("the credential's key " + kid + " is not a verification method of the service's DID "
                        + "document " + did.requireString("id"));
            }
            credential = VcJwt.verify(jwt, DidWeb.keyOf(jwk));
            String issuer = JsonObjectReader.of(credential, "credential").requireObject("issuer").requireString("id");
            if (!issuer.equals(did.requireString("id")) || !kid.startsWith(issuer + "#")) {
                throw failed("the credential's issuer " + issuer + " is not the DID " + did.requireString("id")
                        + " whose key signed it");
            }
        } catch (LedgerRuleException e) {
            throw failed("the service's credential does not verify: " + e.getMessage());
        }
        JsonObjectReader subject = JsonObjectReader.of(credential, "credential").requireObject("credentialSubject");
        String expectedSubject = attestation.map(UntpCredentials::attestationUri)
                .orElse(UntpCredentials.GS1_ID + "/01/" + batch.gtin().value() + "/10/" + batch.lot().percentEncoded());
        if (!subject.requireString("id").equals(expectedSubject)) {
            throw failed("the service's credential is about " + subject.requireString("id") + ", not "
                    + expectedSubject);
        }
        return new Verified(jwt, credential);
    }

    /**
     * Compares the service's credential with the one core maps from the ledger state, under the issuer and country the
     * credential names (the service's configuration, which the ledger does not hold).
     */
    static void requireLedgerAgrees(Verified verified, FootprintFacts facts, Optional<LedgerId> attestation) {
        JsonObjectReader credential = JsonObjectReader.of(verified.credential(), "credential");
        String did = credential.requireObject("issuer").requireString("id");
        if (!did.startsWith("did:web:") || did.indexOf(':', "did:web:".length()) >= 0) {
            throw failed("the issuer " + did + " is not a did:web of a host");
        }
        DidWeb web = DidWeb.of(did.substring("did:web:".length()).replace("%3A", ":"));
        Optional<String> country = attestation.isPresent() ? Optional.empty() : Optional.of(credential
                .requireObject("credentialSubject").requireObject("countryOfProduction").requireString("countryCode"))
                .filter(c -> !c.equals(Issuance.UNKNOWN_COUNTRY));
        Issuance issuance = new Issuance(web, country);
        JsonObject expected = attestation.map(a -> UntpCredentials.conformityCredential(facts, a, issuance))
                .orElseGet(() -> UntpCredentials.productPassport(facts, issuance));
        if (!expected.equals(verified.credential())) {
            throw failed("the service's credential differs from the ledger's state (its read model may be behind the "
                    + "ledger: try again in a moment); nothing written");
        }
    }

    private static CliException failed(String message) {
        return new CliException(ExitCode.CHECK_FAILED, message);
    }
}
