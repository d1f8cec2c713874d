package org.mentoring.feedback.checkin;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;

/** Programme check-ins, configured by the programme's admins or HR. */
@Path("/v1/feedback/check-ins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class CheckInResource {

    @Inject
    CheckInService checkIns;

    @Inject
    CurrentPerson person;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "createCheckIn",
            summary = "Ask the programme's active participants for feedback, once or on a cadence")
    public Response create(@NotNull @Valid CheckIn.New input) {
        CheckIn created = checkIns.create(input, person);
        return Response.created(URI.create("/v1/feedback/check-ins/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listCheckIns", summary = "The check-ins of a programme")
    public CheckIn.Page list(@QueryParam("programId")
            @Parameter(schema = @Schema(implementation = UUID.class)) String programIdValue) {
        UUID programId = QueryValues.uuid("programId", programIdValue);
        if (programId == null) {
            throw ProblemException.invalid("programId", "is required");
        }
        List<CheckIn> items = checkIns.list(programId, person);
        return new CheckIn.Page(items, null);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "stopCheckIn", summary = "Stop a check-in; requests already sent stay")
    public Response stop(@PathParam("id") UUID id) {
        checkIns.stop(id, person);
        return Response.noContent().build();
    }
}
