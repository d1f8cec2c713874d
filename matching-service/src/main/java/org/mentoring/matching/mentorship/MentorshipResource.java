package org.mentoring.matching.mentorship;

import java.net.URI;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.matching.mentorship.MentorshipStatus.Move;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.QueryValues;

/**
 * Informal mentorships: an employee asks, the person asked answers, either participant pauses, resumes, completes
 * or ends; administrators oversee and may end. Nobody else learns that a mentorship exists.
 */
@Path("/v1/mentorships")
@Tag(name = "matching-service")
@Produces(MediaType.APPLICATION_JSON)
public class MentorshipResource {

    @Inject
    MentorshipService mentorships;

    @Inject
    CurrentPerson person;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.EMPLOYEE)
    @Operation(operationId = "requestMentorship", summary = "Ask someone to be your mentor (or peer), with a message")
    public Response request(@NotNull @Valid MentorshipRequest request) {
        Mentorship m = mentorships.request(person.requireProfileId(), request);
        return Response.created(URI.create("/v1/mentorships/" + m.id)).tag(String.valueOf(m.version))
                .entity(MentorshipView.of(m, true)).build();
    }

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listMentorships",
            summary = "Your mentorships (administrators: anyone's with profileId, or all), newest first")
    public MentorshipPage list(@QueryParam("status") String status, @QueryParam("role") String role,
                               @QueryParam("profileId") @Parameter(schema = @Schema(implementation = UUID.class)) String profileIdValue,
                               @QueryParam("cursor") String cursor,
                               @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                       format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
                                       String limitValue) {
        UUID profileId = QueryValues.uuid("profileId", profileIdValue);
        int limit = QueryValues.integer("limit", limitValue, 1, 100, 20);
        return mentorships.list(person, profileId, status, role, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getMentorship", summary = "A mentorship you take part in or oversee")
    public Response get(@PathParam("id") UUID id) {
        return view(mentorships.get(id, person));
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(Caller.EMPLOYEE)
    @Operation(operationId = "acceptMentorship", summary = "Accept a request you received (needs a free place)")
    public Response accept(@PathParam("id") UUID id) {
        return view(mentorships.move(id, Move.ACCEPT, person, null));
    }

    @POST
    @Path("/{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.EMPLOYEE)
    @Operation(operationId = "declineMentorship", summary = "Decline a request you received, optionally saying why")
    public Response decline(@PathParam("id") UUID id, @Valid MentorshipNote note) {
        return view(mentorships.move(id, Move.DECLINE, person, note == null ? null : note.reason()));
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed(Caller.EMPLOYEE)
    @Operation(operationId = "withdrawMentorship", summary = "Withdraw a request you made")
    public Response withdraw(@PathParam("id") UUID id) {
        return view(mentorships.move(id, Move.WITHDRAW, person, null));
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Caller.EMPLOYEE)
    @Operation(operationId = "pauseMentorship", summary = "Pause an active mentorship")
    public Response pause(@PathParam("id") UUID id) {
        return view(mentorships.move(id, Move.PAUSE, person, null));
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Caller.EMPLOYEE)
    @Operation(operationId = "resumeMentorship", summary = "Resume a paused mentorship")
    public Response resume(@PathParam("id") UUID id) {
        return view(mentorships.move(id, Move.RESUME, person, null));
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed(Caller.EMPLOYEE)
    @Operation(operationId = "completeMentorship", summary = "Complete a mentorship that reached its goals")
    public Response complete(@PathParam("id") UUID id) {
        return view(mentorships.move(id, Move.COMPLETE, person, null));
    }

    @POST
    @Path("/{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "endMentorship", summary = "End a mentorship early, optionally saying why")
    public Response end(@PathParam("id") UUID id, @Valid MentorshipNote note) {
        return view(mentorships.move(id, Move.END, person, note == null ? null : note.reason()));
    }

    private Response view(Mentorship m) {
        return Response.ok(MentorshipView.of(m, person.is(m.mentorId) || person.is(m.menteeId)))
                .tag(String.valueOf(m.version)).build();
    }
}
