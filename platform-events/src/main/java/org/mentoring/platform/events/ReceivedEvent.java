package org.mentoring.platform.events;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One CloudEvent as a consumer sees it, with where it came from on Kafka. */
public record ReceivedEvent(
        String id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        String topic,
        int partition,
        long offset,
        String key,
        String data,
        java.util.Map<String, String> traceHeaders,
        ObjectMapper json) {

    /** Record headers that carry trace context (W3C trace-context and baggage). */
    private static final java.util.Set<String> TRACE_HEADERS = java.util.Set.of("traceparent", "tracestate", "baggage");

    /** Reads a Kafka record written in CloudEvents binary mode. */
    public static ReceivedEvent from(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record,
                                     ObjectMapper json) {
        io.cloudevents.CloudEvent ce = io.cloudevents.kafka.KafkaMessageFactory.createReader(record).toEvent();
        byte[] data = ce.getData() == null ? new byte[0] : ce.getData().toBytes();
        return new ReceivedEvent(ce.getId(), ce.getType(), String.valueOf(ce.getSource()), ce.getSubject(),
                ce.getTime() == null ? null : ce.getTime().withOffsetSameInstant(java.time.ZoneOffset.UTC),
                record.topic(), record.partition(), record.offset(), record.key(),
                new String(data, java.nio.charset.StandardCharsets.UTF_8), traceHeaders(record), json);
    }

    private static java.util.Map<String, String> traceHeaders(
            org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (org.apache.kafka.common.header.Header h : record.headers()) {
            if (TRACE_HEADERS.contains(h.key()) && h.value() != null) {
                headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** The data as the consumer's own type; unknown fields are ignored (a consumer declares what it reads). */
    public <T> T dataAs(Class<T> type) {
        try {
            return json.readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(data);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("data of " + type() + " " + id + " is not a " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    public JsonNode dataTree() {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("data of " + type + " " + id + " is not JSON", e);
        }
    }

    /** The event cannot be applied as it is: retrying will not help. */
    public static class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
