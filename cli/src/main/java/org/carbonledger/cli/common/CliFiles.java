package org.carbonledger.cli.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reading and writing the user's files with errors that name the file and say what is wrong. */
public final class CliFiles {

    private CliFiles() {
    }

    /**
     * @param file a file
     * @param what what it is, for the message (e.g. {@code record file})
     * @return its bytes
     */
    public static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliException.invalid("cannot read " + what + " " + file + ": " + reason(e));
        }
    }

    /**
     * @param file a UTF-8 text file
     * @param what what it is, for the message
     * @return its text
     */
    public static String readText(Path file, String what) {
        return new String(read(file, what), StandardCharsets.UTF_8);
    }

    /**
     * Writes a file whole (through a temporary file, so a reader never sees half of it).
     *
     * @param file the file
     * @param bytes its content
     * @param secret whether only the owner may read it (private keys)
     * @param overwrite whether an existing file may be replaced
     */
    public static void write(Path file, byte[] bytes, boolean secret, boolean overwrite) {
        try {
            if (!overwrite && Files.exists(file)) {
                throw CliException.invalid(file + " exists; refusing to overwrite it (use --force)");
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                // createTempFile makes owner-only files; only secrets stay that way.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
                Files.write(tmp, bytes, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (UnsupportedOperationException e) {
            throw CliException.invalid("cannot restrict the permissions of " + file + " on this file system");
        } catch (IOException e) {
            throw CliException.invalid("cannot write " + file + ": " + reason(e));
        }
    }

    /** @return why an I/O operation failed, in words */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
