package org.mentoring.profile.profile;

import java.io.IOException;
import java.io.InputStream;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.Expensive;
import org.mentoring.profile.identity.CurrentPerson;
import org.mentoring.profile.privacy.PersonalDataExport;
import org.mentoring.profile.privacy.PersonalDataService;
import org.mentoring.profile.web.BodyLimits;

/** The caller's own profile, found through the link between their token and a profile. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profile-service", description = "People: the directory, profiles, personal data; skills; HRIS integrations")
public class MeResource {

    @Inject
    BodyLimits limits;

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
    @Operation(operationId = "getMyProfile", summary = "Read the caller's own profile")
    @APIResponse(responseCode = "200", description = "The caller's profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)),
            headers = @Header(name = "ETag", description = "Version of the profile, for If-Match", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No profile is linked to the caller's token")
    public Response get() {
        Profile profile = profiles.get(person.requireProfileId());
        return Response.ok(ProfileView.of(profile)).tag(String.valueOf(profile.version)).build();
    }

    @PATCH
    @Consumes(ProfileResource.MERGE_PATCH)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "updateMyProfile", summary = "Change some fields of the caller's own profile (JSON Merge Patch, If-Match required)")
    @RequestBody(required = true, description = "A JSON Merge Patch (RFC 7396) of the profile: fields to set, null to clear",
            content = @Content(mediaType = ProfileResource.MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class),
                    examples = @ExampleObject(name = "bio", value = "{\"bio\": \"Backend engineer, happy to talk about Kafka\", \"openToRequests\": true}")))
    @APIResponse(responseCode = "200", description = "The updated profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)),
            headers = @Header(name = "ETag", description = "Version of the profile, for If-Match", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "A concurrent change to the same people (two manager changes"
            + " that would together close a cycle, say) was applied first; nothing of this one was: retry it")
    @APIResponse(responseCode = "409", description = "Another profile already has this email")
    @APIResponse(responseCode = "404", description = "No profile is linked to the caller's token")
    public Response patch(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, InputStream body) throws IOException {
        Profile profile = profiles.patch(person.requireProfileId(), ifMatch, JsonMergePatch.read(mapper, limits.apiBody(body)), person);
        return Response.ok(ProfileView.of(profile)).tag(String.valueOf(profile.version)).build();
    }

    @GET
    @Path("/export")
    @Expensive("exports")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "exportMyData", summary = "Export everything held about the caller")
    @APIResponse(responseCode = "200", description = "Everything held about the caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonalDataExport.class)))
    @APIResponse(responseCode = "404", description = "No profile is linked to the caller's token")
    public PersonalDataExport export() {
        return personalData.export(person.requireProfileId());
    }
}
