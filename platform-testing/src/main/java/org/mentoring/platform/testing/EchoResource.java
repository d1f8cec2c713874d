package org.mentoring.platform.testing;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Present only on the test classpath: a JSON endpoint that lets every service's tests check how its HTTP edge
 * treats malformed, mistyped and invalid bodies before that service has endpoints of its own for them.
 */
@Path("/test-support/echo")
@PermitAll
public class EchoResource {

    public record Greeting(@NotBlank String name, @Email String email, @Min(1) @Max(5) Integer level) {
    }

    @POST
    @Operation(hidden = true)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting echo(@Valid Greeting greeting) {
        return greeting;
    }
}
