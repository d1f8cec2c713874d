package org.mentoring.platform.events;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemType;
import org.mentoring.platform.web.QueryValues;

/**
 * Operators' view of this service's dead letters: list them, and replay one after the cause has been fixed. Served
 * on each service's own port under {@code /admin}, outside the public {@code /v1} API the ingress exposes, so it is
 * hidden from the OpenAPI contract.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("hr-admin")
@Tag(name = "operations")
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    public record ReplayResult(UUID id, String outcome) {
    }

    @GET
    @Operation(hidden = true, operationId = "listDeadLetters", summary = "List records this service could not apply")
    public List<DeadLetters.DeadLetter> list(
            @QueryParam("includeReplayed") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            String includeReplayedValue,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                    maximum = "1000", defaultValue = "100")) String limitValue) {
        boolean includeReplayed = QueryValues.bool("includeReplayed", includeReplayedValue, false);
        int limit = QueryValues.integer("limit", limitValue, 1, 1000, 100);
        return deadLetters.list(includeReplayed, limit);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(hidden = true, operationId = "replayDeadLetter", summary = "Apply a dead letter again (at most once, through the inbox)")
    public ReplayResult replay(@PathParam("id") UUID id) {
        deadLetters.find(id).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
        try {
            return new ReplayResult(id, deadLetters.replay(id).name().toLowerCase());
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Replay failed again: " + e.getMessage());
        }
    }
}
