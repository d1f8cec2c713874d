package org.mentoring.matching.program;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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

/** Programmes, run by programme admins (the ones a programme lists) and HR. */
@Path("/v1/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "matching-service")
public class ProgramResource {

    @Inject
    ProgramService programs;

    @Inject
    CurrentPerson caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "createProgram", summary = "Create a programme (as a draft); the creator becomes an admin")
    public Response create(@NotNull @Valid ProgramFields fields) {
        Program p = programs.create(fields, caller);
        return Response.created(URI.create("/v1/programs/" + p.id)).tag(String.valueOf(p.version))
                .entity(ProgramView.of(p)).build();
    }

    @GET
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listPrograms", summary = "List the programmes the caller administers (HR: all)")
    public ProgramPage list(
            @QueryParam("status") @Pattern(regexp = "draft|enrolling|matching|running|closed") String status,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "100", defaultValue = "20")) String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 100, 20);
        return programs.list(status, cursor, limit, caller);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getProgram", summary = "Read a programme")
    public Response get(@PathParam("id") UUID id) {
        Program p = programs.get(id, caller);
        return Response.ok(ProgramView.of(p)).tag(String.valueOf(p.version)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "updateProgram", summary = "Change a programme's fields or status (absent fields stay)")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid ProgramFields fields) {
        Program p = programs.update(id, ifMatch, fields, caller);
        return Response.ok(ProgramView.of(p)).tag(String.valueOf(p.version)).build();
    }
}
