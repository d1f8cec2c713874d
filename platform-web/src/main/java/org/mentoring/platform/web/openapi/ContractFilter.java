package org.mentoring.platform.web.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.logging.Logger;
import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.ProblemType;

/**
 * Makes every service's OpenAPI document follow the same contract rules, so that the four documents merge into one
 * API a frontend team can read. Registered in each service with {@code mp.openapi.filter}; Quarkus runs it when the
 * application is built, so a rule broken here fails the build.
 *
 * <ul>
 *   <li>Every operation has an {@code operationId}, a summary and a tag, written in the code
 *       ({@code @Operation}, {@code @Tag}); none is invented here.</li>
 *   <li>Security: one {@code bearerAuth} scheme (HTTP bearer, JWT). Quarkus turns {@code @RolesAllowed} into the
 *       operation's security requirement with the roles as its list; this filter copies them to {@code x-roles}.
 *       An operation without a requirement ({@code @PermitAll}, e.g. HMAC-signed HRIS webhooks) gets
 *       {@code security: []} so that it is visibly open.</li>
 *   <li>Errors: one {@code Problem} schema (RFC 9457) for every error response: 400, 401, 403 and 500 on every
 *       operation, 404 on paths with ids, 412 and 428 where the operation takes {@code If-Match}, 413 and 415
 *       where it takes a body; any other status the method declares with {@code @APIResponse} gets the same
 *       body.</li>
 *   <li>Pagination: a schema with {@code nextCursor} must be exactly {@code {items, nextCursor}}.</li>
 *   <li>Examples: a request or response body without a hand-written example gets one derived from its schema.</li>
 * </ul>
 */
public class ContractFilter implements OASFilter {

    private static final Logger LOG = Logger.getLogger(ContractFilter.class);

