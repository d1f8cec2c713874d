package org.mentoring.session.participant;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A mentorship as matching-service's events describe it: who takes part, in which programme, and its status. */
@Entity
@Table(name = "mentorship")
public class Mentorship extends PanacheEntityBase {

    @Id
    @Column(name = "mentorship_id")
    public UUID mentorshipId;

    public String kind;

    @Column(name = "program_id")
    public UUID programId;

    @Column(name = "mentor_id")
    public UUID mentorId;

    @Column(name = "mentee_id")
    public UUID menteeId;

    public String status;

    public long version;

    public List<UUID> participantIds() {
        return List.of(mentorId, menteeId);
    }

    public boolean hasParticipant(UUID profileId) {
        return mentorId.equals(profileId) || menteeId.equals(profileId);
    }

    /** Whether sessions and goals may still be planned: the pair is together (active or paused). */
    public boolean isRunning() {
        return "active".equals(status) || "paused".equals(status);
    }

    public UUID otherThan(UUID profileId) {
        return mentorId.equals(profileId) ? menteeId : mentorId;
    }
}
