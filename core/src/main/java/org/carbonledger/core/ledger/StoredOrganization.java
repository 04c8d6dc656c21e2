package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A member's public profile as the chaincode stores it under {@code ORG/<mspId>}:
 * <pre>{@code {"mspId","displayName","public":bool,"website" ("" or https URL),"registeredAt","updatedAt"}}</pre>
 *
 * @param mspId the organization
 * @param displayName the name shown to people (the MSP id until the organization registers one)
 * @param isPublic whether consumers may see the name on footprints
 * @param website "" or an https URL
 * @param registeredAt when the profile was first written (at bootstrap)
 * @param updatedAt when it was last written
 */
public record StoredOrganization(String mspId, String displayName, boolean isPublic, String website,
                                 Instant registeredAt, Instant updatedAt) implements LedgerState {

    public static final List<String> MEMBERS = List.of("mspId", "displayName", "public", "website", "registeredAt",
            "updatedAt");

    /** Null-checks every part. */
    public StoredOrganization {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(website, "website");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the profile
     */
    public static StoredOrganization fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredOrganization(StateReader.mspId(r, "mspId"), StateReader.text(r, "displayName", 200),
                r.requireBoolean("public"), StateReader.text(r, "website", 300),
                StateReader.instant(r, "registeredAt"), StateReader.instant(r, "updatedAt"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("mspId", mspId)
                .put("displayName", displayName)
                .put("public", isPublic)
                .put("website", website)
                .put("registeredAt", registeredAt.toString())
                .put("updatedAt", updatedAt.toString())
                .build();
    }
}
