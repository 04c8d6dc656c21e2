package org.carbonledger.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What export says about its format before it connects (no connection is given: none is made). */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void asking_for_a_qr_code_points_to_carbonctl_qr_with_the_usage_exit_code() {
        Cli.Result r = new Cli(dir).run("export", "09506000134390", "WM-2611-001", "--format", "qr");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--format qr: export reads the ledger and has no QR code; the batch's QR code "
                + "comes from the service: carbonctl qr GTIN LOT --out code.svg");
    }

    @Test
    void an_unknown_format_names_the_ones_there_are() {
        Cli.Result r = new Cli(dir).run("export", "09506000134390", "WM-2611-001", "--format", "csv");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--format: \"csv\" is not an export format; give pact, bundle, untp-dpp or "
                + "untp-dcc (a QR code: carbonctl qr)");
    }

    @Test
    void the_format_is_read_in_any_case() {
        Cli.Result r = new Cli(dir).run("export", "09506000134390", "WM-2611-001", "--format", "PACT");

        // Past parsing: it fails only for want of a connection.
        assertThat(r.exitCode()).as(r.toString()).isNotEqualTo(ExitCode.USAGE);
        assertThat(r.err()).doesNotContain("--format");
    }
}
