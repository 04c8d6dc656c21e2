package org.carbonledger.service.logging;

/**
 * MDC keys of the structured (JSON) log. Each becomes a top-level field of every log event written while it is set.
 * Put values in through Micronaut's propagated context so they follow the request across threads:
 *
 * <pre>{@code
 * try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
 *         .plus(new MdcPropagationContext(Map.of(LogFields.TX_ID, txId))).propagate()) {
 *     LOG.info("submitted");
 * }
 * }</pre>
 */
public final class LogFields {
    /** The HTTP request id (see {@link RequestIds}). */
    public static final String REQUEST_ID = "requestId";
    /** The Fabric transaction id of the submission being served. */
    public static final String TX_ID = "txId";
    /** The authenticated client id. */
    public static final String CLIENT_ID = "clientId";

    private LogFields() {
    }
}
