package org.mentoring.matching.recommend;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;

/** Explained recommendations: whom to ask, for the caller (or, for administrators, for anyone). */
@Path("/v1/recommendations")
@Tag(name = "matching-service")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    @Inject
    Recommender recommender;

    @Inject
    CurrentPerson person;

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "listRecommendations",
            summary = "The best mentors, peers or reverse mentors for you, with score, breakdown and reasons")
    public RecommendationPage recommend(@QueryParam("kind") @DefaultValue("mentor") String kind,
                                        @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                                format = "int32", minimum = "1", maximum = "50", defaultValue = "10"))
                                                String limitValue,
                                        @QueryParam("language") @Parameter(description = "A language tag the "
                                                + "people must speak: en takes en, en-GB and en-US; en-GB takes en-GB only")
                                        String language,
                                        @QueryParam("location") String location,
                                        @QueryParam("department") String department,
                                        @QueryParam("profileId") @Parameter(schema = @Schema(implementation = UUID.class)) String profileIdValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 50, 10);
        UUID profileId = QueryValues.uuid("profileId", profileIdValue);
        if (profileId != null && !person.isAdmin() && !person.is(profileId)) {
            throw ProblemException.forbidden("Only administrators may ask for another person's recommendations");
        }
        UUID subject = profileId != null ? profileId : person.requireProfileId();
        return recommender.recommend(subject, kind, limit, new Recommender.Filters(
                QueryValues.languageTag("language", language),
                blankToNull(location), blankToNull(department)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
