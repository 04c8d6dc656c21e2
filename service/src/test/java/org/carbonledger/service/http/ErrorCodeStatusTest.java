package org.carbonledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import org.carbonledger.core.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeStatusTest {

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"INVALID_(?!STATE).*", "UNIT_MISMATCH"}, mode = EnumSource.Mode.MATCH_ANY)
    void malformed_input_is_400(ErrorCode code) {
        assertThat(ErrorCodeStatus.of(code).getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"NOT_FOUND", "UNKNOWN_.*"}, mode = EnumSource.Mode.MATCH_ANY)
    void missing_objects_are_404(ErrorCode code) {
        assertThat(ErrorCodeStatus.of(code).getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"DUPLICATE_ID", "ALREADY_EXISTS", "BATCH_SEALED", "BATCH_NOT_SEALED",
        "INVALID_STATE", "MASS_BALANCE_EXCEEDED"})
    void conflicts_with_ledger_state_are_409(ErrorCode code) {
        assertThat(ErrorCodeStatus.of(code).getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"FORBIDDEN", "ROLE_REQUIRED", "NOT_DESIGNATED"})
    void ledger_permission_refusals_are_403(ErrorCode code) {
        assertThat(ErrorCodeStatus.of(code).getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"DEVICE_REVOKED", "DEVICE_NOT_OWNED", "MISMATCH"})
    void evidence_that_does_not_check_out_is_422(ErrorCode code) {
        assertThat(ErrorCodeStatus.of(code).getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void every_code_has_a_client_error_status_a_type_and_a_title(ErrorCode code) {
        assertThat(ErrorCodeStatus.of(code).getCode()).isBetween(400, 499);
        assertThat(ErrorCodeStatus.type(code)).matches("urn:carbonledger:problem:[a-z-]+");
        assertThat(ErrorCodeStatus.title(code)).isNotBlank();
    }
}
