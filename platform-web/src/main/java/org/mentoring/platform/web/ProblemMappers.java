package org.mentoring.platform.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem. Client mistakes keep their 4xx
 * status; anything unexpected becomes a 500 whose body says nothing about the internals (the log has the cause).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Response.ResponseBuilder builder = e.problem().at(request.path()).toResponseBuilder();
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, request);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "No resource at " + request.method() + " " + request.path();
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
            case 415 -> "Content type " + request.getHeader(HttpHeaders.CONTENT_TYPE) + " is not accepted here";
            case 406 -> "None of the accepted media types (" + request.getHeader(HttpHeaders.ACCEPT) + ") can be produced";
            default -> status >= 500 ? "The request could not be completed" : e.getMessage();
        };
        if (status >= 500) {
            LOG.errorf(e, "Request %s %s failed", request.method(), request.path());
        }
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), status, detail, request.path(), List.of()));
        copyHeader(original, builder, HttpHeaders.ALLOW);
        copyHeader(original, builder, "Retry-After");
        copyHeader(original, builder, HttpHeaders.WWW_AUTHENTICATE);
        return builder.build();
    }

    @ServerExceptionMapper({MismatchedInputException.class, UnrecognizedPropertyException.class,
            InvalidFormatException.class, JsonParseException.class})
    public Response mismatchedJson(JsonProcessingException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return jsonProblem(e).at(request.path()).toResponse();
    }

    /**
     * The problem for a body that does not read as the operation's JSON: the field's path (such as
     * {@code skills[2].proficiency}) and what is wrong with it, in words rather than parser internals.
     */
    public static Problem jsonProblem(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : "";
        String reason;
        if (e instanceof JsonParseException) {
            reason = "body is not well-formed JSON";
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            reason = "unknown field '" + unknown.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException invalid) {
            reason = "value " + abbreviate(String.valueOf(invalid.getValue())) + " is not a valid "
                    + invalid.getTargetType().getSimpleName();
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && !field.isEmpty()) {
            reason = "must be " + expected(mismatch.getTargetType());
        } else {
            reason = abbreviate(e.getOriginalMessage());
        }
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, reason));
        String detail = field.isEmpty() ? reason : field + ": " + reason;
        return Problem.of(ProblemType.MALFORMED_JSON, detail, errors);
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum() || type == java.util.UUID.class
                || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(clientPath(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return Problem.of(ProblemType.VALIDATION, detail, errors).at(request.path()).toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        return Problem.of(ProblemType.UNAUTHORIZED, "A valid bearer token is required")
                .at(request.path()).toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation")
                .at(request.path()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("Database unreachable on %s %s: %s", request.method(), request.path(), DatabaseOutage.describe(e));
            return Problem.of(ProblemType.UNAVAILABLE, "The service's database is unreachable; retry shortly")
                    .at(request.path()).toResponseBuilder().header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        Problem refused = refusedByDatabase(e);
        if (refused != null) {
            LOG.debugf(e, "Database refused %s %s", request.method(), request.path());
            Response.ResponseBuilder builder = refused.at(request.path()).toResponseBuilder();
            if (refused.status() == 503) {
                builder.header(HttpHeaders.RETRY_AFTER, "1");
            }
            return builder.build();
        }
        LOG.errorf(e, "Unexpected failure on %s %s", request.method(), request.path());
        return Problem.of(ProblemType.INTERNAL, "The request could not be completed; it has been logged")
                .at(request.path()).toResponse();
    }

    /**
     * A database refusal that is the client's doing rather than a bug, found by SQLSTATE anywhere in the cause chain:
     * a unique value taken by a concurrent request after the service checked it (23505: 409), text the database
     * cannot store, such as U+0000 (22P05, 22021, and 22023 which the driver raises for a zero byte: 400), a date or
 * number past what it can hold (22008, 22003: 400; Java reads the year 300000, PostgreSQL refuses it), and a
     * deadlock or serialization failure between concurrent requests (40P01, 40001: 503, retry). Nothing was written:
     * the statement failed and its transaction rolled back. Null for anything else.
     */
    static Problem refusedByDatabase(Throwable failure) {
        for (String state : sqlStates(failure)) {
            switch (state) {
                case UNIQUE_VIOLATION:
                    return Problem.of(ProblemType.CONFLICT,
                            "Another request has just taken a value that must be unique; read again and retry");
                case "22P05", "22021", "22023":
                    return Problem.of(ProblemType.VALIDATION,
                            "A text value holds a character that cannot be stored, such as U+0000");
                case "22008", "22003":
                    return Problem.of(ProblemType.VALIDATION,
                            "A date or a number is outside the range that can be stored");
                case "40P01", "40001":
                    return Problem.of(ProblemType.UNAVAILABLE,
                            "The request collided with a concurrent one and changed nothing; retry it");
                default:
                    break;
            }
        }
        return null;
    }

    /** SQLSTATE of a unique index refusing a value. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** The SQLSTATEs of the SQLExceptions in the cause chain, outermost first. */
    public static List<String> sqlStates(Throwable failure) {
        List<String> states = new ArrayList<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                states.add(sql.getSQLState());
            }
        }
        return states;
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    /** The JSON path of a mapping failure, e.g. {@code skills[2].level}. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The path of a violation as a client sees it: method and parameter nodes dropped, so
     * {@code create.body.email} becomes {@code email} and a query parameter keeps its own name.
     */
    static String clientPath(Path path) {
        StringBuilder out = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameterName = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
                if (node.getName() == null || node.getName().startsWith("<")) {
                    continue;
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        if (out.isEmpty() && parameterName != null) {
            return parameterName;
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "invalid value";
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
