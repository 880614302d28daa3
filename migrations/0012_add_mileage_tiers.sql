-- 0012_add_mileage_tiers.sql
-- old: migrations/0012_add_mileage_tiers.sql
--
-- Mileage tiers for price options: quality tier <= mileage_low, mid tier <= mileage_mid,
-- budget tier > mileage_mid; mileage_high is an informational upper bound.

ALTER TABLE tenant_agent_settings
    ADD COLUMN IF NOT EXISTS mileage_low INTEGER,
    ADD COLUMN IF NOT EXISTS mileage_mid INTEGER,
    ADD COLUMN IF NOT EXISTS mileage_high INTEGER;
