-- Two seeded aliases stand for more than one skill: "PM" is product management to some and project management (also
-- in the catalogue) to others, and "TF" is Terraform or TensorFlow. A profile listing "PM" was stored as Product
-- Management and left out of searches for Project Management. They go, where they still point where the seed put
-- them; names people type are then kept as typed. HR can take back any alias (DELETE /v1/skills/{id}/aliases/{alias}).
DELETE FROM skill_alias a USING skill s
WHERE a.skill_id = s.id
  AND (a.normalized = 'pm' AND s.normalized = 'product management' OR a.normalized = 'tf' AND s.normalized = 'terraform');
