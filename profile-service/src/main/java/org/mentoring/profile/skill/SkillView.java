package org.mentoring.profile.skill;

import java.util.List;
import java.util.UUID;

/** A catalogue skill with its aliases. */
public record SkillView(UUID id, String name, String category, List<String> aliases) {
}
