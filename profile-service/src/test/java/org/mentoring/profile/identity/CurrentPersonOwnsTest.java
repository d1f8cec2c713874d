package org.mentoring.profile.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.IdentityLink;
import org.mentoring.profile.profile.Profile;
import org.mentoring.profile.profile.ProfileStatus;

/**
 * {@link CurrentPerson#owns} decides "is this my profile" without a lookup; it must give the answer the lookup by the
 * linking claim gives: email case-insensitively or subject = employee id, never an erased profile, never without a
 * claim.
 */
class CurrentPersonOwnsTest {

    @Test
    void byEmailIgnoresCaseAndNeverMatchesAnotherOrAnErasedProfile() {
        CurrentPerson me = person(false, "sub-1", "Ada.Jones@Example.org");
        assertTrue(me.owns(profile("E1", "ada.jones@example.org")));
        assertFalse(me.owns(profile("E1", "ada.jonas@example.org")));
        Profile erased = profile("E1", "ada.jones@example.org");
        erased.status = ProfileStatus.ERASED;
        assertFalse(me.owns(erased));
        assertFalse(me.owns(null));
        assertFalse(person(false, "sub-1", null).owns(profile("sub-1", "ada.jones@example.org")));
    }

    @Test
    void bySubjectMatchesTheEmployeeIdExactly() {
        CurrentPerson me = person(true, "E1", "someone.else@example.org");
        assertTrue(me.owns(profile("E1", "ada.jones@example.org")));
        assertFalse(me.owns(profile("e1", "someone.else@example.org")));
        assertFalse(me.owns(profile(null, "someone.else@example.org")));
    }

    @Test
    void anUnauthenticatedCallerOwnsNothing() {
        CurrentPerson nobody = new CurrentPerson();
        nobody.caller = new Caller() {
            @Override
            public boolean isAuthenticated() {
                return false;
            }
        };
        nobody.link = link(false);
        assertFalse(nobody.owns(profile("E1", "ada.jones@example.org")));
    }

    private static CurrentPerson person(boolean bySubject, String subject, String email) {
        CurrentPerson person = new CurrentPerson();
        person.caller = new Caller() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Optional<String> email() {
                return Optional.ofNullable(email);
            }

            @Override
            public Set<String> roles() {
                return Set.of(Caller.EMPLOYEE);
            }

            @Override
            public boolean isAuthenticated() {
                return true;
            }
        };
        person.link = link(bySubject);
        return person;
    }

    private static IdentityLink link(boolean bySubject) {
        return new IdentityLink() {
            @Override
            public boolean bySubject() {
                return bySubject;
            }
        };
    }

    private static Profile profile(String externalId, String email) {
        Profile profile = new Profile();
        profile.externalId = externalId;
        profile.email = email;
        return profile;
    }
}
