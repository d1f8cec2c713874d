package org.mentoring.platform.events;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Trace context to carry with an event from the writing request into the consuming service (W3C trace-context
 * headers on the Kafka record). Returns no headers until tracing is enabled in the services.
 */
@ApplicationScoped
public class TraceContext {

    /** The current context as a JSON object of header names to values, or null when there is none. */
    public String currentHeaders() {
        return null;
    }
}
