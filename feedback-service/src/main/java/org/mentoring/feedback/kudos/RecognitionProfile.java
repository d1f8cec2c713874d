package org.mentoring.feedback.kudos;

import java.util.List;
import java.util.UUID;

import org.mentoring.feedback.report.Figure;

/**
 * What a person is recognised for: kudos received, sessions given and mentees helped as a mentor, and the skills
 * colleagues thanked them for. The average ratings about them appear only to themselves, and only from five answers.
 */
public record RecognitionProfile(UUID profileId, long kudosReceived, long sessionsGiven, long menteesHelped,
                                 List<EndorsedSkill> endorsedSkills, Ratings ratingsAboutYou) {

    public record EndorsedSkill(String skill, long count) {
    }

    /** Averages over the answers about the person; suppressed under the minimum group size. */
    public record Ratings(Figure rating, Figure usefulness, Figure preparation, Figure learnedSomething) {
    }
}
