-- 0011_update_price_snapshots.sql
-- old: migrations/0011_update_price_snapshots.sql
--
-- price_snapshots becomes a global cache as well: tenant_id NULL = entry shared by all tenants.
-- Adds model/manufacturer/origin, mileage range, listing count, the search query and an
-- expiry, plus the (oem, expires_at DESC) index. DROP NOT NULL is a no-op when already
-- nullable.

ALTER TABLE price_snapshots ALTER COLUMN tenant_id DROP NOT NULL;

ALTER TABLE price_snapshots
    ADD COLUMN IF NOT EXISTS model_name TEXT,
    ADD COLUMN IF NOT EXISTS manufacturer TEXT,
    ADD COLUMN IF NOT EXISTS origin TEXT,
    ADD COLUMN IF NOT EXISTS mileage_min INTEGER,
    ADD COLUMN IF NOT EXISTS mileage_max INTEGER,
    ADD COLUMN IF NOT EXISTS listings_count INTEGER DEFAULT 0,
    ADD COLUMN IF NOT EXISTS search_query TEXT,
    ADD COLUMN IF NOT EXISTS expires_at TIMESTAMP;

CREATE INDEX IF NOT EXISTS idx_price_snapshots_oem_expires
    ON price_snapshots (oem, expires_at DESC);