    public static final String SECURITY_SCHEME = "bearerAuth";
    public static final String ROLES_EXTENSION = "x-roles";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        try {
            apply(openAPI);
        } catch (RuntimeException e) {
            // Quarkus stores the unfiltered document and says nothing when a filter fails: say why here, where the
            // build log shows it (api-contract then refuses the unfiltered document).
            LOG.error(e.getMessage(), e);
            throw e;
        }
    }

    private void apply(OpenAPI openAPI) {
        openAPI.setServers(new ArrayList<>(List.of(OASFactory.createServer().url("/")
                .description("The ingress in front of the services; every path starts with /v1"))));
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        // One scheme only: Quarkus's own (named after its configuration) is replaced by bearerAuth below.
        components.setSecuritySchemes(new java.util.LinkedHashMap<>());
        components.addSecurityScheme(SECURITY_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT from the organisation's OpenID Connect provider; its groups are the caller's "
                        + "roles (employee, program-admin, hr-admin, integration)"));
        components.addSchema("FieldError", fieldErrorSchema());
        components.addSchema("Problem", problemSchema());

        List<String> broken = new ArrayList<>();
        freeFormJson(components);
        checkPages(components, broken);
        allowNullInOptionalFields(components);
        Examples examples = new Examples(components);
        Map<String, PathItem> paths = openAPI.getPaths() == null ? Map.of() : openAPI.getPaths().getPathItems();
        for (Map.Entry<String, PathItem> path : new TreeMap<>(paths).entrySet()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : operations.entrySet()) {
                String where = entry.getKey() + " " + path.getKey();
                Operation operation = entry.getValue();
                checkDeclared(where, operation, broken);
                secure(operation);
                addProblems(path.getKey(), operation);
                examples.fill(operation);
            }
        }
        dropUnusedTags(openAPI, paths);
        if (!broken.isEmpty()) {
            throw new IllegalStateException("The API contract rules are broken (see ContractFilter):\n  - "
                    + String.join("\n  - ", broken));
        }
    }

    /** A tag of a class whose operations are all hidden (e.g. /admin) would show up empty: leave it out. */
    private static void dropUnusedTags(OpenAPI openAPI, Map<String, PathItem> paths) {
        if (openAPI.getTags() == null) {
            return;
        }
        TreeSet<String> used = new TreeSet<>();
        for (PathItem item : paths.values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getTags() != null) {
                    used.addAll(operation.getTags());
                }
            }
        }
        openAPI.setTags(new ArrayList<>(openAPI.getTags().stream().filter(tag -> used.contains(tag.getName())).toList()));
    }

    private static void checkDeclared(String where, Operation operation, List<String> broken) {
        if (blank(operation.getOperationId())) {
            broken.add(where + " has no operationId: add @Operation(operationId = \"verbNoun\", summary = \"...\")");
        }
        if (blank(operation.getSummary())) {
            broken.add(where + " has no summary: add @Operation(summary = \"...\")");
        }
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            broken.add(where + " has no tag: add @Tag(name = \"<service>\") to its resource class");
        }
        boolean succeeds = operation.getResponses() != null && operation.getResponses().getAPIResponses().keySet()
                .stream().anyMatch(code -> code.startsWith("2") || code.startsWith("3"));
        if (!succeeds) {
            broken.add(where + " documents no success response: declare it with @APIResponse(responseCode = \"2xx\")");
        }
    }

    /**
     * Every requirement Quarkus added (from {@code @RolesAllowed}) becomes the one {@code bearerAuth} requirement.
     * In an OpenAPI 3.0 document Quarkus leaves the roles out of bearer requirements (scopes are for OAuth2 and
     * OpenID Connect), so {@code x-roles} stays empty here unless scopes were given; the api-contract build reads the
     * roles from the compiled resources and writes them into the contract.
     */
    private static void secure(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        TreeSet<String> roles = new TreeSet<>();
        boolean bearer = false;
        if (security != null) {
            // Whatever name Quarkus gave the scheme, a requirement means a bearer token; its scopes are the roles.
            for (SecurityRequirement requirement : security) {
                if (requirement.getSchemes() == null) {
                    continue;
                }
                for (List<String> scopes : requirement.getSchemes().values()) {
                    bearer = true;
                    if (scopes != null) {
                        roles.addAll(scopes);
                    }
                }
            }
        }
        String access;
        if (bearer) {
            operation.setSecurity(new ArrayList<>(List.of(
                    OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME, new ArrayList<>()))));
            access = roles.isEmpty() ? "Requires a bearer token." : "Roles: " + String.join(", ", roles) + ".";
        } else {
            operation.setSecurity(new ArrayList<>());
            access = "No bearer token: the request carries its own proof (such as a signature).";
        }
        operation.addExtension(ROLES_EXTENSION, new ArrayList<>(roles));
        if (blank(operation.getDescription())) {
            operation.setDescription(operation.getSummary() + ". " + access);
        } else if (!operation.getDescription().contains(access)) {
            operation.setDescription(operation.getDescription() + "\n\n" + access);
        }
    }

    private static void addProblems(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<Integer> statuses = new ArrayList<>(List.of(400, 401, 403, 500));
        if (path.contains("{")) {
            statuses.add(404);
        }
        if (takesHeader(operation, "If-Match")) {
            statuses.add(412);
            statuses.add(428);
        }
        if (operation.getRequestBody() != null) {
            statuses.add(413);
            statuses.add(415);
        }
        for (int status : statuses) {
            // A status the operation declares itself keeps its description (the loop below).
            if (responses.getAPIResponse(String.valueOf(status)) == null) {
                responses.addAPIResponse(String.valueOf(status), problemResponse(status, null));
            }
        }
        for (Map.Entry<String, APIResponse> declared : new TreeMap<>(responses.getAPIResponses()).entrySet()) {
            int status = status(declared.getKey());
            if (status >= 400) {
                responses.addAPIResponse(declared.getKey(), problemResponse(status, declared.getValue().getDescription()));
            }
        }
    }

    private static APIResponse problemResponse(int status, String declaredDescription) {
        ProblemType type = ProblemType.forStatus(status);
        String description = blank(declaredDescription) || declaredDescription.startsWith("Not ")
                ? type.title() : declaredDescription;
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri());
        example.put("title", type.title());
        example.put("status", status);
        example.put("detail", problemDetail(type));
        if (status == 400) {
            example.put("type", ProblemType.VALIDATION.uri());
            example.put("title", ProblemType.VALIDATION.title());
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", "email");
            error.put("message", "must be a well-formed email address");
            example.put("errors", List.of(error));
        }
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_REF)).example(example)));
    }

    private static String problemDetail(ProblemType type) {
        return switch (type) {
            case VALIDATION, BAD_REQUEST -> "email: must be a well-formed email address";
            case UNAUTHORIZED -> "A bearer token is required";
            case FORBIDDEN -> "The caller's roles do not allow this operation";
            case NOT_FOUND -> "No such resource";
            case CONFLICT -> "The resource changed in a way that conflicts with this request";
            case PRECONDITION_FAILED -> "If-Match does not match the current ETag";
            case PRECONDITION_REQUIRED -> "This update needs an If-Match header with the current ETag";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than this operation accepts";
            case UNSUPPORTED_MEDIA_TYPE -> "This operation does not accept that Content-Type";
            case UNPROCESSABLE -> "The request is well-formed but cannot be applied";
            case TOO_MANY_REQUESTS -> "Slow down and retry after the time in Retry-After";
            case UNAVAILABLE -> "Try again shortly";
            default -> "An unexpected error occurred; it has been logged";
        };
    }

    private static boolean takesHeader(Operation operation, String header) {
        if (operation.getParameters() == null) {
            return false;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() == Parameter.In.HEADER && header.equalsIgnoreCase(parameter.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Jackson tree in a record (e.g. a stored webhook body) is scanned as if it were a bean; on the wire it is
     * any JSON value.
     */
    private static void freeFormJson(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        if (components.getSchemas().containsKey("JsonNode")) {
            components.addSchema("JsonNode", OASFactory.createSchema().description("Any JSON value"));
        }
        if (components.getSchemas().containsKey("ObjectNode")) {
            components.addSchema("ObjectNode", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .additionalPropertiesSchema(OASFactory.createSchema()).description("Any JSON object"));
        }
        if (components.getSchemas().containsKey("JsonNodeType")) {
            components.removeSchema("JsonNodeType");
        }
    }

    /**
     * The services write an absent optional field as {@code null} (Jackson's default), so every property that is not
     * required may be null. A reference to a scalar schema (UUID, dates) is inlined for that, as OpenAPI 3.0 ignores
     * anything beside a {@code $ref}.
     */
    private static void allowNullInOptionalFields(Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        if (schemas == null) {
            return;
        }
        for (Schema schema : schemas.values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            for (Map.Entry<String, Schema> property : new TreeMap<>(schema.getProperties()).entrySet()) {
                if (required.contains(property.getKey())) {
                    continue;
                }
                Schema value = property.getValue();
                if (value.getRef() != null) {
                    Schema target = schemas.get(value.getRef().substring(value.getRef().lastIndexOf('/') + 1));
                    if (target == null || target.getProperties() != null || target.getType() == null
                            || target.getType().contains(Schema.SchemaType.OBJECT)
                            || target.getType().contains(Schema.SchemaType.ARRAY)) {
                        continue;
                    }
                    value = OASFactory.createSchema().type(new ArrayList<>(target.getType())).format(target.getFormat())
                            .pattern(target.getPattern()).description(target.getDescription())
                            .example(target.getExample()).examples(target.getExamples())
                            .enumeration(target.getEnumeration() == null ? null : new ArrayList<>(target.getEnumeration()));
                    schema.addProperty(property.getKey(), value);
                }
                if (value.getType() != null && !value.getType().contains(Schema.SchemaType.NULL)) {
                    value.addType(Schema.SchemaType.NULL);
                }
            }
        }
    }

    /** The one pagination shape: a schema that has a {@code nextCursor} has exactly {@code items} and it. */
    private static void checkPages(Components components, List<String> broken) {
        if (components.getSchemas() == null) {
            return;
        }
        for (Map.Entry<String, Schema> schema : new TreeMap<>(components.getSchemas()).entrySet()) {
            Map<String, Schema> properties = schema.getValue().getProperties();
            // A cursor makes a page; a complete list (e.g. the top k recommendations) may carry items without one.
            if (properties == null || !properties.containsKey("nextCursor")) {
                continue;
            }
            Schema items = properties.get("items");
            boolean page = properties.size() == 2 && properties.containsKey("nextCursor") && items != null
                    && items.getType() != null && items.getType().contains(Schema.SchemaType.ARRAY);
            if (!page) {
                broken.add("schema " + schema.getKey() + " looks like a page but is not {items: [...], nextCursor}");
            }
        }
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, the body of every error response (application/problem+json)")
                .required(List.of("type", "title", "status"))
                .addProperty("type", string("Stable identifier of the kind of problem; clients switch on it",
                        "urn:mentoring:problem:validation").format("uri"))
                .addProperty("title", string("Short human summary of the kind of problem", "Request is not valid"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("HTTP status code").minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)).example(400))
                .addProperty("detail", string("What went wrong with this request",
                        "email: must be a well-formed email address"))
                .addProperty("instance", string("The request path the problem occurred on", "/v1/profiles"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Offending fields, for validation problems")
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("One invalid field of a request")
                .required(List.of("field", "message"))
                .addProperty("field", string("Path of the field in the request", "email"))
                .addProperty("message", string("Why it was refused", "must be a well-formed email address"));
    }

    private static Schema string(String description, String example) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description).example(example);
    }

    private static int status(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
