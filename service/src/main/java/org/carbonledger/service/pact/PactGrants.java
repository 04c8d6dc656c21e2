package org.carbonledger.service.pact;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.security.OAuthClient;
import org.carbonledger.service.security.OAuthClientRepository;
import org.carbonledger.service.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PACT per-partner access: which footprints each client may see through {@code /3/} and in events. A partner's
 * client (role {@code pact}) sees the footprints of the products the organization granted it, and no others; the
 * organization's own clients ({@code read-only} and up) see all of its footprints, as they can read every batch
 * through the API anyway. An admin grants and revokes; grants live in the service's database, not on the ledger:
 * they decide what this service hands out, which is the organization's own business.
 */
@Singleton
public class PactGrants {
    private static final Logger LOG = LoggerFactory.getLogger(PactGrants.class);

    private final PactGrantStore store;
    private final OAuthClientRepository clients;
    private final ReadModel readModel;
    private final String organization;
    private final Clock clock = Clock.systemUTC();

    PactGrants(PactGrantStore store, OAuthClientRepository clients, ReadModel readModel, ServiceProperties service) {
        this.store = store;
        this.clients = clients;
        this.readModel = readModel;
        this.organization = service.organization();
    }

    /**
     * What one client may see through PACT.
     *
     * @param everything all footprints of the organization (its own clients)
     * @param gtins otherwise, the products whose footprints it may see (GTIN-14)
     */
    public record Visibility(boolean everything, Set<String> gtins) {
        /** Nothing at all: an unknown or disabled client, or a partner without grants. */
        public static final Visibility NOTHING = new Visibility(false, Set.of());
        /** Every footprint of the organization. */
        public static final Visibility EVERYTHING = new Visibility(true, Set.of());

        public Visibility {
            gtins = Set.copyOf(Objects.requireNonNull(gtins, "gtins"));
        }

        /**
         * @param gtin a GTIN-14
         * @return whether the footprints of that product may be shown
         */
        public boolean allows(String gtin) {
            return everything || gtins.contains(gtin);
        }
    }

    /** A grant, and whether this call made it. */
    public record Granted(PactGrant grant, boolean created) {
    }

    /**
     * Read on every request, so a revoked grant, a changed role or a disabled client takes effect at once, whatever
     * tokens the client still holds.
     *
     * @param clientId an OAuth client of this service
     * @return what it may see
     */
    public Visibility visibilityOf(String clientId) {
        Optional<OAuthClient> client = clients.findById(clientId);
        if (client.isEmpty() || !client.get().enabled()) {
            return Visibility.NOTHING;
        }
        if (!client.get().roles().contains(Role.PACT)) {
            return Visibility.EVERYTHING;
        }
        return new Visibility(false, Set.copyOf(store.gtinsOf(clientId)));
    }

    /**
     * Grants a partner's client access to the footprints of one of the organization's products; granting twice
     * changes nothing.
     *
     * @param clientId the partner's client: must exist and have the role {@code pact}
     * @param gtinText the product's GTIN (8, 12, 13 or 14 digits): must be one of this organization's products
     * @param grantedBy the admin client granting it
     * @return the grant as stored, and whether this call created it
     * @throws LedgerRuleException naming the field: INVALID_GTIN, NOT_FOUND (client or product), INVALID_ARGUMENT
     *     (not a partner's client), FORBIDDEN (another organization's product)
     */
    @Transactional
    public Granted grant(String clientId, String gtinText, String grantedBy) {
        Gtin gtin = Gtin.parse(gtinText, "gtin");
        requirePartner(clientId);
        requireOwnProduct(gtin);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean created = store.insert(clientId, gtin.value(), grantedBy, now) == 1;
        PactGrant grant = store.find(clientId, gtin.value()).stream().map(PactGrants::row).findFirst()
                .orElseThrow(() -> new IllegalStateException("grant of " + gtin.value() + " to " + clientId
                        + " not found right after it was stored"));
        if (created) {
            LOG.info("PACT: client {} may now see the footprints of product {} (granted by {})", clientId,
                    gtin.value(), grantedBy);
        }
        return new Granted(grant, created);
    }

    /**
     * @param clientId a client
     * @param gtinText a GTIN
     * @param revokedBy the admin client revoking it
     * @throws LedgerRuleException INVALID_GTIN, or NOT_FOUND when there is no such grant
     */
    @Transactional
    public void revoke(String clientId, String gtinText, String revokedBy) {
        Gtin gtin = Gtin.parse(gtinText, "gtin");
        if (store.delete(clientId, gtin.value()) == 0) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "gtin", gtin.value(),
                    "is not granted to client " + LedgerRuleException.quote(clientId));
        }
        LOG.info("PACT: client {} may no longer see the footprints of product {} (revoked by {})", clientId,
                gtin.value(), revokedBy);
    }

    /**
     * @param clientId only this client's grants, if given
     * @return the grants, by client and GTIN
     */
    public List<PactGrant> list(Optional<String> clientId) {
        List<PactGrant> grants = new ArrayList<>();
        for (String row : clientId.map(store::ofClient).orElseGet(store::all)) {
            grants.add(row(row));
        }
        return grants;
    }

    private void requirePartner(String clientId) {
        OAuthClient client = clients.findById(clientId).orElseThrow(() -> LedgerRuleException.of(ErrorCode.NOT_FOUND,
                "clientId", clientId, "is not an OAuth client of this service"));
        if (!client.roles().contains(Role.PACT)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "clientId", clientId, "has the roles "
                    + client.roles().stream().map(Role::claim).sorted().toList() + ", not pact: grants are for PACT "
                    + "partners' clients (the organization's own clients see all of its footprints)");
        }
    }

    private void requireOwnProduct(Gtin gtin) {
        JsonObject product = readModel.find(StateKeys.key(StateKeys.PRODUCT, gtin.value()))
                .orElseThrow(() -> LedgerRuleException.of(ErrorCode.NOT_FOUND, "gtin", gtin.value(),
                        "no product with this GTIN is on the ledger (as this service's read model holds it)"));
        String owner = JsonObjectReader.of(product, "product").requireString("ownerMspId");
        if (!owner.equals(organization)) {
            throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "gtin", gtin.value(), "is a product of " + owner
                    + ": " + organization + " grants access to its own products only");
        }
    }

    /** Reads {@code clientId|gtin|grantedBy|yyyy-MM-dd HH:mm:ss.SSSSSS} (UTC). */
    private static PactGrant row(String row) {
        String[] parts = row.split("\\|", 4);
        Instant at = LocalDateTime.parse(parts[3].replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        return new PactGrant(parts[0], Gtin.parse(parts[1], "gtin"), parts[2], at);
    }
}
