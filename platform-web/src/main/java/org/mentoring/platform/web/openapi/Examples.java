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
        for (MediaType media : content.getMediaTypes().values()) {
            boolean hasExample = media.getExample() != null
                    || (media.getExamples() != null && !media.getExamples().isEmpty());
            if (!hasExample && media.getSchema() != null) {
                Object example = of(media.getSchema(), 0);
                if (example != null) {
                    media.setExample(example);
                }
            }
        }
    }

    Object of(Schema schema, int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return null;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            return of(schemas.get(name), depth + 1);
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
                return of(alternatives.get(0), depth + 1);
            }
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Schema part : schema.getAllOf()) {
                if (of(part, depth + 1) instanceof Map<?, ?> map) {
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
                Object item = of(schema.getItems(), depth + 1);
                yield item == null ? List.of() : List.of(item);
            }
            case STRING -> string(schema);
            case INTEGER -> schema.getMinimum() != null ? schema.getMinimum().max(BigDecimal.ONE).intValue() : 1;
            case NUMBER -> schema.getMinimum() != null ? schema.getMinimum().max(BigDecimal.ONE) : new BigDecimal("1.5");
            case BOOLEAN -> true;
            case NULL -> null;
        };
    }

    private Object object(Schema schema, int depth) {
        Map<String, Object> example = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                Object value = of(property, depth + 1);
                if (value != null) {
                    example.put(name, value);
                }
            });
        } else if (schema.getAdditionalPropertiesSchema() != null) {
            Object value = of(schema.getAdditionalPropertiesSchema(), depth + 1);
            if (value != null) {
                example.put("key", value);
            }
        }
        return example;
    }

    private static Object string(Schema schema) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
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
