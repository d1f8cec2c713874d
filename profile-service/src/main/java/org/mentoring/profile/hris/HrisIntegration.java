package org.mentoring.profile.hris;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.mentoring.profile.signing.SigningSecrets;

/** An HRIS system allowed to push employees in, with the secret its webhooks are signed with. */
@Entity
@Table(name = "hris_integration")
public class HrisIntegration {

    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "field_mapping")
    public FieldMapping fieldMapping;
    @Embedded
    public SigningSecrets secrets;
    @Column(name = "created_at")
    public Instant createdAt;
}
