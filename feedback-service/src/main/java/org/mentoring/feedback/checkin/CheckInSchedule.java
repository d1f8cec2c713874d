package org.mentoring.feedback.checkin;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends programme check-ins on their dates. */
@ApplicationScoped
public class CheckInSchedule {

    @Inject
    CheckInService checkIns;

    @Scheduled(every = "${mentoring.feedback.check-in-interval:15m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void issue() {
        int issued;
        do {
            issued = checkIns.issueDue();
        } while (issued > 0);
    }
}
