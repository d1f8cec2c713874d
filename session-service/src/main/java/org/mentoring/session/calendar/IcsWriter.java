package org.mentoring.session.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.mentoring.session.participant.Person;
import org.mentoring.session.session.Session;
import org.mentoring.session.session.SessionStatus;

/**
 * Writes sessions as iCalendar (RFC 5545) with ical4j. Both the feed and single downloads are published
 * ({@code METHOD:PUBLISH}): a calendar that subscribes replaces each event by its UID when the SEQUENCE rises, and
 * a cancelled session stays in the feed as {@code STATUS:CANCELLED} so subscribers remove it. Times are written in
 * UTC, which every client reads the same way; the session's own time zone travels in {@code X-MENTORING-TZID}.
 */
@ApplicationScoped
public class IcsWriter {

    public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
    static final String UID_DOMAIN = "@sessions.mentoring";

    @Inject
    EntityManager em;

    public String single(Session session) {
        return write(List.of(session), "Mentoring session");
    }

    public String feed(List<Session> sessions, String name) {
        return write(sessions, name);
    }

    private String write(List<Session> sessions, String name) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Mentoring platform//session-service//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        for (Session s : sessions) {
            calendar.add(event(s));
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("calendar of " + sessions.size() + " sessions is not valid", e);
        }
        return out.toString();
    }

    private VEvent event(Session s) {
        Person mentor = em.find(Person.class, s.mentorId);
        Person mentee = em.find(Person.class, s.menteeId);
        VEvent event = new VEvent(s.startsAt, s.endsAt, "Mentoring: " + name(mentor) + " and " + name(mentee));
        event.add(new Uid(uid(s.id)));
        event.add(new Sequence(s.sequence));
        event.add(status(s.status));
        event.add(new LastModified(s.updatedAt));
        event.add(new XProperty("X-MENTORING-TZID", s.timeZone));
        if (s.location != null) {
            event.add(new Location(s.location));
        }
        if (s.meetingLink != null && isUri(s.meetingLink)) {
            event.add(new Url(URI.create(s.meetingLink)));
        }
        if (s.agenda != null) {
            event.add(new Description(s.agenda));
        }
        Person organizer = s.organizerId.equals(s.mentorId) ? mentor : mentee;
        if (organizer != null && organizer.email != null && !organizer.erased) {
            ParameterList params = new ParameterList(List.of(new Cn(name(organizer))));
            event.add(new Organizer(params, mailto(organizer.email)));
        }
        return event;
    }

    /**
     * A mailto URI of an address as stored: characters an address may hold and a URI may not ({@code |}, {@code {},
     * {@code %}) are escaped rather than failing the whole feed.
     */
    static URI mailto(String email) {
        try {
            return new URI("mailto", email, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("no mailto URI for a stored address", e);
        }
    }

    public static String uid(UUID sessionId) {
        return sessionId + UID_DOMAIN;
    }

    private static Status status(SessionStatus status) {
        return switch (status) {
            case proposed -> ImmutableStatus.VEVENT_TENTATIVE;
            case cancelled -> ImmutableStatus.VEVENT_CANCELLED;
            case scheduled, held, missed -> ImmutableStatus.VEVENT_CONFIRMED;
        };
    }

    private static String name(Person p) {
        return p == null || p.erased || p.displayName == null ? "a participant" : p.displayName;
    }

    private static boolean isUri(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getScheme() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
