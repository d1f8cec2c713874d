package org.mentoring.session.goal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.session.events.GoalEvents;
import org.mentoring.session.participant.Access;
import org.mentoring.session.participant.Mentorship;
import org.mentoring.session.participant.MentorshipAccess;
import org.mentoring.session.session.Session;
import org.mentoring.session.session.PageCursor;
import org.mentoring.session.session.SessionStatus;

/**
 * Goals of mentorships with their milestones, action items and reviews in sessions. Participants change them;
 * programme admins and HR read metadata. Every change of a goal's state is a goal event in the same transaction.
 */
@ApplicationScoped
public class GoalService {

    @Inject
    EntityManager em;

    @Inject
    GoalEvents events;

    @Transactional
    public GoalView create(GoalRequests.Create request, MentorshipAccess access) {
        Mentorship m = em.find(Mentorship.class, request.mentorshipId());
        if (m == null || access.of(m).isEmpty()) {
            throw ProblemException.notFound("Mentorship", request.mentorshipId());
        }
        UUID me = access.requireParticipant(m, "Goal", request.mentorshipId());
        if (!m.isRunning()) {
            throw ProblemException.conflict("mentorship " + m.mentorshipId + " is " + m.status
                    + "; goals are set only while it is active or paused");
        }
        Instant now = Instant.now();
        Goal g = new Goal();
        g.id = UUID.randomUUID();
        g.mentorshipId = m.mentorshipId;
        g.ownerId = m.menteeId;
        g.title = request.title().strip();
        g.why = request.whyItMatters();
        g.targetDate = request.targetDate();
        g.skills = request.skills() == null ? List.of() : List.copyOf(request.skills());
        g.progress = 0;
        g.status = GoalStatus.open;
        g.createdBy = me;
        g.version = 1;
        g.createdAt = now;
        g.updatedAt = now;
        em.persist(g);
        List<String> titles = request.milestones() == null ? List.of() : request.milestones();
        for (int i = 0; i < titles.size(); i++) {
            addMilestone(g, titles.get(i), i);
        }
        em.flush();
        events.publish(GoalEvents.CREATED, g, m.programId);
        return view(g, Access.PARTICIPANT);
    }

    @Transactional
    public GoalView get(UUID id, MentorshipAccess access) {
        Goal g = find(id);
        return view(g, access.require(mentorshipOf(g), "Goal", id));
    }

    @Transactional
    public GoalView change(UUID id, GoalRequests.Change change, MentorshipAccess access) {
        Goal g = findForUpdate(id);
        access.requireParticipant(mentorshipOf(g), "Goal", id);
        GoalStatus before = g.status;
        if (change.title() != null) {
            g.title = change.title().strip();
        }
        if (change.whyItMatters() != null) {
            g.why = change.whyItMatters();
        }
        if (change.targetDate() != null) {
            g.targetDate = change.targetDate();
        }
        if (change.skills() != null) {
            g.skills = List.copyOf(change.skills());
        }
        if (change.progress() != null) {
            g.progress = change.progress();
        }
        if (change.status() != null) {
            g.status = change.status();
        }
        if (g.status == GoalStatus.achieved) {
            g.progress = 100;
        }
        touch(g, before != GoalStatus.achieved && g.status == GoalStatus.achieved
                ? GoalEvents.COMPLETED : GoalEvents.UPDATED);
        return view(g, Access.PARTICIPANT);
    }

    @Transactional
    public GoalView addMilestone(UUID id, String title, MentorshipAccess access) {
        Goal g = findForUpdate(id);
        access.requireParticipant(mentorshipOf(g), "Goal", id);
        addMilestone(g, title, milestones(g.id).size());
        touch(g, GoalEvents.UPDATED);
        return view(g, Access.PARTICIPANT);
    }

