package org.mentoring.profile.skill;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.QueryValues;

/** The skills catalogue: read by everyone signed in, extended by HR administrators. */
@Path("/v1/skills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profile-service", description = "People: the directory, profiles, personal data; skills; HRIS integrations")
public class SkillResource {

    @Inject
    SkillCatalogue catalogue;

    @GET
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN, Caller.INTEGRATION})
    @Operation(operationId = "searchSkills", summary = "Search the skills catalogue by name prefix or category")
    public List<SkillView> search(@QueryParam("prefix") @DefaultValue("") String prefix,
                                  @QueryParam("category") String category,
                                  @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                          format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
                                          String limitValue) {
        int limit = QueryValues.integer("limit", limitValue, 1, 100, 20);
        return catalogue.search(prefix, category, limit);
    }

    /** The canonical skill for a free-typed name ("k8s" gives Kubernetes); 404 when the catalogue has none. */
    @GET
    @Path("/normalize")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN, Caller.INTEGRATION})
    @Operation(operationId = "normalizeSkillName", summary = "Find the catalogue skill a free-text name or alias stands for")
    @APIResponse(responseCode = "200", description = "The skill the name stands for",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SkillView.class)))
    @APIResponse(responseCode = "404", description = "No skill of the catalogue has this name or alias")
    public SkillView normalize(@QueryParam("name") @NotNull String name) {
        if (SkillNames.normalize(name).isEmpty()) {
            throw ProblemException.invalid("name", "must name a skill");
        }
        String canonical = catalogue.canonical(name)
                .orElseThrow(() -> ProblemException.notFound("Skill", "'" + name.strip() + "'"));
        return catalogue.search(canonical, null, 100).stream()
                .filter(s -> s.name().equals(canonical)).findFirst().orElseThrow();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN, Caller.INTEGRATION})
    @Operation(operationId = "getSkill", summary = "Read one skill of the catalogue")
    public SkillView get(@PathParam("id") UUID id) {
        return catalogue.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.HR_ADMIN)
    @Operation(operationId = "addSkill", summary = "Add a skill to the catalogue (HR)")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SkillView.class)),
            headers = @Header(name = "Location", description = "URL of the new skill", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The catalogue already knows this name")
    public Response add(@NotNull @Valid NewSkill request) {
        SkillView skill = catalogue.add(request);
        return Response.created(URI.create("/v1/skills/" + skill.id())).entity(skill).build();
    }

    @POST
    @Path("/{id}/aliases")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.HR_ADMIN)
    @Operation(operationId = "addSkillAlias", summary = "Add another name for a skill (HR)")
    @APIResponse(responseCode = "200", description = "The skill with its new alias",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SkillView.class)))
    @APIResponse(responseCode = "409", description = "The catalogue already knows this alias")
    public SkillView addAlias(@PathParam("id") UUID id, @NotNull @Valid NewAlias request) {
        return catalogue.addAlias(id, request);
    }

    /**
     * Takes an alias back, say one that turned out to stand for two skills ("PM": product or project management).
     * Profiles keep the skill names they hold; the alias no longer normalises to this skill, and a directory search by
     * the skill no longer finds profiles that still hold the alias itself.
     */
    @DELETE
    @Path("/{id}/aliases/{alias}")
    @RolesAllowed(Caller.HR_ADMIN)
    @Operation(operationId = "removeSkillAlias", summary = "Take an alias of a skill back (HR)")
    @APIResponse(responseCode = "200", description = "The skill without the alias",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SkillView.class)))
    @APIResponse(responseCode = "404", description = "No such skill, or the skill has no such alias")
    public SkillView removeAlias(@PathParam("id") UUID id, @PathParam("alias") String alias) {
        return catalogue.removeAlias(id, alias);
    }
}
