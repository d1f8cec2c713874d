package org.mentoring.profile.hris;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.Expensive;
import org.mentoring.platform.web.QueryValues;

/** Bulk loads of employees (initial load, nightly sync) by HR or by the HRIS's service account. */
@Path("/v1/hris/{integration}/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.HR_ADMIN, Caller.INTEGRATION})
@Tag(name = "profile-service", description = "People: the directory, profiles, personal data; skills; HRIS integrations")
public class ImportResource {

    @Inject
    ImportService imports;

    @POST
    @Expensive("imports")
    @Consumes({ImportService.CSV, ImportService.JSON_LINES, ImportService.NDJSON})
    @RequestBody(required = true, description = "One employee per CSV row (with a header row) or per JSON line",
            content = {
                @Content(mediaType = ImportService.CSV, schema = @Schema(type = SchemaType.STRING),
                        example = "externalId,email,displayName,jobTitle,department,location,timeZone,languages,level,"
                                + "gradeLabel,managerExternalId,hireDate,status\n"
                                + "E-10042,ada.lovelace@example.com,Ada Lovelace,Staff Engineer,Platform,Berlin,"
                                + "Europe/Berlin,en,6,L6,E-10001,2021-04-01,active\n"),
                @Content(mediaType = ImportService.JSON_LINES, schema = @Schema(type = SchemaType.STRING),
                        example = "{\"externalId\":\"E-10042\",\"email\":\"ada.lovelace@example.com\","
                                + "\"displayName\":\"Ada Lovelace\",\"status\":\"active\"}\n"),
                @Content(mediaType = ImportService.NDJSON, schema = @Schema(type = SchemaType.STRING),
                        example = "{\"externalId\":\"E-10042\",\"email\":\"ada.lovelace@example.com\","
                                + "\"displayName\":\"Ada Lovelace\",\"status\":\"active\"}\n")})
    @Operation(operationId = "startImport", summary = "Start a bulk import of employees (CSV or JSON lines)")
    @APIResponse(responseCode = "202", description = "The import job, running",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportView.class)),
            headers = @Header(name = "Location", description = "URL of the import job", schema = @Schema(type = SchemaType.STRING)))
    public Response start(@PathParam("integration") String integration,
                          @QueryParam("fullSync") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN,
                                  defaultValue = "false")) String fullSyncValue,
                          @QueryParam("terminateMissing") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN,
                                  defaultValue = "false")) String terminateMissingValue,
                          @QueryParam("maxTerminations") @Parameter(description = "With terminateMissing: how many "
                                  + "terminations you expect. Without it, a sync that would terminate more than 10 people "
                                  + "and more than 20 % of the integration's active people fails and changes nothing.",
                                  schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0"))
                          String maxTerminations,
                          @QueryParam("asOf") @Parameter(description = "When the HRIS exported the file (ISO-8601 "
                                  + "instant). Rows about people whose HRIS events since then were applied are left as "
                                  + "they are (counted as stale), and a full sync does not terminate people who appeared "
                                  + "after it. Without it, the file's rows apply whatever their age.",
                                  schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                          String asOf,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          byte[] body) {
        boolean fullSync = QueryValues.bool("fullSync", fullSyncValue, false);
        boolean terminateMissing = QueryValues.bool("terminateMissing", terminateMissingValue, false);
        ImportView job = imports.start(integration, contentType, fullSync, terminateMissing,
                QueryValues.integer("maxTerminations", maxTerminations, 0, Integer.MAX_VALUE, null),
                QueryValues.instant("asOf", asOf), body);
        return Response.accepted(job)
                .location(URI.create("/v1/hris/" + integration + "/imports/" + job.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport", summary = "Read the progress and outcome of an import")
    public ImportView get(@PathParam("integration") String integration, @PathParam("id") UUID id) {
        return imports.get(integration, id);
    }
}
