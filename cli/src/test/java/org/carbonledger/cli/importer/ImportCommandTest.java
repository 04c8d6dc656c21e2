package org.carbonledger.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What import decides before it talks to the ledger (the ledger part is in the integration tests). */
class ImportCommandTest {
    @TempDir
    Path dir;

    @Test
    void bad_rows_are_all_listed_with_their_lines_and_nothing_is_imported() throws IOException {
        String csv = Files.readString(Cli.fixtures().resolve("records/files/t1-pellets.csv"));
        String[] lines = csv.split("\n");
        String bad = lines[0] + "\n" + lines[1].replace("9506000134376", "9506000134377") + "\n" + lines[2] + "\n"
                + lines[3].replace(",1,RAW_MATERIALS", ",4,RAW_MATERIALS") + "\n";
        Files.writeString(dir.resolve("bad.csv"), bad);
        // No connection is given: the file is judged before any connection is made.
        Cli.Result r = new Cli(dir).run("import", "bad.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines()).hasSize(3);
        assertThat(r.errLines().get(0)).startsWith("error: bad.csv line 2: gtin \"9506000134377\": ");
        assertThat(r.errLines().get(1)).startsWith("error: bad.csv line 4: scope \"4\": ");
        assertThat(r.errLines().get(2)).isEqualTo("carbonctl: 2 of 3 row(s) of bad.csv are invalid (listed above); "
                + "nothing was imported. Fix them, or give --skip-invalid to import the valid rows only");
    }

    @Test
    void a_file_that_is_not_a_record_file_says_so() throws IOException {
        Files.writeString(dir.resolve("f.csv"), "factorId,unit,kgCo2ePerUnit\ngrid,kWh,0.4\n");
        Cli.Result r = new Cli(dir).run("import", "f.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines().get(r.errLines().size() - 1)).isEqualTo("carbonctl: f.csv is not a valid record file "
                + "(see above; the format is described in docs/record-files.md); nothing was imported");
        Files.writeString(dir.resolve("r.txt"), "x");
        assertThat(new Cli(dir).run("import", "r.txt").err()).contains("cannot tell the format of r.txt from its name");
        assertThat(new Cli(dir).run("import", "missing.json").err())
                .contains("cannot read record file " + dir.resolve("missing.json") + ": no such file");
    }

    @Test
    void batch_size_and_in_flight_are_bounded() throws IOException {
        Files.copy(Cli.fixtures().resolve("records/files/t1-pellets.csv"), dir.resolve("t1.csv"));
        assertThat(new Cli(dir).run("import", "--batch-size", "1001", "t1.csv").err())
                .contains("--batch-size must be 1 to 1000 (the ledger's limit per transaction), was 1001");
        assertThat(new Cli(dir).run("import", "--in-flight", "0", "t1.csv").exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    }

    @Test
    void the_progress_line_shows_count_percentage_rate_and_eta() {
        assertThat(ProgressBar.line(4500, 10000, Duration.ofSeconds(9)))
                .isEqualTo("4,500/10,000  45% [#############.................] 500 rec/s ETA 0:11");
        assertThat(ProgressBar.line(0, 10000, Duration.ofSeconds(1))).endsWith("0 rec/s ETA --:--");
        assertThat(ProgressBar.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
    }

    @Test
    void without_in_flight_small_transactions_get_more_of_them_in_flight() {
        assertThat(ImportCommand.defaultInFlight(500)).isEqualTo(8);
        assertThat(ImportCommand.defaultInFlight(1000)).isEqualTo(8);
        assertThat(ImportCommand.defaultInFlight(100)).isEqualTo(16);
        assertThat(ImportCommand.defaultInFlight(10)).isEqualTo(32);
        assertThat(ImportCommand.defaultInFlight(1)).isEqualTo(32);
    }
}
