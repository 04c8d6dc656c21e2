package org.carbonledger.cli.common;

/**
 * carbonctl's exit codes, the same for every command (listed in every {@code --help} and in docs/cli.md), so scripts
 * can tell "the check failed" from "you typed it wrong" from "the ledger said no" from "try again later".
 */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** The command ran, and what it checked is not right: a verification FAILed, an audit found differences. */
    public static final int CHECK_FAILED = 1;
    /** The command line is wrong (unknown option, missing parameter). */
    public static final int USAGE = 2;
    /** An input is invalid: a file's rows, a key, a connection file, a value the ledger's rules refuse before asking. */
    public static final int INVALID_INPUT = 3;
    /** The ledger (or the service) refused the request: a rule, a role, ownership, a replayed id. */
    public static final int REFUSED = 4;
    /** What was asked for does not exist (batch, device, transfer, record, …). */
    public static final int NOT_FOUND = 5;
    /** A peer, orderer or the service could not be reached or did not answer in time: try again. */
    public static final int UNAVAILABLE = 6;
    /** A bug in carbonctl: please report it with the output of --verbose. */
    public static final int INTERNAL = 70;

    /** The text of the help footer listing the codes. */
    public static final String HELP = "%nExit codes: 0 ok, 1 check failed (verification FAIL, audit differences), "
            + "2 usage, 3 invalid input, 4 refused by the ledger or service, 5 not found, 6 unavailable, 70 internal error.";

    private ExitCode() {
    }
}
