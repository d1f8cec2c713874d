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
import org.mentoring.platform.web.Caller;

/** HR administrators register HRIS systems and rotate their webhook secrets. */
@Path("/v1/hris/integrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.HR_ADMIN)
public class IntegrationResource {

    @Inject
    IntegrationService integrations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@NotNull @Valid IntegrationViews.NewIntegration request) {
        HrisIntegration integration = integrations.register(request);
        return Response.created(URI.create("/v1/hris/integrations/" + integration.id))
                .entity(IntegrationViews.IntegrationWithSecret.of(integration)).build();
    }

    @GET
    public List<IntegrationViews.IntegrationView> list() {
        return integrations.list().stream().map(IntegrationViews.IntegrationView::of).toList();
    }

    @GET
    @Path("/{id}")
    public IntegrationViews.IntegrationView get(@PathParam("id") String id) {
        return IntegrationViews.IntegrationView.of(integrations.require(id));
    }

    @POST
    @Path("/{id}/secret")
    public IntegrationViews.IntegrationWithSecret rotate(@PathParam("id") UUID id) {
        return IntegrationViews.IntegrationWithSecret.of(integrations.rotateSecret(id));
    }
}
