package org.mentoring.profile.privacy;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.mentoring.profile.profile.ProfileView;

/** Everything profile-service holds about one person, as they may ask for it. */
public record PersonalDataExport(Instant exportedAt, ProfileView profile, List<HrisRecord> hrisEvents) {

    /** An HRIS webhook received about the person, with its body as sent. */
    public record HrisRecord(String webhookId, Instant receivedAt, String type, Instant effectiveAt, String outcome,
                             JsonNode body) {
    }
}
