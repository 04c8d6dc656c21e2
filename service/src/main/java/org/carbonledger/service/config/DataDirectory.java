package org.carbonledger.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

import jakarta.inject.Singleton;

/**
 * The service's data directory ({@code carbonledger.data-dir}). Everything in it is private to the service: folders
 * are created owner-only because they hold private keys and database files.
 */
@Singleton
public final class DataDirectory {
    private final Path root;

    public DataDirectory(ServiceProperties properties) {
        this(Path.of(properties.dataDir()));
    }

    DataDirectory(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** @return the absolute data directory (created on first use of {@link #folder(String)}) */
    public Path root() {
        return root;
    }

    /**
     * A sub-folder of the data directory, created owner-only if missing.
     *
     * @param name a relative name such as {@code tls} or {@code mariadb/data}
     * @return the absolute folder
     */
    public Path folder(String name) {
        Objects.requireNonNull(name, "name");
        Path folder = root.resolve(name).normalize();
        if (!folder.startsWith(root)) {
            throw new IllegalArgumentException("folder " + name + " is outside the data directory");
        }
        return createPrivateDirectories(folder);
    }

    /**
     * Creates a folder and its missing parents with permissions rwx------ where the file system supports them.
     *
     * @param folder the folder
     * @return the folder
     */
    public static Path createPrivateDirectories(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                PrivateFiles.restrictToOwner(folder, PosixFilePermissions.fromString("rwx------"));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
