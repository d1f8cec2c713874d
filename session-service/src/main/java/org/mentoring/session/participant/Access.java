package org.mentoring.session.participant;

/**
 * How much of a mentorship's sessions and goals a caller sees. Participants see and act on everything except the
 * other participant's private notes; a programme admin of the mentorship's programme, and HR, see metadata only.
 */
public enum Access {
    PARTICIPANT, OVERSEER;

    public boolean full() {
        return this == PARTICIPANT;
    }
}
