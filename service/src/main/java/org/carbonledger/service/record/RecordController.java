package org.carbonledger.service.record;

import java.util.ArrayList;
import java.util.List;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.record.RecordFile;
import org.carbonledger.core.record.RecordFormat;
import org.carbonledger.core.record.SignaturePolicy;
import org.carbonledger.service.openapi.ApiExamples;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.security.Roles;

/**
 * Signed emission records: one (a JSON object), many (a JSON array) or a CSV upload. Records are signed by their
 * device (ECDSA P-256 over the RFC 8785 canonical JSON without {@code signature}); the ledger checks each signature,
 * device and factor and computes the CO2e itself.
 */
@Controller("/api/v1/records")
@Secured(Roles.OPERATOR)
@Tag(name = "Signed records")
public class RecordController {
    private final RecordSubmissions submissions;

    public RecordController(RecordSubmissions submissions) {
        this.submissions = submissions;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit signed records (a JSON object or array)",
            description = "Every record is checked for form before any is submitted: one malformed record refuses the "
                    + "request with every bad record listed in errors, and nothing is written. Large requests go to the "
                    + "ledger in several transactions. Retrying is safe: records already on the ledger with the same "
                    + "content are answered with replayed=true and are not recorded again. 201 when anything was "
                    + "recorded, 200 when every record was a replay.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "#/components/schemas/SignedRecords")))
    @RecordSubmissionAnswers
    @WriteProblems
    public HttpResponse<String> submit(@Body byte[] body) {
        if (Bodies.isBlank(body)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "body", "a signed record or an array of them is required");
        }
        JsonValue parsed = Json.parse(body, "body");
        List<RecordSubmissions.Submitted> records = new ArrayList<>();
        if (parsed instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                String path = "records[" + i + "]";
                records.add(new RecordSubmissions.Submitted(JsonObjectReader.asObject(array.get(i), path), path));
            }
        } else {
            records.add(new RecordSubmissions.Submitted(JsonObjectReader.asObject(parsed, "body"), "record"));
        }
        return respond(submissions.submit(records));
    }

    @Post(consumes = "text/csv", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit signed records as CSV (bulk upload)",
            description = "A header row naming the columns, then one signed record per line (docs/record-files.md: "
                    + "recordId, gtin, lot, deviceId, periodStart, periodEnd, scope, stage, factorId, amount, unit or "
                    + "gas.<GAS> columns, evidenceSha256, signature). Every line is checked first; any bad line refuses "
                    + "the upload with every bad line listed (line number, column, reason) and nothing is written. Retrying "
                    + "the same file is safe: records already on the ledger are answered as replayed.")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv",
            examples = @ExampleObject(name = "record", value = ApiExamples.RECORD_CSV), schema = @Schema(type = "string",
            description = "One record a line, with a signature column (docs/record-files.md)")))
    @RecordSubmissionAnswers
    @WriteProblems
    // Bytes, decoded strictly by core; the @Schema keeps the generated document from calling the text base64 (byte[]).
    public HttpResponse<String> upload(@Body @Schema(implementation = String.class) byte[] body) {
        if (Bodies.isBlank(body)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "body", "a CSV file with a header row is required");
        }
        // Read as a file, as the CLI reads one: strict UTF-8 and a leading byte-order mark are handled in one place.
        RecordFile file = RecordFile.read(body, RecordFormat.CSV, SignaturePolicy.REQUIRED);
        if (!file.valid()) {
            List<Problem.FieldError> errors = file.problems().stream()
                    .map(p -> new Problem.FieldError(p.field(), p.toString())).toList();
            String detail = errors.size() == 1 ? errors.get(0).reason()
                    : errors.size() + " lines are invalid, nothing was submitted; first: " + errors.get(0).reason();
            throw new ProblemException(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, detail,
                    errors.size() > 1000 ? errors.subList(0, 1000) : errors);
        }
        List<RecordSubmissions.Submitted> records = file.rows().stream()
                .map(row -> new RecordSubmissions.Submitted(row.record(), row.position().toString())).toList();
        return respond(submissions.submit(records));
    }

    static MutableHttpResponse<String> respond(JsonObject summary) {
        boolean anyNew = !summary.get("accepted").map(v -> v.toString().equals("0")).orElse(true);
        return HttpResponse.<String>status(anyNew ? HttpStatus.CREATED : HttpStatus.OK)
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(summary));
    }
}
