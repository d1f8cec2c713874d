package org.mentoring.deploy.kubernetes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The platform's shape as the services' code has it (docs/events.md lists the same): which service publishes and
 * consumes which topic and owns which /v1 segments. This is the contract the manifests are checked against, written
 * down once; KafkaTest holds it to docs/asyncapi.yaml.
 */
enum MentoringService {

    PROFILE("profile", List.of("mentoring.profile.v1", "mentoring.webhook.v1"),
            // Every public topic: the webhook feed sends them all to subscribers.
            List.of("mentoring.profile.v1", "mentoring.mentorship.v1", "mentoring.program.v1", "mentoring.session.v1",
                    "mentoring.goal.v1", "mentoring.feedback.v1", "mentoring.kudos.v1", "mentoring.mentor-quality.v1",
                    "mentoring.webhook.v1"),
            List.of("profiles", "me", "skills", "hris", "webhooks")),
    MATCHING("matching", List.of("mentoring.mentorship.v1", "mentoring.program.v1"),
            List.of("mentoring.profile.v1", "mentoring.mentor-quality.v1"),
            List.of("recommendations", "mentorships", "programs")),
    SESSION("session", List.of("mentoring.session.v1", "mentoring.goal.v1"),
            List.of("mentoring.profile.v1", "mentoring.mentorship.v1", "mentoring.program.v1"),
            List.of("sessions", "goals", "calendars")),
    FEEDBACK("feedback", List.of("mentoring.feedback.v1", "mentoring.kudos.v1", "mentoring.mentor-quality.v1"),
            List.of("mentoring.profile.v1", "mentoring.mentorship.v1", "mentoring.program.v1", "mentoring.session.v1",
                    "mentoring.goal.v1"),
            List.of("feedback", "kudos", "reports"));

    private final String shortName;
    private final List<String> produces;
    private final List<String> consumes;
    private final List<String> segments;

    MentoringService(String shortName, List<String> produces, List<String> consumes, List<String> segments) {
        this.shortName = shortName;
        this.produces = produces;
        this.consumes = consumes;
        this.segments = segments;
    }

    /** The module, Deployment, Service and KafkaUser name, e.g. "matching-service". */
    String serviceName() {
        return shortName + "-service";
    }

    String shortName() {
        return shortName;
    }

    List<String> produces() {
        return produces;
    }

    List<String> consumes() {
        return consumes;
    }

    /** The first path segments after /v1 this service owns. */
    List<String> segments() {
        return segments;
    }

    /** The one dead-letter topic of this consuming service. */
    String deadLetterTopic() {
        return "mentoring." + shortName + ".dlq.v1";
    }

    Set<String> topicsUsed() {
        Set<String> topics = new LinkedHashSet<>(produces);
        topics.addAll(consumes);
        topics.add(deadLetterTopic());
        return topics;
    }

    ServiceModule module() {
        return ServiceModule.of(serviceName());
    }
}
