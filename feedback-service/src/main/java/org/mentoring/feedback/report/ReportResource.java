package org.mentoring.feedback.report;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.feedback.identity.CurrentPerson;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;

/** Programme reports for their admins and HR, and each person's own report; JSON or CSV. */
@Path("/v1/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@Tag(name = "feedback")
public class ReportResource {

    static final String CSV = "text/csv";

    @Inject
    ReportService reports;

    @Inject
    CurrentPerson person;

    @GET
    @Path("/programs/{id}")
    @RolesAllowed({Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getProgramReport",
            summary = "A programme's participation, sessions, ratings, NPS and goals; small groups suppressed")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgramReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response program(@PathParam("id") UUID id, @QueryParam("format") String format,
                            @Context HttpHeaders headers) {
        boolean csv = wantsCsv(format, headers);
        ProgramReport report = reports.program(id, person);
        return csv ? csv(ReportCsv.of(report), "program-" + id + ".csv") : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/me")
    @RolesAllowed({Caller.EMPLOYEE, Caller.PROGRAM_ADMIN, Caller.HR_ADMIN})
    @Operation(operationId = "getMyReport", summary = "The caller's own mentoring figures; small groups suppressed")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonalReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response me(@QueryParam("format") String format, @Context HttpHeaders headers) {
        boolean csv = wantsCsv(format, headers);
        PersonalReport report = reports.personal(person.requireProfileId());
        return csv ? csv(ReportCsv.of(report), "my-report.csv") : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null) {
            if (!"csv".equals(format) && !"json".equals(format)) {
                throw ProblemException.invalid("format", "must be csv or json");
            }
            return "csv".equals(format);
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    private static Response csv(String body, String filename) {
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
