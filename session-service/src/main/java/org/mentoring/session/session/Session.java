package org.mentoring.session.session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One mentoring session between the two participants of a mentorship. {@code sequence} is the iCalendar SEQUENCE:
 * it rises with every change a calendar must show (time, place, status), while the UID (the id) never changes.
 */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "mentorship_id")
    public UUID mentorshipId;

    @Column(name = "series_id")
    public UUID seriesId;

    @Column(name = "mentor_id")
    public UUID mentorId;

    @Column(name = "mentee_id")
    public UUID menteeId;

    @Column(name = "organizer_id")
    public UUID organizerId;

    @Column(name = "proposed_by")
    public UUID proposedBy;

    @Enumerated(EnumType.STRING)
    public SessionStatus status;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "duration_minutes")
    public int durationMinutes;

    @Column(name = "time_zone")
    public String timeZone;

    public String location;

    @Column(name = "meeting_link")
    public String meetingLink;

    public String agenda;

    @Column(name = "shared_notes")
    public String sharedNotes;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    public CancelReason cancelReason;

    @Column(name = "cancel_note")
    public String cancelNote;

    public int sequence;

    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<UUID> participantIds() {
        return List.of(mentorId, menteeId);
    }

    public boolean hasParticipant(UUID profileId) {
        return mentorId.equals(profileId) || menteeId.equals(profileId);
    }

    public ZonedDateTime localStart() {
        return startsAt.atZone(ZoneId.of(timeZone));
    }

    void placeAt(ZonedDateTime start, int minutes) {
        this.startsAt = start.toInstant();
        this.durationMinutes = minutes;
        this.endsAt = startsAt.plus(Duration.ofMinutes(minutes));
        this.timeZone = start.getZone().getId();
    }

    /** Records a change: a new version for events, a new SEQUENCE for calendars. */
    void changed(Instant now) {
        version++;
        sequence++;
        updatedAt = now;
    }
}
