package org.mentoring.profile.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;
import org.mentoring.profile.config.HrisConfig;
import org.mentoring.profile.hris.HrisWebhookResource;
import org.mentoring.profile.hris.ImportResource;

/**
 * How large a request body each kind of operation takes. The service as a whole accepts up to
 * {@code quarkus.http.limits.max-body-size} (64 MB), for HRIS import files; every other body is small: an HRIS webhook
 * at most {@code mentoring.hris.max-event-bytes} (256 KiB), anything else (a profile patch, a skill, a subscription)
 * at most {@code mentoring.api.max-body-bytes} (1 MiB), as the other services accept. Without this, any employee could
 * make a replica hold 64 MB per request of a profile patch before it was looked at.
 * <p>
 * A body whose declared length is over its operation's limit is refused with 413 before it is read. A body sent
 * without a length (chunked) is read through {@link #webhookBody} or {@link #apiBody} by the operations that take
 * raw bytes (webhooks, patches), which stop at the limit.
 */
@ApplicationScoped
public class BodyLimits {

    @Inject
    HrisConfig hris;

    @ConfigProperty(name = "mentoring.api.max-body-bytes", defaultValue = "1048576")
    int maxApiBytes;

    private static final String WEBHOOK_BODY = "A webhook body";
    private static final String API_BODY = "A request body";

    /** An HRIS webhook's body, read up to {@code mentoring.hris.max-event-bytes}. */
    public byte[] webhookBody(InputStream in) {
        return readAtMost(in, hris.maxEventBytes(), WEBHOOK_BODY);
    }

    /** The body of an operation other than HRIS imports and webhooks, read up to {@code mentoring.api.max-body-bytes}. */
    public byte[] apiBody(InputStream in) {
        return readAtMost(in, maxApiBytes, API_BODY);
    }

    @ServerRequestFilter
    public void refuseOversized(ContainerRequestContext request, ResourceInfo resource) {
        Class<?> target = resource.getResourceClass();
        if (target == null || target == ImportResource.class) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return;
        }
        boolean webhook = target == HrisWebhookResource.class;
        int limit = webhook ? hris.maxEventBytes() : maxApiBytes;
        if (declared > limit) {
            throw tooLarge(webhook ? WEBHOOK_BODY : API_BODY, limit);
        }
    }

    /**
     * Reads a body, at most {@code maxBytes} of it: one sent without a length (chunked) is refused with 413 as soon as
     * it passes the limit, not read on up to the service's general limit for imports first.
     *
     * @param what the body, as the refusal names it ("A webhook body")
     */
    private static byte[] readAtMost(InputStream in, int maxBytes, String what) {
        if (in == null) {
            return new byte[0];
        }
        byte[] body;
        try {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The request body could not be read in full");
        }
        if (body.length > maxBytes) {
            throw tooLarge(what, maxBytes);
        }
        return body;
    }

    /** The answer to a body over its limit, whether its length was declared or read. */
    private static ProblemException tooLarge(String what, int maxBytes) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, what + " may have at most " + maxBytes + " bytes");
    }
}
