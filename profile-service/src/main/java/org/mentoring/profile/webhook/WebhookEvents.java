package org.mentoring.profile.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import org.mentoring.platform.events.EventEnvelope;

/** The webhook events of this service and the JSON body every delivery carries: the CloudEvent in structured mode. */
public final class WebhookEvents {

    public static final String TOPIC = "mentoring.webhook.v1";
    public static final String SUBSCRIPTION_DISABLED = "mentoring.webhook.subscription-disabled.v1";
    public static final String PING = "mentoring.webhook.ping.v1";

    private static final JsonFormat FORMAT = new JsonFormat();

    private WebhookEvents() {
    }

    /** Data of {@link #SUBSCRIPTION_DISABLED}: reason is {@code gone} (the receiver answered 410) or {@code failing}. */
    public record SubscriptionDisabled(UUID subscriptionId, String reason, Instant disabledAt) {
    }

    /** Data of {@link #PING}. */
    public record Ping(UUID subscriptionId, Instant sentAt) {
    }

    /**
     * A CloudEvent in JSON structured mode ({@code specversion}, {@code id}, {@code type}, {@code source}, {@code time},
     * {@code subject}, {@code datacontenttype}, {@code data}), written by the CloudEvents SDK.
     */
    public static String structured(String id, String type, String source, String subject, OffsetDateTime time,
                                    String jsonData) {
        CloudEvent event = EventEnvelope.cloudEvent(id, type, source, subject,
                time == null ? OffsetDateTime.now(ZoneOffset.UTC) : time, jsonData);
        return new String(FORMAT.serialize(event), java.nio.charset.StandardCharsets.UTF_8);
    }
}
