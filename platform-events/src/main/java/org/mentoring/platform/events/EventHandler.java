package org.mentoring.platform.events;

import java.util.Set;

/**
 * Applies events of some types to this service's state. Implementations are CDI beans; the {@link EventConsumer}
 * calls {@link #apply} inside the transaction that also records the event id in the inbox, so an effect and its
 * deduplication commit together.
 */
public interface EventHandler {

    /** Topics this handler needs. */
    Set<String> topics();

    /** Whether this handler applies events of the given type; events nobody handles are recorded and skipped. */
    boolean handles(String type);

    void apply(ReceivedEvent event);
}
