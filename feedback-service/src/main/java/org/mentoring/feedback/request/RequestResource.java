package org.mentoring.feedback.request;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;

/** The caller's own feedback requests. */
@Path("/v1/feedback/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class RequestResource {

    @Inject
    RequestService requests;

    @Inject
    CurrentPerson person;

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listFeedbackRequests", summary = "The caller's open feedback requests, newest first")
    public RequestView.Page list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return requests.openRequests(person.requireProfileId(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getFeedbackRequest", summary = "One of the caller's feedback requests")
    public RequestView get(@PathParam("id") UUID id) {
        return RequestView.of(requests.get(id, person.requireProfileId()));
    }
}
