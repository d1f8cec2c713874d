package org.mentoring.platform.web;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem answers for what never reaches the REST layer: paths no route serves, bodies over the size limit and
 * failures inside HTTP routes, so that no client ever sees an HTML page or an empty error.
 */
@ApplicationScoped
@RegisterForReflection(targets = {Problem.class, Problem.FieldError.class})
public class ProblemRoutes {

    /** The body size this service accepts; a request declaring more is refused before its body is read. */
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            if (declared != null && exceeds(declared, limit)) {
                // Answer at once and close: reading (and discarding) the rest of an oversized body is what the
                // limit is there to avoid.
                ctx.response().putHeader("Connection", "close");
                send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the " + limit
                        + " bytes this service accepts").onComplete(done -> ctx.request().connection().close());
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MAX_VALUE - 1).handler(ctx ->
                send(ctx, ProblemType.NOT_FOUND, "No resource at " + ctx.request().method() + " " + ctx.request().path()));
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        if (status == 413) {
            send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the size this service accepts");
        } else if (status == 404) {
            send(ctx, ProblemType.NOT_FOUND, "No resource at " + ctx.request().method() + " " + ctx.request().path());
        } else if (status == 405) {
            send(ctx, ProblemType.METHOD_NOT_ALLOWED, "Method " + ctx.request().method() + " is not allowed here");
        } else if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            send(ctx, ProblemType.UNAUTHORIZED, "A valid bearer token is required");
        } else if (status == 403) {
            send(ctx, ProblemType.FORBIDDEN, "Your roles do not allow this operation");
        } else if (status >= 400 && status < 500) {
            send(ctx, ProblemType.forStatus(status), "The request was refused");
        } else {
            ctx.next();
        }
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Future<Void> send(RoutingContext ctx, ProblemType type, String detail) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, ctx.request().path(), List.of());
        return ctx.response()
                .setStatusCode(type.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
