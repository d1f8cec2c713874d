package org.mentoring.feedback.request;

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
import org.mentoring.feedback.answer.AnswerInput;
import org.mentoring.feedback.answer.AnswerResource;
import org.mentoring.feedback.answer.AnswerService;
import org.mentoring.feedback.Cursor;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;

/** The caller's own feedback requests, and answering one. */
@Path("/v1/feedback/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class RequestResource {

    @Inject
    RequestService requests;

    @Inject
    CurrentPerson person;

    @Inject
    AnswerService answers;

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listFeedbackRequests", summary = "The caller's open feedback requests, newest first")
    public RequestView.Page list(@QueryParam("cursor") String cursor, @QueryParam("limit")
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                    maximum = "100", defaultValue = "20")) String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, Cursor.MAX_LIMIT, Cursor.DEFAULT_LIMIT);
        return requests.openRequests(person.requireProfileId(), cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getFeedbackRequest", summary = "One of the caller's feedback requests")
    public RequestView get(@PathParam("id") UUID id) {
        return RequestView.of(requests.get(id, person.requireProfileId()));
    }

    @POST
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "answerFeedbackRequest", summary = "Answer the given feedback request (once)")
    public Response answer(@PathParam("id") UUID id, @NotNull @Valid AnswerInput input) {
        if (input.requestId() != null && !input.requestId().equals(id)) {
            throw ProblemException.invalid("requestId", "differs from the request in the path");
        }
        return AnswerResource.created(answers, answers.submit(id, person.requireProfileId(), input));
    }
}
