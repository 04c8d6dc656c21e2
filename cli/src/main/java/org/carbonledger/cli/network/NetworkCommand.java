package org.carbonledger.cli.network;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Group;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** carbonctl network: shortcuts to the local network's Make targets. */
@Command(name = "network", description = {"Start, stop and inspect the local Fabric network (shortcuts to `make up`, "
        + "`make down`, `make status` of the Carbon Ledger checkout; see docs/operations.md)."},
        subcommands = {NetworkCommand.Up.class, NetworkCommand.Down.class, NetworkCommand.Status.class})
public final class NetworkCommand extends Group {

    /** Runs one Make target of the checkout, passing its output through. */
    abstract static class MakeTarget implements Callable<Integer> {
        @Option(names = "--home", paramLabel = "DIR",
                description = "The Carbon Ledger checkout (default: the one carbonctl belongs to, else the working directory).")
        Path home;

        final CliContext ctx;

        MakeTarget(CliContext ctx) {
            this.ctx = ctx;
        }

        abstract String target();

        @Override
        public Integer call() throws InterruptedException {
            Path dir = home != null ? ctx.resolve(home) : ctx.homeOrWorkingDir();
            if (!Files.isRegularFile(dir.resolve("Makefile")) || !Files.isDirectory(dir.resolve("network/scripts"))) {
                throw CliException.invalid(dir + " is not a Carbon Ledger checkout (no Makefile and network/scripts): "
                        + "give --home DIR or run carbonctl from the checkout");
            }
            Process make;
            try {
                make = new ProcessBuilder("make", "--no-print-directory", "-C", dir.toString(), target())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            } catch (IOException e) {
                throw new CliException(ExitCode.UNAVAILABLE, "cannot run make: " + e.getMessage()
                        + " (install GNU make)", e);
            }
            Thread out = pipe(make.getInputStream(), ctx.out());
            Thread err = pipe(make.getErrorStream(), ctx.err());
            int code = make.waitFor();
            out.join();
            err.join();
            if (code != 0) {
                throw new CliException(ExitCode.UNAVAILABLE, "make " + target() + " failed with exit code " + code
                        + " (its output is above)");
            }
            return ExitCode.OK;
        }

        private static Thread pipe(InputStream in, PrintWriter to) {
            Thread t = new Thread(() -> {
                try (in) {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        synchronized (to) {
                            to.print(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            to.flush();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "make-output");
            t.start();
            return t;
        }
    }

    /** network up. */
    @Command(name = "up", description = "Build, start the network and deploy the chaincode (make up; idempotent).",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl network up"})
    static final class Up extends MakeTarget {
        Up(CliContext ctx) {
            super(ctx);
        }

        @Override
        String target() {
            return "up";
        }
    }

    /** network down. */
    @Command(name = "down", description = "Stop every process `network up` started (make down; the ledger is kept).",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl network down"})
    static final class Down extends MakeTarget {
        Down(CliContext ctx) {
            super(ctx);
        }

        @Override
        String target() {
            return "down";
        }
    }

    /** network status. */
    @Command(name = "status", description = "Each orderer, peer and chaincode up, lagging or down, with channel heights (make status).",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl network status"})
    static final class Status extends MakeTarget {
        Status(CliContext ctx) {
            super(ctx);
        }

        @Override
        String target() {
            return "status";
        }
    }
}
