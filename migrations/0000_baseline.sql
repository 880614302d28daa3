-- 0000_baseline.sql
--
-- Baseline: the schema the old TypeScript system created with `drizzle-kit push` from
-- shared/schema.ts, i.e. the state the delta files (0000_pre_migration_check_duplicates.sql ..
-- 0015_max_personal_multiaccount.sql) were written against. The old project had no file for
-- this step; without it the delta chain cannot run on an empty database.
--
-- It creates every table that no later file creates (43 of the final 51), in their pre-delta
-- shape; the tables created by 0003/0005/0006/0009/0010/0014 (vehicle_lookup_cache,
-- vehicle_lookup_cases, price_snapshots, internal_prices, message_templates, payment_methods,
-- tenant_agent_settings, max_personal_accounts) are left to those files.
--
-- Idempotent: tables and indexes use IF NOT EXISTS, foreign keys are added only when missing,
-- so on a database the old system created this file changes nothing. Constraint names follow
-- drizzle-kit push: column unique constraints `<table>_<column>_unique`, foreign keys
-- `<table>_<column>_<reftable>_<refcolumn>_fk`. See README: Migrations.

-- `templates` is added by 0004_tenants_templates.sql.
CREATE TABLE IF NOT EXISTS tenants (
    id                       VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    name                     TEXT NOT NULL,
    language                 TEXT NOT NULL DEFAULT 'ru',
    tone                     TEXT NOT NULL DEFAULT 'formal',
    address_style            TEXT NOT NULL DEFAULT 'vy',
    currency                 TEXT NOT NULL DEFAULT 'RUB',
    timezone                 TEXT NOT NULL DEFAULT 'Europe/Moscow',
    working_hours_start      TEXT DEFAULT '09:00',
    working_hours_end        TEXT DEFAULT '18:00',
    working_days             TEXT[] DEFAULT ARRAY['mon','tue','wed','thu','fri'],
    auto_reply_outside_hours BOOLEAN DEFAULT TRUE,
    escalation_email         TEXT,
    escalation_telegram      TEXT,
    allow_discounts          BOOLEAN DEFAULT FALSE,
    max_discount_percent     INTEGER DEFAULT 0,
    status                   TEXT NOT NULL DEFAULT 'active',
    created_at               TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- users_email_unique_lower_idx is created by 0001b_create_email_unique_index.sql.
CREATE TABLE IF NOT EXISTS users (
    id                    VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id             VARCHAR,
    username              TEXT NOT NULL,
    password              TEXT NOT NULL,
    role                  TEXT NOT NULL DEFAULT 'operator',
    email                 TEXT,
    email_verified_at     TIMESTAMP,
    auth_provider         TEXT DEFAULT 'local',
    oidc_id               TEXT,
    password_updated_at   TIMESTAMP,
    last_login_at         TIMESTAMP,
    failed_login_attempts INTEGER DEFAULT 0,
    locked_until          TIMESTAMP,
    is_platform_admin     BOOLEAN NOT NULL DEFAULT FALSE,
    is_platform_owner     BOOLEAN NOT NULL DEFAULT FALSE,
    is_disabled           BOOLEAN NOT NULL DEFAULT FALSE,
    disabled_at           TIMESTAMP,
    disabled_reason       TEXT,
    created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_username_unique UNIQUE (username)
);

CREATE TABLE IF NOT EXISTS user_invites (
    id         VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  VARCHAR NOT NULL,
    email      TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT 'operator',
    token_hash TEXT NOT NULL,
    invited_by VARCHAR,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT user_invites_token_hash_unique UNIQUE (token_hash)
);

CREATE TABLE IF NOT EXISTS email_tokens (
    id         VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    VARCHAR NOT NULL,
    token_hash TEXT NOT NULL,
    type       TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT email_tokens_token_hash_unique UNIQUE (token_hash)
);

CREATE TABLE IF NOT EXISTS channels (
    id         VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  VARCHAR NOT NULL,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    config     JSONB DEFAULT '{}',
    is_active  BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS customers (
    id          VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   VARCHAR NOT NULL,
    channel_id  VARCHAR,
    channel     TEXT,
    external_id TEXT,
    name        TEXT,
    phone       TEXT,
    email       TEXT,
    tags        JSONB DEFAULT '[]',
    metadata    JSONB DEFAULT '{}',
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS customers_tenant_channel_external_idx
    ON customers (tenant_id, channel, external_id);

CREATE TABLE IF NOT EXISTS customer_notes (
    id             VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      VARCHAR NOT NULL,
    customer_id    VARCHAR NOT NULL,
    author_user_id VARCHAR,
    note_text      TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS customer_memory (
    id                VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         VARCHAR NOT NULL,
    customer_id       VARCHAR NOT NULL,
    preferences       JSONB DEFAULT '{}',
    frequent_topics   JSONB DEFAULT '{}',
    last_summary_text TEXT,
    updated_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS customer_memory_tenant_customer_idx
    ON customer_memory (tenant_id, customer_id);

CREATE TABLE IF NOT EXISTS conversations (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       VARCHAR NOT NULL,
    customer_id     VARCHAR NOT NULL,
    channel_id      VARCHAR,
    status          TEXT NOT NULL DEFAULT 'active',
    mode            TEXT NOT NULL DEFAULT 'learning',
    last_message_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    unread_count    INTEGER DEFAULT 0,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS messages (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id VARCHAR NOT NULL,
    role            TEXT NOT NULL,
    content         TEXT NOT NULL,
    attachments     JSONB DEFAULT '[]',
    metadata        JSONB DEFAULT '{}',
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS escalation_events (
    id                   VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id      VARCHAR NOT NULL,
    reason               TEXT NOT NULL,
    summary              TEXT,
    suggested_response   TEXT,
    clarification_needed TEXT,
    status               TEXT DEFAULT 'pending',
    handled_by           VARCHAR,
    handled_at           TIMESTAMP,
    created_at           TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS ai_suggestions (
    id                      VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id         VARCHAR NOT NULL,
    message_id              VARCHAR,
    suggested_reply         TEXT NOT NULL,
    intent                  TEXT,
    confidence              REAL DEFAULT 0,
    needs_approval          BOOLEAN DEFAULT TRUE,
    needs_handoff           BOOLEAN DEFAULT FALSE,
    questions_to_ask        TEXT[] DEFAULT ARRAY[]::TEXT[],
    used_sources            JSONB DEFAULT '[]',
    status                  TEXT DEFAULT 'pending',
    created_at              TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    similarity_score        REAL,
    intent_score            REAL,
    self_check_score        REAL,
    decision                TEXT,
    explanations            JSONB DEFAULT '[]',
    penalties               JSONB DEFAULT '[]',
    source_conflicts        BOOLEAN DEFAULT FALSE,
    missing_fields          JSONB DEFAULT '[]',
    autosend_eligible       BOOLEAN DEFAULT FALSE,
    autosend_block_reason   TEXT,
    self_check_need_handoff BOOLEAN DEFAULT FALSE,
    self_check_reasons      JSONB DEFAULT '[]'
);

CREATE TABLE IF NOT EXISTS human_actions (
    id            VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    suggestion_id VARCHAR NOT NULL,
    user_id       VARCHAR,
    action        TEXT NOT NULL,
    original_text TEXT,
    edited_text   TEXT,
    reason        TEXT,
    created_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS ai_training_samples (
    id               VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        VARCHAR NOT NULL,
    conversation_id  VARCHAR NOT NULL,
    user_message     TEXT NOT NULL,
    ai_suggestion    TEXT NOT NULL,
    final_answer     TEXT,
    intent           TEXT,
    decision         TEXT,
    outcome          TEXT NOT NULL,
    rejection_reason TEXT,
    created_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS ai_training_policies (
    tenant_id                 VARCHAR PRIMARY KEY,
    always_escalate_intents   TEXT[] DEFAULT ARRAY[]::TEXT[],
    forbidden_topics          TEXT[] DEFAULT ARRAY[]::TEXT[],
    disabled_learning_intents TEXT[] DEFAULT ARRAY[]::TEXT[],
    updated_at                TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS learning_queue (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       VARCHAR NOT NULL,
    conversation_id VARCHAR NOT NULL,
    learning_score  INTEGER NOT NULL DEFAULT 0,
    reasons         TEXT[] DEFAULT ARRAY[]::TEXT[],
    status          TEXT NOT NULL DEFAULT 'pending',
    reviewed_by     VARCHAR,
    reviewed_at     TIMESTAMP,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS response_templates (
    id          VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   VARCHAR NOT NULL,
    name        TEXT NOT NULL,
    content     TEXT NOT NULL,
    category    TEXT,
    triggers    TEXT[] DEFAULT ARRAY[]::TEXT[],
    is_active   BOOLEAN DEFAULT TRUE,
    usage_count INTEGER DEFAULT 0,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS decision_settings (
    tenant_id                VARCHAR PRIMARY KEY,
    t_auto                   REAL NOT NULL DEFAULT 0.80,
    t_escalate               REAL NOT NULL DEFAULT 0.40,
    autosend_allowed         BOOLEAN NOT NULL DEFAULT FALSE,
    intents_autosend_allowed JSONB DEFAULT '["price","availability","shipping","other"]',
    intents_force_handoff    JSONB DEFAULT '["discount","complaint"]',
    updated_at               TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS human_delay_settings (
    tenant_id                VARCHAR PRIMARY KEY,
    enabled                  BOOLEAN NOT NULL DEFAULT FALSE,
    delay_profiles           JSONB DEFAULT '{"SHORT":{"baseMin":2000,"baseMax":4000,"typingSpeed":40,"jitter":500},'
                                           '"MEDIUM":{"baseMin":4000,"baseMax":8000,"typingSpeed":35,"jitter":1000},'
                                           '"LONG":{"baseMin":8000,"baseMax":15000,"typingSpeed":30,"jitter":2000}}',
    night_mode               TEXT NOT NULL DEFAULT 'DELAY',
    night_delay_multiplier   REAL NOT NULL DEFAULT 3.0,
    night_auto_reply_text    TEXT DEFAULT 'Спасибо за сообщение! Мы ответим в рабочее время.',
    min_delay_ms             INTEGER NOT NULL DEFAULT 3000,
    max_delay_ms             INTEGER NOT NULL DEFAULT 120000,
    typing_indicator_enabled BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at               TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS products (
    id             VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      VARCHAR NOT NULL,
    sku            TEXT,
    name           TEXT NOT NULL,
    description    TEXT,
    price          REAL,
    currency       TEXT DEFAULT 'RUB',
    category       TEXT,
    in_stock       BOOLEAN DEFAULT TRUE,
    stock_quantity INTEGER,
    variants       JSONB DEFAULT '[]',
    images         TEXT[] DEFAULT ARRAY[]::TEXT[],
    delivery_info  TEXT,
    created_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS knowledge_docs (
    id         VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  VARCHAR NOT NULL,
    title      TEXT NOT NULL,
    content    TEXT NOT NULL,
    category   TEXT,
    doc_type   TEXT,
    tags       TEXT[] DEFAULT ARRAY[]::TEXT[],
    is_active  BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS knowledge_doc_chunks (
    id          VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    doc_id      VARCHAR NOT NULL,
    tenant_id   VARCHAR NOT NULL,
    chunk_index INTEGER NOT NULL,
    content     TEXT NOT NULL,
    token_count INTEGER NOT NULL,
    metadata    JSONB DEFAULT '{}',
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS rag_documents (
    id         VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  VARCHAR NOT NULL,
    type       TEXT NOT NULL,
    source_id  VARCHAR NOT NULL,
    content    TEXT NOT NULL,
    metadata   JSONB DEFAULT '{}',
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS rag_chunks (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    rag_document_id VARCHAR NOT NULL,
    chunk_text      TEXT NOT NULL,
    chunk_index     INTEGER NOT NULL,
    token_count     INTEGER NOT NULL,
    embedding       TEXT,
    metadata        JSONB DEFAULT '{}',
    updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS onboarding_state (
    tenant_id       VARCHAR PRIMARY KEY,
    status          TEXT NOT NULL DEFAULT 'NOT_STARTED',
    current_step    TEXT NOT NULL DEFAULT 'BUSINESS',
    completed_steps TEXT[] DEFAULT ARRAY[]::TEXT[],
    answers         JSONB DEFAULT '{}',
    updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS readiness_reports (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       VARCHAR NOT NULL,
    score           INTEGER NOT NULL DEFAULT 0,
    checks          JSONB DEFAULT '[]',
    recommendations TEXT[] DEFAULT ARRAY[]::TEXT[],
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS csat_ratings (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       VARCHAR NOT NULL,
    conversation_id VARCHAR NOT NULL,
    rating          INTEGER NOT NULL,
    comment         TEXT,
    intent          TEXT,
    decision        TEXT,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS csat_ratings_conversation_idx
    ON csat_ratings (conversation_id);

CREATE TABLE IF NOT EXISTS conversions (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       VARCHAR NOT NULL,
    conversation_id VARCHAR NOT NULL,
    amount          REAL NOT NULL,
    currency        TEXT NOT NULL DEFAULT 'RUB',
    intent          TEXT,
    decision        TEXT,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS conversions_conversation_idx
    ON conversions (conversation_id);

CREATE TABLE IF NOT EXISTS lost_deals (
    id                     VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id              VARCHAR NOT NULL,
    conversation_id        VARCHAR NOT NULL,
    reason                 TEXT NOT NULL,
    detected_automatically BOOLEAN DEFAULT TRUE,
    notes                  TEXT,
    created_at             TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS plans (
    id                VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    name              TEXT NOT NULL,
    stripe_price_id   TEXT,
    stripe_product_id TEXT,
    amount            INTEGER NOT NULL,
    currency          TEXT NOT NULL DEFAULT 'usd',
    crypto_amount     TEXT,
    crypto_asset      TEXT DEFAULT 'USDT',
    interval          TEXT NOT NULL DEFAULT 'month',
    is_active         BOOLEAN DEFAULT TRUE,
    created_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS subscriptions (
    id                     VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id              VARCHAR NOT NULL,
    plan_id                VARCHAR,
    stripe_customer_id     TEXT,
    stripe_subscription_id TEXT,
    crypto_invoice_id      TEXT,
    payment_provider       TEXT DEFAULT 'cryptobot',
    status                 TEXT NOT NULL DEFAULT 'incomplete',
    current_period_start   TIMESTAMP,
    current_period_end     TIMESTAMP,
    cancel_at_period_end   BOOLEAN DEFAULT FALSE,
    canceled_at            TIMESTAMP,
    trial_started_at       TIMESTAMP,
    trial_ends_at          TIMESTAMP,
    trial_end              TIMESTAMP,
    had_trial              BOOLEAN DEFAULT FALSE,
    created_at             TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at             TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT subscriptions_tenant_id_unique UNIQUE (tenant_id),
    CONSTRAINT subscriptions_stripe_subscription_id_unique UNIQUE (stripe_subscription_id)
);

-- subscription_grants_active_lookup_idx is created by 0002_subscription_grants_indexes.sql.
CREATE TABLE IF NOT EXISTS subscription_grants (
    id                 VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id          VARCHAR NOT NULL,
    starts_at          TIMESTAMP NOT NULL,
    ends_at            TIMESTAMP NOT NULL,
    granted_by_user_id VARCHAR NOT NULL,
    reason             TEXT NOT NULL,
    revoked_at         TIMESTAMP,
    revoked_by_user_id VARCHAR,
    revoked_reason     TEXT,
    created_at         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Pre-0006 shape: phone_number NOT NULL, no auth_method / is_enabled, no
-- telegram_sessions_tenant_idx (all changed by 0006_telegram_multiaccount.sql).
CREATE TABLE IF NOT EXISTS telegram_sessions (
    id              VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       VARCHAR NOT NULL,
    channel_id      VARCHAR,
    phone_number    TEXT NOT NULL,
    session_string  TEXT,
    phone_code_hash TEXT,
    status          TEXT NOT NULL DEFAULT 'pending',
    last_error      TEXT,
    user_id         TEXT,
    username        TEXT,
    first_name      TEXT,
    last_name       TEXT,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS admin_actions (
    id             VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    action_type    TEXT NOT NULL,
    target_type    TEXT NOT NULL,
    target_id      VARCHAR NOT NULL,
    admin_id       VARCHAR NOT NULL,
    reason         TEXT NOT NULL,
    previous_state JSONB,
    metadata       JSONB,
    created_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS channel_fingerprints (
    id               VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    channel_type     TEXT NOT NULL,
    fingerprint_hash TEXT NOT NULL,
    tenant_id        VARCHAR NOT NULL,
    first_seen_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_seen_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    is_blocked       BOOLEAN DEFAULT FALSE
);

CREATE TABLE IF NOT EXISTS fraud_flags (
    id          VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   VARCHAR NOT NULL,
    reason      TEXT NOT NULL,
    metadata    JSONB DEFAULT '{}',
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    resolved_at TIMESTAMP,
    resolved_by VARCHAR
);

CREATE TABLE IF NOT EXISTS integration_secrets (
    id                  VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    scope               TEXT NOT NULL,
    tenant_id           VARCHAR,
    key_name            TEXT NOT NULL,
    encrypted_value     TEXT NOT NULL,
    encryption_meta     JSONB NOT NULL,
    last_4              TEXT,
    created_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    rotated_at          TIMESTAMP,
    revoked_at          TIMESTAMP,
    created_by_admin_id VARCHAR NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS integration_secrets_active_unique_idx
    ON integration_secrets (scope, COALESCE(tenant_id, ''), key_name)
    WHERE revoked_at IS NULL;
CREATE INDEX IF NOT EXISTS integration_secrets_tenant_key_idx
    ON integration_secrets (tenant_id, key_name);

-- Pre-0013 shape: column-unique `name` (feature_flags_name_unique); 0013 replaces it
-- with the partial unique indexes feature_flags_global_unique / feature_flags_tenant_unique.
CREATE TABLE IF NOT EXISTS feature_flags (
    id          VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    name        TEXT NOT NULL,
    description TEXT,
    enabled     BOOLEAN NOT NULL DEFAULT FALSE,
    tenant_id   VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT feature_flags_name_unique UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS audit_events (
    id          VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   VARCHAR,
    actor       TEXT NOT NULL,
    actor_type  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   VARCHAR NOT NULL,
    metadata    JSONB DEFAULT '{}',
    request_id  VARCHAR,
    ip_address  TEXT,
    user_agent  TEXT,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS update_history (
    id            VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    version       TEXT NOT NULL,
    filename      TEXT NOT NULL,
    file_size     INTEGER NOT NULL,
    checksum      TEXT NOT NULL,
    changelog     TEXT,
    status        TEXT NOT NULL DEFAULT 'pending',
    backup_path   TEXT,
    applied_at    TIMESTAMP,
    applied_by_id VARCHAR,
    error_message TEXT,
    created_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS proxies (
    id                  VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    host                TEXT NOT NULL,
    port                INTEGER NOT NULL,
    protocol            TEXT NOT NULL DEFAULT 'socks5',
    username            TEXT,
    password            TEXT,
    country             TEXT,
    label               TEXT,
    status              TEXT NOT NULL DEFAULT 'available',
    assigned_tenant_id  VARCHAR,
    assigned_channel_id VARCHAR,
    last_checked_at     TIMESTAMP,
    last_error_message  TEXT,
    created_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS proxies_status_idx ON proxies (status);
CREATE INDEX IF NOT EXISTS proxies_tenant_idx ON proxies (assigned_tenant_id);
CREATE INDEX IF NOT EXISTS proxies_channel_idx ON proxies (assigned_channel_id);

-- sessions / auth_users come from shared/models/auth.ts (re-exported by shared/schema.ts).
CREATE TABLE IF NOT EXISTS sessions (
    sid    VARCHAR PRIMARY KEY,
    sess   JSONB NOT NULL,
    expire TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS "IDX_session_expire" ON sessions (expire);

CREATE TABLE IF NOT EXISTS auth_users (
    id                VARCHAR PRIMARY KEY DEFAULT gen_random_uuid(),
    email             VARCHAR,
    first_name        VARCHAR,
    last_name         VARCHAR,
    profile_image_url VARCHAR,
    created_at        TIMESTAMP DEFAULT now(),
    updated_at        TIMESTAMP DEFAULT now(),
    CONSTRAINT auth_users_email_unique UNIQUE (email)
);

-- ---------------------------------------------------------------------------------------------
-- Foreign keys (added after all tables exist). ALTER TABLE .. ADD CONSTRAINT has no IF NOT
-- EXISTS, so each one is added only when pg_constraint does not have it yet. ON UPDATE is
-- NO ACTION everywhere; ON DELETE is NO ACTION except the three CASCADEs (email_tokens.user_id,
-- knowledge_doc_chunks.doc_id, rag_chunks.rag_document_id).
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    fk record;
BEGIN
    FOR fk IN
        SELECT * FROM (VALUES
            ('users', 'tenant_id', 'tenants', 'NO ACTION',
             'users_tenant_id_tenants_id_fk'),
            ('user_invites', 'tenant_id', 'tenants', 'NO ACTION',
             'user_invites_tenant_id_tenants_id_fk'),
            ('user_invites', 'invited_by', 'users', 'NO ACTION',
             'user_invites_invited_by_users_id_fk'),
            ('email_tokens', 'user_id', 'users', 'CASCADE',
             'email_tokens_user_id_users_id_fk'),
            ('channels', 'tenant_id', 'tenants', 'NO ACTION',
             'channels_tenant_id_tenants_id_fk'),
            ('customers', 'tenant_id', 'tenants', 'NO ACTION',
             'customers_tenant_id_tenants_id_fk'),
            ('customers', 'channel_id', 'channels', 'NO ACTION',
             'customers_channel_id_channels_id_fk'),
            ('customer_notes', 'tenant_id', 'tenants', 'NO ACTION',
             'customer_notes_tenant_id_tenants_id_fk'),
            ('customer_notes', 'customer_id', 'customers', 'NO ACTION',
             'customer_notes_customer_id_customers_id_fk'),
            ('customer_notes', 'author_user_id', 'users', 'NO ACTION',
             'customer_notes_author_user_id_users_id_fk'),
            ('customer_memory', 'tenant_id', 'tenants', 'NO ACTION',
             'customer_memory_tenant_id_tenants_id_fk'),
            ('customer_memory', 'customer_id', 'customers', 'NO ACTION',
             'customer_memory_customer_id_customers_id_fk'),
            ('conversations', 'tenant_id', 'tenants', 'NO ACTION',
             'conversations_tenant_id_tenants_id_fk'),
            ('conversations', 'customer_id', 'customers', 'NO ACTION',
             'conversations_customer_id_customers_id_fk'),
            ('conversations', 'channel_id', 'channels', 'NO ACTION',
             'conversations_channel_id_channels_id_fk'),
            ('messages', 'conversation_id', 'conversations', 'NO ACTION',
             'messages_conversation_id_conversations_id_fk'),
            ('escalation_events', 'conversation_id', 'conversations', 'NO ACTION',
             'escalation_events_conversation_id_conversations_id_fk'),
            ('escalation_events', 'handled_by', 'users', 'NO ACTION',
             'escalation_events_handled_by_users_id_fk'),
            ('ai_suggestions', 'conversation_id', 'conversations', 'NO ACTION',
             'ai_suggestions_conversation_id_conversations_id_fk'),
            ('ai_suggestions', 'message_id', 'messages', 'NO ACTION',
             'ai_suggestions_message_id_messages_id_fk'),
            ('human_actions', 'suggestion_id', 'ai_suggestions', 'NO ACTION',
             'human_actions_suggestion_id_ai_suggestions_id_fk'),
            ('human_actions', 'user_id', 'users', 'NO ACTION',
             'human_actions_user_id_users_id_fk'),
            ('ai_training_samples', 'tenant_id', 'tenants', 'NO ACTION',
             'ai_training_samples_tenant_id_tenants_id_fk'),
            ('ai_training_samples', 'conversation_id', 'conversations', 'NO ACTION',
             'ai_training_samples_conversation_id_conversations_id_fk'),
            ('ai_training_policies', 'tenant_id', 'tenants', 'NO ACTION',
             'ai_training_policies_tenant_id_tenants_id_fk'),
            ('learning_queue', 'tenant_id', 'tenants', 'NO ACTION',
             'learning_queue_tenant_id_tenants_id_fk'),
            ('learning_queue', 'conversation_id', 'conversations', 'NO ACTION',
             'learning_queue_conversation_id_conversations_id_fk'),
            ('learning_queue', 'reviewed_by', 'users', 'NO ACTION',
             'learning_queue_reviewed_by_users_id_fk'),
            ('response_templates', 'tenant_id', 'tenants', 'NO ACTION',
             'response_templates_tenant_id_tenants_id_fk'),
            ('decision_settings', 'tenant_id', 'tenants', 'NO ACTION',
             'decision_settings_tenant_id_tenants_id_fk'),
            ('human_delay_settings', 'tenant_id', 'tenants', 'NO ACTION',
             'human_delay_settings_tenant_id_tenants_id_fk'),
            ('products', 'tenant_id', 'tenants', 'NO ACTION',
             'products_tenant_id_tenants_id_fk'),
            ('knowledge_docs', 'tenant_id', 'tenants', 'NO ACTION',
             'knowledge_docs_tenant_id_tenants_id_fk'),
            ('knowledge_doc_chunks', 'doc_id', 'knowledge_docs', 'CASCADE',
             'knowledge_doc_chunks_doc_id_knowledge_docs_id_fk'),
            ('knowledge_doc_chunks', 'tenant_id', 'tenants', 'NO ACTION',
             'knowledge_doc_chunks_tenant_id_tenants_id_fk'),
            ('rag_documents', 'tenant_id', 'tenants', 'NO ACTION',
             'rag_documents_tenant_id_tenants_id_fk'),
            ('rag_chunks', 'rag_document_id', 'rag_documents', 'CASCADE',
             'rag_chunks_rag_document_id_rag_documents_id_fk'),
            ('onboarding_state', 'tenant_id', 'tenants', 'NO ACTION',
             'onboarding_state_tenant_id_tenants_id_fk'),
            ('readiness_reports', 'tenant_id', 'tenants', 'NO ACTION',
             'readiness_reports_tenant_id_tenants_id_fk'),
            ('csat_ratings', 'tenant_id', 'tenants', 'NO ACTION',
             'csat_ratings_tenant_id_tenants_id_fk'),
            ('csat_ratings', 'conversation_id', 'conversations', 'NO ACTION',
             'csat_ratings_conversation_id_conversations_id_fk'),
            ('conversions', 'tenant_id', 'tenants', 'NO ACTION',
             'conversions_tenant_id_tenants_id_fk'),
            ('conversions', 'conversation_id', 'conversations', 'NO ACTION',
             'conversions_conversation_id_conversations_id_fk'),
            ('lost_deals', 'tenant_id', 'tenants', 'NO ACTION',
             'lost_deals_tenant_id_tenants_id_fk'),
            ('lost_deals', 'conversation_id', 'conversations', 'NO ACTION',
             'lost_deals_conversation_id_conversations_id_fk'),
            ('subscriptions', 'tenant_id', 'tenants', 'NO ACTION',
             'subscriptions_tenant_id_tenants_id_fk'),
            ('subscriptions', 'plan_id', 'plans', 'NO ACTION',
             'subscriptions_plan_id_plans_id_fk'),
            ('subscription_grants', 'tenant_id', 'tenants', 'NO ACTION',
             'subscription_grants_tenant_id_tenants_id_fk'),
            ('subscription_grants', 'granted_by_user_id', 'users', 'NO ACTION',
             'subscription_grants_granted_by_user_id_users_id_fk'),
            ('subscription_grants', 'revoked_by_user_id', 'users', 'NO ACTION',
             'subscription_grants_revoked_by_user_id_users_id_fk'),
            ('telegram_sessions', 'tenant_id', 'tenants', 'NO ACTION',
             'telegram_sessions_tenant_id_tenants_id_fk'),
            ('telegram_sessions', 'channel_id', 'channels', 'NO ACTION',
             'telegram_sessions_channel_id_channels_id_fk'),
            ('admin_actions', 'admin_id', 'users', 'NO ACTION',
             'admin_actions_admin_id_users_id_fk'),
            ('channel_fingerprints', 'tenant_id', 'tenants', 'NO ACTION',
             'channel_fingerprints_tenant_id_tenants_id_fk'),
            ('fraud_flags', 'tenant_id', 'tenants', 'NO ACTION',
             'fraud_flags_tenant_id_tenants_id_fk'),
            ('fraud_flags', 'resolved_by', 'users', 'NO ACTION',
             'fraud_flags_resolved_by_users_id_fk'),
            ('integration_secrets', 'tenant_id', 'tenants', 'NO ACTION',
             'integration_secrets_tenant_id_tenants_id_fk'),
            ('integration_secrets', 'created_by_admin_id', 'users', 'NO ACTION',
             'integration_secrets_created_by_admin_id_users_id_fk'),
            ('feature_flags', 'tenant_id', 'tenants', 'NO ACTION',
             'feature_flags_tenant_id_tenants_id_fk'),
            ('audit_events', 'tenant_id', 'tenants', 'NO ACTION',
             'audit_events_tenant_id_tenants_id_fk'),
            ('update_history', 'applied_by_id', 'users', 'NO ACTION',
             'update_history_applied_by_id_users_id_fk'),
            ('proxies', 'assigned_tenant_id', 'tenants', 'NO ACTION',
             'proxies_assigned_tenant_id_tenants_id_fk'),
            ('proxies', 'assigned_channel_id', 'channels', 'NO ACTION',
             'proxies_assigned_channel_id_channels_id_fk')

        ) AS v(tbl, col, reftbl, on_delete, conname)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint
            WHERE conname = fk.conname
              AND conrelid = to_regclass(format('public.%I', fk.tbl))
        ) THEN
            EXECUTE format(
                'ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES %I (id)'
                ' ON DELETE %s ON UPDATE NO ACTION',
                fk.tbl, fk.conname, fk.col, fk.reftbl, fk.on_delete);
        END IF;
    END LOOP;
END $$;
