-- 0006_internal_prices.sql
-- old: migrations/0006_internal_prices.sql
--
-- Tenant's own price list per OEM. The unique index treats NULL condition/supplier as distinct
-- (default NULLS DISTINCT), so such rows never conflict.

CREATE TABLE IF NOT EXISTS internal_prices (
    id         VARCHAR PRIMARY KEY DEFAULT (gen_random_uuid()::TEXT),
    tenant_id  VARCHAR NOT NULL REFERENCES tenants (id),
    oem        TEXT NOT NULL,
    price      INTEGER NOT NULL,
    currency   TEXT NOT NULL DEFAULT 'RUB',
    condition  TEXT,
    supplier   TEXT,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS internal_prices_tenant_oem_condition_supplier_idx
    ON internal_prices (tenant_id, oem, condition, supplier);
CREATE INDEX IF NOT EXISTS internal_prices_tenant_oem_idx
    ON internal_prices (tenant_id, oem);
