package org.carbonledger.service.security;

import java.util.List;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One entry of {@code carbonledger.clients}: a client to create or update at startup.
 *
 * <pre>{@code
 * carbonledger:
 *   clients:
 *     - id: steelco-erp
 *       secret: ${STEELCO_ERP_SECRET}     # resolved from the environment
 *       roles: [operator]
 * }</pre>
 */
@EachProperty(value = "carbonledger.clients", list = true)
public final class ClientProperties {
    private final int index;
    private String id;
    private String secret;
    private List<String> roles = List.of();
    private boolean enabled = true;

    public ClientProperties(@Parameter Integer index) {
        this.index = index;
    }

    /** @return position in the list, for error messages */
    public int getIndex() {
        return index;
    }

    /** @return the client id */
    public @Nullable String getId() {
        return id;
    }

    /** @param id the client id: 1–64 of letters, digits, '.', '_', '-' */
    public void setId(String id) {
        this.id = id;
    }

    /** @return the plain secret, from configuration (normally an environment variable placeholder) */
    public @Nullable String getSecret() {
        return secret;
    }

    /** @param secret the plain secret */
    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** @return granted role names */
    public List<String> getRoles() {
        return roles;
    }

    /** @param roles granted role names: admin, operator, read-only */
    public void setRoles(List<String> roles) {
        this.roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** @return whether the client may obtain tokens */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled false to lock a client out without deleting it */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public String toString() {
        return "ClientProperties[index=" + index + ", id=" + id + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
