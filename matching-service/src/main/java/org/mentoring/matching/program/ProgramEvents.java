package org.mentoring.matching.program;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.platform.events.Outbox;

/** What programmes publish on mentoring.program.v1 (ProgramState, ProgramEnrolment in docs/asyncapi.yaml). */
@ApplicationScoped
public class ProgramEvents {

    public static final String TOPIC = "mentoring.program.v1";
    public static final String UPDATED = "mentoring.program.updated.v1";
    public static final String ENROLLED = "mentoring.program.enrolled.v1";
    public static final String UNENROLLED = "mentoring.program.unenrolled.v1";

    @Inject
    Outbox outbox;

    record ProgramState(UUID programId, String name, String kind, String status, LocalDate startsOn, LocalDate endsOn,
            List<UUID> adminIds, long version, Instant changedAt) {
    }

    record ProgramEnrolment(UUID programId, UUID enrolmentId, UUID profileId, String role, Instant changedAt) {
    }

    void updated(Program p) {
        outbox.append(TOPIC, UPDATED, p.id.toString(), p.id.toString(), new ProgramState(p.id, p.name, p.kind,
                p.status, p.startsOn, p.endsOn, List.copyOf(p.adminIds), p.version, p.changedAt));
    }

    void enrolled(Enrolment e, Instant at) {
        enrolment(ENROLLED, e, at);
    }

    void unenrolled(Enrolment e, Instant at) {
        enrolment(UNENROLLED, e, at);
    }

    private void enrolment(String type, Enrolment e, Instant at) {
        outbox.append(TOPIC, type, e.programId.toString(), e.programId.toString(),
                new ProgramEnrolment(e.programId, e.id, e.profileId, e.role, at));
    }
}
