package org.mentoring.matching.program;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mentoring.matching.identity.CurrentPerson;
import org.mentoring.matching.mentorship.MentorshipService;
import org.mentoring.platform.web.ProblemException;

/**
 * Publishing a run: every proposed pair becomes an active mentorship (with its started event), in one transaction
 * with the run's and the programme's new state, so a publication happens entirely or not at all.
 */
@ApplicationScoped
public class ProgramPublication {

    @Inject
    MatchingRunService runs;

    @Inject
    EnrolmentService enrolments;

    @Inject
    MentorshipService mentorships;

    @Transactional
    public MatchingRun publish(UUID programId, UUID runId, CurrentPerson caller) {
        Program p = runs.lockVisible(programId, caller);
        MatchingRun run = runs.find(programId, runId);
        Set<UUID> enrolled = enrolments.all(programId).stream().map(e -> e.profileId).collect(Collectors.toSet());
        for (ProposedPair pair : run.pairs) {
            if (!enrolled.contains(pair.menteeId()) || !enrolled.contains(pair.mentorId())) {
                throw ProblemException.conflict("Someone this run pairs has left the programme since; run again");
            }
        }
        // Held until this commits, so a departure that comes meanwhile ends what this starts (endAllOf waits for it);
        // one that came since the run is refused here, as nothing would end the mentorship it would start.
        Set<UUID> people = new java.util.HashSet<>();
        run.pairs.forEach(pair -> {
            people.add(pair.menteeId());
            people.add(pair.mentorId());
        });
        if (!mentorships.lockCandidates(people, true).containsAll(people)) {
            throw ProblemException.conflict("Someone this run pairs is no longer active (they left or were erased "
                    + "since); run again");
        }
        for (ProposedPair pair : run.pairs) {
            if (mentorships.endedEarly(pair.menteeId(), pair.mentorId())) {
                throw ProblemException.conflict("Two people this run pairs ended a mentorship early since; run again");
            }
        }
        runs.markPublished(p, run);
        String kind = mentorshipKind(p.kind);
        Map<UUID, UUID> groupOfMentor = new HashMap<>();
        for (ProposedPair pair : run.pairs) {
            UUID groupId = "group".equals(p.kind) ? groupOfMentor.computeIfAbsent(pair.mentorId(), m -> UUID.randomUUID())
                    : null;
            mentorships.startFromProgram(p.id, kind, pair.mentorId(), pair.menteeId(), groupId, percent(pair.score()),
                    pair.goalSkills());
        }
        return run;
    }

    /** Mentorship events carry the score as 0-100. */
    private static double percent(double score) {
        return Math.round(score * 1000) / 10.0;
    }

    static String mentorshipKind(String programKind) {
        return switch (programKind) {
            case "one_to_one" -> "classic";
            case "peer" -> "peer";
            case "reverse" -> "reverse";
            case "group" -> "group";
            default -> throw new IllegalArgumentException("unknown programme kind " + programKind);
        };
    }
}
