package org.mentoring.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The one place that turns an event into a Kafka record: CloudEvents 1.0 in binary content mode ({@code ce_*}
 * headers, JSON data as the value), keyed by the aggregate id. Producers and tests use it alike, so what goes on the
 * wire is written by the CloudEvents SDK in exactly one way.
 */
public final class EventEnvelope {

    public static final String CONTENT_TYPE = "application/json";

    private EventEnvelope() {
    }

    public static CloudEvent cloudEvent(String id, String type, String source, String subject, OffsetDateTime time,
                                        String jsonData) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(type)
                .withSource(URI.create(source))
                .withSubject(subject)
                .withTime(time)
                .withDataContentType(CONTENT_TYPE)
                .withData(jsonData.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** A producer record for the event, with extra headers (trace context) added after the CloudEvents ones. */
    public static ProducerRecord<String, byte[]> record(String topic, String key, CloudEvent event,
                                                        Map<String, String> extraHeaders) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event);
        extraHeaders.forEach((name, value) ->
                record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }
}
