package org.mentoring.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * The roles of each operation, read from the services' compiled resources: an operation's {@code @RolesAllowed}
 * (or its class's), matched to the document by {@code @Operation(operationId)}. Quarkus writes roles into an
 * OpenAPI 3.0 document only for OAuth2 and OpenID Connect schemes, never for the bearer scheme these services use,
 * so the contract takes them from the code here: {@code x-roles} and the "Roles:" sentence of each description.
 */
final class RolesFromCode {

    private static final DotName OPERATION = DotName.createSimple("org.eclipse.microprofile.openapi.annotations.Operation");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    static final String UNKNOWN = "Requires a bearer token.";

    private RolesFromCode() {
    }

    /** operationId -> roles, over the given service modules' target/classes. */
    static Map<String, TreeSet<String>> read(Path repository, List<String> services) throws IOException {
        Map<String, TreeSet<String>> roles = new HashMap<>();
        for (String service : services) {
            Path classes = repository.resolve(service).resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                continue;
            }
            Indexer indexer = new Indexer();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        indexer.index(in);
                    }
                }
            }
            Index index = indexer.complete();
            for (AnnotationInstance operation : index.getAnnotations(OPERATION)) {
                if (operation.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.METHOD) {
                    continue;
                }
                AnnotationValue id = operation.value("operationId");
                if (id == null) {
                    continue;
                }
                MethodInfo method = operation.target().asMethod();
                ClassInfo owner = method.declaringClass();
                AnnotationInstance allowed = method.declaredAnnotation(ROLES_ALLOWED);
                if (allowed == null) {
                    allowed = owner.declaredAnnotation(ROLES_ALLOWED);
                }
                if (allowed != null) {
                    roles.put(id.asString(), new TreeSet<>(List.of(allowed.value().asStringArray())));
                }
            }
        }
        return roles;
    }

    /** Writes the roles into every operation of the merged document that has them. */
    static void apply(JsonNode document, Map<String, TreeSet<String>> roles) {
        for (Iterator<JsonNode> paths = document.path("paths").elements(); paths.hasNext(); ) {
            for (Iterator<JsonNode> operations = paths.next().elements(); operations.hasNext(); ) {
                JsonNode node = operations.next();
                if (!(node instanceof ObjectNode operation) || !operation.has("operationId")) {
                    continue;
                }
                TreeSet<String> allowed = roles.get(operation.path("operationId").asText());
                if (allowed == null || allowed.isEmpty()) {
                    continue;
                }
                ArrayNode list = operation.putArray("x-roles");
                allowed.forEach(list::add);
                String sentence = "Roles: " + String.join(", ", allowed) + ".";
                String description = operation.path("description").asText("");
                operation.put("description", description.contains(UNKNOWN) ? description.replace(UNKNOWN, sentence)
                        : description.isBlank() ? sentence : description + "\n\n" + sentence);
            }
        }
    }
}
