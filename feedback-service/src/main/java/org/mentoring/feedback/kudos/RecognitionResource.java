package org.mentoring.feedback.kudos;

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
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;

/** A person's recognition: visible to every colleague, with the ratings about them only for themselves. */
@Path("/v1/recognition")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feedback")
public class RecognitionResource {

    @Inject
    KudosService kudos;

    @Inject
    CurrentPerson person;

    @GET
    @Path("/{profileId}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getRecognitionProfile",
            summary = "Kudos received, sessions given, mentees helped and endorsed skills of a person")
    public RecognitionProfile get(@PathParam("profileId") UUID profileId) {
        return kudos.profile(profileId, person.profileId().map(profileId::equals).orElse(false));
    }
}
