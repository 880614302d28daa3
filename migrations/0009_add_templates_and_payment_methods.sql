-- 0009_add_templates_and_payment_methods.sql
-- old: migrations/0009_add_templates_and_payment_methods.sql
--
-- Tenant-editable reply templates and the payment methods shown after price suggestions.
-- Both have a column named "order" (reserved word, always quoted).

CREATE TABLE IF NOT EXISTS message_templates (
    id         VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  VARCHAR NOT NULL REFERENCES tenants (id),
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    content    TEXT NOT NULL,
    is_active  BOOLEAN NOT NULL DEFAULT TRUE,
    "order"    INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS message_templates_tenant_type_idx
    ON message_templates (tenant_id, type);
CREATE INDEX IF NOT EXISTS message_templates_tenant_active_idx
    ON message_templates (tenant_id, is_active);

CREATE TABLE IF NOT EXISTS payment_methods (
    id          VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   VARCHAR NOT NULL REFERENCES tenants (id),
    title       TEXT NOT NULL,
    description TEXT,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    "order"     INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS payment_methods_tenant_idx
    ON payment_methods (tenant_id);
CREATE INDEX IF NOT EXISTS payment_methods_tenant_active_idx
    ON payment_methods (tenant_id, is_active);
