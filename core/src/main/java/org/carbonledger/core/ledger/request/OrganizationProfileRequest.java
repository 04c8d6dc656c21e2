package org.carbonledger.core.ledger.request;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The argument of {@code Governance:RegisterOrganization}: {@code {"displayName": "...", "public": true|false
 * (optional, default false), "website": "https://..." (optional)}}.
 *
 * @param displayName the name shown to people
 * @param isPublic whether consumers may see the organization's name on footprints
 * @param website "" or an absolute https URL
 */
public record OrganizationProfileRequest(String displayName, boolean isPublic, String website) {

    public static final List<String> MEMBERS = List.of("displayName", "public", "website");

    /** Null-checks every part. */
    public OrganizationProfileRequest {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(website, "website");
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it
     */
    public static OrganizationProfileRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        String displayName = Inputs.name(in.requireString("displayName"), in.path("displayName"), 200);
        boolean isPublic = in.has("public") && in.requireBoolean("public");
        String website = Inputs.httpsUrl(in.optionalString("website").orElse(""), in.path("website"));
        return new OrganizationProfileRequest(displayName, isPublic, website);
    }

    /** @return the argument as the chaincode reads it */
    public JsonObject toJson() {
        return JsonObject.builder().put("displayName", displayName).put("public", isPublic).put("website", website)
                .build();
    }
}
