/**
 * Health of the service at {@code GET /health} (public: UP/DOWN; details for the admin role, {@link AdminHealthEndpoint}), {@code /health/liveness} and
 * {@code /health/readiness}.
 *
 * <p>Built in: {@code jdbc} (the read-model database answers) and {@code diskSpace}. To add an indicator (peer
 * reachability, read-model sync lag, ...), put a singleton here that extends Micronaut's
 * {@code AbstractHealthIndicator<Map<String, Object>>}: {@code getName()} is its key under {@code details},
 * {@code getHealthInformation()} returns the details and sets {@code healthStatus} ({@code UP}, {@code DOWN}, or
 * {@code new HealthStatus("DEGRADED", ...)} for a lag above threshold). Annotate it {@code @Readiness} if the
 * service should be taken out of a load balancer while it is down but not restarted. The endpoint aggregates every
 * indicator bean; nothing needs registering. Indicators run on each request, so they should read a cached value
 * (e.g. the last sync checkpoint) rather than call a peer every time.
 */
package org.carbonledger.service.health;
