package org.mentoring.profile.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mentoring.platform.web.Caller;
import org.mentoring.profile.identity.CurrentPerson;
import org.mentoring.profile.privacy.PersonalDataExport;
import org.mentoring.profile.privacy.PersonalDataService;

/** The caller's own profile, found through the link between their token and a profile. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    ProfileService profiles;

    @Inject
    CurrentPerson person;

    @Inject
    ObjectMapper mapper;

    @Inject
    PersonalDataService personalData;

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    public Response get() {
        Profile profile = profiles.get(person.requireProfileId());
        return Response.ok(ProfileView.of(profile)).tag(String.valueOf(profile.version)).build();
    }

    @PATCH
    @Consumes(ProfileResource.MERGE_PATCH)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    public Response patch(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) throws JsonProcessingException {
        Profile profile = profiles.patch(person.requireProfileId(), ifMatch, mapper.readTree(body), person);
        return Response.ok(ProfileView.of(profile)).tag(String.valueOf(profile.version)).build();
    }

    @GET
    @Path("/export")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    public PersonalDataExport export() {
        return personalData.export(person.requireProfileId());
    }
}
