-- 0010_add_tenant_agent_settings.sql
-- old: migrations/0010_add_tenant_agent_settings.sql
--
-- Per-tenant AI sales-agent persona, facts and scripts; one row per tenant (the unique
-- constraint on tenant_id is the upsert key). tenant_agent_settings_tenant_idx duplicates the
-- constraint's index; it is kept because the old schema has it. The mileage_* columns are
-- added by 0012.

CREATE TABLE IF NOT EXISTS tenant_agent_settings (
    id                  VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           VARCHAR NOT NULL REFERENCES tenants (id),
    company_name        TEXT,
    specialization      TEXT,
    warehouse_city      TEXT,
    warranty_months     INTEGER,
    warranty_km         INTEGER,
    install_days        INTEGER,
    qr_discount_percent INTEGER,
    system_prompt       TEXT,
    objection_payment   TEXT,
    objection_online    TEXT,
    closing_script      TEXT,
    custom_facts        JSONB DEFAULT '{}',
    updated_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT tenant_agent_settings_tenant_id_unique UNIQUE (tenant_id)
);

CREATE INDEX IF NOT EXISTS tenant_agent_settings_tenant_idx
    ON tenant_agent_settings (tenant_id);
