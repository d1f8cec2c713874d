package org.mentoring.deploy.kubernetes;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Argument sources for the parameterized checks: every overlay, and every overlay with every service. */
final class Overlays {

    private Overlays() {
    }

    static List<String> all() {
        return Repository.overlays();
    }

    static Stream<Arguments> withServices() {
        return all().stream().flatMap(overlay -> Arrays.stream(MentoringService.values())
                .map(service -> Arguments.of(overlay, service)));
    }
}
