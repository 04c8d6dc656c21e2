package org.carbonledger.core.pact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/** The PACT v3 JSON schema of the tests ({@code src/test/resources/pact/pact-v3.schema.json}), with formats asserted. */
public final class PactSchema {
    private static final String PATH = "/pact/pact-v3.schema.json";

    private PactSchema() {
    }

    /**
     * @param definition a name under {@code $defs}, e.g. {@code ProductFootprint}
     * @param json the document
     * @return the validation errors, empty when valid
     */
    public static List<String> errors(String definition, String json) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                        .schemas(id -> id.equals("urn:carbonledger:test:pact-v3") ? text() : null));
        Schema schema = registry.getSchema(SchemaLocation.of("urn:carbonledger:test:pact-v3#/$defs/" + definition));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static String text() {
        try (InputStream in = PactSchema.class.getResourceAsStream(PATH)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
