package org.mentoring.feedback.privacy;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;

/** HR's export of a person's feedback data, for access requests under data-protection law. */
@Path("/v1/feedback/export")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class PersonalDataResource {

    @Inject
    PersonalDataService personalData;

    @GET
    @Path("/{profileId}")
    @RolesAllowed(Caller.HR_ADMIN)
    @Operation(operationId = "exportFeedbackData", summary = "Everything feedback-service holds about a person")
    public PersonalDataExport export(@PathParam("profileId") UUID profileId) {
        return personalData.export(profileId);
    }
}
