package org.carbonledger.service.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a client of this service may do. Roles nest: {@code admin} ⊃ {@code operator} ⊃ {@code read-only}. Tokens
 * carry the expanded set, so {@code @Secured(Roles.OPERATOR)} admits operators and admins without any hierarchy
 * logic at check time.
 *
 * <p>These are the service's own roles for the organization's users; they are unrelated to the ledger roles
 * (PRODUCER, CERTIFIER) that organizations hold on the channel.
 */
public enum Role {
    /** Reads everything the organization can see. */
    READ_ONLY(Roles.READ_ONLY),
    /** Also submits to the ledger: records, batches, transfers, attestations. */
    OPERATOR(Roles.OPERATOR),
    /** Also governs: clients, organization membership and role proposals, read-model rebuilds. */
    ADMIN(Roles.ADMIN);

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** @return the name used in tokens, configuration and {@code @Secured} */
    public String claim() {
        return claim;
    }

    /** @return this role and every role it includes */
    public Set<Role> withImplied() {
        EnumSet<Role> result = EnumSet.noneOf(Role.class);
        for (Role role : values()) {
            if (role.ordinal() <= ordinal()) {
                result.add(role);
            }
        }
        return result;
    }

    /**
     * Parses a role name as written in configuration or a token.
     *
     * @param name e.g. {@code read-only}
     * @return the role
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Role of(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.claim.equals(normalized)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(Role::claim).toList());
    }

    /**
     * @param granted roles as granted
     * @return the granted roles and every role they include
     */
    public static Set<Role> expand(Set<Role> granted) {
        EnumSet<Role> result = EnumSet.noneOf(Role.class);
        for (Role role : granted) {
            result.addAll(role.withImplied());
        }
        return result;
    }
}
