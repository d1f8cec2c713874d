package org.mentoring.profile.hris;

import java.io.InputStream;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemMappers;
import org.mentoring.platform.web.ProblemType;
import org.mentoring.profile.web.BodyLimits;

/**
 * Where HRIS systems deliver employee changes. No bearer token: each delivery is authenticated by its Standard
 * Webhooks signature with the integration's secret, checked before anything is read or stored.
 */
@Path("/v1/hris/{integration}/events")
@Tag(name = "profile-service", description = "People: the directory, profiles, personal data; skills; HRIS integrations")
public class HrisWebhookResource {

    @Inject
    WebhookReceiver receiver;

    @Inject
    BodyLimits limits;

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveHrisEvent", summary = "Receive one employee change from an HRIS (Standard Webhooks signature, no bearer token)")
    @RequestBody(required = true, description = "One employee change, exactly the bytes that were signed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HrisWebhookPayload.class)))
    @APIResponse(responseCode = "200", description = "Applied, or recognised as a repeat of an event already received",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookOutcome.class)))
    @APIResponse(responseCode = "409", description = "The event gives an employee the email of another employee who has"
            + " not left; nothing of it was applied (the address of someone who left goes to whoever the HRIS gives it to)")
    @APIResponse(responseCode = "413", description = "The event is larger than accepted")
    @APIResponse(responseCode = "503", description = "An import, HR or another delivery created the same employee or"
            + " email at the same moment; nothing of this one was kept: retry it (Retry-After)")
    public WebhookOutcome receive(@PathParam("integration") String integration,
                                  @HeaderParam("webhook-id") String webhookId,
                                  @HeaderParam("webhook-timestamp") String timestamp,
                                  @HeaderParam("webhook-signature") String signature,
                                  InputStream body) {
        // Read here, outside the delivery's transaction, and never past the limit.
        byte[] bytes = limits.webhookBody(body);
        try {
            return receiver.receive(integration, webhookId, timestamp, signature, bytes);
        } catch (RuntimeException e) {
            // Two deliveries about a new employee at once: one inserted them, the other's insert was refused and
            // nothing of it was kept. A 409 would tell the sender not to retry and lose its event; a retry applies it.
            if (ProblemMappers.sqlStates(e).contains(ProblemMappers.UNIQUE_VIOLATION)) {
                throw new ProblemException(Problem.of(ProblemType.UNAVAILABLE, "A concurrent delivery about the same "
                        + "employee was applied first; retry this one"), java.util.Map.of("Retry-After", "1"));
            }
            throw e;
        }
    }
}
