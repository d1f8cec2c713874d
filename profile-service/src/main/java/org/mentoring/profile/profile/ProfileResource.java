package org.mentoring.profile.profile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.Expensive;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;
import org.mentoring.profile.identity.CurrentPerson;
import org.mentoring.profile.privacy.PersonalDataExport;
import org.mentoring.profile.privacy.PersonalDataService;
import org.mentoring.profile.web.BodyLimits;

/**
 * The people directory. Every signed-in caller searches it and reads directory cards; the private fields appear
 * only for the person themself, HR and the HRIS integration (which reconciles what HR owns). HR and the integration
 * create profiles; HR erases a person's data, and the person or HR exports it.
 */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profile-service", description = "People: the directory, profiles, personal data; skills; HRIS integrations")
public class ProfileResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

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

    @Inject
    DirectoryCardCache cards;

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN, Caller.INTEGRATION})
    @Operation(operationId = "searchProfiles", summary = "Search the people directory")
    public ProfilePage search(@QueryParam("q") String q, @QueryParam("skill") String skill,
                              @QueryParam("department") String department, @QueryParam("location") String location,
                              @QueryParam("levelMin") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                      format = "int32")) String levelMin,
                              @QueryParam("levelMax") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                      format = "int32")) String levelMax,
                              @QueryParam("role") String role,
                              @QueryParam("openToRequests") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
                              String openToRequests,
                              @QueryParam("language") @Parameter(description = "A language tag: en finds everyone who "
                                      + "speaks English (en, en-GB, en-US); en-GB finds only those who gave en-GB")
                              String language, @QueryParam("status") String status,
                              @QueryParam("cursor") String cursor,
                              @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                                      minimum = "1", maximum = "100", defaultValue = "20")) String limit) {
        return profiles.search(new ProfileQuery(QueryValues.text("q", q), QueryValues.text("skill", skill),
                QueryValues.text("department", department), QueryValues.text("location", location),
                QueryValues.integer("levelMin", levelMin, null), QueryValues.integer("levelMax", levelMax, null),
                role, QueryValues.bool("openToRequests", openToRequests), language, status, cursor,
                QueryValues.integer("limit", limit, 1, 100, 20)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN, Caller.INTEGRATION})
    @Operation(operationId = "getProfile",
            summary = "Read a profile (private fields only for the person themself, HR and the HRIS integration)")
    @APIResponse(responseCode = "200",
            description = "The full profile for the person themself, HR and the HRIS integration, else the directory card",
            headers = @Header(name = "ETag", description = "Version of the profile, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {ProfileView.class, DirectoryEntry.class})))
    public Uni<Response> get(@PathParam("id") UUID id) {
        // A card kept in memory is answered on the I/O thread; anything else reads the database on a worker thread.
        if (!ProfileService.seesEveryProfile(person.caller())) {
            DirectoryCardCache.Card card = cards.get(id);
            if (card != null && !person.owns(card.externalId(), card.email())) {
                return Uni.createFrom().item(Response.ok(card.json(), MediaType.APPLICATION_JSON_TYPE).build());
            }
        }
        return Uni.createFrom().item(() -> read(id)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response read(UUID id) {
        long ticket = cards.ticket(id);
        Profile profile = profiles.get(id);
        if (ProfileService.seesPrivate(profile, person)) {
            return Response.ok(ProfileView.of(profile)).tag(String.valueOf(profile.version)).build();
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(DirectoryEntry.of(profile));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A directory card could not be written as JSON", e);
        }
        cards.keep(id, ticket, new DirectoryCardCache.Card(json, profile.externalId, profile.email));
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.HR_ADMIN, Caller.INTEGRATION})
    @Operation(operationId = "createProfile", summary = "Create a profile")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)),
            headers = {@Header(name = "Location", description = "URL of the new profile", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "Version of the profile, for If-Match", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "403", description = "The caller is neither HR nor the HRIS integration, or the integration sent a bio or"
            + " mentoring preferences, which only the person or HR choose (it may send a time zone and languages)")
    @APIResponse(responseCode = "409", description = "Another profile already has this email or externalId, or the person"
            + " with this externalId had their data erased (only HR can create them again)")
    public Response create(@NotNull @Valid ProfileFields fields) {
        Profile profile = profiles.create(fields, person.caller().hasRole(Caller.HR_ADMIN));
        return Response.created(URI.create("/v1/profiles/" + profile.id))
                .tag(String.valueOf(profile.version)).entity(ProfileView.of(profile)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MERGE_PATCH)
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN, Caller.INTEGRATION})
    @Operation(operationId = "updateProfile", summary = "Change some fields of a profile (JSON Merge Patch, If-Match required)")
    @RequestBody(required = true, description = "A JSON Merge Patch (RFC 7396) of the profile: fields to set, null to clear",
            content = @Content(mediaType = ProfileResource.MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class),
                    examples = @ExampleObject(name = "bio", value = "{\"bio\": \"Backend engineer, happy to talk about Kafka\", \"openToRequests\": true}")))
    @APIResponse(responseCode = "200", description = "The updated profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)),
            headers = @Header(name = "ETag", description = "Version of the profile, for If-Match", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "A concurrent change to the same people (two manager changes"
            + " that would together close a cycle, say) was applied first; nothing of this one was: retry it")
    @APIResponse(responseCode = "409", description = "Another profile already has this email or externalId")
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, InputStream body) throws IOException {
        Profile profile = profiles.patch(id, ifMatch, JsonMergePatch.read(mapper, limits.apiBody(body)), person);
        return Response.ok(ProfileView.of(profile)).tag(String.valueOf(profile.version)).build();
    }

    @GET
    @Path("/{id}/export")
    @Expensive("exports")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "exportProfileData", summary = "Export everything held about a person (the person themself or HR)")
    public PersonalDataExport export(@PathParam("id") UUID id) {
        if (!person.caller().hasRole(Caller.HR_ADMIN) && !person.is(id)) {
            throw ProblemException.forbidden("Only the person themself or HR may export a person's data");
        }
        return personalData.export(id);
    }

    @POST
    @Path("/{id}/erasure")
    @RolesAllowed(Caller.HR_ADMIN)
    @Operation(operationId = "eraseProfile", summary = "Erase a person's personal data (HR)")
    @APIResponse(responseCode = "204", description = "Erased")
    public Response erase(@PathParam("id") UUID id) {
        personalData.erase(id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}/personal-data")
    @RolesAllowed(Caller.HR_ADMIN)
    @Operation(operationId = "deletePersonalData", summary = "Erase a person's personal data (HR; same as POST /erasure)")
    @APIResponse(responseCode = "204", description = "Erased")
    public Response deletePersonalData(@PathParam("id") UUID id) {
        personalData.erase(id);
        return Response.noContent().build();
    }
}
