-- 0004_tenants_templates.sql
-- old: migrations/0004_tenants_templates.sql
--
-- Per-tenant text-template overrides (and, in the application, priceSettings) as JSONB.

ALTER TABLE tenants ADD COLUMN IF NOT EXISTS templates JSONB DEFAULT '{}';

COMMENT ON COLUMN tenants.templates IS
    'Tenant text templates: gearboxLookupFound, gearboxLookupModelOnly, gearboxTagRequest '
    '(placeholders: {{oem}}, {{model}}, {{source}})';
