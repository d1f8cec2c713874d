package org.mentoring.system;

import org.junit.jupiter.api.BeforeAll;

/**
 * A test class that talks to the running system: the shared {@link MentoringSystem} (started once per test JVM), its
 * API as the callers use it, and the journeys built on that API.
 */
abstract class AgainstTheSystem {

    static MentoringSystem system;
    static Api api;
    static Journeys journeys;

    @BeforeAll
    static void startSystem() {
        system = MentoringSystem.get();
        api = new Api(system);
        journeys = new Journeys(api);
    }
}
