package org.mentoring.platform.events;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Carries the OpenTelemetry trace context with an event: {@link Outbox#append} stores the writer's context (W3C
 * {@code traceparent}, {@code tracestate}), the relay puts it on the Kafka record as headers, and the consumer
 * applies the event inside a span whose parent is that context, so one trace follows a request through Kafka into
 * every service that consumes it. With tracing switched off ({@code quarkus.otel.sdk.disabled=true}) nothing is
 * stored and nothing is traced.
 */
@ApplicationScoped
public class TraceContext {

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    ObjectMapper json;

    /** The current context as a JSON object of header names to values, or null when there is none. */
    public String currentHeaders() {
        Map<String, String> carrier = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        if (carrier.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(carrier);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Runs the application of an event inside a consumer span continuing the trace the event carries. */
    public <T> T inConsumerSpan(ReceivedEvent event, Supplier<T> work) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), event.traceHeaders(), FROM_MAP);
        Span span = openTelemetry.getTracer("org.mentoring.platform.events")
                .spanBuilder("apply " + event.type())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", event.topic())
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("messaging.kafka.message.key", String.valueOf(event.key()))
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
