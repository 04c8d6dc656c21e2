package org.carbonledger.service.organization;

import java.net.URI;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredProposal;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.ListProblems;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.Receipt;
import org.carbonledger.service.ledger.Replay;
import org.carbonledger.service.query.Page;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.security.Roles;

/**
 * Role proposals: granting or revoking PRODUCER or CERTIFIER needs the approval of the admins of a majority of member
 * organizations, so no organization can make itself a certifier. Proposing, approving and withdrawing are signed
 * with this organization's admin identity and open to this service's admin users only.
 */
@Controller("/api/v1/proposals")
@Secured(Roles.READ_ONLY)
@Tag(name = "Organizations and roles")
public class ProposalController {

    private final LedgerAccess ledger;
    private final ReadModel readModel;
    private final ApiProperties api;
    private final String organization;

    public ProposalController(LedgerAccess ledger, ReadModel readModel, ApiProperties api, ServiceProperties service) {
        this.ledger = ledger;
        this.readModel = readModel;
        this.api = api;
        this.organization = service.organization();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List role proposals", description = "Open, approved and withdrawn, in proposal-id order.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.ProposalPage.class)))
    @ListProblems
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue Integer pageSize,
                                     @Nullable @QueryValue String cursor) {
        return readModel.list(cursor, Page.size(pageSize, api.defaultPageSize()), StateKeys.PROPOSAL).response(request);
    }

    @Get(uri = "/{proposalId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One role proposal with its approvals")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.Proposal.class)))
    @ReadProblems
    public HttpResponse<String> get(@PathVariable String proposalId) {
        LedgerId id = LedgerId.parse(proposalId, "proposalId");
        return ReadModel.json(readModel.require(StateKeys.key(StateKeys.PROPOSAL, id.value()), "proposalId",
                "proposal " + id.value()));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Propose granting or revoking a role",
            description = "Body: {\"proposalId\":\"<uuid>\",\"action\":\"GRANT\",\"mspId\":\"CertCoMSP\",\"role\":\"CERTIFIER\"}. "
                    + "The proposer's approval is counted. Safe to retry with the same proposalId.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.Propose.class)))
    @ApiResponse(responseCode = "201", description = "The proposal was recorded", headers = {@Header(name = "Location",
            description = "The new object", schema = @Schema(type = "string")), @Header(name = "X-Transaction-Id",
            description = "The transaction that carried the write", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.ProposalReceipt.class)))
    @ApiResponse(responseCode = "200",
            description = "A replay: the ledger already holds this object (replayed: true, the stored object)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.ProposalReceipt.class)))
    @WriteProblems
    public HttpResponse<String> propose(@Body byte[] body) {
        JsonObject proposal = Bodies.object(body);
        LedgerId id = LedgerId.parse(Bodies.string(proposal, "proposalId"), "proposalId");
        Receipt receipt = ledger.submitOrReplay(LedgerAccess.Identity.ADMIN,
                Replay.ofCreate(proposal, () -> ledger.find(LedgerOperation.GET_PROPOSAL, id.value())),
                LedgerOperation.PROPOSE_ROLE, Bodies.argument(proposal));
        return receipt.created(URI.create("/api/v1/proposals/" + id.value()));
    }

    @Post(uri = "/{proposalId}/approve", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Approve a proposal as this organization",
            description = "The role changes when a majority of member organizations has approved. Approving twice is a replay.")
    @ApiResponse(responseCode = "200",
            description = "Approved (the role changes once a majority approved), or a replay",
            headers = {@Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.ProposalReceipt.class)))
    @WriteProblems
    public HttpResponse<String> approve(@PathVariable String proposalId) {
        LedgerId id = LedgerId.parse(proposalId, "proposalId");
        return transition(id, LedgerOperation.APPROVE_PROPOSAL);
    }

    @Post(uri = "/{proposalId}/withdraw", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Withdraw this organization's open proposal")
    @ApiResponse(responseCode = "200", description = "Withdrawn, or a replay",
            headers = {@Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrganizationSchemas.ProposalReceipt.class)))
    @WriteProblems
    public HttpResponse<String> withdraw(@PathVariable String proposalId) {
        LedgerId id = LedgerId.parse(proposalId, "proposalId");
        return transition(id, LedgerOperation.WITHDRAW_PROPOSAL);
    }

    private HttpResponse<String> transition(LedgerId id, LedgerOperation transaction) {
        // A retry after the first attempt committed: the ledger refuses it as a state conflict, and the stored
        // proposal shows whether this organization's step is already there.
        Replay replay = Replay.ofStep(stored -> alreadyDone(stored, transaction, organization),
                () -> ledger.find(LedgerOperation.GET_PROPOSAL, id.value()), "txId",
                ErrorCode.INVALID_STATE, ErrorCode.ALREADY_EXISTS, ErrorCode.DUPLICATE_ID);
        return ledger.submitOrReplay(LedgerAccess.Identity.ADMIN, replay, transaction, id.value()).ok();
    }

    /** @return whether the stored proposal already shows {@code organization}'s step (approval or withdrawal) */
    static boolean alreadyDone(JsonObject proposal, LedgerOperation transaction, String organization) {
        StoredProposal stored = StoredProposal.fromJson(proposal, "proposal");
        if (transaction == LedgerOperation.WITHDRAW_PROPOSAL) {
            return stored.status().equals(StoredProposal.WITHDRAWN);
        }
        return stored.approvals().contains(organization);
    }
}
