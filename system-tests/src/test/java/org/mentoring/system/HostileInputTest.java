package org.mentoring.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.TestTokens;

/**
 * A fuzzer driven by the services' own OpenAPI documents (the contract is generated from them): for every operation
 * it sends malformed, boundary and oversized requests (bad ids in paths, out-of-range and mistyped query values,
 * broken JSON, wrong types and unknown fields in bodies, huge strings, wrong content types) as several callers. No
 * answer may be a 5xx, every refusal is problem+json, and a refused request leaves no event behind (every state
 * change in this system writes its outbox in the same transaction).
 */
class HostileInputTest extends AgainstTheSystem {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TARGET_REQUESTS = 10_000;
    private static final String[] BAD_IDS = {"not-a-uuid", "0", "-1", "00000000-0000-0000-0000-00000000000g",
            "%27%20OR%201%3D1--", "..%2F..%2Fetc%2Fpasswd", "x".repeat(600), "%00", "null", "%F0%9F%92%A5"};
    private static final Object[] BAD_VALUES = {-1, 0, Integer.MAX_VALUE, Long.MAX_VALUE, -2147483649L, 1e308, "NaN",
            "abc", "", " ", "x".repeat(20_000), "' OR 1=1 --", "<script>alert(1)</script>", "\u0000", true,
            "2026-02-30", "9999-99-99T99:99:99Z", "P-1D", List.of(), Map.of(), null};
    /** Query and header values stay within the HTTP line limits, so they reach the services' validation. */
    private static final Object[] BAD_QUERY_VALUES = {-1, 0, Integer.MAX_VALUE, Long.MAX_VALUE, 1e308, "NaN", "abc",
            "", " ", "x".repeat(1000), "' OR 1=1 --", "<script>alert(1)</script>", "%00", true, "2026-02-30",
            "9999-99-99T99:99:99Z", "P-1D", "[]", "{}", "null"};
    private static final String[] BROKEN_BODIES = {"{", "[]", "null", "\"text\"", "{\"a\":}", "{}}", "{\"x\":1e999999}",
            "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "\u0000\u0001", "{" + "\"k\":1,".repeat(3) + "}"};

    record Operation(String service, String method, String path, JsonNode operation, JsonNode document) {
    }

    @Test
    void tenThousandMalformedBoundaryAndOversizedRequestsGetProblemAnswersAndChangeNothing() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (String service : MentoringSystem.SERVICES) {
            operations.addAll(operationsOf(api, service));
        }
        assertTrue(operations.size() >= 60, "operations found: " + operations.size());
        String[] callers = {Api.HR, TestTokens.bearer("fuzz-employee", "fuzz.employee@system.test", "employee"),
                TestTokens.bearer("fuzz-admin", "fuzz.admin@system.test", "program-admin"),
                TestTokens.bearer("fuzz-integration", "fuzz.integration@system.test", "integration"), null};
        Random random = new Random(20261125);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        long lastAccepted = 0;
        List<String> suspects = new ArrayList<>();
        while (sent < TARGET_REQUESTS) {
            for (Operation op : operations) {
                String caller = callers[random.nextInt(callers.length)];
                long before = outboxWatermark(op.service());
                long started = System.nanoTime();
                Response r;
                try {
                    r = send(op, caller, random);
                } catch (RuntimeException e) {
                    sent++;
                    failures.add(op.method() + " " + op.path() + " (" + op.service() + ") -> no answer: " + e);
                    continue;
                }
                sent++;
                statuses.merge(r.statusCode(), 1, Integer::sum);
                String what = op.method() + " " + op.path() + " (" + op.service() + ")";
                if (r.statusCode() >= 500) {
                    failures.add(what + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
                } else if (r.statusCode() >= 400) {
                    String type = r.contentType();
                    if (type == null || !type.startsWith("application/problem+json")) {
                        failures.add(what + " -> " + r.statusCode() + " with " + type + ": " + abbreviate(r.asString()));
                    } else if (r.jsonPath().get("type") == null || r.jsonPath().get("status") == null) {
                        failures.add(what + " -> problem without type/status: " + abbreviate(r.asString()));
                    }
                    if (outboxWatermark(op.service()) != before && started - lastAccepted > 5_000_000_000L) {
                        suspects.add(what + " -> " + r.statusCode() + " but an event was written");
                    }
                } else {
                    lastAccepted = System.nanoTime();
                }
                if (sent >= TARGET_REQUESTS) {
                    break;
                }
            }
        }
        System.out.printf("fuzzer: %d requests over %d operations; statuses %s; %d failures, %d state changes on refusal%n",
                sent, operations.size(), statuses, failures.size(), suspects.size());
        assertEquals(List.of(), failures.stream().distinct().limit(40).toList(), "5xx or non-problem answers");
        assertEquals(List.of(), suspects.stream().distinct().limit(40).toList(), "refused requests that changed state");
    }

    /** Every operation of a service's public document (what the ingress routes: /v1/...). */
    static List<Operation> operationsOf(Api api, String service) throws Exception {
        Response r = api.at(service, null).queryParam("format", "json").get("/q/openapi");
        assertEquals(200, r.statusCode(), service + " serves its OpenAPI document");
        JsonNode document = JSON.readTree(r.asString());
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    out.add(new Operation(service, method.getKey().toUpperCase(), path.getKey(), method.getValue(),
                            document));
                }
            }
        }
        return out;
    }

    private static Response send(Operation op, String caller, Random random) {
        RequestSpecification spec = api.at(op.service(), caller).urlEncodingEnabled(false);
        String path = op.path();
        List<JsonNode> parameters = new ArrayList<>();
        op.operation().path("parameters").forEach(parameters::add);
        // The request line stays within the HTTP server's 4096 characters, whatever values are drawn: an operation
        // with a dozen query parameters could otherwise get several of the 1,000-character values at once, and the
        // server's 414 before any validation.
        int queryChars = 0;
        for (JsonNode p : parameters) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            if (in.equals("path")) {
                String value = random.nextInt(4) == 0 ? UUID.randomUUID().toString() : BAD_IDS[random.nextInt(BAD_IDS.length)];
                path = path.replace("{" + name + "}", value);
            } else if (in.equals("query") && random.nextBoolean()) {
                String value = encode(String.valueOf(BAD_QUERY_VALUES[random.nextInt(BAD_QUERY_VALUES.length)]));
                if (queryChars + value.length() > 2500) {
                    value = "abc";
                }
                queryChars += name.length() + value.length() + 2;
                spec = spec.queryParam(name, value);
            } else if (in.equals("header") && random.nextBoolean()) {
                spec = spec.header(name, String.valueOf(BAD_QUERY_VALUES[random.nextInt(BAD_QUERY_VALUES.length)]));
            }
        }
        path = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (op.operation().has("requestBody")) {
            int kind = random.nextInt(5);
            if (kind == 0) {
                spec = spec.contentType("application/json").body(bytes(BROKEN_BODIES[random.nextInt(BROKEN_BODIES.length)]));
            } else if (kind == 1) {
                spec = spec.contentType(random.nextBoolean() ? "text/plain" : "application/xml").body(bytes("<a>1</a>"));
            } else {
                spec = spec.contentType(contentTypeOf(op)).body(bytes(JsonText.of(mutatedBody(op, random))));
            }
        }
        return spec.request(op.method(), path);
    }

    static String contentTypeOf(Operation op) {
        Iterator<String> types = op.operation().path("requestBody").path("content").fieldNames();
        return types.hasNext() ? types.next() : "application/json";
    }

    /** A body built from the schema with some fields given wrong, boundary or oversized values, or unknown ones. */
    private static Object mutatedBody(Operation op, Random random) {
        JsonNode content = op.operation().path("requestBody").path("content");
        JsonNode schema = content.elements().hasNext() ? content.elements().next().path("schema") : JSON.nullNode();
        schema = resolve(op.document(), schema);
        Map<String, Object> body = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (random.nextInt(3) == 0) {
                body.put(field.getKey(), BAD_VALUES[random.nextInt(BAD_VALUES.length)]);
            } else if (random.nextBoolean()) {
                body.put(field.getKey(), plausible(resolve(op.document(), field.getValue()), random));
            }
        }
        if (random.nextInt(4) == 0) {
            body.put("unknownField" + random.nextInt(10), "mass assignment?");
        }
        if (random.nextInt(6) == 0) {
            body.put("id", UUID.randomUUID().toString());
            body.put("version", 999);
            body.put("status", "active");
        }
        return body;
    }

    private static Object plausible(JsonNode schema, Random random) {
        String type = schema.path("type").asText(schema.path("type").path(0).asText("string"));
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size())).asText();
        }
        return switch (type) {
            case "integer" -> random.nextInt(7) - 1;
            case "number" -> random.nextDouble() * 2 - 0.5;
            case "boolean" -> random.nextBoolean();
            case "array" -> List.of();
            case "object" -> Map.of();
            default -> "uuid".equals(schema.path("format").asText()) ? UUID.randomUUID().toString()
                    : "date".equals(schema.path("format").asText()) ? "2027-01-15"
                    : "date-time".equals(schema.path("format").asText()) ? "2027-01-15T10:00:00Z" : "fuzz";
        };
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asText();
            current = ref.startsWith("#/") ? document.at(ref.substring(1)) : JSON.nullNode();
        }
        if (current.has("allOf") && current.path("allOf").size() > 0) {
            return resolve(document, current.path("allOf").get(0));
        }
        return current;
    }

    private static Connection inspection;

    private static synchronized long outboxWatermark(String service) throws SQLException {
        if (inspection == null || inspection.isClosed()) {
            inspection = system.database().adminConnection();
        }
        try (Statement s = inspection.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM " + service + ".outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
