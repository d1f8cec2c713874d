package org.mentoring.session.goal;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;
import org.mentoring.session.participant.MentorshipAccess;

/** Goals of mentorships, their milestones, action items and reviews in sessions. */
@Path("/v1/goals")
@Tag(name = "session-service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GoalResource {

    @Inject
    GoalService goals;

    @Inject
    MentorshipAccess access;

    @POST
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "createGoal", summary = "Set a goal in a mentorship (owned by its mentee)")
    public Response create(@NotNull @Valid GoalRequests.Create request) {
        GoalView goal = goals.create(request, access);
        return Response.created(URI.create("/v1/goals/" + goal.id())).entity(goal).build();
    }

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listGoals", summary = "List the goals the caller may see, oldest first")
    public GoalPage list(@QueryParam("mentorshipId") String mentorshipId, @QueryParam("status") String status,
                         @QueryParam("cursor") String cursor,
                         @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                                 minimum = "1", maximum = "100", defaultValue = "20")) String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 100, 20);
        return goals.list(QueryValues.uuid("mentorshipId", mentorshipId), status(status), cursor, limit, access);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getGoal", summary = "Read a goal (metadata only for programme admins and HR)")
    public GoalView get(@PathParam("id") UUID id) {
        return goals.get(id, access);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "changeGoal", summary = "Change a goal's title, reason, date, skills, progress or status")
    public GoalView change(@PathParam("id") UUID id, @NotNull @Valid GoalRequests.Change change) {
        return goals.change(id, change, access);
    }

    @POST
    @Path("/{id}/milestones")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "addGoalMilestone", summary = "Add a milestone to a goal")
    public GoalView addMilestone(@PathParam("id") UUID id, @NotNull @Valid GoalRequests.NewMilestone request) {
        return goals.addMilestone(id, request.title(), access);
    }

    @PATCH
    @Path("/{id}/milestones/{milestoneId}")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "changeGoalMilestone", summary = "Rename a milestone or mark it done")
    public GoalView changeMilestone(@PathParam("id") UUID id, @PathParam("milestoneId") UUID milestoneId,
                                    @NotNull @Valid GoalRequests.MilestoneChange change) {
        return goals.changeMilestone(id, milestoneId, change, access);
    }

    @POST
    @Path("/{id}/action-items")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "addActionItem", summary = "Add an action item with an owner and a due date")
    public Response addActionItem(@PathParam("id") UUID id, @NotNull @Valid GoalRequests.NewActionItem request) {
        ActionItemView item = goals.addActionItem(id, request, access);
        return Response.created(URI.create("/v1/goals/" + id + "/action-items/" + item.id())).entity(item).build();
    }

    @GET
    @Path("/{id}/action-items")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "listActionItems", summary = "List a goal's action items (participants)")
    public List<ActionItemView> actionItems(@PathParam("id") UUID id) {
        return goals.actionItems(id, access);
    }

    @PATCH
    @Path("/{id}/action-items/{itemId}")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "changeActionItem", summary = "Change an action item or mark it done")
    public ActionItemView changeActionItem(@PathParam("id") UUID id, @PathParam("itemId") UUID itemId,
                                           @NotNull @Valid GoalRequests.ActionItemChange change) {
        return goals.changeActionItem(id, itemId, change, access);
    }

    @POST
    @Path("/{id}/reviews")
    @RolesAllowed({Caller.EMPLOYEE})
    @Operation(operationId = "reviewGoal", summary = "Record that a goal was reviewed in a session, with its progress")
    public GoalView review(@PathParam("id") UUID id, @NotNull @Valid GoalRequests.NewReview request) {
        return goals.review(id, request, access);
    }

    private static GoalStatus status(String value) {
        try {
            return value == null || value.isBlank() ? null : GoalStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "is one of open, achieved, dropped");
        }
    }
}
