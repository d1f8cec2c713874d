package org.mentoring.matching.program;

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
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.QueryValues;

/** Matching runs of a programme: compute, inspect, pin and forbid pairs, re-run, publish. */
@Path("/v1/programs/{id}/matching-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "matching-service")
public class MatchingRunResource {

    @Inject
    MatchingRunService runs;

    @Inject
    ProgramPublication publication;

    @Inject
    CurrentPerson caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "createMatchingRun",
            summary = "Compute a proposal for the cohort, honouring pins and forbids (optionally set in this request)")
    public Response run(@PathParam("id") UUID id, @Valid MatchingRunRequest request) {
        MatchingRun run = runs.run(id, request, caller);
        return Response.created(URI.create("/v1/programs/" + id + "/matching-runs/" + run.id))
                .entity(MatchingRunView.of(run)).build();
    }

    @GET
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listMatchingRuns", summary = "List a programme's matching runs, oldest first")
    public MatchingRunPage list(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "100", defaultValue = "20")) String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 100, 20);
        return runs.list(id, cursor, limit, caller);
    }

    @GET
    @Path("/{runId}")
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getMatchingRun", summary = "Read a run: pairs with reasons, the unmatched and why, inputs")
    public MatchingRunView get(@PathParam("id") UUID id, @PathParam("runId") UUID runId) {
        return MatchingRunView.of(runs.get(id, runId, caller));
    }

    @POST
    @Path("/{runId}/pins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "pinPair", summary = "Pin a mentee to a mentor for the next runs")
    public Response pin(@PathParam("id") UUID id, @PathParam("runId") UUID runId, @NotNull @Valid PairRequest pair) {
        return Response.status(Response.Status.CREATED)
                .entity(PairRuleView.of(runs.addRule(id, runId, pair, PairRule.PIN, caller))).build();
    }

    @POST
    @Path("/{runId}/forbids")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "forbidPair", summary = "Keep a mentee-mentor pair out of the next runs")
    public Response forbid(@PathParam("id") UUID id, @PathParam("runId") UUID runId, @NotNull @Valid PairRequest pair) {
        return Response.status(Response.Status.CREATED)
                .entity(PairRuleView.of(runs.addRule(id, runId, pair, PairRule.FORBID, caller))).build();
    }

    @POST
    @Path("/{runId}/publish")
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "publishMatchingRun",
            summary = "Start every proposed pair as a mentorship; the programme is then running")
    public MatchingRunView publish(@PathParam("id") UUID id, @PathParam("runId") UUID runId) {
        return MatchingRunView.of(publication.publish(id, runId, caller));
    }
}
