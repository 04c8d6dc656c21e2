package org.carbonledger.service.admin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.service.http.AuthProblems;
import org.carbonledger.service.security.Roles;
import org.carbonledger.service.sync.ReadModelSync;
import org.carbonledger.service.sync.SyncStatus;

/**
 * Operating the read model: where it stands against the ledger, an audit listing every difference, and a rebuild from
 * block 0. The read model is a cache: dropping and rebuilding it loses nothing.
 */
@Controller("/api/v1/admin/read-model")
@Secured(Roles.ADMIN)
@Tag(name = "Operations")
@Requires(beans = ReadModelSync.class)
public class ReadModelController {
    private final ReadModelSync sync;
    private final SyncStatus status;
    private final ReadModelAudit audit;

    public ReadModelController(ReadModelSync sync, SyncStatus status, ReadModelAudit audit) {
        this.sync = sync;
        this.status = status;
        this.audit = audit;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Where the read model stands",
            description = "Checkpoint (last block and transaction applied), the ledger's height, the lag in blocks, "
                    + "whether the sync runs and its last error.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReadModelSchemas.Status.class)))
    @AuthProblems
    public HttpResponse<String> status() {
        return json(HttpStatus.OK, status.toJson());
    }

    @Get(uri = "/audit", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Compare the read model with the ledger",
            description = "Replays the chain's change events up to the read model's checkpoint and lists every key that "
                    + "is MISSING, EXTRA or DIFFERENT, and every query-table row that disagrees with its state "
                    + "(PROJECTION). consistent=true when there is none.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReadModelSchemas.Audit.class)))
    @AuthProblems
    public HttpResponse<String> audit() {
        return json(HttpStatus.OK, audit.run());
    }

    @Post(uri = "/rebuild", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Drop the read model and rebuild it from block 0",
            description = "Answers 202 at once; queries answer from the partial read model until the sync has caught up "
                    + "(follow GET /api/v1/admin/read-model).")
    @ApiResponse(responseCode = "202", description = "The rebuild started; the status as it was",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReadModelSchemas.Status.class)))
    @AuthProblems
    public HttpResponse<String> rebuild() {
        sync.rebuild();
        return json(HttpStatus.ACCEPTED, status.toJson());
    }

    private static HttpResponse<String> json(HttpStatus status, JsonObject body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(body));
    }
}
