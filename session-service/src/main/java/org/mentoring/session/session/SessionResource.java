package org.mentoring.session.session;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;
import org.mentoring.session.calendar.IcsWriter;
import org.mentoring.session.participant.MentorshipAccess;

/**
 * Mentoring sessions. Participants of a mentorship schedule, propose, answer, move, cancel and close its sessions
 * and keep notes; programme admins of its programme and HR read the metadata.
 */
@Path("/v1/sessions")
@Tag(name = "session-service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final String ANYONE = Caller.EMPLOYEE;

    @Inject
    SessionService sessions;

    @Inject
    MentorshipAccess access;

    @Inject
    IcsWriter ics;

    @POST
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "scheduleSession", summary = "Schedule or propose a session, or a recurring series of them")
    public Response schedule(@NotNull @Valid SessionRequests.Schedule request) {
        List<SessionView> created = sessions.schedule(request, access).stream().map(SessionService.Seen::view).toList();
        return Response.created(URI.create("/v1/sessions/" + created.get(0).id()))
                .entity(new SessionPage(created, null)).build();
    }

    @GET
    @RolesAllowed({ANYONE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listSessions", summary = "List the sessions the caller may see, oldest start first")
    public SessionPage list(@QueryParam("mentorshipId") String mentorshipId,
                            @QueryParam("participant") String participant,
                            @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("status") String status, @QueryParam("cursor") String cursor,
                            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                    format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
                            String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 100, 20);
        return sessions.list(new SessionQuery(QueryValues.uuid("mentorshipId", mentorshipId),
                QueryValues.uuid("participant", participant),
                time("from", from), time("to", to), status(status), cursor, limit), access);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ANYONE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getSession", summary = "Read a session (metadata only for programme admins and HR)")
    public SessionView get(@PathParam("id") UUID id) {
        return sessions.get(id, access).view();
    }

    @GET
    @Path("/{id}.ics")
    @Produces(IcsWriter.MEDIA_TYPE)
    @RolesAllowed({ANYONE})
    @Operation(operationId = "downloadSessionIcs", summary = "Download one session as an iCalendar file (participants)")
    public Response downloadIcs(@PathParam("id") UUID id) {
        SessionService.Seen seen = sessions.get(id, access);
        if (!seen.access().full()) {
            throw ProblemException.notFound("Session", id);
        }
        return Response.ok(ics.single(seen.session()), IcsWriter.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"session-" + id + ".ics\"").build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/accept")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "acceptSession", summary = "Accept the other participant's proposal")
    public SessionView accept(@PathParam("id") UUID id) {
        return sessions.accept(id, access).view();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/decline")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "declineSession", summary = "Decline the other participant's proposal")
    public SessionView decline(@PathParam("id") UUID id) {
        return sessions.decline(id, access).view();
    }

    @POST
    @Path("/{id}/reschedule")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "rescheduleSession", summary = "Move a session; it keeps its UID and raises its SEQUENCE")
    public SessionView reschedule(@PathParam("id") UUID id, @NotNull @Valid SessionRequests.Reschedule request) {
        return sessions.reschedule(id, request, access).view();
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "cancelSession", summary = "Cancel a session or withdraw a proposal")
    public SessionView cancel(@PathParam("id") UUID id, @Valid SessionRequests.Cancel request) {
        return sessions.cancel(id, request == null ? null : request.reason(), access).view();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/held")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "markSessionHeld", summary = "Mark a session that has started as held")
    public SessionView markHeld(@PathParam("id") UUID id) {
        return sessions.markHeld(id, access).view();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/no-show")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "markSessionNoShow", summary = "Mark a session that has started as missed")
    public SessionView markNoShow(@PathParam("id") UUID id) {
        return sessions.markMissed(id, access).view();
    }

    @PUT
    @Path("/{id}/agenda")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "setSessionAgenda", summary = "Replace the agenda of an open session")
    public SessionView setAgenda(@PathParam("id") UUID id, @NotNull @Valid SessionRequests.Agenda request) {
        return sessions.setAgenda(id, request.agenda(), access).view();
    }

    @PUT
    @Path("/{id}/notes")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "setSessionSharedNotes", summary = "Replace the notes both participants share")
    public SessionView setSharedNotes(@PathParam("id") UUID id, @NotNull @Valid SessionRequests.Note request) {
        return sessions.setSharedNotes(id, request.text(), access).view();
    }

    @PUT
    @Path("/{id}/private-note")
    @RolesAllowed({ANYONE})
    @Operation(operationId = "setSessionPrivateNote", summary = "Replace the caller's own private note (empty deletes it)")
    public SessionView setPrivateNote(@PathParam("id") UUID id, @NotNull @Valid SessionRequests.Note request) {
        return sessions.setPrivateNote(id, request.text(), access).view();
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "is not a date-time with offset, e.g. 2027-03-01T00:00:00Z");
        }
    }

    private static SessionStatus status(String value) {
        try {
            return value == null || value.isBlank() ? null : SessionStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "is one of proposed, scheduled, held, cancelled, missed");
        }
    }
}
