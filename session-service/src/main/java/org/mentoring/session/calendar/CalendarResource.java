package org.mentoring.session.calendar;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;
import org.mentoring.session.participant.CurrentPerson;

/**
 * Calendar feeds. A person creates (or rotates) and revokes their own secret feed URL with their bearer token; the
 * feed itself is read with the URL alone, as calendar applications subscribe without credentials.
 */
@Path("/v1/calendars")
@Tag(name = "session-service")
public class CalendarResource {

    @Inject
    CalendarService calendars;

    @Inject
    CurrentPerson me;

    @POST
    @Path("/me/token")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "issueCalendarFeedToken",
            summary = "Create or rotate the caller's secret calendar feed URL; an earlier URL stops working")
    public Response issue() {
        return Response.status(Response.Status.CREATED).entity(calendars.issue(me.requireProfileId())).build();
    }

    @DELETE
    @Path("/me/token")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "revokeCalendarFeedToken", summary = "Revoke the caller's calendar feed URL")
    public Response revoke() {
        calendars.revoke(me.requireProfileId());
        return Response.noContent().build();
    }

    @GET
    @Path("/{token}.ics")
    @Produces(IcsWriter.MEDIA_TYPE)
    @PermitAll
    @Operation(operationId = "getCalendarFeed", summary = "The iCalendar feed of the token's owner (the token is the credential)")
    public Response feed(@PathParam("token") String token) {
        return Response.ok(calendars.feed(token), IcsWriter.MEDIA_TYPE)
                .header("Cache-Control", "private, no-cache").build();
    }
}
