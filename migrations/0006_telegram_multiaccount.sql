-- 0006_telegram_multiaccount.sql
-- old: migrations/0006_telegram_multiaccount.sql
--
-- Several Telegram Personal accounts per tenant: phone_number becomes optional (QR login has
-- no phone), plus the login method, an enable switch and a tenant index.
-- DROP NOT NULL on an already nullable column is a no-op, so this file is idempotent.

ALTER TABLE telegram_sessions ALTER COLUMN phone_number DROP NOT NULL;
ALTER TABLE telegram_sessions ADD COLUMN IF NOT EXISTS auth_method TEXT;
ALTER TABLE telegram_sessions ADD COLUMN IF NOT EXISTS is_enabled BOOLEAN NOT NULL DEFAULT TRUE;

CREATE INDEX IF NOT EXISTS telegram_sessions_tenant_idx ON telegram_sessions (tenant_id);
