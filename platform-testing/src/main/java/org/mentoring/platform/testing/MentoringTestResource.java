package org.mentoring.platform.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at the real infrastructure of this test run: its own role on the run's fresh
 * PostgreSQL database, the run's Kafka broker, (the test profile of each service trusts the test signing key of {@link TestTokens}). Declare it once per
 * module with the service's name as the {@code service} argument.
 */
public class MentoringTestResource implements QuarkusTestResourceLifecycleManager {

    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.get("service");
        if (service == null || !TestDatabase.SERVICES.contains(service)) {
            throw new IllegalArgumentException("initArgs 'service' must be one of " + TestDatabase.SERVICES);
        }
    }

    @Override
    public Map<String, String> start() {
        TestDatabase db = TestDatabase.current();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.role(service));
        config.put("quarkus.datasource.password", db.password());
        config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // The broker and the database serve every test class of this JVM; they go when the JVM ends.
    }
}
