package org.carbonledger.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/carbonctl runs the packaged jar with the Java on PATH, in its own process, as a user runs it. */
class LauncherIT {

    record Run(int exitCode, String out, String err) {
    }

    static Run launch(String... args) throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("carbonctl.module.dir"), "bin", "carbonctl");
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CARBONCTL_JAR", System.getProperty("carbonctl.jar"));
        pb.environment().put("CARBONLEDGER_NETWORK_DIR", Network.dir().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void the_launcher_runs_the_jar_and_passes_exit_codes_and_streams_through() throws Exception {
        Run version = launch("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("carbonctl 0.1.0-SNAPSHOT\nJava ");

        Run orgs = launch("org", "list", "-c", "certco", "--output", "json");
        assertThat(orgs.exitCode()).as(orgs.err()).isZero();
        assertThat(orgs.out()).startsWith("{\"items\":[").contains("\"mspId\":\"SteelCoMSP\"");
        assertThat(orgs.err()).as("no gRPC log lines on stderr").isEmpty();

        Run missing = launch("batch", "show", "-c", "certco", "09506000134352", "NO-SUCH-LOT");
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("carbonctl: not found on the ledger: NOT_FOUND: batch "
                + "\"09506000134352/NO-SUCH-LOT\": no such batch\n");
    }
}
