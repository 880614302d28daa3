-- salesgate:no-transaction
-- 0016_normalize_push_variants.sql
-- Added by salesgate (no old counterpart).
--
-- Databases the old system created with `drizzle-kit push` (instead of the migration files)
-- have four indexes in a slightly different shape than the migration chain creates:
--   * users_email_unique_lower_idx without `WHERE email IS NOT NULL` (drizzle schema) instead
--     of the partial index of 0001b,
--   * price_snapshots_tenant_oem_created_idx, price_snapshots_oem_created_idx and
--     idx_price_snapshots_oem_expires ascending instead of `created_at DESC` / `expires_at DESC`
--     (0005 / 0011).
-- This file converges them to the migration-chain (canonical) shape. It only rebuilds an index
-- that differs (or is INVALID). On a database built from these files it changes nothing.
-- Other push differences (a unique constraint instead of the unique index
-- vehicle_lookup_cache_lookup_key_unique, drizzle-style FK names, column order) are equivalent
-- and left alone.
--
-- Per index: (1) a DO block renames a differing index to <name>_push_old, (2) the canonical
-- index is built with CREATE INDEX CONCURRENTLY, so the (possibly big) table is never
-- write-locked, (3) the old one is dropped CONCURRENTLY. Because the old index is renamed, not
-- dropped, before the new one is built, e-mail uniqueness stays enforced throughout.
-- CONCURRENTLY cannot run in a transaction block, hence the first-line marker: every statement
-- runs on its own. An interrupted run is repaired by running the file again: a leftover
-- INVALID <name> next to <name>_push_old is dropped and rebuilt, a leftover <name>_push_old is
-- dropped by step 3.

-- ---------------------------------------------------------------------------------------------
-- users_email_unique_lower_idx: UNIQUE (LOWER(email)) WHERE email IS NOT NULL (push: no WHERE)
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    idx       regclass := to_regclass('public.users_email_unique_lower_idx');
    old       regclass := to_regclass('public.users_email_unique_lower_idx_push_old');
    valid     boolean;
    canonical boolean;
BEGIN
    IF idx IS NULL THEN
        RETURN;
    END IF;
    -- canonical = partial (has a WHERE predicate)
    SELECT i.indisvalid, i.indpred IS NOT NULL
    INTO valid, canonical
    FROM pg_index i
    WHERE i.indexrelid = idx;
    IF valid AND canonical THEN
        RETURN;
    END IF;
    IF NOT valid AND old IS NOT NULL THEN
        -- Left over from an interrupted rebuild: the _push_old index is still the working one.
        DROP INDEX users_email_unique_lower_idx;
    ELSE
        IF old IS NOT NULL THEN
            DROP INDEX users_email_unique_lower_idx_push_old;
        END IF;
        ALTER INDEX users_email_unique_lower_idx
            RENAME TO users_email_unique_lower_idx_push_old;
    END IF;
END $$;

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_unique_lower_idx
    ON users (LOWER(email))
    WHERE email IS NOT NULL;

DROP INDEX CONCURRENTLY IF EXISTS users_email_unique_lower_idx_push_old;

-- ---------------------------------------------------------------------------------------------
-- price_snapshots_tenant_oem_created_idx: (tenant_id, oem, created_at DESC) (push: ascending)
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    idx       regclass := to_regclass('public.price_snapshots_tenant_oem_created_idx');
    old       regclass := to_regclass('public.price_snapshots_tenant_oem_created_idx_push_old');
    valid     boolean;
    canonical boolean;
