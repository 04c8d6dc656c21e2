package org.carbonledger.service.organization;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of organizations, roles and role proposals as the OpenAPI document describes them. */
public final class OrganizationSchemas {
    private OrganizationSchemas() {
    }

    @Schema(name = "LedgerRole")
    public enum LedgerRole { PRODUCER, CERTIFIER }

    @Schema(name = "ProposalAction")
    public enum Action { GRANT, REVOKE }

    @Schema(name = "ProposalStatus")
    public enum ProposalStatus { OPEN, EXECUTED, WITHDRAWN }

    @Schema(name = "OrganizationProfile", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Profile(
            @Schema(requiredMode = REQUIRED, maxLength = 200, example = "SteelCo") String displayName,
            @Nullable @Schema(name = "public",
                    description = "false (the default) hides the name from consumers") Boolean isPublic,
            @Nullable @Schema(description = "An https URL, or empty") String website) {
    }

    @Schema(name = "Organization", description = "A member organization's profile as the ledger stores it")
    public record Organization(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String mspId,
            String displayName,
            @Schema(requiredMode = REQUIRED, name = "public") boolean isPublic,
            String website,
            @Schema(requiredMode = REQUIRED, format = "date-time") String registeredAt,
            @Schema(requiredMode = REQUIRED, format = "date-time") String updatedAt,
            @Schema(requiredMode = REQUIRED, description = "The roles it holds now") List<LedgerRole> roles) {
    }

    @Schema(name = "OrganizationReceipt", description = "The transaction that carried the write and the profile")
    public record OrganizationReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
                               boolean replayed, Organization result) {
    }

    @Schema(name = "OrganizationPage")
    public record OrganizationPage(List<Organization> items, @Nullable String nextCursor) {
    }

    @Schema(name = "RoleGrant", description = "A role an organization holds, with the proposal that granted it")
    public record RoleGrant(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String mspId,
            LedgerRole role,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String proposalId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String grantedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId) {
    }

    @Schema(name = "RoleGrantPage")
    public record RoleGrantPage(List<RoleGrant> items, @Nullable String nextCursor) {
    }

    @Schema(name = "Propose", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Propose(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String proposalId,
            Action action,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String mspId,
            LedgerRole role) {
    }

    @Schema(name = "Proposal", description = "A role proposal as the ledger stores it")
    public record Proposal(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String proposalId,
            Action action,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String mspId,
            LedgerRole role,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String proposedBy,
            List<String> approvals,
            ProposalStatus status,
            @Schema(requiredMode = REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId,
            @Nullable @Schema(format = "date-time") String executedAt,
            @Nullable @Schema(pattern = ApiSchemas.HEX64) String executedTxId,
            @Nullable @Schema(format = "date-time") String withdrawnAt,
            @Nullable @Schema(pattern = ApiSchemas.HEX64) String withdrawnTxId) {
    }

    @Schema(name = "ProposalReceipt", description = "The transaction that carried the write and the proposal as stored")
    public record ProposalReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
                           boolean replayed, Proposal result) {
    }

    @Schema(name = "ProposalPage")
    public record ProposalPage(List<Proposal> items, @Nullable String nextCursor) {
    }
}
