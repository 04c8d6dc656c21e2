package org.carbonledger.service.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.ledger.LedgerFailure;
import org.carbonledger.service.security.Roles;

/** Test-only routes: one per role, and one per kind of failure the problem handling must render. */
@Controller("/test")
class ProbeController {

    @Serdeable
    @Introspected
    record Activity(@NotBlank String unit, @NotNull @Pattern(regexp = "\\d+(\\.\\d+)?") String amount) {
    }

    @Serdeable
    @Introspected
    record Input(@NotBlank String name, @Min(1) int quantity, @NotNull @Valid Activity activity) {
    }

    @Get("/read")
    @Secured(Roles.READ_ONLY)
    Map<String, String> read() {
        return Map.of("ok", "read");
    }

    @Post("/operate")
    @Secured(Roles.OPERATOR)
    Map<String, String> operate() {
        return Map.of("ok", "operate");
    }

    @Post("/govern")
    @Secured(Roles.ADMIN)
    Map<String, String> govern() {
        return Map.of("ok", "govern");
    }

    @Get("/unannotated")
    Map<String, String> unannotated() {
        return Map.of("ok", "should never be reachable");
    }

    @Get("/rule/{code}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Map<String, String> rule(@PathVariable ErrorCode code) {
        throw LedgerRuleException.of(code, "activity.amount", "-1", "must not be negative");
    }

    @Get("/problem")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Map<String, String> problem() {
        throw ProblemException.of(ErrorCode.BATCH_SEALED, "lot", "lot \"COIL-7\": the batch is sealed");
    }

    @Get("/refusal/{code}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Map<String, String> refusal(@PathVariable ErrorCode code) {
        throw LedgerFailure.refused("SealBatch", Stage.ENDORSE,
                new LedgerRefusal(new Refusal(code, "lot", "lot \"COIL-7\": refused as " + code, Optional.empty())), null);
    }

    @Get("/commit-unknown")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Map<String, String> commitUnknown() {
        throw LedgerFailure.failed("SealBatch", Stage.COMMIT_STATUS, "tx-42", null, true, "DEADLINE_EXCEEDED");
    }

    @Post("/validated")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Input validated(@Body @Valid Input input) {
        return input;
    }

    @Get("/paged")
    @Secured(SecurityRule.IS_ANONYMOUS)
    List<Integer> paged(@QueryValue int limit) {
        return List.of(limit);
    }

    @Get("/boom")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Map<String, String> boom() {
        throw new IllegalStateException("internal detail: password=hunter2");
    }
}
