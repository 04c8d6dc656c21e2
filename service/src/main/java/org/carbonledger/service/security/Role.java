package org.carbonledger.service.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a client of this service may do. The organization's own roles nest: {@code admin} ⊃ {@code operator} ⊃
 * {@code read-only}. Tokens carry the expanded set, so {@code @Secured(Roles.OPERATOR)} admits operators and admins
 * without any hierarchy logic at check time.
 *
 * <p>{@code pact} stands apart: it is the role of a trading partner's system, which calls the PACT actions under
 * {@code /3/} and nothing else, and sees there only the footprints of the products the organization granted it. It
 * implies no other role and no other role implies it, and a client that has it has no other role (see
 * {@link #checkCombination}): a partner given {@code read-only} as well would read all the organization can see.
 *
 * <p>These are the service's own roles for its clients; they are unrelated to the ledger roles (PRODUCER, CERTIFIER)
 * that organizations hold on the channel.
 */
public enum Role {
    /** Reads everything the organization can see. */
    READ_ONLY(Roles.READ_ONLY),
    /** Also submits to the ledger: records, batches, transfers, attestations. */
    OPERATOR(Roles.OPERATOR, READ_ONLY),
    /** Also governs: clients, PACT grants, organization membership and role proposals, read-model rebuilds. */
    ADMIN(Roles.ADMIN, OPERATOR),
    /** A PACT partner: the {@code /3/} actions, for the products granted to it. */
    PACT(Roles.PACT);

    private final String claim;
    private final Role included;

    Role(String claim) {
        this(claim, null);
    }

    Role(String claim, Role included) {
        this.claim = claim;
        this.included = included;
    }

    /** @return the name used in tokens, configuration and {@code @Secured} */
    public String claim() {
        return claim;
    }

    /** @return this role and every role it includes */
    public Set<Role> withImplied() {
        EnumSet<Role> result = EnumSet.noneOf(Role.class);
        for (Role role = this; role != null; role = role.included) {
            result.add(role);
        }
        return result;
    }

    /**
     * Refuses a role set that gives a PACT partner more than the PACT actions.
     *
     * @param granted roles as granted
     * @throws IllegalArgumentException if {@code pact} is combined with another role, or the set is empty
     */
    public static void checkCombination(Set<Role> granted) {
        if (granted.isEmpty()) {
            throw new IllegalArgumentException("no role; expected at least one of "
                    + Arrays.stream(values()).map(Role::claim).toList());
        }
        if (granted.contains(PACT) && granted.size() > 1) {
            throw new IllegalArgumentException("pact cannot be combined with another role: a partner's client "
                    + "would read everything its other role reads");
        }
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
