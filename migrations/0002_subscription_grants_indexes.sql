-- 0002_subscription_grants_indexes.sql
-- old: migrations/0002_subscription_grants_indexes.sql
--
-- Index for the active-grant lookup (tenant_id = ? AND revoked_at IS NULL AND
-- starts_at <= now AND ends_at >= now). The old file first used CONCURRENTLY; like the old
-- target version, this one is a plain (transactional) CREATE INDEX.

CREATE INDEX IF NOT EXISTS subscription_grants_active_lookup_idx
    ON subscription_grants (tenant_id, revoked_at, ends_at, starts_at);
