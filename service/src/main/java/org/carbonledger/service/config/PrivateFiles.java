package org.carbonledger.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writing secrets to disk: owner-only permissions, and never a half-written file (write to a sibling, then move). */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /**
     * Writes a file readable only by its owner, atomically replacing any previous content.
     *
     * @param file the target
     * @param content the bytes
     */
    public static void writeOwnerOnly(Path file, byte[] content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException raced) {
                throw new IllegalStateException("another process is writing " + file, raced);
            }
            Files.write(tmp, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems (Windows) rely on the folder's ACL; nothing more to do here.
        }
    }
}
