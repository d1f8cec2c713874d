package org.mentoring.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The event catalogue in {@code docs/asyncapi.yaml}, for contract tests: the JSON Schema of each event type's data,
 * so a test can check that what a service publishes (or a consumer is fed) is what the catalogue promises.
 */
public final class EventCatalogue {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EventCatalogue instance;

    private final JsonNode document;
    private final Map<String, JsonSchema> schemasByType = new HashMap<>();

    private EventCatalogue(JsonNode document) {
        this.document = document;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonNode messages = document.path("components").path("messages");
        for (Iterator<Map.Entry<String, JsonNode>> it = messages.fields(); it.hasNext(); ) {
            JsonNode message = it.next().getValue();
            String type = message.path("name").asText();
            JsonNode payload = resolve(message.path("payload"));
            schemasByType.put(type, factory.getSchema(payload));
        }
    }

    public static synchronized EventCatalogue load() {
        if (instance == null) {
            Path file = locate();
            try {
                instance = new EventCatalogue(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public Set<String> types() {
        return Set.copyOf(schemasByType.keySet());
    }

    /** The channel address (topic) under which the catalogue lists the given event type. */
    public String topicOf(String type) {
        JsonNode channels = document.path("channels");
        for (Iterator<JsonNode> it = channels.elements(); it.hasNext(); ) {
            JsonNode channel = it.next();
            for (Iterator<JsonNode> refs = channel.path("messages").elements(); refs.hasNext(); ) {
                if (type.equals(resolve(refs.next()).path("name").asText())) {
                    return channel.path("address").asText();
                }
            }
        }
        throw new AssertionError("event type " + type + " is on no channel of the catalogue");
    }

    /** Fails when the type is not catalogued or the data does not validate against its schema. */
    public void assertConforms(String type, String data) {
        JsonSchema schema = schemasByType.get(type);
        if (schema == null) {
            throw new AssertionError("event type " + type + " is not in docs/asyncapi.yaml; catalogued: "
                    + schemasByType.keySet());
        }
        try {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(data));
            if (!errors.isEmpty()) {
                throw new AssertionError(type + " does not match the catalogue: "
                        + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "))
                        + " in " + data);
            }
        } catch (IOException e) {
            throw new AssertionError(type + " data is not JSON: " + data, e);
        }
    }

    /**
     * Checks every event in a service's outbox against the catalogue: its type is catalogued, on the topic the
     * catalogue names, and its data validates. Returns how many events were checked.
     */
    public int assertOutboxConforms(javax.sql.DataSource dataSource, String schema) {
        int checked = 0;
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT topic, type, data FROM " + schema + ".outbox ORDER BY seq")) {
            while (rs.next()) {
                String type = rs.getString(2);
                assertConforms(type, rs.getString(3));
                if (!topicOf(type).equals(rs.getString(1))) {
                    throw new AssertionError(type + " published on " + rs.getString(1) + ", catalogued on " + topicOf(type));
                }
                checked++;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return checked;
    }

    /** Replaces local {@code $ref}s by what they point to, recursively, so each schema stands alone. */
    private JsonNode resolve(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith("#/")) {
                return resolve(document.at(ref.asText().substring(1)));
            }
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(resolve(n)));
            return copy;
        }
        return node;
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs/asyncapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
