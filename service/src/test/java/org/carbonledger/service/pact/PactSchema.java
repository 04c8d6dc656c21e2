package org.carbonledger.service.pact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/** The PACT v3 JSON schema checked in with core's tests (core/src/test/resources/pact), formats asserted. */
public final class PactSchema {
    private static final String ID = "urn:carbonledger:test:pact-v3";

    private PactSchema() {
    }

    /**
     * @param definition a name under {@code $defs}, e.g. {@code ListFootprintsResponse}
     * @param json the document
     * @return the validation errors, empty when valid
     */
    public static List<String> errors(String definition, String json) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                        .schemas(id -> id.equals(ID) ? text() : null));
        Schema schema = registry.getSchema(SchemaLocation.of(ID + "#/$defs/" + definition));
        return schema.validate(json, InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static String text() {
        Path file = Path.of("..", "core", "src", "test", "resources", "pact", "pact-v3.schema.json");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("core's PACT schema (run the tests from the service module)", e);
        }
    }
}
