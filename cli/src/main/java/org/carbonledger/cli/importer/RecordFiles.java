package org.carbonledger.cli.importer;

import java.nio.file.Path;
import java.util.List;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.record.RecordFile;
import org.carbonledger.core.record.Position;
import org.carbonledger.core.record.RecordFormat;
import org.carbonledger.core.record.RecordProblem;
import org.carbonledger.core.record.SignaturePolicy;

/** Reads a record file for a command, reporting every bad row on stderr. */
public final class RecordFiles {
    /** At most this many problems are printed; the count says how many there are. */
    static final int MAX_PRINTED = 200;

    private RecordFiles() {
    }

    /**
     * @param file the file name as given
     * @param format the format the user named, or null to go by the extension
     * @return the format
     */
    static RecordFormat format(Path file, RecordFormat format) {
        if (format != null) {
            return format;
        }
        return RecordFormat.forFileName(file.getFileName().toString()).orElseThrow(() -> CliException.invalid(
                "cannot tell the format of " + file + " from its name: name it .csv or .json, or give --format"));
    }

    /**
     * Reads a file that must be valid: every problem is printed and the command fails with INVALID_INPUT.
     *
     * @param ctx the surroundings
     * @param file the record file
     * @param format the format the user named, or null
     * @return the file, valid
     */
    public static RecordFile readAllValid(CliContext ctx, Path file, RecordFormat format) {
        RecordFile records = read(ctx, file, format);
        if (!records.valid()) {
            throw invalidRows(ctx, file, records.problems(), records.rows().size() + records.problems().size(),
                    "nothing was done");
        }
        return records;
    }

    static RecordFile read(CliContext ctx, Path file, RecordFormat format) {
        RecordFormat f = format(file, format);
        return RecordFile.read(CliFiles.read(ctx.resolve(file), "record file"), f, SignaturePolicy.OPTIONAL);
    }

    /** Prints the problems and returns the failure to throw. */
    static CliException invalidRows(CliContext ctx, Path file, List<RecordProblem> problems, int rows, String outcome) {
        print(ctx, file, problems, "error");
        boolean unreadable = problems.stream().anyMatch(p -> p.position().kind() == Position.Kind.FILE
                || (p.position().kind() == Position.Kind.LINE && p.position().number() == 1));
        if (unreadable) {
            return new CliException(ExitCode.INVALID_INPUT, file + " is not a valid record file (see above; the "
                    + "format is described in docs/record-files.md); " + outcome);
        }
        return new CliException(ExitCode.INVALID_INPUT, problems.size() + " of " + rows + " row(s) of " + file
                + " are invalid (listed above); " + outcome + ". Fix them, or give --skip-invalid to import the "
                + "valid rows only");
    }

    /** Prints problems as {@code FILE:line 7: amount "-5": …}, at most {@value #MAX_PRINTED}. */
    static void print(CliContext ctx, Path file, List<RecordProblem> problems, String level) {
        int n = 0;
        for (RecordProblem p : problems) {
            if (++n > MAX_PRINTED) {
                ctx.err().println(level + ": … and " + (problems.size() - MAX_PRINTED) + " more problem(s)");
                break;
            }
            ctx.err().println(level + ": " + file + " " + p);
        }
        ctx.err().flush();
    }
}
