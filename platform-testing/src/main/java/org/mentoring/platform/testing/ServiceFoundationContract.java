package org.mentoring.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What every service promises from its first day: health that covers the database and Kafka, its OpenAPI
 * document and Swagger UI, Prometheus metrics, problem+json for every client mistake, a schema that only its own
 * database role can reach, and a real Kafka broker. Each service's test suite runs it as a {@code @QuarkusTest}.
 */
public abstract class ServiceFoundationContract {

    @Inject
    DataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** The service's name, which is also the name of its schema: profile, matching, session or feedback. */
    protected abstract String service();

    @Test
    void readinessCoversTheDatabaseAndNotKafka() {
        // Without Kafka the API keeps working (writes wait in the outbox): readiness must not take every replica out
        // of the load balancer when the brokers are away (SystemFaultsTest shows it with the broker stopped).
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", org.hamcrest.Matchers.not(hasItem(containsString("Kafka"))));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesOpenApiSwaggerUiAndMetrics() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("openapi", startsWith("3."));
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void unknownPathIsAProblem() {
        given().when().get("/v1/no-such-thing/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType(ProblemAssertions.PROBLEM_JSON)
                .body("type", equalTo("urn:mentoring:problem:not-found"))
                .body("status", equalTo(404))
                .body("title", equalTo("Resource not found"));
        given().when().delete("/nowhere").then().statusCode(404).contentType(ProblemAssertions.PROBLEM_JSON);
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType("application/json").body("{\"name\": \"Ada\", ")
                .when().post("/test-support/echo")
                .then().statusCode(400)
                .contentType(ProblemAssertions.PROBLEM_JSON)
                .body("type", equalTo("urn:mentoring:problem:malformed-json"));
        given().contentType("application/json").body("{\"name\": \"Ada\", \"level\": \"high\"}")
                .when().post("/test-support/echo")
                .then().statusCode(400)
                .contentType(ProblemAssertions.PROBLEM_JSON)
                .body("errors[0].field", equalTo("level"));
        given().contentType("application/json").body("{\"name\": \"Ada\", \"isAdmin\": true}")
                .when().post("/test-support/echo")
                .then().statusCode(400)
                .contentType(ProblemAssertions.PROBLEM_JSON)
                .body("errors[0].field", equalTo("isAdmin"));
    }

    @Test
    void wrongContentTypeIsAProblem() {
        given().contentType("text/plain").body("name=Ada")
                .when().post("/test-support/echo")
                .then().statusCode(415)
                .contentType(ProblemAssertions.PROBLEM_JSON)
                .body("type", equalTo("urn:mentoring:problem:unsupported-media-type"));
    }

    @Test
    void wrongMethodIsAProblem() {
        given().when().get("/test-support/echo")
                .then().statusCode(405)
                .contentType(ProblemAssertions.PROBLEM_JSON)
                .body("type", equalTo("urn:mentoring:problem:method-not-allowed"));
    }

    @Test
    void validationFailureNamesTheFields() {
        given().contentType("application/json").body("{\"name\": \" \", \"email\": \"not-an-email\", \"level\": 9}")
                .when().post("/test-support/echo")
                .then().statusCode(400)
                .contentType(ProblemAssertions.PROBLEM_JSON)
                .body("type", equalTo("urn:mentoring:problem:validation"))
                .body("errors.field", equalTo(List.of("email", "level", "name")));
    }

    @Test
    void validBodyIsAccepted() {
        given().contentType("application/json").body("{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"level\": 3}")
                .when().post("/test-support/echo")
                .then().statusCode(200).body("name", equalTo("Ada"));
    }

    @Test
    void databaseRoleOwnsItsSchemaAndCannotReadAnotherServicesSchema() throws SQLException {
        String other = TestDatabase.SERVICES.stream().filter(s -> !s.equals(service())).findFirst().orElseThrow();
        TestDatabase db = TestDatabase.current();
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + other + " AUTHORIZATION " + db.role(other));
            s.execute("SET ROLE " + db.role(other));
            s.execute("CREATE TABLE IF NOT EXISTS " + other + ".isolation_probe (secret text)");
            s.execute("RESET ROLE");
            try (ResultSet rs = s.executeQuery(
                    "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '" + service() + "'")) {
                assertTrue(rs.next(), "schema " + service() + " exists");
                assertEquals(db.role(service()), rs.getString(1), "schema owned by the service's own role");
            }
        }
        try (Connection own = dataSource.getConnection(); Statement s = own.createStatement()) {
            SQLException denied = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT * FROM " + other + ".isolation_probe"));
            assertEquals("42501", denied.getSQLState(), denied.getMessage());
        }
        try (Connection foreign = db.serviceConnection(other); Statement s = foreign.createStatement()) {
            SQLException denied = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT * FROM " + service() + ".flyway_schema_history"));
            assertEquals("42501", denied.getSQLState(), denied.getMessage());
        }
    }

    @Test
    void recordFromTheApplicationReachesAPlainConsumerThroughTheBrokerPort() throws Exception {
        String topic = "foundation-selftest-" + service();
        String value = "hello from " + service() + " " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(kafkaConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, service(), value)).get();
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestKafka.broker().port(),
                ConsumerConfig.GROUP_ID_CONFIG, "selftest-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.contains(value) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
            }
        }
        assertTrue(seen.contains(value), "record produced by the application was consumed: " + seen);
    }
}
