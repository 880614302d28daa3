-- 0014_max_personal_accounts.sql
-- old: migrations/0014_max_personal_accounts.sql (not in the old drizzle journal at the
-- target version, so drizzle-kit migrate skipped it; here it is a regular step)
--
-- MAX Personal (GREEN-API) accounts. At this stage one account per tenant, hence the UNIQUE
-- tenant index; 0015 turns it into a non-unique index and allows several accounts.
-- Deleting a tenant deletes its accounts (ON DELETE CASCADE).

CREATE TABLE IF NOT EXISTS max_personal_accounts (
    id                 VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id          VARCHAR NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id_instance        VARCHAR NOT NULL,
    api_token_instance VARCHAR NOT NULL,
    display_name       TEXT,
    status             TEXT NOT NULL DEFAULT 'unknown',
    webhook_registered BOOLEAN DEFAULT FALSE,
    created_at         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- On a re-run (or a database already past 0015) an index of this name exists, non-unique,
-- and IF NOT EXISTS leaves it alone.
CREATE UNIQUE INDEX IF NOT EXISTS max_personal_accounts_tenant_idx
    ON max_personal_accounts (tenant_id);
