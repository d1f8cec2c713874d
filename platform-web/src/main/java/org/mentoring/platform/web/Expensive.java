package org.mentoring.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that costs the service far more than a read (a matching run, a bulk import, an export): each
 * caller may start only a limited number of them per minute, set by {@code mentoring.rate-limit.<value>.per-minute}
 * (default {@value ExpensiveOperationLimiter#DEFAULT_PER_MINUTE}). Beyond it the caller gets 429 with Retry-After.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Expensive {

    /** The name of the limit, e.g. {@code matching-runs}; operations with the same name share one budget. */
    String value();
}
