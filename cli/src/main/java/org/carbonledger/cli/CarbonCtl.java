package org.carbonledger.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.carbonledger.cli.attestation.AttestationCommand;
import org.carbonledger.cli.batch.BatchCommand;
import org.carbonledger.cli.certifier.CertifiersCommand;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Failures;
import org.carbonledger.cli.device.DeviceCommand;
import org.carbonledger.cli.disclose.DiscloseCommand;
import org.carbonledger.cli.export.ExportCommand;
import org.carbonledger.cli.factor.FactorCommand;
import org.carbonledger.cli.governance.OrgCommand;
import org.carbonledger.cli.governance.RoleCommand;
import org.carbonledger.cli.importer.ImportCommand;
import org.carbonledger.cli.keys.KeysCommand;
import org.carbonledger.cli.network.NetworkCommand;
import org.carbonledger.cli.plant.PlantCommand;
import org.carbonledger.cli.product.ProductCommand;
import org.carbonledger.cli.qr.QrCommand;
import org.carbonledger.cli.record.RecordCommand;
import org.carbonledger.cli.service.AuditCommand;
import org.carbonledger.cli.service.DbCommand;
import org.carbonledger.cli.transfer.TransferCommand;
import org.carbonledger.cli.verify.VerifyCommand;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code carbonctl}, the Carbon Ledger admin CLI. Every command prints data on stdout ({@code --output json} where
 * it is data), progress and errors on stderr; an error is one line, with a stack trace only under {@code --verbose};
 * the exit codes are those of {@link ExitCode}.
 */
@Command(name = "carbonctl", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = CarbonCtl.Version.class, usageHelpWidth = 100, showAtFileInUsageHelp = false,
        description = {"Carbon Ledger admin CLI: device keys, ledger operations, bulk import of signed emission "
                + "records, end-to-end verification, exports and read-model audits."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:ok",
            " 1:check failed (verification FAIL, audit found differences)",
            " 2:usage error",
            " 3:invalid input (file rows, keys, connection files)",
            " 4:refused by the ledger or the service",
            " 5:not found",
            " 6:unavailable (peer, orderer or service unreachable; safe to retry)",
            "70:internal error"},
        subcommands = {
            KeysCommand.class, OrgCommand.class, RoleCommand.class, CertifiersCommand.class, DeviceCommand.class,
            FactorCommand.class, ProductCommand.class, BatchCommand.class, RecordCommand.class, TransferCommand.class,
            AttestationCommand.class, ImportCommand.class, VerifyCommand.class, DiscloseCommand.class, ExportCommand.class, QrCommand.class,
            AuditCommand.class, DbCommand.class, NetworkCommand.class, PlantCommand.class, AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class})
public final class CarbonCtl implements Runnable {

    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace too.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command");
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        // gRPC logs connection details at INFO through java.util.logging: not what a CLI user wants on stderr.
        GRPC_LOG.setLevel(Level.WARNING);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Optional<Path> home = Optional.ofNullable(System.getProperty("carbonctl.home")).map(Path::of);
        CliContext ctx = new CliContext(out, err, System.getenv(), Path.of("").toAbsolutePath(), home,
                System.console() != null, Clock.systemUTC());
        int code = execute(ctx, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs a command line in the given surroundings (tests call this instead of {@link #main}).
     *
     * @param ctx the surroundings
     * @param args the command line
     * @return the exit code
     */
    public static int execute(CliContext ctx, String... args) {
        return commandLine(ctx).execute(args);
    }

    /**
     * @param ctx the surroundings
     * @return the configured command line (also used to generate the completion script)
     */
    public static CommandLine commandLine(CliContext ctx) {
        CommandLine cl = new CommandLine(new CarbonCtl(), new ContextFactory(ctx));
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            ctx.err().println(command + ": " + ex.getMessage() + " (see '" + command + " --help')");
            ctx.err().flush();
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Failures.Failure f = Failures.of(ex);
            ctx.err().println("carbonctl: " + f.message());
            if (verbose(parseResult)) {
                ex.printStackTrace(ctx.err());
            }
            ctx.err().flush();
            return f.exitCode();
        });
        return cl;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Builds commands and mixins, giving those that ask for it (a constructor taking one) the context. */
    static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext ctx;

        ContextFactory(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            Constructor<K> constructor;
            try {
                constructor = cls.getDeclaredConstructor(CliContext.class);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
            constructor.setAccessible(true);
            return constructor.newInstance(ctx);
        }
    }

    /** The version from the jar's manifest (or "development" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CarbonCtl.class.getPackage().getImplementationVersion();
            return new String[] {"carbonctl " + (v == null ? "development build" : v),
                "Java " + System.getProperty("java.version")};
        }
    }
}
