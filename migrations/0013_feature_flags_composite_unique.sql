-- 0013_feature_flags_composite_unique.sql
-- old: migrations/0013_feature_flags_composite_unique.sql
--
-- Feature flags: one global row per name (tenant_id NULL) plus one override per
-- (name, tenant). The column-unique constraint on name is replaced by two partial unique
-- indexes. The old feature-flag service also ran these three statements on every start.

ALTER TABLE feature_flags DROP CONSTRAINT IF EXISTS feature_flags_name_unique;

CREATE UNIQUE INDEX IF NOT EXISTS feature_flags_global_unique
    ON feature_flags (name)
    WHERE tenant_id IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS feature_flags_tenant_unique
    ON feature_flags (name, tenant_id)
    WHERE tenant_id IS NOT NULL;
