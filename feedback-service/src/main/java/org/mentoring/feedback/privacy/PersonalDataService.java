package org.mentoring.feedback.privacy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mentoring.feedback.Sql;
import org.mentoring.feedback.answer.AnswerService;
import org.mentoring.feedback.answer.AnswerView;
import org.mentoring.feedback.kudos.Kudos;
import org.mentoring.feedback.kudos.KudosService;
import org.mentoring.feedback.request.FeedbackRequest;
import org.mentoring.feedback.request.RequestView;
import org.mentoring.platform.web.ProblemException;

/** The export of a person's data held here. */
@ApplicationScoped
public class PersonalDataService {

    private static final int ALL = 100;

    @Inject
    Sql sql;

    @Inject
    AnswerService answers;

    @Inject
    KudosService kudos;

    @Transactional
    public PersonalDataExport export(UUID profileId) {
        if (sql.count("SELECT count(*) FROM person WHERE profile_id = ? AND NOT erased", profileId) == 0) {
            throw ProblemException.notFound("Profile", profileId);
        }
        List<RequestView> requests = sql.list("SELECT id, profile_id, about_profile_id, author_role, kind, "
                        + "mentorship_id, session_id, program_id, check_in_id, status, created_at, expires_at, changed_at "
                        + "FROM feedback_request WHERE profile_id = ? ORDER BY created_at, id", FeedbackRequest::read,
                profileId).stream().map(RequestView::of).toList();
        List<AnswerView> written = answers.allWrittenBy(profileId);
        List<AnswerView.Received> received = new ArrayList<>();
        String cursor = null;
        do {
            AnswerView.ReceivedPage page = answers.received(profileId, cursor, ALL);
            received.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        PersonalDataExport.MentorQuality quality = sql.one(
                "SELECT quality, rating_count, changed_at FROM mentor_quality WHERE profile_id = ?",
                rs -> new PersonalDataExport.MentorQuality(rs.getBigDecimal("quality"), rs.getInt("rating_count"),
                        Sql.time(rs, "changed_at")), profileId).orElse(null);
        return new PersonalDataExport(profileId, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                requests, written, received, allKudos(profileId, false), allKudos(profileId, true), quality);
    }

    private List<Kudos> allKudos(UUID profileId, boolean received) {
        List<Kudos> all = new ArrayList<>();
        String cursor = null;
        do {
            Kudos.Page page = kudos.list(profileId, received, cursor, ALL);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
