package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of an HRIS webhook body, for the API contract. The receiver reads the signed bytes itself
 * ({@link WebhookReceiver}), since the employee's field names follow the integration's {@link FieldMapping}.
 */
@Schema(name = "HrisWebhookPayload", description = "One employee change as an HRIS sends it")
public record HrisWebhookPayload(
        @Schema(required = true, enumeration = {"employee.created", "employee.updated", "employee.terminated",
                "employee.manager_changed", "employee.on_leave"}, example = "employee.updated")
        String type,
        @Schema(required = true, description = "When the change took effect in the HRIS",
                example = "2027-03-01T09:00:00Z")
        Instant occurredAt,
        @Schema(description = "Per-employee sequence number, if the HRIS has one; older events never overwrite newer",
                example = "42")
        Long sequence,
        @Schema(required = true, description = "The employee's fields, named as the integration's field mapping says",
                example = "{\"externalId\": \"E-10042\", \"email\": \"ada.lovelace@example.com\", "
                        + "\"displayName\": \"Ada Lovelace\", \"department\": \"Platform\"}")
        Map<String, Object> employee) {
}