BEGIN
    IF idx IS NULL THEN
        RETURN;
    END IF;
    -- canonical = the last key column is DESC (indoption bit 0)
    SELECT i.indisvalid, (i.indoption[i.indnkeyatts - 1] & 1) = 1
    INTO valid, canonical
    FROM pg_index i
    WHERE i.indexrelid = idx;
    IF valid AND canonical THEN
        RETURN;
    END IF;
    IF NOT valid AND old IS NOT NULL THEN
        -- Left over from an interrupted rebuild: the _push_old index is still the working one.
        DROP INDEX price_snapshots_tenant_oem_created_idx;
    ELSE
        IF old IS NOT NULL THEN
            DROP INDEX price_snapshots_tenant_oem_created_idx_push_old;
        END IF;
        ALTER INDEX price_snapshots_tenant_oem_created_idx
            RENAME TO price_snapshots_tenant_oem_created_idx_push_old;
    END IF;
END $$;

CREATE INDEX CONCURRENTLY IF NOT EXISTS price_snapshots_tenant_oem_created_idx
    ON price_snapshots (tenant_id, oem, created_at DESC);

DROP INDEX CONCURRENTLY IF EXISTS price_snapshots_tenant_oem_created_idx_push_old;

-- ---------------------------------------------------------------------------------------------
-- price_snapshots_oem_created_idx: (oem, created_at DESC) (push: ascending)
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    idx       regclass := to_regclass('public.price_snapshots_oem_created_idx');
    old       regclass := to_regclass('public.price_snapshots_oem_created_idx_push_old');
    valid     boolean;
    canonical boolean;
BEGIN
    IF idx IS NULL THEN
        RETURN;
    END IF;
    -- canonical = the last key column is DESC (indoption bit 0)
    SELECT i.indisvalid, (i.indoption[i.indnkeyatts - 1] & 1) = 1
    INTO valid, canonical
    FROM pg_index i
    WHERE i.indexrelid = idx;
    IF valid AND canonical THEN
        RETURN;
    END IF;
    IF NOT valid AND old IS NOT NULL THEN
        -- Left over from an interrupted rebuild: the _push_old index is still the working one.
        DROP INDEX price_snapshots_oem_created_idx;
    ELSE
        IF old IS NOT NULL THEN
            DROP INDEX price_snapshots_oem_created_idx_push_old;
        END IF;
        ALTER INDEX price_snapshots_oem_created_idx
            RENAME TO price_snapshots_oem_created_idx_push_old;
    END IF;
END $$;

CREATE INDEX CONCURRENTLY IF NOT EXISTS price_snapshots_oem_created_idx
    ON price_snapshots (oem, created_at DESC);

DROP INDEX CONCURRENTLY IF EXISTS price_snapshots_oem_created_idx_push_old;

-- ---------------------------------------------------------------------------------------------
-- idx_price_snapshots_oem_expires: (oem, expires_at DESC) (push: ascending)
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    idx       regclass := to_regclass('public.idx_price_snapshots_oem_expires');
    old       regclass := to_regclass('public.idx_price_snapshots_oem_expires_push_old');
    valid     boolean;
    canonical boolean;
BEGIN
    IF idx IS NULL THEN
        RETURN;
    END IF;
    -- canonical = the last key column is DESC (indoption bit 0)
    SELECT i.indisvalid, (i.indoption[i.indnkeyatts - 1] & 1) = 1
    INTO valid, canonical
    FROM pg_index i
    WHERE i.indexrelid = idx;
    IF valid AND canonical THEN
        RETURN;
    END IF;
    IF NOT valid AND old IS NOT NULL THEN
        -- Left over from an interrupted rebuild: the _push_old index is still the working one.
        DROP INDEX idx_price_snapshots_oem_expires;
    ELSE
        IF old IS NOT NULL THEN
            DROP INDEX idx_price_snapshots_oem_expires_push_old;
        END IF;
        ALTER INDEX idx_price_snapshots_oem_expires
            RENAME TO idx_price_snapshots_oem_expires_push_old;
    END IF;
END $$;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_price_snapshots_oem_expires
    ON price_snapshots (oem, expires_at DESC);

DROP INDEX CONCURRENTLY IF EXISTS idx_price_snapshots_oem_expires_push_old;
