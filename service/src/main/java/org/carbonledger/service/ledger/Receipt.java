package org.carbonledger.service.ledger;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/**
 * What a command answers: the ledger transaction that carried it and the chaincode's result, or, for a retry of a
 * command the ledger already holds, {@code "replayed": true} and the stored object.
 *
 * <pre>{@code
 * {"transactionId":"6f1c…","blockNumber":42,"replayed":false,"result":{…}}
 * }</pre>
 *
 * @param transactionId the transaction that made the change (for a replay: the one that made it first, when the
 *     stored object names it)
 * @param blockNumber its block, when known
 * @param replayed true when this request repeated one the ledger already holds and nothing new was written
 * @param result the chaincode's answer, or the stored object for a replay
 */
public record Receipt(@Nullable String transactionId, @Nullable Long blockNumber, boolean replayed, JsonValue result) {
    public Receipt {
        Objects.requireNonNull(result, "result");
    }

    public static Receipt of(Committed committed) {
        return new Receipt(committed.transactionId(), committed.blockNumber(), false, committed.result());
    }

    /** A replay answered with the stored object, whose member {@code txIdMember} names the transaction. */
    public static Receipt replayOf(JsonObject stored, String txIdMember) {
        Optional<String> txId = stored.get(txIdMember).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
        return new Receipt(txId.orElse(null), null, true, stored);
    }

    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder();
        if (transactionId != null) {
            b.put("transactionId", transactionId);
        }
        if (blockNumber != null) {
            b.put("blockNumber", blockNumber);
        }
        return b.put("replayed", replayed).put("result", result).build();
    }

    /** 201 with a Location for a new object, 200 for a replay (nothing was created by this request). */
    public MutableHttpResponse<String> created(URI location) {
        MutableHttpResponse<String> response = replayed ? HttpResponse.ok() : HttpResponse.status(HttpStatus.CREATED);
        return withBody(response.header("Location", location.toString()));
    }

    /** 200: an action on an existing object. */
    public MutableHttpResponse<String> ok() {
        return withBody(HttpResponse.ok());
    }

    private MutableHttpResponse<String> withBody(MutableHttpResponse<String> response) {
        if (transactionId != null) {
            response.header("X-Transaction-Id", transactionId);
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(toJson()));
    }
}
