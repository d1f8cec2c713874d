package org.mentoring.profile.webhook;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;
import org.mentoring.profile.webhook.SubscriptionViews.DeliveryPage;
import org.mentoring.profile.webhook.SubscriptionViews.DeliveryView;
import org.mentoring.profile.webhook.SubscriptionViews.Redelivery;
import org.mentoring.profile.webhook.SubscriptionViews.SubscriptionPage;
import org.mentoring.profile.webhook.SubscriptionViews.SubscriptionRequest;
import org.mentoring.profile.webhook.SubscriptionViews.SubscriptionView;
import org.mentoring.profile.webhook.SubscriptionViews.SubscriptionWithSecret;

/** Integrators subscribe to events, read their delivery log, replay deliveries and test their receiver. */
@Path("/v1/webhooks/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.HR_ADMIN, Caller.INTEGRATION})
@Tag(name = "profile-service")
public class WebhookSubscriptionResource {

    @Inject
    WebhookSubscriptions subscriptions;

    @Inject
    Caller caller;

    @Inject
    org.mentoring.profile.identity.CurrentPerson person;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription",
            summary = "Subscribe a URL to event types; the answer shows the signing secret, once")
    @APIResponse(responseCode = "201", description = "Created; the only answer that shows the secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionWithSecret.class)))
    public Response create(@NotNull @Valid SubscriptionRequest request) {
        WebhookSubscription s = subscriptions.create(request, caller, person.profileId().orElse(null));
        return Response.created(URI.create("/v1/webhooks/subscriptions/" + s.id))
                .entity(SubscriptionWithSecret.of(s)).build();
    }

    @GET
    @Operation(operationId = "listWebhookSubscriptions", summary = "The caller's webhook subscriptions, a page at a time")
    public SubscriptionPage list(@QueryParam("cursor") String cursor,
                                 @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                         format = "int32", minimum = "1", maximum = "200", defaultValue = "50"))
                                         String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 200, 50);
        UUID after = cursor == null ? null : parseCursor(cursor);
        List<WebhookSubscription> page = subscriptions.list(caller, after, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).id.toString() : null;
        return new SubscriptionPage(page.stream().limit(limit).map(SubscriptionView::of).toList(), next);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookSubscription", summary = "One webhook subscription, without its secret")
    public SubscriptionView get(@PathParam("id") UUID id) {
        return SubscriptionView.of(subscriptions.require(id, caller));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceWebhookSubscription",
            summary = "Change a subscription's URL, event types, description or active flag")
    public SubscriptionView replace(@PathParam("id") UUID id, @NotNull @Valid SubscriptionRequest request) {
        return SubscriptionView.of(subscriptions.replace(id, request, caller));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Remove a subscription and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID id) {
        subscriptions.delete(id, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret")
    @Operation(operationId = "rotateWebhookSecret",
            summary = "A new signing secret, shown once; the previous one keeps signing for a grace period")
    public SubscriptionWithSecret rotate(@PathParam("id") UUID id) {
        return SubscriptionWithSecret.of(subscriptions.rotateSecret(id, caller));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries",
            summary = "The delivery log: attempts, status codes, latency and next attempt, newest first")
    public DeliveryPage deliveries(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                           format = "int32", minimum = "1", maximum = "200", defaultValue = "50"))
                                           String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 200, 50);
        return subscriptions.deliveryLog(id, cursor, limit, caller);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send one delivery again")
    @APIResponse(responseCode = "202", description = "Queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(subscriptions.redeliver(id, deliveryId, caller)).build();
    }

    @POST
    @Path("/{id}/redeliver")
    @Operation(operationId = "redeliverWebhookDeliveriesSince",
            summary = "Send again every delivery created since an instant")
    @APIResponse(responseCode = "202", description = "Queued again; how many",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Redelivery.class)))
    public Response redeliverSince(@PathParam("id") UUID id, @QueryParam("since") String since) {
        return Response.accepted(new Redelivery(subscriptions.redeliverSince(id, since, caller))).build();
    }

    @POST
    @Path("/{id}/ping")
    @Operation(operationId = "pingWebhookSubscription",
            summary = "Queue a mentoring.webhook.ping.v1 event for this subscription only")
    @APIResponse(responseCode = "202", description = "The ping's delivery, queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    public Response ping(@PathParam("id") UUID id) {
        DeliveryView delivery = subscriptions.ping(id, caller);
        return Response.accepted(delivery).build();
    }

    private static UUID parseCursor(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }
}
