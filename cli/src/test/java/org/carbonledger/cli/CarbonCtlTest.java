package org.carbonledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.AutoComplete;
import picocli.CommandLine;

/** The conventions every command follows: help with examples, one-line usage errors, exit codes, completion. */
class CarbonCtlTest {
    @TempDir
    Path dir;

    static List<CommandLine> leaves(CommandLine c) {
        List<CommandLine> out = new ArrayList<>();
        if (c.getSubcommands().isEmpty()) {
            out.add(c);
        }
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help") && !out.contains(sub)) {
                out.addAll(leaves(sub));
            }
        }
        return out;
    }

    static CommandLine commandLine() {
        return CarbonCtl.commandLine(new CliContext(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), Path.of("."), Optional.empty(), false, Clock.systemUTC()));
    }

    @Test
    void every_command_has_help_with_examples_and_the_exit_codes() {
        List<CommandLine> leaves = leaves(commandLine());
        assertThat(leaves).hasSizeGreaterThan(40);
        for (CommandLine leaf : leaves) {
            String name = leaf.getCommandSpec().qualifiedName();
            if (name.equals("carbonctl generate-completion")) {
                continue;
            }
            Cli.Result help = new Cli(dir).run((name.substring("carbonctl ".length()) + " --help").split(" "));
            assertThat(help.exitCode()).as(name).isZero();
            assertThat(help.out()).as(name).contains("Usage: " + name, "Exit codes:", "Examples:", "  " + name);
        }
    }

    @Test
    void a_usage_error_is_one_line_naming_the_command_and_its_help() {
        Cli.Result r = new Cli(dir).run("batch", "show", "09506000134352");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly(
                "carbonctl batch show: Missing required parameter: 'LOT' (see 'carbonctl batch show --help')");
        assertThat(new Cli(dir).run("batch").errLines()).containsExactly("carbonctl batch: give a subcommand: create, "
                + "seal, show, list, provenance (see 'carbonctl batch --help')");
        assertThat(new Cli(dir).run("frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void a_command_that_needs_the_ledger_says_how_to_name_a_connection() {
        Cli.Result r = new Cli(dir).run("batch", "show", "09506000134352", "COIL-7");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines()).singleElement().asString().startsWith("carbonctl: no organization connection: give "
                + "--connection ORG (e.g. steelco, a file in ");
        Cli.Result missing = new Cli(dir).run("batch", "show", "-c", "nosuchorg", "09506000134352", "COIL-7");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(missing.err()).contains("no connection file " + dir.resolve("network/run/connection/nosuchorg.json"));
        assertThat(missing.err()).doesNotContain("\tat ");
    }

    @Test
    void verbose_adds_the_stack_trace() {
        Cli.Result r = new Cli(dir).run("batch", "show", "-c", "nosuchorg", "--verbose", "09506000134352", "COIL-7");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("\tat org.carbonledger.cli.common.LedgerOptions");
    }

    @Test
    void the_checked_in_completion_script_is_the_one_picocli_generates_for_these_commands() throws IOException {
        Path script = Path.of(System.getProperty("carbonctl.module.dir"), "bin", "carbonctl-completion.bash");
        String generated = AutoComplete.bash("carbonctl", commandLine());
        assertThat(Files.readString(script, StandardCharsets.UTF_8).stripTrailing())
                .as("regenerate it: cli/bin/carbonctl generate-completion > cli/bin/carbonctl-completion.bash")
                .isEqualTo(generated.stripTrailing());
        assertThat(new Cli(dir).run("generate-completion").out().stripTrailing()).isEqualTo(generated.stripTrailing());
    }

    @Test
    void version_names_the_cli() {
        Cli.Result r = new Cli(dir).run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("carbonctl ");
    }
}
