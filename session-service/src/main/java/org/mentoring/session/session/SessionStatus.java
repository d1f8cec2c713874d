package org.mentoring.session.session;

/** Lifecycle of a session; the lower-case names are those of the API and of SessionState in the event catalogue. */
public enum SessionStatus {
    proposed, scheduled, held, cancelled, missed;

    public boolean open() {
        return this == proposed || this == scheduled;
    }
}
