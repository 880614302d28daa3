-- 0005_price_snapshots.sql
-- old: migrations/0005_price_snapshots.sql
--
-- Cached price-search results per OEM. tenant_id starts NOT NULL here; 0011 makes it nullable
-- (NULL = global cache entry). Columns added later come from 0007, 0008 and 0011.
-- The created_at index columns are DESC (a drizzle-push database has them ascending; 0016
-- converges those).

CREATE TABLE IF NOT EXISTS price_snapshots (
    id         VARCHAR PRIMARY KEY DEFAULT (gen_random_uuid()::TEXT),
    tenant_id  VARCHAR NOT NULL REFERENCES tenants (id),
    oem        TEXT NOT NULL,
    source     TEXT NOT NULL,
    currency   TEXT NOT NULL DEFAULT 'RUB',
    min_price  INTEGER,
    max_price  INTEGER,
    avg_price  INTEGER,
    raw        JSONB DEFAULT '{}',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS price_snapshots_tenant_oem_created_idx
    ON price_snapshots (tenant_id, oem, created_at DESC);
CREATE INDEX IF NOT EXISTS price_snapshots_oem_created_idx
    ON price_snapshots (oem, created_at DESC);
