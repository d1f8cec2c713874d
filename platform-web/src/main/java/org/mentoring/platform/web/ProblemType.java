package org.mentoring.platform.web;

/**
 * The catalogue of problem kinds. Each has a stable URN ({@code urn:mentoring:problem:<slug>}), a title and a
 * status; services add detail per occurrence. The slugs are part of the API contract.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Bad request", 400),
    MALFORMED_JSON("malformed-json", "Request body is not valid JSON for this operation", 400),
    VALIDATION("validation", "Request is not valid", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    NOT_FOUND("not-found", "Resource not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "Conflict with the current state", 409),
    GONE("gone", "Resource is gone", 410),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    UNPROCESSABLE("unprocessable", "Request cannot be applied", 422),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    UNAVAILABLE("unavailable", "Service temporarily unavailable", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return Problem.TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The generic kind for an HTTP status, for errors raised by the framework rather than by our code. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_JSON && type != VALIDATION) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
