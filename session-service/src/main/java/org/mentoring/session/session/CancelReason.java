package org.mentoring.session.session;

/** Why a session was cancelled; codes of SessionState.cancelReason, never free text. */
public enum CancelReason {
    participant, mentorship_ended, participant_left, rescheduled
}
