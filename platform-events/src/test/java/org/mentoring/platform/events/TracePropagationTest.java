package org.mentoring.platform.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.Eventually;
import org.mentoring.platform.testing.MentoringTestResource;

/** One trace follows a request through the outbox and Kafka into the consumer that applies its event. */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class TracePropagationTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theConsumerAppliesTheEventInsideTheTraceOfTheWritingRequest() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = traceId.substring(0, 16);
        String eventId = given().header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .when().post("/test-support/widgets/traced-" + UUID.randomUUID())
                .then().statusCode(200).extract().asString();

        SpanData applied = Eventually.await(Duration.ofSeconds(60), () -> spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getName().equals("apply " + Widgets.CHANGED))
                        .filter(s -> eventId.equals(s.getAttributes().get(
                                io.opentelemetry.api.common.AttributeKey.stringKey("messaging.message.id"))))
                        .findFirst().orElse(null),
                s -> s != null, "the consumer span of event " + eventId);

        assertEquals(traceId, applied.getTraceId(), "same trace as the HTTP request that wrote the event");
        assertEquals(SpanKind.CONSUMER, applied.getKind());
        assertEquals(Widgets.TOPIC, applied.getAttributes().get(
                io.opentelemetry.api.common.AttributeKey.stringKey("messaging.destination.name")));
    }
}
