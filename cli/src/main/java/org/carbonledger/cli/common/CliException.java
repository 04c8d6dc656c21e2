package org.carbonledger.cli.common;

/** A failure carbonctl reports as one line on stderr with a chosen exit code. */
public final class CliException extends RuntimeException {
    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message one line a person can act on
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message one line a person can act on
     * @param cause the underlying failure (shown with --verbose)
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the process exit code */
    public int exitCode() {
        return exitCode;
    }

    /** @return an INVALID_INPUT failure */
    public static CliException invalid(String message) {
        return new CliException(ExitCode.INVALID_INPUT, message);
    }
}
