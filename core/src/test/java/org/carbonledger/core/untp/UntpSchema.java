package org.carbonledger.core.untp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * UNTP's published JSON schema of the Digital Product Passport 0.7.0, read from the package that ships it: the PyPI
 * wheel of {@code dppvalidator} 0.5.1, which vendors UNTP's schema byte for byte and records the upstream URL and
 * SHA-256 in its manifest. Nothing of it is copied into this repository. {@code network/scripts/test-tools.sh}
 * downloads the wheel into the cache ({@code ~/.cache/carbonledger/untp}); the system property
 * {@code carbonledger.untp.wheel} names another copy. Formats are asserted (uri, date, date-time).
 */
public final class UntpSchema {
    /** The wheel's file name. */
    public static final String WHEEL = "dppvalidator-0.5.1-py3-none-any.whl";
    private static final String ENTRY = "dppvalidator/schemas/data/untp-dpp-schema-0.7.0.json";
    private static final String MANIFEST = "dppvalidator/schemas/data/MANIFEST.json";
    /** UNTP's own location of the schema the manifest says the bytes came from. */
    public static final String PUBLISHED_AT = "https://untp.unece.org/artefacts/schema/v0.7.0/dpp/DigitalProductPassport.json";

    private UntpSchema() {
    }

    /** @return the wheel, if it was downloaded */
    public static Optional<Path> wheel() {
        String configured = System.getProperty("carbonledger.untp.wheel");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(cache.resolve("carbonledger").resolve("untp").resolve(WHEEL)).filter(Files::isRegularFile);
    }

    /**
     * @param wheel the wheel
     * @return the schema text, after checking it against the SHA-256 and the upstream URL the wheel's manifest records
     */
    public static String dppSchema(Path wheel) {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            byte[] schema = read(zip, ENTRY);
            JsonObject manifest = Json.parseObject(read(zip, MANIFEST), "manifest");
            for (JsonValue v : JsonObjectReader.of(manifest, "").requireArray("artefacts").elements()) {
                JsonObjectReader a = JsonObjectReader.of(JsonObjectReader.asObject(v, "artefacts[]"), "artefacts[]");
                if (a.requireString("path").endsWith(ENTRY.substring(ENTRY.lastIndexOf('/')))) {
                    if (!a.requireString("sha256").equals(Sha256.of(schema).toHex())
                            || !a.requireString("production_url").equals(PUBLISHED_AT)) {
                        throw new IllegalStateException(wheel + ": the schema is not the one its manifest records");
                    }
                    return new String(schema, StandardCharsets.UTF_8);
                }
            }
            throw new IllegalStateException(wheel + ": the manifest does not list " + ENTRY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param schemaText the schema
     * @param json a credential
     * @return the validation errors, empty when valid
     */
    public static List<String> errors(String schemaText, String json) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                        .schemas(id -> id.equals("urn:carbonledger:test:untp-dpp") ? schemaText : null));
        Schema schema = registry.getSchema(SchemaLocation.of("urn:carbonledger:test:untp-dpp"));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IllegalStateException(zip.getName() + " has no " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
