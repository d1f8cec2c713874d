package org.mentoring.platform.web.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Derives an example body from a schema, for request and response bodies that have no hand-written example: the
 * schema's own example where it has one, else a plausible value from its type and format. Hand-written examples
 * ({@code @ExampleObject}, {@code @Schema(example = ...)}) always win.
 */
final class Examples {

    private static final int MAX_DEPTH = 8;
    private final Map<String, Schema> schemas;

    Examples(Components components) {
        this.schemas = components.getSchemas() == null ? Map.of() : components.getSchemas();
    }

    void fill(Operation operation) {
        if (operation.getRequestBody() != null) {
            fill(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
            for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                fill(response.getContent());
            }
        }
    }

    private void fill(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (Map.Entry<String, MediaType> entry : content.getMediaTypes().entrySet()) {
            MediaType media = entry.getValue();
            if (isJsonLines(entry.getKey()) && (media.getExample() instanceof Map<?, ?> || media.getExample() instanceof List<?>)) {
                media.setExample(jsonLine(media.getExample()));
            }
            boolean hasExample = media.getExample() != null
                    || (media.getExamples() != null && !media.getExamples().isEmpty());
            if (!hasExample && media.getSchema() != null) {
                Object example = of(media.getSchema(), 0, null);
                if (example != null) {
                    media.setExample(example);
                }
            }
        }
    }

    /** A JSON-lines body is text; the OpenAPI reader parses a hand example of one line as JSON, so write it back. */
    private static boolean isJsonLines(String mediaType) {
        return mediaType.endsWith("jsonl") || mediaType.endsWith("ndjson");
    }

    private static String jsonLine(Object value) {
        try {
            return LINE_WRITER.writeValueAsString(value) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the example as JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LINE_WRITER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    Object of(Schema schema, int depth, String name) {
        if (schema == null || depth > MAX_DEPTH) {
            return null;
        }
        if (schema.getRef() != null) {
            String ref = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            return of(schemas.get(ref), depth, name);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getConstValue() != null) {
            return schema.getConstValue();
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        if (schema.getDefaultValue() != null) {
            return schema.getDefaultValue();
        }
        for (List<Schema> alternatives : java.util.Arrays.asList(schema.getOneOf(), schema.getAnyOf())) {
            if (alternatives != null && !alternatives.isEmpty()) {
                return of(alternatives.get(0), depth + 1, name);
            }
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Schema part : schema.getAllOf()) {
                if (of(part, depth + 1, name) instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> merged.put(String.valueOf(k), v));
                }
            }
            return merged;
        }
        Schema.SchemaType type = typeOf(schema);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case OBJECT -> object(schema, depth);
            case ARRAY -> {
                Object item = of(schema.getItems(), depth + 1, name);
                yield item == null ? List.of() : List.of(item);
            }
            case STRING -> string(schema, name);
            case INTEGER -> schema.getMinimum() != null ? schema.getMinimum().max(BigDecimal.ONE).intValue() : 1;
            case NUMBER -> schema.getMinimum() != null ? schema.getMinimum().max(BigDecimal.ONE) : new BigDecimal("1.5");
            case BOOLEAN -> true;
            case NULL -> null;
        };
    }

    private Object object(Schema schema, int depth) {
        Map<String, Object> example = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((property, propertySchema) -> {
                Object value = of(propertySchema, depth + 1, property);
                if (value != null) {
                    example.put(property, value);
                }
            });
        } else if (schema.getAdditionalPropertiesSchema() != null) {
            Object value = of(schema.getAdditionalPropertiesSchema(), depth + 1, null);
            if (value != null) {
                example.put("key", value);
            }
        }
        return example;
    }

    /** Plausible values for the field names the services use, so that examples read like the domain. */
    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("email", "ada.lovelace@example.com"), Map.entry("displayName", "Ada Lovelace"),
            Map.entry("name", "Kotlin"), Map.entry("jobTitle", "Staff Engineer"), Map.entry("department", "Platform"),
            Map.entry("location", "Berlin"), Map.entry("timeZone", "Europe/Berlin"), Map.entry("languages", "en"),
            Map.entry("language", "en"), Map.entry("gradeLabel", "L6"), Map.entry("externalId", "E-10042"),
            Map.entry("bio", "Backend engineer; happy to talk about Kafka and career moves"),
            Map.entry("topics", "career growth"), Map.entry("openToRoles", "mentor"), Map.entry("formats", "video"),
            Map.entry("category", "Programming languages"), Map.entry("aliases", "kt"), Map.entry("alias", "kt"),
            Map.entry("title", "Improve system design skills"), Map.entry("description", "What this is about"),
            Map.entry("nextCursor", "eyJrIjoiQWRhIn0"), Map.entry("cursor", "eyJrIjoiQWRhIn0"),
            Map.entry("message", "must not be blank"), Map.entry("field", "email"),
            Map.entry("url", "https://hooks.example.com/mentoring"));

    private static Object string(Schema schema, String name) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        if (format.isEmpty() && schema.getPattern() == null && name != null && BY_NAME.containsKey(name)) {
            return BY_NAME.get(name);
        }
        return switch (format) {
            case "uuid" -> "0b9a6d1e-5f3c-4c59-9d2e-7f1a2b3c4d5e";
            case "date-time" -> "2027-03-01T09:30:00Z";
            case "date" -> "2027-03-01";
            case "time", "local-time" -> "09:30:00";
            case "duration" -> "PT30M";
            case "email" -> "ada.lovelace@example.com";
            case "uri", "url" -> "https://example.com/resource";
            case "byte" -> "ZXhhbXBsZQ==";
            default -> schema.getPattern() == null ? "string" : matching(schema.getPattern());
        };
    }

    private static final List<String> PATTERN_CANDIDATES = List.of("MON", "09:30", "en", "EUR", "Europe/Berlin",
            "ABC", "abc", "a", "A", "1", "2027-03-01", "example");

    private static String matching(String pattern) {
        if (pattern.matches("\\^?[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)+\\$?")) {
            // An alternation of words (mentor|mentee|peer): its first word.
            return pattern.replace("^", "").split("\\|")[0];
        }
        try {
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(pattern);
            for (String candidate : PATTERN_CANDIDATES) {
                if (regex.matcher(candidate).find()) {
                    return candidate;
                }
            }
        } catch (java.util.regex.PatternSyntaxException e) {
            return null;
        }
        return null;
    }

    private static Schema.SchemaType typeOf(Schema schema) {
        if (schema.getType() != null) {
            for (Schema.SchemaType type : schema.getType()) {
                if (type != Schema.SchemaType.NULL) {
                    return type;
                }
            }
        }
        return schema.getProperties() != null ? Schema.SchemaType.OBJECT : null;
    }
}
