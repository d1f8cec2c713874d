package org.mentoring.profile.hris;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;

/** HR administrators register HRIS systems and rotate their webhook secrets. */
@Path("/v1/hris/integrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.HR_ADMIN)
@Tag(name = "profile-service", description = "People: the directory, profiles, personal data; skills; HRIS integrations")
public class IntegrationResource {

    @Inject
    IntegrationService integrations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerIntegration", summary = "Register an HRIS integration; its signing secret is shown once")
    @APIResponse(responseCode = "201", description = "Registered, with the secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationViews.IntegrationWithSecret.class)),
            headers = @Header(name = "Location", description = "URL of the integration", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "An integration of this name exists already")
    public Response register(@NotNull @Valid IntegrationViews.NewIntegration request) {
        HrisIntegration integration = integrations.register(request);
        return Response.created(URI.create("/v1/hris/integrations/" + integration.id))
                .entity(IntegrationViews.IntegrationWithSecret.of(integration)).build();
    }

    @GET
    @Operation(operationId = "listIntegrations", summary = "List the HRIS integrations")
    public List<IntegrationViews.IntegrationView> list() {
        return integrations.list().stream().map(IntegrationViews.IntegrationView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIntegration", summary = "Read one HRIS integration")
    public IntegrationViews.IntegrationView get(@PathParam("id") String id) {
        return IntegrationViews.IntegrationView.of(integrations.require(id));
    }

    @POST
    @Path("/{id}/secret")
    @Operation(operationId = "rotateIntegrationSecret", summary = "Rotate an integration's signing secret; the old one stays valid for a grace period")
    public IntegrationViews.IntegrationWithSecret rotate(@PathParam("id") UUID id) {
        return IntegrationViews.IntegrationWithSecret.of(integrations.rotateSecret(id));
    }
}
