package org.mentoring.profile.skill;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A canonical skill of the catalogue. */
@Entity
@Table(name = "skill")
public class Skill {

    @Id
    public UUID id;
    public String name;
    public String normalized;
    public String category;
    @Column(name = "created_at")
    public Instant createdAt;
}
