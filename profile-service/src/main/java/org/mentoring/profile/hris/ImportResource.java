package org.mentoring.profile.hris;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.Expensive;

/** Bulk loads of employees (initial load, nightly sync) by HR or by the HRIS's service account. */
@Path("/v1/hris/{integration}/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.HR_ADMIN, Caller.INTEGRATION})
public class ImportResource {

    @Inject
    ImportService imports;

    @POST
    @Expensive("imports")
    @Consumes({ImportService.CSV, ImportService.JSON_LINES, ImportService.NDJSON})
    public Response start(@PathParam("integration") String integration,
                          @QueryParam("fullSync") @DefaultValue("false") boolean fullSync,
                          @QueryParam("terminateMissing") @DefaultValue("false") boolean terminateMissing,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          byte[] body) {
        ImportView job = imports.start(integration, contentType, fullSync, terminateMissing, body);
        return Response.accepted(job)
                .location(URI.create("/v1/hris/" + integration + "/imports/" + job.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    public ImportView get(@PathParam("integration") String integration, @PathParam("id") UUID id) {
        return imports.get(integration, id);
    }
}
