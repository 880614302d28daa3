-- 0008_price_snapshot_search_key.sql
-- old: migrations/0008_price_snapshot_search_key.sql
--
-- search_key on price_snapshots (the application defaults it to oem), its lookup index, and a
-- backfill of existing rows (search_key = oem). The UPDATE only touches rows still NULL.

ALTER TABLE price_snapshots ADD COLUMN IF NOT EXISTS search_key TEXT;

CREATE INDEX IF NOT EXISTS price_snapshots_search_key_idx
    ON price_snapshots (tenant_id, search_key);

UPDATE price_snapshots SET search_key = oem WHERE search_key IS NULL;