    @Transactional
    public GoalView changeMilestone(UUID id, UUID milestoneId, GoalRequests.MilestoneChange change,
                                    MentorshipAccess access) {
        Goal g = findForUpdate(id);
        access.requireParticipant(mentorshipOf(g), "Goal", id);
        Milestone m = em.find(Milestone.class, milestoneId);
        if (m == null || !m.goalId.equals(g.id)) {
            throw ProblemException.notFound("Milestone", milestoneId);
        }
        if (change.title() != null) {
            m.title = change.title().strip();
        }
        if (change.done() != null) {
            m.done = change.done();
        }
        touch(g, GoalEvents.UPDATED);
        return view(g, Access.PARTICIPANT);
    }

    @Transactional
    public ActionItemView addActionItem(UUID id, GoalRequests.NewActionItem request, MentorshipAccess access) {
        Goal g = findForUpdate(id);
        Mentorship m = mentorshipOf(g);
        UUID me = access.requireParticipant(m, "Goal", id);
        UUID owner = request.ownerId() == null ? me : request.ownerId();
        if (!m.hasParticipant(owner)) {
            throw ProblemException.invalid("ownerId", "must be a participant of the goal's mentorship");
        }
        ActionItem a = new ActionItem();
        a.id = UUID.randomUUID();
        a.goalId = g.id;
        a.ownerId = owner;
        a.title = request.title().strip();
        a.dueDate = request.dueDate();
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        em.persist(a);
        return ActionItemView.of(a);
    }

    @Transactional
    public List<ActionItemView> actionItems(UUID id, MentorshipAccess access) {
        Goal g = find(id);
        access.requireParticipant(mentorshipOf(g), "Goal", id);
        return items(g.id).stream().map(ActionItemView::of).toList();
    }

    @Transactional
    public ActionItemView changeActionItem(UUID id, UUID itemId, GoalRequests.ActionItemChange change,
                                           MentorshipAccess access) {
        Goal g = find(id);
        access.requireParticipant(mentorshipOf(g), "Goal", id);
        ActionItem a = em.find(ActionItem.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !a.goalId.equals(g.id)) {
            throw ProblemException.notFound("Action item", itemId);
        }
        if (change.title() != null) {
            a.title = change.title().strip();
        }
        if (change.dueDate() != null) {
            a.dueDate = change.dueDate();
        }
        if (change.done() != null) {
            a.done = change.done();
        }
        a.updatedAt = Instant.now();
        return ActionItemView.of(a);
    }

    /** Records that the goal was reviewed in a session of the same mentorship, with the progress agreed there. */
    @Transactional
    public GoalView review(UUID id, GoalRequests.NewReview request, MentorshipAccess access) {
        Goal g = findForUpdate(id);
        UUID me = access.requireParticipant(mentorshipOf(g), "Goal", id);
        Session s = em.find(Session.class, request.sessionId());
        if (s == null || !s.mentorshipId.equals(g.mentorshipId)) {
            throw ProblemException.invalid("sessionId", "must be a session of the goal's mentorship");
        }
        if (s.status == SessionStatus.cancelled) {
            throw ProblemException.conflict("session " + s.id + " was cancelled; a goal is reviewed in a session that"
                    + " takes place");
        }
        GoalReview r = new GoalReview();
        r.id = UUID.randomUUID();
        r.goalId = g.id;
        r.sessionId = s.id;
        r.reviewedBy = me;
        r.progress = request.progress();
        r.reviewedAt = Instant.now();
        em.persist(r);
        g.progress = request.progress();
        touch(g, GoalEvents.UPDATED);
        return view(g, Access.PARTICIPANT);
    }

