package org.mentoring.feedback.kudos;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.mentoring.feedback.Cursor;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;

/** Thanking colleagues, and the recognition they earn. */
@Path("/v1/kudos")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class KudosResource {

    @Inject
    KudosService kudos;

    @Inject
    CurrentPerson person;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "giveKudos", summary = "Thank a colleague, optionally for some skills")
    public Response give(@NotNull @Valid Kudos.New input) {
        Kudos given = kudos.give(person.requireProfileId(), input);
        return Response.created(URI.create("/v1/kudos/" + given.id())).entity(given).build();
    }

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listKudos", summary = "Kudos the caller received (direction=received) or gave (given)")
    public Kudos.Page list(@QueryParam("direction") @DefaultValue("received") String direction,
                           @QueryParam("cursor") String cursor, @QueryParam("limit")
                                   @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                                           maximum = "100", defaultValue = "20"))
                                   String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, Cursor.MAX_LIMIT, Cursor.DEFAULT_LIMIT);
        if (!"received".equals(direction) && !"given".equals(direction)) {
            throw ProblemException.invalid("direction", "must be received or given");
        }
        return kudos.list(person.requireProfileId(), "received".equals(direction), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getKudos", summary = "One kudos the caller gave or received")
    public Kudos get(@PathParam("id") UUID id) {
        return kudos.get(id, person.requireProfileId());
    }

    @GET
    @Path("/profiles/{profileId}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getKudosProfile", summary = "A person's recognition profile (same as /v1/recognition)")
    public RecognitionProfile profile(@PathParam("profileId") UUID profileId) {
        return kudos.profile(profileId, person.profileId().map(profileId::equals).orElse(false));
    }
}
