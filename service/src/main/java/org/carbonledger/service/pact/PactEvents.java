package org.carbonledger.service.pact;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PACT v3 Action Events: validates CloudEvents posted to {@code /3/events}, records them, answers a partner's
 * {@code RequestCreatedEvent} with a {@code RequestFulfilledEvent} (the matching footprints) or a
 * {@code RequestRejectedEvent} (none match) queued for {@link PactEventDispatcher}, and builds the
 * {@code PublishedEvent}s that announce new footprints.
 *
 * <p>Type names: the specification's schema names them {@code org.wbcsd.pact.ProductFootprint.<Kind>Event.3}; its
 * examples also use {@code org.wbcsd.pact.ProductFootprint.<Kind>.3}. Both are accepted; this service sends the
 * schema's names.
 */
@Singleton
public class PactEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PactEvents.class);
    static final String PREFIX = "org.wbcsd.pact.ProductFootprint.";
    static final String REQUEST_CREATED = PREFIX + "RequestCreatedEvent.3";
    static final String REQUEST_FULFILLED = PREFIX + "RequestFulfilledEvent.3";
    static final String REQUEST_REJECTED = PREFIX + "RequestRejectedEvent.3";
    static final String PUBLISHED = PREFIX + "PublishedEvent.3";
    private static final List<String> CRITERIA = List.of("productId", "companyId", "geography", "classification",
            "validOn", "validAfter", "validBefore", "status", "comment");
    private static final int MAX_IDS_PER_EVENT = 100;
    /** The outbox's partner column for answers sent to a request's source. */
    static final String CALLBACK_PREFIX = "client:";

    private final PactEventStore store;
    private final PactFootprints footprints;
    private final PactGrants grants;
    private final PactProperties properties;
    private final List<PactPartner> partners;
    private final PactCallbacks callbacks;

    PactEvents(PactEventStore store, PactFootprints footprints, PactGrants grants, PactProperties properties,
               List<PactPartner> partners, PactCallbacks callbacks) {
        this.callbacks = callbacks;
        this.store = store;
        this.footprints = footprints;
        this.grants = grants;
        this.properties = properties;
        this.partners = List.copyOf(partners);
    }

    /**
     * Validates and records one event.
     *
     * @param body the request body
     * @param clientId the authenticated OAuth client that posted it
     * @throws LedgerRuleException (INVALID_ARGUMENT) naming the offending member; the controller answers 400
     */
    @Transactional
    public void receive(String body, String clientId) {
        JsonObjectReader event = JsonObjectReader.of(Json.parseObject(body, "event"), "");
        String type = event.requireString("type");
        String specversion = event.requireString("specversion");
        if (!specversion.equals("1.0")) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "specversion", specversion,
                    "only CloudEvents 1.0 is supported");
        }
        String id = nonEmpty(event, "id", 255);
        String source = nonEmpty(event, "source", 255);
        instant(event.requireString("time"), "time");
        JsonObjectReader data = event.requireObject("data");
        String kind = kind(type);
        switch (kind) {
            case "RequestCreated" -> {
                PactFootprints.Filter filter = criteria(data);
                Recipient recipient = recipientOf(clientId, source);
                if (store.insertInbound(source, id, REQUEST_CREATED, clientId, now(), body) == 1) {
                    answer(recipient, clientId, id, filter);
                }
                return;
            }
            case "RequestFulfilled" -> {
                nonEmpty(data, "requestEventId", 255);
                JsonArray pfs = data.requireArray("pfs");
                if (pfs.size() == 0) {
                    throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "data.pfs",
                            "must hold at least one ProductFootprint");
                }
                for (int i = 0; i < pfs.size(); i++) {
                    requireFootprint(JsonObjectReader.of(JsonObjectReader.asObject(pfs.get(i), "data.pfs[" + i + "]"),
                            "data.pfs[" + i + "]"));
                }
            }
            case "RequestRejected" -> {
                nonEmpty(data, "requestEventId", 255);
                JsonObjectReader error = data.requireObject("error");
                nonEmpty(error, "code", 100);
                error.requireString("message");
            }
            case "Published" -> {
                JsonArray ids = data.requireArray("pfIds");
                for (int i = 0; i < ids.size(); i++) {
                    uuid(JsonObjectReader.asString(ids.get(i), "data.pfIds[" + i + "]"), "data.pfIds[" + i + "]");
                }
            }
            default -> throw new IllegalStateException(kind);
        }
        store.insertInbound(source, id, PREFIX + kind + "Event.3", clientId, now(), body);
    }

    /**
     * Where the answer to a client's request goes: a configured partner's events endpoint, else {@code /3/events}
     * under the request's source ({@link PactCallbacks}).
     *
     * @param label the outbox's partner column: the configured partner's name, or {@code client:<id>}
     * @param eventsUrl null for a configured partner
     */
    private record Recipient(String label, String eventsUrl) {
    }

    private Recipient recipientOf(String clientId, String source) {
        Optional<PactPartner> configured = partnerOf(clientId);
        if (configured.isPresent()) {
            return new Recipient(configured.get().name(), null);
        }
        String eventsUrl = PactCallbacks.eventsUrl(source).toString();
        if (!callbacks.canAnswer(clientId)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "source", "client " + clientId + " has no "
                    + "callback credentials (an admin sets them with PUT /api/v1/pact/grants/" + clientId
                    + "/callback) and no default is configured (carbonledger.pact.callback-client-id), so its "
                    + "request could not be answered");
        }
        return new Recipient(CALLBACK_PREFIX + clientId, eventsUrl);
    }

    /**
     * Queues the answer to a request: the matching footprints the client may see, or a rejection when there is none
     * (the same rejection whether nothing matches or nothing matching is granted to it).
     */
    private void answer(Recipient recipient, String clientId, String requestEventId, PactFootprints.Filter filter) {
        List<JsonObject> matching = footprints.list(filter, grants.visibilityOf(clientId));
        JsonObject data;
        String type;
        if (matching.isEmpty()) {
            type = REQUEST_REJECTED;
            data = JsonObject.builder().put("requestEventId", requestEventId)
                    .put("error", JsonObject.builder().put("code", "NotFound")
                            .put("message", "No footprint of this data owner matches the request's criteria.").build())
                    .build();
        } else {
            type = REQUEST_FULFILLED;
            data = JsonObject.builder().put("requestEventId", requestEventId)
                    .put("pfs", PactFootprints.array(matching)).build();
        }
        String eventId = UUID.randomUUID().toString();
        String event = event(eventId, type, data);
        if (recipient.eventsUrl() == null) {
            store.insertOutbound(eventId, recipient.label(), type, event, now());
        } else {
            store.insertCallback(eventId, recipient.label(), type, event, now(), clientId, recipient.eventsUrl());
        }
        LOG.info("PACT request {} from {}: {} footprints, answering with {} to {}", requestEventId, clientId,
                matching.size(), type, recipient.eventsUrl() == null ? recipient.label() : recipient.eventsUrl());
    }

    /**
     * Queues PublishedEvents announcing this organization's footprints that a partner has not been told about.
     *
     * @param partner the partner
     * @param sealHashes the seal hash and footprint id of every sealed batch the partner may see, as
     *     {@code sealHash|id}
     * @return the number of footprints announced
     */
    @Transactional
    public int announce(PactPartner partner, List<String> sealHashes) {
        java.util.Set<String> told = new java.util.HashSet<>(store.announcedSeals(partner.name()));
        List<String[]> fresh = new ArrayList<>();
        for (String entry : sealHashes) {
            String[] parts = entry.split("\\|");
            if (!told.contains(parts[0])) {
                fresh.add(parts);
            }
        }
        for (int from = 0; from < fresh.size(); from += MAX_IDS_PER_EVENT) {
            List<String[]> chunk = fresh.subList(from, Math.min(fresh.size(), from + MAX_IDS_PER_EVENT));
            List<JsonValue> ids = new ArrayList<>();
            chunk.forEach(p -> ids.add(JsonString.of(p[1])));
            String eventId = enqueue(partner, PUBLISHED, JsonObject.builder().put("pfIds", JsonArray.of(ids)).build());
            chunk.forEach(p -> store.insertAnnounced(p[0], partner.name(), eventId));
        }
        return fresh.size();
    }

    private String enqueue(PactPartner partner, String type, JsonObject data) {
        String eventId = UUID.randomUUID().toString();
        store.insertOutbound(eventId, partner.name(), type, event(eventId, type, data), now());
        return eventId;
    }

    private String event(String eventId, String type, JsonObject data) {
        JsonObject event = JsonObject.builder()
                .put("type", type)
                .put("specversion", "1.0")
                .put("id", eventId)
                .put("source", properties.baseUrl() != null && !properties.baseUrl().isBlank()
                        ? properties.baseUrl() + "/3/events" : "//" + properties.issuerDomain() + "/3/events")
                .put("time", Instant.now().toString())
                .put("data", data)
                .build();
        return Json.write(event);
    }

    Optional<PactPartner> partnerOf(String clientId) {
        return partners.stream().filter(p -> p.inboundClientId().equals(clientId)).findFirst();
    }

    private static String kind(String type) {
        for (String kind : List.of("RequestCreated", "RequestFulfilled", "RequestRejected", "Published")) {
            if (type.equals(PREFIX + kind + "Event.3") || type.equals(PREFIX + kind + ".3")) {
                return kind;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "type", type, "unsupported event type; expected "
                + REQUEST_CREATED + ", " + REQUEST_FULFILLED + ", " + REQUEST_REJECTED + " or " + PUBLISHED);
    }

    /** The criteria of a RequestCreatedEvent, read like ListFootprints' query parameters. */
    static PactFootprints.Filter criteria(JsonObjectReader data) {
        data.rejectUnknownMembers(CRITERIA);
        // PACT's schema makes status an array; its examples and ListFootprints a single value: both are read.
        List<String> status = data.has("status") && !(data.require("status") instanceof JsonArray)
                ? List.of(data.requireString("status")) : strings(data, "status");
        if (data.has("comment")) {
            data.requireString("comment");
        }
        return new PactFootprints.Filter(strings(data, "productId"), strings(data, "companyId"),
                strings(data, "geography"), strings(data, "classification"), time(data, "validOn"),
                time(data, "validAfter"), time(data, "validBefore"),
                status.stream().filter(v -> !v.isEmpty()).toList());
    }

    /** An empty string is no value, as in ListFootprints' query. */
    private static Optional<Instant> time(JsonObjectReader data, String name) {
        return data.optionalString(name).filter(t -> !t.isEmpty()).map(t -> instant(t, data.path(name)));
    }

    /** @return the array's strings, empty ones left out (as in ListFootprints' query) */
    private static List<String> strings(JsonObjectReader data, String name) {
        if (!data.has(name)) {
            return List.of();
        }
        JsonArray array = data.requireArray(name);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String value = JsonObjectReader.asString(array.get(i), data.path(name) + "[" + i + "]");
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    /** The members every ProductFootprint must have (PACT v3 schema, required) and the id's format. */
    private static void requireFootprint(JsonObjectReader pf) {
        for (String member : List.of("id", "specVersion", "created", "status", "companyName", "companyIds",
                "productDescription", "productIds", "productNameCompany", "pcf")) {
            pf.require(member);
        }
        uuid(pf.requireString("id"), pf.path("id"));
        JsonObjectReader pcf = pf.requireObject("pcf");
        for (String member : List.of("declaredUnitOfMeasurement", "declaredUnitAmount", "productMassPerDeclaredUnit",
                "referencePeriodStart", "referencePeriodEnd", "pcfExcludingBiogenicUptake",
                "pcfIncludingBiogenicUptake", "fossilGhgEmissions", "fossilCarbonContent",
                "ipccCharacterizationFactors", "crossSectoralStandards", "exemptedEmissionsPercent")) {
            pcf.require(member);
        }
    }

    static Instant instant(String text, String field) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                    "is not an RFC 3339 date-time (e.g. 2025-01-01T00:00:00Z)");
        }
    }

    static UUID uuid(String text, String field) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text, "is not a UUID");
    }

    private static String nonEmpty(JsonObjectReader r, String name, int max) {
        String value = r.requireString(name);
        if (value.isEmpty() || value.length() > max) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path(name), value,
                    "must have 1 to " + max + " characters");
        }
        return value;
    }

    private static LocalDateTime now() {
        return LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    }
}
