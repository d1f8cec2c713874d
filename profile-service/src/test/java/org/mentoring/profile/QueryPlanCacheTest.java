package org.mentoring.profile;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mentoring.profile.Api.as;
import static org.mentoring.profile.Api.createProfile;
import static org.mentoring.profile.Api.employee;
import static org.mentoring.profile.Api.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.testing.MentoringTestResource;

/**
 * Repeating a request must reuse Hibernate's cached query plans, not add new ones: a native query built with a
 * result class once made every call a new cache key with the same hash, so the cache filled up and each lookup
 * walked all of them (most of a profile read's CPU under load).
 */
@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class QueryPlanCacheTest {

    @Inject
    EntityManagerFactory factory;

    @Test
    void repeatedReadsOfTheCallersOwnProfileAddNoQueryPlans() {
        String email = unique("plans") + "@example.com";
        String id = createProfile(email);
        String token = employee(email);
        as(token).when().get("/v1/me").then().statusCode(200);
        as(token).when().get("/v1/profiles/" + id + "/export").then().statusCode(200);
        int before = plans();
        for (int i = 0; i < 40; i++) {
            as(token).when().get("/v1/me").then().statusCode(200);
        }
        int after = plans();
        assertTrue(after - before <= 2, "40 identical requests added " + (after - before) + " query plans");
    }

    @Test
    void repeatedDirectorySearchesAddNoQueryPlans() {
        String email = unique("search") + "@example.com";
        createProfile(email);
        String token = employee(email);
        as(token).queryParam("department", "Engineering").when().get("/v1/profiles").then().statusCode(200);
        int before = plans();
        for (int i = 0; i < 40; i++) {
            as(token).queryParam("department", "Engineering").when().get("/v1/profiles").then().statusCode(200);
        }
        int after = plans();
        assertTrue(after - before <= 2, "40 identical searches added " + (after - before) + " query plans");
    }

    private int plans() {
        return factory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
