package org.mentoring.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.hrAdmin;
import static org.mentoring.profile.Api.integration;
import static org.mentoring.profile.Api.unique;
import static org.mentoring.profile.Hris.deliver;

import java.sql.SQLException;
import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mentoring.platform.testing.ContractValidation;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.profile.signing.SecretResealing;

/**
 * The signing secrets of HRIS integrations and webhook subscriptions rest sealed in the database: what a copy of the
 * database shows is not the secret, and the secret the API showed still verifies and signs.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class SecretsAtRestTest {

    @Inject
    DataSource dataSource;

    @Inject
    SecretResealing resealing;

    @Test
    void anIntegrationsSecretsRestSealedAndStillVerifyDeliveriesAcrossARotation() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        List<String> stored = stored("hris_integration", hris.id());
        assertSealed(stored.get(0), hris.secret());
        assertEquals(null, stored.get(1));
        deliver(hris, unique("msg"), employee("created", unique("sa"))).then().statusCode(200)
                .body("outcome", equalTo("applied"));

        String rotated = as(hrAdmin()).when().post("/v1/hris/integrations/" + hris.id() + "/secret")
                .then().statusCode(200).extract().path("secret");
        stored = stored("hris_integration", hris.id());
        assertSealed(stored.get(0), rotated);
        assertSealed(stored.get(1), hris.secret());
        // Both verify during the grace period: the previous secret came back out of its sealed column.
        deliver(new Hris.Integration(hris.id(), rotated), unique("msg"), employee("created", unique("sb")))
                .then().statusCode(200).body("outcome", equalTo("applied"));
        deliver(hris, unique("msg"), employee("created", unique("sc"))).then().statusCode(200)
                .body("outcome", equalTo("applied"));
    }

    @Test
    void aSecretStoredBeforeSealingKeepsWorkingAndIsSealedAtStartup() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        // As a database from before sealing holds it.
        execute("UPDATE hris_integration SET secret = '" + hris.secret() + "' WHERE id = '" + hris.id() + "'");
        deliver(hris, unique("msg"), employee("created", unique("la"))).then().statusCode(200)
                .body("outcome", equalTo("applied"));

        assertTrue(resealing.resealAll() >= 1, "the plain secret was sealed");
        assertSealed(stored("hris_integration", hris.id()).get(0), hris.secret());
        deliver(hris, unique("msg"), employee("created", unique("lb"))).then().statusCode(200)
                .body("outcome", equalTo("applied"));
        assertEquals(0, resealing.resealAll(), "nothing left to seal");
    }

    @Test
    void aStoredSecretThatDoesNotOpenStopsTheStartupNamingItsKey() throws SQLException {
        Hris.Integration hris = Hris.register("standard");
        String sealed = stored("hris_integration", hris.id()).get(0);
        String underAnotherKey = sealed.replace("sealed:v1:test:", "sealed:v1:retired:");
        int last = sealed.length() - 1;
        String altered = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A');
        try {
            execute("UPDATE hris_integration SET secret = '" + underAnotherKey + "' WHERE id = '" + hris.id() + "'");
            IllegalStateException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> resealing.resealAll());
            assertTrue(missing.getMessage().contains("key 'retired', which MENTORING_SECRETS_KEYS does not hold"),
                    missing.getMessage());
            execute("UPDATE hris_integration SET secret = '" + altered + "' WHERE id = '" + hris.id() + "'");
            IllegalStateException tampered = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> resealing.resealAll());
            assertTrue(tampered.getMessage().contains("does not open"), tampered.getMessage());
        } finally {
            execute("UPDATE hris_integration SET secret = '" + sealed + "' WHERE id = '" + hris.id() + "'");
        }
        assertEquals(0, resealing.resealAll());
        deliver(hris, unique("msg"), employee("created", unique("ra"))).then().statusCode(200)
                .body("outcome", equalTo("applied"));
    }

    @Test
    void aWebhookSubscriptionsSecretRestsSealed() throws SQLException {
        String caller = integration();
        var created = Webhooks.subscribe(caller, "http://127.0.0.1:9/" + unique("hook"),
                List.of("mentoring.kudos.given.v1"));
        String id = created.getString("id");
        assertSealed(stored("webhook_subscription", id).get(0), created.getString("secret"));
        String rotated = as(caller).when().post("/v1/webhooks/subscriptions/" + id + "/secret")
                .then().statusCode(200).extract().path("secret");
        List<String> stored = stored("webhook_subscription", id);
        assertSealed(stored.get(0), rotated);
        assertSealed(stored.get(1), created.getString("secret"));
        Webhooks.unsubscribe(caller, id);
    }

    private static void assertSealed(String stored, String secret) {
        assertTrue(stored.startsWith("sealed:v1:test:"), stored);
        assertFalse(stored.contains(secret.substring("whsec_".length())), "the stored value shows the secret");
    }

    private static String employee(String type, String externalId) {
        return Hris.event("employee." + type, "2026-01-01T00:00:00Z", "{\"externalId\":\"" + externalId
                + "\",\"email\":\"" + externalId + "@example.com\",\"displayName\":\"Person " + externalId + "\"}");
    }

    /** The secret and previous secret columns as the database holds them. */
    private List<String> stored(String table, String id) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT secret, previous_secret FROM " + table + " WHERE id = '" + id + "'")) {
            assertTrue(rs.next(), table + " " + id);
            return java.util.Arrays.asList(rs.getString(1), rs.getString(2));
        }
    }

    private void execute(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
