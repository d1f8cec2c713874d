package org.mentoring.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem, the body of every 4xx and 5xx answer of every service. {@code type} is a stable URN that
 * clients may switch on; {@code errors} lists the offending fields of a validation failure.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details, the body of every error response")
public record Problem(
        @Schema(description = "Stable identifier of the kind of problem", example = "urn:mentoring:problem:validation")
        String type,
        @Schema(description = "Short human summary of the kind of problem", example = "Request is not valid")
        String title,
        @Schema(description = "HTTP status code", example = "400")
        int status,
        @Schema(description = "What went wrong with this request", example = "email: must be a well-formed email address")
        String detail,
        @Schema(description = "The request path the problem occurred on", example = "/v1/profiles")
        String instance,
        @Schema(description = "Offending fields, for validation problems")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:mentoring:problem:";

    @Schema(name = "FieldError", description = "One invalid field of a request")
    public record FieldError(
            @Schema(description = "Path of the field in the request", example = "email") String field,
            @Schema(description = "Why it was refused", example = "must be a well-formed email address") String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of());
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, errors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }
}
