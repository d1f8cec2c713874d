package org.mentoring.profile.skill;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Another name people type for a skill, e.g. "k8s" for Kubernetes. */
@Entity
@Table(name = "skill_alias")
public class SkillAlias {

    @Id
    public String normalized;
    public String alias;
    @Column(name = "skill_id")
    public UUID skillId;
}
