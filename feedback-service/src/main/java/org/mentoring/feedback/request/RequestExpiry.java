package org.mentoring.feedback.request;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Expires open requests past their time, in batches; replicas share the work through row locks. */
@ApplicationScoped
public class RequestExpiry {

    @Inject
    RequestIssuer issuer;

    @Scheduled(every = "${mentoring.feedback.expiry-check-interval:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        int expired;
        do {
            expired = QuarkusTransaction.requiringNew().call(issuer::expireDue);
        } while (expired > 0);
    }
}
