package org.mentoring.session.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.session.config.CalendarConfig;
import org.mentoring.session.session.Session;

/** Issues, rotates and revokes calendar feed tokens, and renders a person's feed for a token. */
@ApplicationScoped
public class CalendarService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    IcsWriter ics;

    @Inject
    CalendarConfig config;

    /** A new token for the person; any earlier token stops working at once. */
    @Transactional
    public FeedToken issue(UUID profileId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CalendarFeed feed = em.find(CalendarFeed.class, profileId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        boolean first = feed == null;
        if (first) {
            feed = new CalendarFeed();
            feed.profileId = profileId;
        }
        feed.tokenHash = hash(token);
        feed.createdAt = Instant.now();
        if (first) {
            em.persist(feed);
        }
        return new FeedToken(token, config.publicBaseUrl() + "/v1/calendars/" + token + ".ics",
                feed.createdAt.atOffset(ZoneOffset.UTC));
    }

    /** Revokes the person's feed; whether there was one. */
    @Transactional
    public boolean revoke(UUID profileId) {
        return em.createQuery("DELETE FROM CalendarFeed WHERE profileId = :p").setParameter("p", profileId)
                .executeUpdate() > 0;
    }

    /** The feed of the token's owner: every session of theirs from a year back on, cancelled ones included. */
    @Transactional
    public String feed(String token) {
        List<CalendarFeed> feeds = em.createQuery("FROM CalendarFeed WHERE tokenHash = :h", CalendarFeed.class)
                .setParameter("h", hash(token)).getResultList();
        if (feeds.isEmpty()) {
            throw ProblemException.notFound("Calendar feed", "for this token");
        }
        UUID owner = feeds.get(0).profileId;
        List<Session> sessions = em.createQuery("""
                        FROM Session WHERE (mentorId = :p OR menteeId = :p) AND endsAt > :since
                        ORDER BY startsAt, id""", Session.class)
                .setParameter("p", owner).setParameter("since", Instant.now().minusSeconds(366L * 24 * 3600))
                .getResultList();
        return ics.feed(sessions, "Mentoring sessions");
    }

    /** Removes the person's feed when their data is erased. */
    @Transactional
    public void erase(UUID profileId) {
        revoke(profileId);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
