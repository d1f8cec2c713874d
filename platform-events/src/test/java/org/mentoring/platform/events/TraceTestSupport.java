package org.mentoring.platform.events;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The test application's HTTP edge for tracing tests, and the exporter that keeps finished spans in memory. */
@Path("/test-support/widgets")
@PermitAll
public class TraceTestSupport {

    @Inject
    Widgets widgets;

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    @POST
    @Path("/{id}")
    public String change(@PathParam("id") String id) {
        return widgets.change(id, "traced", false).toString();
    }
}
