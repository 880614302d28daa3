-- salesgate:no-transaction
-- 0018_operation_indexes.sql
-- Added by salesgate (no old counterpart).
--
-- The indexes the operations of storage-api §3–§33 and its Appendix A need (issues 9 and 10):
-- the old schema indexed almost nothing by tenant, so every tenant's list, search and count
-- scanned the whole table, and several foreign keys (a doc's chunks, a document's chunks, a
-- user's tokens) had no index for their cascades. One index per access path, each leading with
-- what the statement filters on (the tenant for tenant lists), ending with the list's order.
--
-- CONCURRENTLY, so existing tables are never write-locked; hence the no-transaction marker. An
-- interrupted build leaves an INVALID index, which the DO block drops, so running the file
-- again repairs it.

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY[
        'products_tenant_created_idx',
        'knowledge_docs_tenant_created_idx',
        'knowledge_doc_chunks_doc_idx',
        'rag_documents_tenant_source_idx',
        'rag_chunks_document_idx',
        'ai_training_samples_tenant_created_idx',
        'learning_queue_tenant_pending_idx',
        'response_templates_tenant_created_idx',
        'users_oidc_id_idx',
        'users_tenant_created_idx',
        'user_invites_tenant_email_pending_idx',
        'email_tokens_user_type_idx',
        'customer_notes_tenant_customer_created_idx',
        'subscriptions_trialing_ends_idx',
        'subscriptions_active_period_end_idx',
        'channel_fingerprints_hash_type_idx',
        'fraud_flags_tenant_created_idx',
        'subscription_grants_tenant_created_idx',
        'csat_ratings_tenant_created_idx',
        'conversions_tenant_created_idx',
        'lost_deals_tenant_created_idx',
        'readiness_reports_tenant_created_idx',
        'message_templates_tenant_order_idx',
        'audit_events_tenant_created_idx',
        'audit_events_entity_created_idx',
        'audit_events_tenant_conversation_idx',
        'audit_events_created_idx',
        'proxies_available_created_idx',
        'telegram_sessions_tenant_created_idx',
        'telegram_sessions_active_idx',
        'vehicle_lookup_cases_tenant_conversation_created_idx',
        'integration_secrets_created_idx',
        'update_history_created_idx'
    ] LOOP
        IF EXISTS (
            SELECT 1 FROM pg_index i
            WHERE i.indexrelid = to_regclass('public.' || name) AND NOT i.indisvalid
        ) THEN
            EXECUTE format('DROP INDEX %I', name);
        END IF;
    END LOOP;
END $$;

-- A tenant's products in pages, and their search (§12).
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_tenant_created_idx
    ON products (tenant_id, created_at, id);
-- A tenant's knowledge docs in pages, and their search (§13).
CREATE INDEX CONCURRENTLY IF NOT EXISTS knowledge_docs_tenant_created_idx
    ON knowledge_docs (tenant_id, created_at, id);
-- The chunks of a doc (its ON DELETE CASCADE).
CREATE INDEX CONCURRENTLY IF NOT EXISTS knowledge_doc_chunks_doc_idx
    ON knowledge_doc_chunks (doc_id);
-- A source's RAG documents (deleteRagBySource, getRagChunksBySource).
CREATE INDEX CONCURRENTLY IF NOT EXISTS rag_documents_tenant_source_idx
    ON rag_documents (tenant_id, type, source_id);
-- A document's chunks (every chunk scan, its ON DELETE CASCADE).
CREATE INDEX CONCURRENTLY IF NOT EXISTS rag_chunks_document_idx
    ON rag_chunks (rag_document_id, chunk_index);
-- A tenant's training samples, newest first, and their count (§16).
CREATE INDEX CONCURRENTLY IF NOT EXISTS ai_training_samples_tenant_created_idx
    ON ai_training_samples (tenant_id, created_at, id);
-- A tenant's pending queue by score (§18).
CREATE INDEX CONCURRENTLY IF NOT EXISTS learning_queue_tenant_pending_idx
    ON learning_queue (tenant_id, learning_score DESC, id DESC)
    WHERE status = 'pending'::text;
-- A tenant's response templates (§20).
CREATE INDEX CONCURRENTLY IF NOT EXISTS response_templates_tenant_created_idx
    ON response_templates (tenant_id, created_at, id);
-- Logins by OIDC id (§3).
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_oidc_id_idx
    ON users (oidc_id)
    WHERE oidc_id IS NOT NULL;
-- A tenant's users.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_tenant_created_idx
    ON users (tenant_id, created_at, id);
-- A tenant's pending invite for an e-mail (§4).
CREATE INDEX CONCURRENTLY IF NOT EXISTS user_invites_tenant_email_pending_idx
    ON user_invites (tenant_id, lower(email))
    WHERE used_at IS NULL;
-- A user's tokens (invalidateUserTokens, the ON DELETE CASCADE of users).
CREATE INDEX CONCURRENTLY IF NOT EXISTS email_tokens_user_type_idx
    ON email_tokens (user_id, type);
-- A customer's notes, newest first; counts and deletion by tenant and customer.
CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_notes_tenant_customer_created_idx
    ON customer_notes (tenant_id, customer_id, created_at, id);
-- refreshExpiredSubscriptions: trials that ended.
CREATE INDEX CONCURRENTLY IF NOT EXISTS subscriptions_trialing_ends_idx
    ON subscriptions (trial_ends_at)
    WHERE status = 'trialing'::text;
-- refreshExpiredSubscriptions: periods that ended.
CREATE INDEX CONCURRENTLY IF NOT EXISTS subscriptions_active_period_end_idx
    ON subscriptions (current_period_end)
    WHERE status = 'active'::text;
-- The channel-reuse check across tenants and fingerprint registration.
CREATE INDEX CONCURRENTLY IF NOT EXISTS channel_fingerprints_hash_type_idx
    ON channel_fingerprints (fingerprint_hash, channel_type, tenant_id);
-- A tenant's fraud flags.
CREATE INDEX CONCURRENTLY IF NOT EXISTS fraud_flags_tenant_created_idx
    ON fraud_flags (tenant_id, created_at, id);
-- A tenant's grants, newest first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS subscription_grants_tenant_created_idx
    ON subscription_grants (tenant_id, created_at, id);
-- A tenant's ratings, newest first (§24).
CREATE INDEX CONCURRENTLY IF NOT EXISTS csat_ratings_tenant_created_idx
    ON csat_ratings (tenant_id, created_at, id);
-- A tenant's conversions, newest first (§24).
CREATE INDEX CONCURRENTLY IF NOT EXISTS conversions_tenant_created_idx
    ON conversions (tenant_id, created_at, id);
-- A tenant's lost deals, newest first (§24).
CREATE INDEX CONCURRENTLY IF NOT EXISTS lost_deals_tenant_created_idx
    ON lost_deals (tenant_id, created_at, id);
-- A tenant's latest readiness report (§23).
CREATE INDEX CONCURRENTLY IF NOT EXISTS readiness_reports_tenant_created_idx
    ON readiness_reports (tenant_id, created_at, id);
-- A tenant's templates in their order (§31).
CREATE INDEX CONCURRENTLY IF NOT EXISTS message_templates_tenant_order_idx
    ON message_templates (tenant_id, "order", created_at, id);
-- A tenant's recent audit events.
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_events_tenant_created_idx
    ON audit_events (tenant_id, created_at, id);
-- An entity's audit events (by entity, by conversation).
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_events_entity_created_idx
    ON audit_events (entity_type, entity_id, created_at);
-- A conversation's audit events found through metadata.conversationId.
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_events_tenant_conversation_idx
    ON audit_events (tenant_id, (metadata ->> 'conversationId'::text));
-- All audit events, newest first (platform).
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_events_created_idx
    ON audit_events (created_at, id);
-- Picking an available proxy.
CREATE INDEX CONCURRENTLY IF NOT EXISTS proxies_available_created_idx
    ON proxies (created_at, id)
    WHERE status = 'available'::text;
-- A tenant's Telegram accounts.
CREATE INDEX CONCURRENTLY IF NOT EXISTS telegram_sessions_tenant_created_idx
    ON telegram_sessions (tenant_id, created_at, id);
-- The active accounts of every tenant (the bot manager).
CREATE INDEX CONCURRENTLY IF NOT EXISTS telegram_sessions_active_idx
    ON telegram_sessions (created_at, id)
    WHERE status = 'active'::text AND is_enabled;
-- A conversation's latest and active lookup cases.
CREATE INDEX CONCURRENTLY IF NOT EXISTS vehicle_lookup_cases_tenant_conversation_created_idx
    ON vehicle_lookup_cases (tenant_id, conversation_id, created_at);
-- The secrets list, newest first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS integration_secrets_created_idx
    ON integration_secrets (created_at);
-- The update history, newest first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS update_history_created_idx
    ON update_history (created_at);

-- RAG embeddings are long JSON number arrays read whole by every search: lz4 decompresses them
-- several times faster than the default pglz (rows written from now on; PostgreSQL 14+, built
-- with lz4 as Debian's and most distributions' are). Not a schema object: schema verify ignores it.
DO $$
BEGIN
    ALTER TABLE rag_chunks ALTER COLUMN embedding SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR undefined_object THEN
    RAISE NOTICE 'rag_chunks.embedding keeps the default compression: %', SQLERRM;
END $$;
