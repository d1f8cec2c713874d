package org.mentoring.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Merges the services' OpenAPI documents into the one API a frontend team sees behind the ingress. Paths and
 * operation ids must be unique across services; a component (schema, security scheme) that two services define
 * must be identical, else the merge fails and names both, since silently picking one would document a shape that
 * one of the services does not serve. The output is ordered (paths, components, tags, response codes) so that it
 * depends only on the services' code, never on scanning order.
 */
public final class ContractMerger {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One service's generated document. */
    public record ServiceDocument(String service, JsonNode document) {
    }

    public static final class ContractConflict extends RuntimeException {
        ContractConflict(List<String> problems) {
            super("The services' OpenAPI documents cannot be merged:\n  - " + String.join("\n  - ", problems));
        }
    }

    private final String version;

    public ContractMerger(String version) {
        this.version = version;
    }

    public ObjectNode merge(List<ServiceDocument> documents) {
        List<String> problems = new ArrayList<>();
        String openapi = null;
        Map<String, ObjectNode> paths = new TreeMap<>();
        Map<String, String> pathOwners = new HashMap<>();
        Map<String, String> operationOwners = new HashMap<>();
        Map<String, Map<String, JsonNode>> components = new TreeMap<>();
        Map<String, String> componentOwners = new HashMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();

        for (ServiceDocument service : documents) {
            JsonNode document = service.document();
            String own = document.path("openapi").asText(null);
            if (openapi == null) {
                openapi = own;
            } else if (own != null && !own.equals(openapi)) {
                problems.add(service.service() + " declares OpenAPI " + own + " but another service " + openapi);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                String owner = pathOwners.putIfAbsent(path.getKey(), service.service());
                if (owner != null) {
                    problems.add("path " + path.getKey() + " is served by both " + owner + " and " + service.service());
                    continue;
                }
                ObjectNode item = sortedPathItem((ObjectNode) path.getValue());
                for (Iterator<JsonNode> operations = item.elements(); operations.hasNext(); ) {
                    JsonNode operation = operations.next();
                    String id = operation.path("operationId").asText(null);
                    String where = service.service() + " " + path.getKey();
                    if (id == null || operation.path("summary").asText("").isBlank() || operation.path("tags").isEmpty()
                            || !operation.has("x-roles")) {
                        problems.add(where + ": an operation lacks operationId, summary, tag or x-roles, so the "
                                + "service's ContractFilter did not run or failed (mp.openapi.filter in its "
                                + "application.properties; Quarkus logs why at build time)");
                        continue;
                    }
                    String other = operationOwners.putIfAbsent(id, service.service() + " " + path.getKey());
                    if (other != null) {
                        problems.add("operationId " + id + " is used by " + other + " and " + service.service() + " "
                                + path.getKey());
                    }
                }
                paths.put(path.getKey(), item);
            }
            for (Iterator<Map.Entry<String, JsonNode>> kinds = document.path("components").fields(); kinds.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                Map<String, JsonNode> merged = components.computeIfAbsent(kind.getKey(), k -> new TreeMap<>());
                for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> component = it.next();
                    String key = kind.getKey() + "/" + component.getKey();
                    JsonNode existing = merged.putIfAbsent(component.getKey(), component.getValue());
                    String owner = componentOwners.putIfAbsent(key, service.service());
                    if (existing != null && !withoutExamples(existing).equals(withoutExamples(component.getValue()))) {
                        problems.add("components/" + key + " differs between " + owner + " and " + service.service()
                                + ": give one of them another name (@Schema(name = \"...\")) or make them the same");
                    }
                }
            }
            for (JsonNode tag : document.path("tags")) {
                tags.putIfAbsent(tag.path("name").asText(), tag);
            }
        }
        for (JsonNode path : paths.values()) {
            for (JsonNode operation : path) {
                for (JsonNode tag : operation.path("tags")) {
                    tags.putIfAbsent(tag.asText(), JSON.objectNode().put("name", tag.asText()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ContractConflict(problems);
        }

        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", openapi == null ? "3.0.3" : openapi);
        ObjectNode info = merged.putObject("info");
        info.put("title", "Mentoring platform API");
        info.put("version", version);
        info.put("description", "The public API of the mentoring platform as frontend teams and integrators see it "
                + "behind the ingress: every service's /v1 paths in one document. Generated from the services' code "
                + "by the api-contract module; do not edit by hand. Errors are application/problem+json (RFC 9457); "
                + "lists are pages of {items, nextCursor}; callers authenticate with a bearer JWT whose groups are "
                + "their roles (x-roles on each operation).");
        info.putObject("contact").put("name", "Mentoring platform maintainers");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        merged.putArray("servers").addObject().put("url", "/")
                .put("description", "The ingress in front of the services; every path starts with /v1");
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        ObjectNode pathNode = merged.putObject("paths");
        paths.forEach(pathNode::set);
        ObjectNode componentNode = merged.putObject("components");
        Map<String, JsonNode> schemas = components.get("schemas");
        if (schemas != null) {
            schemas.keySet().retainAll(reachableSchemas(paths.values(), schemas));
        }
        components.forEach((kind, entries) -> {
            ObjectNode kindNode = componentNode.putObject(kind);
            entries.forEach(kindNode::set);
        });
        return merged;
    }

    private static final String SCHEMA_REF = "#/components/schemas/";

    /** Schemas the paths use, directly or through other schemas; the rest would only confuse a reader. */
    private static java.util.Set<String> reachableSchemas(java.util.Collection<ObjectNode> roots, Map<String, JsonNode> schemas) {
        java.util.Set<String> reached = new java.util.TreeSet<>();
        java.util.Deque<JsonNode> pending = new java.util.ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                String name = ref.asText().substring(SCHEMA_REF.length());
                if (reached.add(name) && schemas.containsKey(name)) {
                    pending.push(schemas.get(name));
                }
            }
            node.elements().forEachRemaining(pending::push);
        }
        return reached;
    }

    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete", "head", "options", "trace");

    /** Methods in HTTP order, each operation's responses by status code. */
    private static ObjectNode sortedPathItem(ObjectNode item) {
        ObjectNode sorted = JSON.objectNode();
        for (String method : METHODS) {
            JsonNode operation = item.get(method);
            if (operation instanceof ObjectNode op) {
                ObjectNode copy = op.deepCopy();
                if (copy.get("responses") instanceof ObjectNode responses) {
                    Map<String, JsonNode> ordered = new TreeMap<>();
                    responses.fields().forEachRemaining(e -> ordered.put(e.getKey(), e.getValue()));
                    ObjectNode orderedNode = JSON.objectNode();
                    ordered.forEach(orderedNode::set);
                    copy.set("responses", orderedNode);
                }
                sorted.set(method, copy);
            }
        }
        item.fields().forEachRemaining(e -> {
            if (!METHODS.contains(e.getKey())) {
                sorted.set(e.getKey(), e.getValue());
            }
        });
        return sorted;
    }

    /** A schema as a contract: its examples (generated per service) do not make two definitions different. */
    private static JsonNode withoutExamples(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            if (copy.has("type") || copy.has("$ref") || copy.has("enum")) {
                copy.remove(List.of("example", "examples"));
            }
            List<String> names = new ArrayList<>();
            copy.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                copy.set(name, withoutExamples(copy.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, withoutExamples(copy.get(i)));
            }
            return copy;
        }
        return node;
    }
}
