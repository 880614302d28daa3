-- 0015_max_personal_multiaccount.sql
-- old: migrations/0015_max_personal_multiaccount.sql (not in the old drizzle journal at the
-- target version; here it is a regular step after 0014)
--
-- Several MAX Personal accounts per tenant (app limit 5): the unique per-tenant index becomes
-- a plain index, uniqueness moves to (tenant_id, id_instance), and each account gets a stable
-- public account_id (used in the webhook URL) and an admin label.

-- 1. Drop the one-account-per-tenant UNIQUE index. The old file dropped the index
--    unconditionally (and step 5 recreated it); dropping it only while it is still the unique
--    variant gives the same result and makes a re-run a true no-op.
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM pg_index
        WHERE indexrelid = to_regclass('public.max_personal_accounts_tenant_idx')
          AND indisunique
    ) THEN
        DROP INDEX max_personal_accounts_tenant_idx;
    END IF;
END $$;

-- 2. Existing rows get distinct fresh UUIDs (volatile default: the table is rewritten).
ALTER TABLE max_personal_accounts
    ADD COLUMN IF NOT EXISTS account_id VARCHAR NOT NULL DEFAULT gen_random_uuid();

-- 3.
ALTER TABLE max_personal_accounts ADD COLUMN IF NOT EXISTS label TEXT;

-- 4.
CREATE UNIQUE INDEX IF NOT EXISTS max_personal_accounts_tenant_instance_unique
    ON max_personal_accounts (tenant_id, id_instance);

-- 5. Non-unique now.
CREATE INDEX IF NOT EXISTS max_personal_accounts_tenant_idx
    ON max_personal_accounts (tenant_id);
