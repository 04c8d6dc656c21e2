package org.carbonledger.service.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.OpenApi30;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document the build generated (META-INF/swagger on the class path, the one the service serves), with
 * its schemas applied to real requests and answers by a JSON Schema validator in the OpenAPI 3.0 dialect.
 */
final class OpenApiDocument {
    static final String RESOURCE = "/META-INF/swagger/carbonledger.yml";
    private static final String ID = "urn:carbonledger:test:openapi";

    private final String yaml;
    private final String json;
    private final JsonObject root;
    private final SchemaRegistry registry;

    private OpenApiDocument(String yaml) {
        this.yaml = yaml;
        this.json = new YAMLMapper().readTree(yaml).toString();
        this.root = Json.parseObject(json, "openapi");
        this.registry = SchemaRegistry.withDefaultDialect(OpenApi30.getInstance(),
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                        .schemas(id -> id.equals(ID) ? json : null));
    }

    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: the service's compile step "
                        + "generates it");
            }
            return new OpenApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String yaml() {
        return yaml;
    }

    JsonObject root() {
        return root;
    }

    /** The documented path template a concrete (still percent-encoded) path matches, the most literal first. */
    Optional<String> template(String rawPath) {
        return object(root, "paths").names().stream()
                .filter(t -> Pattern.compile("^" + t.replaceAll("\\{[^}/]+\\}", "[^/]+") + "$").matcher(rawPath).matches())
                .min(Comparator.comparingInt(t -> t.split("\\{", -1).length));
    }

    /**
     * The JSON pointer of the schema documented for this answer, or why there is none: the route, the status and
     * the media type must all be documented.
     */
    Located response(String method, String rawPath, int status, String mediaType) {
        String template = template(rawPath).orElse(null);
        if (template == null) {
            return Located.missing("no documented path matches " + rawPath);
        }
        String op = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
        Optional<JsonObject> operation = at(op);
        if (operation.isEmpty()) {
            return Located.missing(method + " " + template + " is not documented");
        }
        String responses = op + "/responses/" + status;
        Optional<JsonObject> response = at(responses);
        if (response.isEmpty()) {
            return Located.missing(method + " " + template + " does not document status " + status);
        }
        if (response.get().get("$ref").isPresent()) {
            responses = ((JsonString) response.get().get("$ref").orElseThrow()).value().substring(1);
        }
        String content = responses + "/content/" + escape(mediaType);
        if (at(content).isEmpty()) {
            return Located.missing(method + " " + template + " " + status + " documents no " + mediaType + " body");
        }
        return new Located(content + "/schema", null);
    }

    /** The JSON pointer of the request body schema of a route for a media type. */
    Located request(String method, String template, String mediaType) {
        String content = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/requestBody/content/"
                + escape(mediaType);
        return at(content).isPresent() ? new Located(content + "/schema", null)
                : Located.missing(method + " " + template + " documents no " + mediaType + " request body");
    }

    /** Validation errors of a JSON text against the schema at a pointer, empty when it conforms. */
    List<String> errors(String pointer, String jsonText) {
        Schema schema = registry.getSchema(SchemaLocation.of(ID + "#" + pointer));
        List<String> errors = new ArrayList<>();
        schema.validate(jsonText, InputFormat.JSON).forEach(e -> errors.add(e.getInstanceLocation() + ": " + e.getMessage()));
        return errors;
    }

    /**
     * A documented example request body: its route, the operation's scopes (the roles it needs), and the body.
     *
     * @param method upper case
     * @param template the path template, e.g. {@code /api/v1/transfers/{transferId}/cancel}
     * @param schemaPointer the pointer of the request body's schema
     */
    record Example(String method, String template, String name, List<String> scopes, String schemaPointer,
                   String body) {
    }

    /** Every example of an application/json request body, in document order. */
    List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        JsonObject paths = object(root, "paths");
        for (String template : paths.names()) {
            JsonObject operations = object(paths, template);
            for (String method : operations.names()) {
                String content = "/paths/" + escape(template) + "/" + method + "/requestBody/content/"
                        + escape("application/json");
                Optional<JsonObject> named = at(content + "/examples");
                Optional<JsonValue> ofSchema = at(content + "/schema").flatMap(schema -> schema.get("$ref"))
                        .flatMap(ref -> at(((JsonString) ref).value().substring(1))).flatMap(c -> c.get("example"));
                if (named.isEmpty() && ofSchema.isEmpty()) {
                    continue;
                }
                if (named.isEmpty()) {
                    // The example of the body's schema, which Swagger UI shows when the route has none of its own.
                    named = Optional.of(JsonObject.builder().put("schema", JsonObject.builder()
                            .put("value", ofSchema.get()).build()).build());
                }
                List<String> scopes = new ArrayList<>();
                object(operations, method).get("security").ifPresent(security -> ((org.carbonledger.core.json.JsonArray)
                        security).elements().forEach(requirement -> ((JsonObject) requirement).members().values()
                        .forEach(list -> ((org.carbonledger.core.json.JsonArray) list).elements()
                                .forEach(scope -> scopes.add(((JsonString) scope).value())))));
                for (String name : named.get().names()) {
                    JsonValue value = object(named.get(), name).get("value").orElseThrow();
                    examples.add(new Example(method.toUpperCase(Locale.ROOT), template, name, List.copyOf(scopes),
                            content + "/schema", Json.write(value)));
                }
            }
        }
        return examples;
    }

    /** The schema of a component by name, as a pointer. */
    static String component(String name) {
        return "/components/schemas/" + escape(name);
    }

    Optional<JsonObject> at(String pointer) {
        JsonValue node = root;
        for (String part : pointer.substring(1).split("/", -1)) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (!(node instanceof JsonObject o) || o.get(name).isEmpty()) {
                return Optional.empty();
            }
            node = o.get(name).orElseThrow();
        }
        return node instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    }

    private static JsonObject object(JsonObject o, String name) {
        return (JsonObject) o.get(name).orElseThrow();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A schema pointer, or why the document has none. */
    record Located(String pointer, String missing) {
        static Located missing(String why) {
            return new Located(null, why);
        }

        boolean found() {
            return pointer != null;
        }
    }
}
