package org.carbonledger.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * network up|down|status run the checkout's Make targets. The shared network must not be started or stopped by a
 * test, so these run against a checkout whose Makefile only reports which target ran.
 */
class NetworkCommandTest {
    @TempDir
    Path home;

    @BeforeEach
    void checkout() throws IOException {
        Files.createDirectories(home.resolve("network/scripts"));
        Files.writeString(home.resolve("Makefile"), """
                up:
                \t@echo "target up in $(CURDIR)"
                down:
                \t@echo "target down"
                status:
                \t@echo "orderer0 DOWN" >&2; exit 1
                """);
    }

    @Test
    void up_and_down_run_the_make_targets_of_the_checkout_and_pass_their_output_through() {
        Cli.Result up = new Cli(home).home(home).run("network", "up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).isEqualTo("target up in " + home + "\n");
        Cli.Result down = new Cli(Path.of("/")).run("network", "down", "--home", home.toString());
        assertThat(down.out()).isEqualTo("target down\n");
    }

    @Test
    void a_failing_target_is_unavailable_and_its_output_is_shown() {
        Cli.Result status = new Cli(home).home(home).run("network", "status");
        assertThat(status.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(status.errLines()).startsWith("orderer0 DOWN")
                .endsWith("carbonctl: make status failed with exit code 2 (its output is above)");
    }

    @Test
    void outside_a_checkout_it_says_where_it_looked() {
        Cli.Result r = new Cli(home.resolve("network")).run("network", "status");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains(home.resolve("network") + " is not a Carbon Ledger checkout");
    }
}
