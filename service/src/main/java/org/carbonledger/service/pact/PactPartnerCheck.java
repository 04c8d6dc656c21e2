package org.carbonledger.service.pact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import org.carbonledger.service.security.OAuthClient;
import org.carbonledger.service.security.OAuthClientRepository;
import org.carbonledger.service.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at startup (after the clients are seeded) about configured PACT partners whose inbound client is not a
 * partner's client: one of the organization's own roles would let the partner see every footprint and read the whole
 * API, which was how partners were set up before per-partner grants.
 */
@Singleton
@Order(200)
final class PactPartnerCheck implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PactPartnerCheck.class);

    private final List<PactPartner> partners;
    private final OAuthClientRepository clients;

    PactPartnerCheck(List<PactPartner> partners, OAuthClientRepository clients) {
        this.partners = List.copyOf(partners);
        this.clients = clients;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        findings().forEach(LOG::warn);
    }

    /** @return one message per partner whose inbound client is missing or not of role pact */
    List<String> findings() {
        List<String> findings = new ArrayList<>();
        for (PactPartner partner : partners) {
            Optional<OAuthClient> client = clients.findById(partner.inboundClientId());
            if (client.isEmpty()) {
                findings.add("PACT partner " + partner.name() + ": its inbound client " + partner.inboundClientId()
                        + " does not exist, so it cannot call this service");
            } else if (!client.get().roles().contains(Role.PACT)) {
                findings.add("PACT partner " + partner.name() + ": its inbound client " + partner.inboundClientId()
                        + " has the roles " + client.get().roles().stream().map(Role::claim).sorted().toList()
                        + ", not pact, so it sees every footprint of the organization and can read the whole API; "
                        + "give it only the role pact and grant it products (PUT /api/v1/pact/grants/{clientId}/{gtin})");
            }
        }
        return findings;
    }
}
