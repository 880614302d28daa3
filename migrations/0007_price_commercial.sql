-- 0007_price_commercial.sql
-- old: migrations/0007_price_commercial.sql
--
-- Commercial price fields on price_snapshots: market range, sale price, margin and a note.

ALTER TABLE price_snapshots
    ADD COLUMN IF NOT EXISTS market_min_price INTEGER,
    ADD COLUMN IF NOT EXISTS market_max_price INTEGER,
    ADD COLUMN IF NOT EXISTS market_avg_price INTEGER,
    ADD COLUMN IF NOT EXISTS sale_price INTEGER,
    ADD COLUMN IF NOT EXISTS margin_pct INTEGER DEFAULT 0,
    ADD COLUMN IF NOT EXISTS price_note TEXT;
