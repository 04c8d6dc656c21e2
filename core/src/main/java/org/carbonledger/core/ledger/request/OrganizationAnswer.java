package org.carbonledger.core.ledger.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateReader;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredRole;

/**
 * An organization as {@code Governance:GetOrganization}, {@code ListOrganizations} and {@code RegisterOrganization}
 * answer it: its stored profile plus {@code "roles":[…]}, the roles it holds now.
 *
 * @param organization the stored profile
 * @param roles the roles it holds, in {@link StoredRole#ROLES} order
 */
public record OrganizationAnswer(StoredOrganization organization, List<String> roles) {

    /** Null-checks every part and copies the roles. */
    public OrganizationAnswer {
        Objects.requireNonNull(organization, "organization");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    /**
     * @param json the answer
     * @param path its JSON path, for error messages
     * @return the organization and its roles
     */
    public static OrganizationAnswer fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        JsonArray array = r.requireArray("roles");
        List<String> roles = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            roles.add(JsonObjectReader.asString(array.get(i), r.path("roles") + "[" + i + "]"));
        }
        return new OrganizationAnswer(StoredOrganization.fromJson(json.without("roles"), path), roles);
    }

    /** @return true when the organization holds {@code role} */
    public boolean holds(String role) {
        return roles.contains(role);
    }

    /** @return the answer as the chaincode writes it */
    public JsonObject toJson() {
        return organization.toJson().with("roles", StateReader.strings(roles));
    }
}
