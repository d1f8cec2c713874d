package org.mentoring.matching.program;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.QueryValues;

/** Taking part in a programme: employees enrol and withdraw themselves, admins list, enrol and remove people. */
@Path("/v1/programs/{id}/enrolments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "matching-service")
public class EnrolmentResource {

    @Inject
    EnrolmentService enrolments;

    @Inject
    CurrentPerson caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "enrolInProgram",
            summary = "Enrol oneself during the enrolment window, or (admins) enrol someone as mentor, mentee or peer")
    public Response enrol(@PathParam("id") UUID id, @NotNull @Valid EnrolmentRequest request) {
        Enrolment e = enrolments.enrol(id, request, caller);
        return Response.created(URI.create("/v1/programs/" + id + "/enrolments/" + e.id))
                .entity(EnrolmentView.of(e)).build();
    }

    @GET
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listEnrolments", summary = "List a programme's enrolments")
    public EnrolmentPage list(@PathParam("id") UUID id,
            @QueryParam("role") @Pattern(regexp = "mentor|mentee|peer") String role,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "200", defaultValue = "50")) String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 200, 50);
        return enrolments.list(id, role, cursor, limit, caller);
    }

    @DELETE
    @Path("/{enrolmentId}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "withdrawEnrolment", summary = "Withdraw one's own enrolment, or (admins) remove someone")
    public Response withdraw(@PathParam("id") UUID id, @PathParam("enrolmentId") UUID enrolmentId) {
        enrolments.withdraw(id, enrolmentId, caller);
        return Response.noContent().build();
    }
}