    @Transactional
    public GoalPage list(UUID mentorshipId, GoalStatus status, String cursor, int limit, MentorshipAccess access) {
        Optional<UUID> me = access.me().profileId();
        boolean hr = access.me().caller().hasRole(Caller.HR_ADMIN);
        boolean programAdmin = access.me().caller().hasRole(Caller.PROGRAM_ADMIN);
        StringBuilder sql = new StringBuilder("SELECT g.* FROM goal g JOIN mentorship m"
                + " ON m.mentorship_id = g.mentorship_id WHERE ");
        Map<String, Object> params = new HashMap<>();
        if (hr) {
            sql.append("TRUE");
        } else {
            sql.append("(m.mentor_id = :me OR m.mentee_id = :me");
            if (programAdmin) {
                sql.append(" OR m.program_id IN (SELECT program_id FROM program_admin WHERE admin_id = :me)");
            }
            sql.append(")");
            params.put("me", me.orElse(new UUID(0, 0)));
        }
        if (mentorshipId != null) {
            sql.append(" AND g.mentorship_id = :mentorship");
            params.put("mentorship", mentorshipId);
        }
        if (status != null) {
            sql.append(" AND g.status = :status");
            params.put("status", status.name());
        }
        if (cursor != null) {
            PageCursor after = PageCursor.decode(cursor);
            sql.append(" AND (g.created_at, g.id) > (:afterAt, :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY g.created_at, g.id LIMIT :limit");
        params.put("limit", limit + 1);
        Query q = em.createNativeQuery(sql.toString(), Goal.class);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Goal> rows = q.getResultList();
        boolean more = rows.size() > limit;
        List<Goal> page = more ? rows.subList(0, limit) : rows;
        List<GoalView> items = new ArrayList<>();
        for (Goal g : page) {
            Mentorship m = mentorshipOf(g);
            items.add(view(g, me.isPresent() && m.hasParticipant(me.get()) ? Access.PARTICIPANT : Access.OVERSEER));
        }
        String next = more ? new PageCursor(page.get(page.size() - 1).createdAt, page.get(page.size() - 1).id)
                .encode() : null;
        return new GoalPage(items, next);
    }

    /** Removes what concerns an erased person: the goals they own (as mentee) and the action items they own. */
    @Transactional
    public void eraseOf(UUID profileId) {
        em.createNativeQuery("DELETE FROM action_item WHERE owner_id = :p").setParameter("p", profileId)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM goal WHERE owner_id = :p").setParameter("p", profileId).executeUpdate();
    }

    private void addMilestone(Goal g, String title, int position) {
        Milestone m = new Milestone();
        m.id = UUID.randomUUID();
        m.goalId = g.id;
        m.position = position;
        m.title = title.strip();
        em.persist(m);
    }

    private void touch(Goal g, String type) {
        g.version++;
        g.updatedAt = Instant.now();
        em.flush();
        events.publish(type, g, mentorshipOf(g).programId);
    }

    private GoalView view(Goal g, Access access) {
        em.flush();
        List<GoalReview> reviews = em.createQuery("FROM GoalReview WHERE goalId = :g ORDER BY reviewedAt, id",
                GoalReview.class).setParameter("g", g.id).getResultList();
        return GoalView.of(g, access, milestones(g.id), items(g.id), reviews);
    }

    private List<Milestone> milestones(UUID goalId) {
        return em.createQuery("FROM Milestone WHERE goalId = :g ORDER BY position", Milestone.class)
                .setParameter("g", goalId).getResultList();
    }

    private List<ActionItem> items(UUID goalId) {
        return em.createQuery("FROM ActionItem WHERE goalId = :g ORDER BY createdAt, id", ActionItem.class)
                .setParameter("g", goalId).getResultList();
    }

    private Mentorship mentorshipOf(Goal g) {
        return em.find(Mentorship.class, g.mentorshipId);
    }

    private Goal find(UUID id) {
        Goal g = em.find(Goal.class, id);
        if (g == null) {
            throw ProblemException.notFound("Goal", id);
        }
        return g;
    }

    private Goal findForUpdate(UUID id) {
        Goal g = find(id);
        em.refresh(g, LockModeType.PESSIMISTIC_WRITE);
        return g;
    }
}
