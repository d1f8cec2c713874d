package org.mentoring.matching.mentorship;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Expires mentorship requests nobody answered in time (mentoring.matching.request-expiry). */
@ApplicationScoped
public class RequestExpiry {

    private static final int BATCH = 200;

    @Inject
    MentorshipService mentorships;

    @Scheduled(every = "${mentoring.matching.expiry-check:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireDue() {
        int expired;
        do {
            expired = mentorships.expireDue(BATCH);
        } while (expired == BATCH);
    }
}
