package org.mentoring.feedback.privacy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;

/** The caller's export of their own feedback data. */
@Path("/v1/feedback/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class MyDataResource {

    @Inject
    PersonalDataService personalData;

    @Inject
    CurrentPerson person;

    @GET
    @Path("/export")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "exportMyFeedbackData", summary = "Everything feedback-service holds about the caller")
    public PersonalDataExport export() {
        return personalData.export(person.requireProfileId());
    }
}
