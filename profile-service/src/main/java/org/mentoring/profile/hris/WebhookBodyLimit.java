package org.mentoring.profile.hris;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mentoring.profile.config.HrisConfig;

/**
 * Refuses an HRIS webhook delivery that declares a body over {@code mentoring.hris.max-event-bytes} before the body is
 * read (413): anyone may call the receiver, and without this every such request would be held in memory up to the
 * service's general limit (64 MB, for imports) before its signature is even looked at. A body sent without a length
 * (chunked) is read only up to the same limit and refused there ({@link WebhookReceiver#readAtMost}).
 */
@ApplicationScoped
public class WebhookBodyLimit {

    @Inject
    HrisConfig config;

    @ServerRequestFilter
    public void refuseOversized(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceClass() != HrisWebhookResource.class) {
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
        if (declared > config.maxEventBytes()) {
            throw WebhookReceiver.tooLarge(config.maxEventBytes());
        }
    }
}
