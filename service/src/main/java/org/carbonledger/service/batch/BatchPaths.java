package org.carbonledger.service.batch;

import java.net.URI;

import org.carbonledger.core.identifier.BatchId;

/** The API paths of a batch. Lots may hold characters that must be escaped in a path segment ('/', '%', '?', …). */
public final class BatchPaths {
    private BatchPaths() {
    }

    public static URI of(BatchId id) {
        return URI.create("/api/v1/batches/" + id.gtin().value() + "/" + segment(id.lot().value()));
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so the lot stays one path segment. */
    public static String segment(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
