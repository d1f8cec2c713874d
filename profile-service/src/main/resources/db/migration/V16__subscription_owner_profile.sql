-- The profile of whoever made a webhook subscription, when their token links to one: erasure and export find the
-- subscriptions a person made by it, whatever their token's subject is (an identity provider's opaque user id, say).
ALTER TABLE webhook_subscription ADD COLUMN owner_profile_id uuid;
CREATE INDEX webhook_subscription_owner_profile ON webhook_subscription (owner_profile_id)
    WHERE owner_profile_id IS NOT NULL;
