package org.carbonledger.service.security;

/**
 * Role names as compile-time constants for {@code @Secured}. A controller states the least role it needs:
 *
 * <pre>{@code
 * @Controller("/api/v1/batches")
 * @Secured(Roles.READ_ONLY)                 // every authenticated client of this organization
 * class BatchController {
 *     @Post @Secured(Roles.OPERATOR) ...     // operators and admins
 * }
 * }</pre>
 *
 * Public routes (consumer passport, QR images, {@code /.well-known}) say {@code @Secured(SecurityRule.IS_ANONYMOUS)}.
 * A route without {@code @Secured} and not listed in {@code micronaut.security.intercept-url-map} is refused.
 */
public final class Roles {
    /** See {@link Role#ADMIN}. */
    public static final String ADMIN = "admin";
    /** See {@link Role#OPERATOR}. */
    public static final String OPERATOR = "operator";
    /** See {@link Role#READ_ONLY}. */
    public static final String READ_ONLY = "read-only";
    /** See {@link Role#PACT}. */
    public static final String PACT = "pact";

    private Roles() {
    }
}
