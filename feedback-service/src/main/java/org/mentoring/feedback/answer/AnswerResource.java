package org.mentoring.feedback.answer;

import java.net.URI;
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
import org.mentoring.feedback.Cursor;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.QueryValues;

/** Answering feedback requests (also at /v1/feedback/requests/{id}/answer), and feedback about the caller. */
@Path("/v1/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class AnswerResource {

    @Inject
    AnswerService answers;

    @Inject
    CurrentPerson person;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "submitFeedback", summary = "Answer one of the caller's feedback requests (once)")
    public Response submit(@NotNull @Valid AnswerInput input) {
        return created(answers, answers.submit(input.requestId(), person.requireProfileId(), input));
    }

    @GET
    @Path("/received")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listReceivedFeedback",
            summary = "Feedback about the caller: shared comments only, never individual ratings")
    public AnswerView.ReceivedPage received(@QueryParam("cursor") String cursor, @QueryParam("limit")
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                    maximum = "100", defaultValue = "20")) String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, Cursor.MAX_LIMIT, Cursor.DEFAULT_LIMIT);
        return answers.received(person.requireProfileId(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getFeedback", summary = "One of the caller's own answers")
    public AnswerView get(@PathParam("id") UUID id) {
        Answer answer = answers.ownAnswer(id, person.requireProfileId());
        return AnswerView.of(answer, answers.editableUntil(answer));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "updateFeedback", summary = "Change one of the caller's answers within the edit window")
    public AnswerView update(@PathParam("id") UUID id, @NotNull @Valid AnswerInput input) {
        Answer answer = answers.edit(id, person.requireProfileId(), input);
        return AnswerView.of(answer, answers.editableUntil(answer));
    }

    /** 201 with the answer as its author sees it. */
    public static Response created(AnswerService answers, Answer answer) {
        return Response.created(URI.create("/v1/feedback/" + answer.id()))
                .entity(AnswerView.of(answer, answers.editableUntil(answer))).build();
    }
}
