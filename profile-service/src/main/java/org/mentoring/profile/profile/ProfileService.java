package org.mentoring.profile.profile;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.hibernate.ReadOnlyMode;
import org.mentoring.platform.web.Caller;
import org.mentoring.platform.web.LanguageTags;
import org.mentoring.platform.web.Problem;
import org.mentoring.platform.web.ProblemException;
import org.mentoring.platform.web.ProblemMappers;
import org.mentoring.platform.web.ProblemType;
import org.mentoring.platform.web.QueryValues;
import org.mentoring.profile.events.ProfileEvents;
import org.mentoring.profile.identity.CurrentPerson;
import org.mentoring.profile.privacy.ErasedEmployees;
import org.mentoring.profile.skill.SkillCatalogue;
import org.mentoring.profile.skill.SkillNames;

/** The directory: creating, reading, searching and patching profiles, with the access rules of each. */
@ApplicationScoped
public class ProfileService {

    private static final Set<String> KNOWN_FIELDS;

    static {
        Set<String> known = new TreeSet<>(ProfileFields.HR_FIELDS);
        known.addAll(ProfileFields.PERSONAL_FIELDS);
        KNOWN_FIELDS = Set.copyOf(known);
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    SkillCatalogue skills;

    @Inject
    ErasedEmployees erasedEmployees;

    @Inject
    ProfileEvents events;

    /** A profile that exists and has not been erased, or a 404. */
    public Profile find(UUID id) {
        return present(em.find(Profile.class, id), id);
    }

    private static Profile present(Profile profile, UUID id) {
        if (profile == null || profile.isErased()) {
            throw ProblemException.notFound("Profile", id);
        }
        return profile;
    }

    /** Whether the caller sees the private fields of this profile: the person themself, HR and the HRIS integration. */
    public static boolean seesPrivate(Profile profile, CurrentPerson person) {
        return seesEveryProfile(person.caller()) || person.owns(profile);
    }

    /** Whether the caller sees the private fields of every profile: HR and the HRIS integration. */
    public static boolean seesEveryProfile(Caller caller) {
        return caller.hasRole(Caller.HR_ADMIN) || caller.hasRole(Caller.INTEGRATION);
    }

    /**
     * Reads a profile for display: one primary-key query, outside a transaction and read-only, so nothing is kept
     * for dirty checking and there is no commit to wait for.
     */
    public Profile get(UUID id) {
        return present(em.find(Profile.class, id, ReadOnlyMode.READ_ONLY), id);
    }

    /**
     * Creates a profile. An employee id whose person was erased is refused (409) unless {@code byHr}: HR creating the
     * person again is the one way back ({@link ErasedEmployees}). Only HR may set a bio or mentoring preferences
     * (403 for the HRIS integration).
     */
    @Transactional
    public Profile create(ProfileFields fields, boolean byHr) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (fields.email() == null) {
            errors.add(new Problem.FieldError("email", "must not be null"));
        }
        if (fields.displayName() == null) {
            errors.add(new Problem.FieldError("displayName", "must not be null"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Required fields are missing", errors);
        }
        if (!byHr) {
            Set<String> refused = FieldRights.refusedAtCreation(fields.sentFields(), Set.of(FieldRights.Editor.INTEGRATION));
            if (!refused.isEmpty()) {
                throw notEditable("set", refused);
            }
        }
        Profile profile = new Profile();
        profile.id = UUID.randomUUID();
        profile.createdAt = Profile.now();
        profile.updatedAt = profile.createdAt;
        validate(fields);
        ProfileFields normalized = normalized(fields);
        checkAvailability(normalized.availability());
        apply(profile, normalized);
        claimEmail(profile.email, profile);
        checkReferences(profile);
        checkExternalIdFree(profile);
        if (profile.externalId != null) {
            erasedEmployees.lockShared();
        }
        admitErased(profile.externalId, byHr);
        em.persist(profile);
        em.flush();
        events.created(profile);
        resolveReportsOf(profile);
        return profile;
    }

    /**
     * Applies an RFC 7396 merge patch when {@code ifMatch} names the current version. Checks, in order: the
     * caller may edit this profile at all, the precondition, the fields are known and well-typed, the values are
     * valid, and the caller may change each field whose value changes.
     */
    @Transactional
    public Profile patch(UUID id, String ifMatch, JsonNode patch, CurrentPerson person) {
        if (patch != null && patch.has("externalId")) {
            // Taken before this patch locks the profile's row (at its flush), as erasures take theirs.
            erasedEmployees.lockShared();
        }
        Profile profile = find(id);
        Set<FieldRights.Editor> editors = editors(id, person);
        if (editors.isEmpty()) {
            throw ProblemException.forbidden("Only the person themself or HR may change this profile");
        }
        ETags.require(ifMatch, profile.version);
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "A merge patch for a profile must be a JSON object");
        }
        List<Problem.FieldError> unknown = new ArrayList<>();
        patch.fieldNames().forEachRemaining(name -> {
            if (!KNOWN_FIELDS.contains(name)) {
                unknown.add(new Problem.FieldError(name, "unknown field"));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The patch names fields a profile does not have", unknown);
        }
        // Compared as the catalogue names things today: a skill stored before an alias was added is not a change the
        // caller made (the patch stores it under the catalogue's name).
        ObjectNode before = mapper.valueToTree(normalized(ProfileFields.of(profile)));
        JsonNode merged = JsonMergePatch.apply(before, patch);
        ProfileFields next;
        try {
            next = mapper.treeToValue(merged, ProfileFields.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemMappers.jsonProblem(e), Map.of());
        }
        validate(next, patch);
        requireKept(next, patch);
        next = normalized(next);
        if (patch.has("availability")) {
            checkAvailability(next.availability());
        }
        // Compared as the profile would store them: a null where the profile holds nothing (no languages, capacity 0,
        // not open to requests) or a value that differs only by spaces the profile drops is not a change.
        ObjectNode was = stored(normalized(ProfileFields.of(profile)));
        ObjectNode after = stored(next);
        Set<String> changed = new TreeSet<>();
        Iterator<String> names = after.fieldNames();
        names.forEachRemaining(name -> {
            if (!java.util.Objects.equals(was.get(name), after.get(name))) {
                changed.add(name);
            }
        });
        Set<String> refused = FieldRights.refused(changed, editors);
        if (!refused.isEmpty()) {
            throw notEditable("change", refused);
        }
        if (changed.isEmpty()) {
            return profile;
        }
        if (changed.contains("capacity") && next.capacity() == null) {
            next = withCapacityZero(next);
        }
        String statusBefore = profile.status;
        if (changed.contains("email")) {
            claimEmail(next.email(), profile);
        }
        if (changed.contains("managerId")) {
            profile.managerExternalId = null;
        }
        apply(profile, next);
        // The checks' queries write the change first (Hibernate flushes before a native query), so a concurrent change
        // can surface in any of them, not only in the flush at the end.
        try {
            if (changed.contains("managerId")) {
                checkReferences(profile);
            }
            if (changed.contains("externalId")) {
                checkExternalIdFree(profile);
            }
            if (changed.contains("externalId")) {
                admitErased(profile.externalId, editors.contains(FieldRights.Editor.HR_ADMIN));
            }
            profile.updatedAt = Profile.now();
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The profile changed while your patch was applied");
        }
        if (ProfileStatus.TERMINATED.equals(profile.status) && !ProfileStatus.TERMINATED.equals(statusBefore)) {
            events.deactivated(profile);
        } else {
            events.updated(profile);
        }
        return profile;
    }

    @Transactional
    public ProfilePage search(ProfileQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM profile WHERE status <> 'erased'");
        Map<String, Object> params = new LinkedHashMap<>();
        String status = query.status() == null || query.status().isBlank() ? ProfileStatus.ACTIVE : query.status();
        if (!status.matches(ProfileStatus.SETTABLE)) {
            throw ProblemException.invalid("status", "must be active, on_leave or terminated");
        }
        sql.append(" AND status = :status");
        params.put("status", status);
        if (query.q() != null && !query.q().isBlank()) {
            sql.append(" AND (display_name ILIKE :q OR job_title ILIKE :q)");
            params.put("q", "%" + escapeLike(query.q().strip()) + "%");
        }
        if (query.skill() != null && !query.skill().isBlank()) {
            // Compared as keys (case and spacing aside), under every name the catalogue knows the skill by: the
            // expression and condition of the partial index profile_skill_keys (V12).
            sql.append(" AND skills <> '[]'::jsonb AND skill_keys(skills) && skill_keys(CAST(:skill AS jsonb))");
            params.put("skill", json(skills.namesOf(query.skill()).stream().map(name -> Map.of("skill", name)).toList()));
        }
        if (query.department() != null && !query.department().isBlank()) {
            // Case aside, as every text filter here: the expression of profile_department_name_order (V15).
            sql.append(" AND lower(department) = lower(:department)");
            params.put("department", query.department().strip());
        }
        if (query.location() != null && !query.location().isBlank()) {
            sql.append(" AND lower(location) = lower(:location)");
            params.put("location", query.location().strip());
        }
        if (query.levelMin() != null) {
            sql.append(" AND level >= :levelMin");
            params.put("levelMin", query.levelMin());
        }
        if (query.levelMax() != null) {
            sql.append(" AND level <= :levelMax");
            params.put("levelMax", query.levelMax());
        }
        if (query.levelMin() != null && query.levelMax() != null && query.levelMin() > query.levelMax()) {
            throw ProblemException.invalid("levelMin", "must not be greater than levelMax");
        }
        if (query.role() != null && !query.role().isBlank()) {
            if (!query.role().matches("mentor|mentee|peer")) {
                throw ProblemException.invalid("role", "must be mentor, mentee or peer");
            }
            sql.append(" AND open_to_roles @> CAST(:role AS jsonb)");
            params.put("role", json(List.of(query.role())));
        }
        if (query.openToRequests() != null) {
            sql.append(" AND open_to_requests = :open");
            params.put("open", query.openToRequests());
        }
        String range = QueryValues.languageTag("language", query.language());
        if (range != null) {
            // Stored canonical (en, en-GB, zh-Hant): EN or en_gb finds the same people. The tag is a range
            // (LanguageTags): the index narrows to the people who speak its language (en-GB and en-US speakers for
            // en), and a range with a script or region keeps those whose tag falls within it.
            sql.append(" AND primary_languages(languages) @> CAST(:language AS jsonb)");
            params.put("language", json(List.of(LanguageTags.language(range))));
            if (!range.equals(LanguageTags.language(range))) {
                sql.append(" AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(languages) t "
                        + "WHERE t = :range OR t LIKE :rangeAndMore)");
                params.put("range", range);
                // A canonical tag holds only letters, digits and hyphens: nothing LIKE would read as a wildcard.
                params.put("rangeAndMore", range + "-%");
            }
        }
        if (query.cursor() != null && !query.cursor().isBlank()) {
            Cursor after = Cursor.decode(query.cursor());
            sql.append(" AND (display_name, id) > (:afterName, :afterId)");
            params.put("afterName", after.displayName());
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY display_name, id LIMIT :limit");
        params.put("limit", query.limit() + 1);
        Query q = em.createNativeQuery(sql.toString(), Profile.class);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Profile> rows = q.getResultList();
        String next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            Profile last = rows.get(rows.size() - 1);
            next = new Cursor(last.displayName, last.id).encode();
        }
        return new ProfilePage(rows.stream().map(DirectoryEntry::of).toList(), next);
    }

    private Set<FieldRights.Editor> editors(UUID id, CurrentPerson person) {
        Set<FieldRights.Editor> editors = new java.util.HashSet<>();
        Caller caller = person.caller();
        if (caller.hasRole(Caller.HR_ADMIN)) {
            editors.add(FieldRights.Editor.HR_ADMIN);
        }
        if (caller.hasRole(Caller.INTEGRATION)) {
            editors.add(FieldRights.Editor.INTEGRATION);
        }
        if (person.is(id)) {
            editors.add(FieldRights.Editor.SELF);
        }
        return editors;
    }

    /** A merge patch may remove optional fields, not the email, display name or status every profile has. */
    private static void requireKept(ProfileFields next, JsonNode patch) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (next.email() == null && patch.has("email")) {
            errors.add(new Problem.FieldError("email", "cannot be removed"));
        }
        if (next.displayName() == null && patch.has("displayName")) {
            errors.add(new Problem.FieldError("displayName", "cannot be removed"));
        }
        if (next.status() == null && patch.has("status")) {
            errors.add(new Problem.FieldError("status", "cannot be removed; set active, on_leave or terminated"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The patch removes a field every profile has", errors);
        }
    }

    /**
     * What field-by-field validation cannot see: availability windows that end before they start, or overlap on a
     * day. Checked only when the request sends them, so that windows stored before this rule do not block an
     * unrelated change.
     */
    private static void checkAvailability(List<AvailabilityWindow> windows) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (windows != null) {
            for (int i = 0; i < windows.size(); i++) {
                AvailabilityWindow w = windows.get(i);
                if (w.start().compareTo(w.end()) >= 0) {
                    errors.add(new Problem.FieldError("availability[" + i + "].end", "must be later than start"));
                    continue;
                }
                for (int j = 0; j < i; j++) {
                    AvailabilityWindow other = windows.get(j);
                    if (other.day().equals(w.day()) && other.start().compareTo(other.end()) < 0
                            && w.start().compareTo(other.end()) < 0 && other.start().compareTo(w.end()) < 0) {
                        errors.add(new Problem.FieldError("availability[" + i + "]",
                                "overlaps availability[" + j + "] on " + w.day()));
                        break;
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(java.util.stream.Collectors.joining("; ")), errors);
        }
    }

    /** 403 naming the fields the caller may not set or change. */
    private static ProblemException notEditable(String verb, Set<String> fields) {
        return new ProblemException(Problem.of(ProblemType.FORBIDDEN, "You may not " + verb + " " + String.join(", ", fields),
                fields.stream().map(f -> new Problem.FieldError(f, "not editable by you")).toList()), Map.of());
    }

    private void validate(ProfileFields fields) {
        validate(fields, null);
    }

    /** Field errors for the fields named (as "topics[1]" or "skills[0].skill") that the patch sends, or all without one. */
    private static List<Problem.FieldError> sent(List<String> fields, JsonNode patch, String message) {
        return fields.stream().filter(field -> patch == null || patch.has(field.replaceFirst("\\[.*", "")))
                .map(field -> new Problem.FieldError(field, message)).toList();
    }

    /**
     * Validates a profile's fields; with a merge patch, only those the patch sends. A value stored under other rules
     * (an HRIS's, or an earlier release's) must not block a change to something else, least of all a change by
     * someone who may not edit that value.
     */
    private void validate(ProfileFields fields, JsonNode patch) {
        List<Problem.FieldError> nul = sent(fields.valuesWithNul(), patch, "must not contain the character U+0000");
        if (!nul.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Some values hold a character that cannot be stored", nul);
        }
        Set<ConstraintViolation<ProfileFields>> violations = validator.validate(fields);
        if (patch != null) {
            violations = violations.stream().filter(v -> {
                java.util.Iterator<jakarta.validation.Path.Node> path = v.getPropertyPath().iterator();
                return path.hasNext() && patch.has(path.next().getName());
            }).collect(java.util.stream.Collectors.toSet());
        }
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<Problem.FieldError> blank = sent(fields.blankValues(), patch, "must not be blank");
        if (!blank.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Some values are only white space", blank);
        }
        if (fields.timeZone() != null && (patch == null || patch.has("timeZone"))
                && !ZoneId.getAvailableZoneIds().contains(fields.timeZone())) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Berlin");
        }
        if (fields.hireDate() != null && (patch == null || patch.has("hireDate"))
                && !ProfileFields.storable(fields.hireDate())) {
            throw ProblemException.invalid("hireDate", ProfileFields.DATE_RULE);
        }
    }

    /**
     * Skill and goal names mapped to the catalogue's names where it knows them, and each entry listed once: two
     * names of one skill ("Hiring" and "Interviewing", "k8s" and "Kubernetes") become one entry at the higher
     * proficiency; two goals for one skill, one at the higher target and the more urgent priority; a language, role,
     * format or topic given twice, once.
     */
    private ProfileFields normalized(ProfileFields f) {
        List<SkillLevel> skillLevels = null;
        if (f.skills() != null) {
            Map<String, SkillLevel> bySkill = new LinkedHashMap<>();
            for (SkillLevel s : f.skills()) {
                SkillLevel named = new SkillLevel(skills.normalizeOrKeep(s.skill()), s.proficiency());
                bySkill.merge(named.skill().toLowerCase(java.util.Locale.ROOT), named, (a, b) ->
                        new SkillLevel(a.skill(), Math.max(a.proficiency(), b.proficiency())));
            }
            skillLevels = List.copyOf(bySkill.values());
        }
        List<LearningGoal> goals = null;
        if (f.goals() != null) {
            Map<String, LearningGoal> bySkill = new LinkedHashMap<>();
            for (LearningGoal g : f.goals()) {
                LearningGoal named = new LearningGoal(skills.normalizeOrKeep(g.skill()), g.targetLevel(), g.priority());
                bySkill.merge(named.skill().toLowerCase(java.util.Locale.ROOT), named, (a, b) -> new LearningGoal(
                        a.skill(), Math.max(a.targetLevel(), b.targetLevel()), Math.min(a.priority(), b.priority())));
            }
            goals = List.copyOf(bySkill.values());
        }
        List<String> topics = f.topics() == null ? null : f.topics().stream().map(SkillNames::tidy).distinct().toList();
        return new ProfileFields(f.externalId(), f.email(), f.displayName(), f.jobTitle(), f.department(), f.location(),
                f.timeZone(), once(f.languages()), f.level(), f.gradeLabel(), f.managerId(), f.hireDate(), f.status(),
                f.bio(), once(f.openToRoles()), skillLevels, goals, topics, f.capacity(), f.availability(),
                once(f.formats()), f.openToRequests());
    }

    private static List<String> once(List<String> values) {
        return values == null ? null : values.stream().distinct().toList();
    }

    /** The fields as {@link #apply} would leave them on a profile. */
    private ObjectNode stored(ProfileFields f) {
        Profile scratch = new Profile();
        apply(scratch, f);
        return mapper.valueToTree(ProfileFields.of(scratch));
    }

    private static ProfileFields withCapacityZero(ProfileFields f) {
        return new ProfileFields(f.externalId(), f.email(), f.displayName(), f.jobTitle(), f.department(), f.location(),
                f.timeZone(), f.languages(), f.level(), f.gradeLabel(), f.managerId(), f.hireDate(), f.status(), f.bio(),
                f.openToRoles(), f.skills(), f.goals(), f.topics(), 0, f.availability(), f.formats(), f.openToRequests());
    }

    /** Copies a validated document onto the entity; absent lists become empty, absent status stays active. */
    void apply(Profile p, ProfileFields f) {
        p.externalId = blankToNull(f.externalId());
        p.email = f.email();
        // Kept without the spaces around them, as an HRIS's values are: "Engineering " is the Engineering department.
        p.displayName = stripped(f.displayName());
        p.jobTitle = stripped(f.jobTitle());
        p.department = stripped(f.department());
        p.location = stripped(f.location());
        p.timeZone = f.timeZone();
        p.languages = orEmpty(f.languages());
        p.level = f.level();
        p.gradeLabel = stripped(f.gradeLabel());
        p.managerId = f.managerId();
        p.hireDate = f.hireDate();
        p.status = f.status() == null ? ProfileStatus.ACTIVE : f.status();
        p.bio = f.bio();
        p.openToRoles = orEmpty(f.openToRoles());
        p.skills = orEmpty(f.skills());
        p.goals = orEmpty(f.goals());
        p.topics = orEmpty(f.topics());
        p.capacity = f.capacity() == null ? 0 : f.capacity();
        p.availability = orEmpty(f.availability());
        p.formats = orEmpty(f.formats());
        p.openToRequests = Boolean.TRUE.equals(f.openToRequests());
    }

    private static String stripped(String value) {
        return value == null ? null : value.strip();
    }

    private void checkReferences(Profile profile) {
        if (profile.managerId == null) {
            return;
        }
        if (profile.managerId.equals(profile.id)) {
            throw ProblemException.invalid("managerId", "a person cannot be their own manager");
        }
        // The manager and everyone above them are read FOR SHARE, held until commit: an erasure of the manager (which
        // locks them FOR UPDATE) then comes wholly before or after this change, never leaving this profile pointing at
        // an erased person; and two changes that would together close a cycle (A under B, B under A) cannot both
        // pass on what each read before the other wrote (one waits for the other and then sees its change, or the
        // two deadlock and one is answered 503, retry).
        Profile manager = em.find(Profile.class, profile.managerId, LockModeType.PESSIMISTIC_READ);
        if (manager == null || manager.isErased()) {
            throw ProblemException.invalid("managerId", "no such profile");
        }
        List<UUID> chain = ManagementChains.walk(manager.id, manager.managerId, id -> {
            Profile p = em.find(Profile.class, id, LockModeType.PESSIMISTIC_READ);
            return p == null ? null : p.managerId;
        });
        if (chain.contains(profile.id)) {
            throw ProblemException.invalid("managerId", "would make a cycle in the management chain");
        }
        if (chain.size() >= ManagementChains.MAX_DEPTH) {
            throw ProblemException.invalid("managerId", "would give this person a management chain of more than "
                    + ManagementChains.MAX_DEPTH + " managers, more than is kept");
        }
    }

    /** Runs holding {@link ErasedEmployees#lockShared()}, taken by the caller before any row lock of its own. */
    private void admitErased(String externalId, boolean byHr) {
        if (!erasedEmployees.contains(externalId)) {
            return;
        }
        if (!byHr) {
            throw ProblemException.conflict("The person with this externalId had their data erased; only HR can create"
                    + " them again");
        }
        erasedEmployees.remove(externalId);
    }

    /**
     * An address is one person's at a time. When the HRIS or HR gives a profile the address of someone who has left
     * (an address reused, or a leaver rehired under a new employee id), the leaver's profile lets it go and says so in
     * an event of its own, so that no service links a caller with that address to the leaver any more; the change is
     * applied, not refused (and, from an HRIS, lost). The address of someone still employed (active or on leave) stays
     * theirs: the change is refused (409) until one of the two is corrected. Called before the claimant changes (a
     * query would write the change first, into the address's unique index); a leaver's row is locked.
     */
    public void claimEmail(String email, Profile claimant) {
        List<Profile> holders = em.createQuery("SELECT p FROM Profile p WHERE lower(p.email) = lower(:e) AND p.id <> :id "
                        + "ORDER BY p.id", Profile.class)
                .setParameter("e", email).setParameter("id", claimant.id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Profile holder : holders) {
            if (!ProfileStatus.TERMINATED.equals(holder.status)) {
                throw ProblemException.conflict("This email is that of another profile" + (holder.externalId == null ? ""
                        : " (employee " + holder.externalId + ")") + ", whose person has not left; nothing was changed");
            }
        }
        if (holders.isEmpty()) {
            return;
        }
        Instant now = Profile.now();
        for (Profile leaver : holders) {
            leaver.email = null;
            leaver.updatedAt = now;
        }
        em.flush();
        holders.forEach(events::updated);
    }

    /** The email is {@link #claimEmail}'s to check; this is the employee id's counterpart. */
    private void checkExternalIdFree(Profile profile) {
        if (profile.externalId != null) {
            Number ids = (Number) em.createNativeQuery(
                            "SELECT count(*) FROM profile WHERE external_id = :x AND id <> :id")
                    .setParameter("x", profile.externalId).setParameter("id", profile.id).getSingleResult();
            if (ids.longValue() > 0) {
                throw ProblemException.conflict("Another profile already has this externalId");
            }
        }
    }

    /**
     * People whose HRIS record names this person as manager now point at this profile (each change published).
     * Used when a profile is created here and when the HRIS creates one.
     */
    public void resolveReportsOf(Profile profile) {
        if (profile.externalId == null) {
            return;
        }
        List<Profile> reports = em.createQuery(
                        "SELECT p FROM Profile p WHERE p.managerExternalId = :x AND p.managerId IS NULL", Profile.class)
                .setParameter("x", profile.externalId).getResultList();
        for (Profile report : reports) {
            report.managerId = profile.id;
            report.updatedAt = Profile.now();
            em.flush();
            events.updated(report);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }
}
