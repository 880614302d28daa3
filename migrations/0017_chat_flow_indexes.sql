-- salesgate:no-transaction
-- 0017_chat_flow_indexes.sql
-- Added by salesgate (no old counterpart).
--
-- The old schema has no index for the chat flow's hot queries: reading a conversation's
-- messages, finding a customer's active conversation, listing a tenant's conversations by
-- activity, a tenant's feature-flag overrides. Each would scan a whole table. It also has no
-- index on the columns that reference conversations, messages and suggestions, so deleting a
-- conversation (and PostgreSQL's foreign-key checks while doing it) scanned every child table.
--
-- CONCURRENTLY, so existing big tables (messages above all) are never write-locked; hence the
-- no-transaction marker. An interrupted build leaves an INVALID index, which the DO block
-- before each build drops, so running the file again repairs it.

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY[
        'messages_conversation_created_idx',
        'conversations_customer_status_created_idx',
        'conversations_tenant_last_message_idx',
        'customers_tenant_created_idx',
        'channels_tenant_type_idx',
        'feature_flags_tenant_idx',
        'ai_suggestions_conversation_created_idx',
        'ai_suggestions_message_idx',
        'human_actions_suggestion_idx',
        'ai_training_samples_conversation_idx',
        'learning_queue_conversation_idx',
        'lost_deals_conversation_idx',
        'escalation_events_conversation_idx',
        'vehicle_lookup_cases_conversation_idx',
        'vehicle_lookup_cases_message_idx'
    ] LOOP
        IF EXISTS (
            SELECT 1 FROM pg_index i
            WHERE i.indexrelid = to_regclass('public.' || name) AND NOT i.indisvalid
        ) THEN
            EXECUTE format('DROP INDEX %I', name);
        END IF;
    END LOOP;
END $$;

-- W3: a conversation's messages, newest first, in (created_at, id) pages.
CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_conversation_created_idx
    ON messages (conversation_id, created_at, id);

-- W2: a customer's newest active conversation.
CREATE INDEX CONCURRENTLY IF NOT EXISTS conversations_customer_status_created_idx
    ON conversations (customer_id, status, created_at, id);

-- A tenant's conversations by last activity (getConversationsByTenant).
CREATE INDEX CONCURRENTLY IF NOT EXISTS conversations_tenant_last_message_idx
    ON conversations (tenant_id, last_message_at DESC, id DESC);

-- A tenant's customers in pages (getCustomersByTenant).
CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_tenant_created_idx
    ON customers (tenant_id, created_at, id);

-- A tenant's channels, and channel families for unread counts.
CREATE INDEX CONCURRENTLY IF NOT EXISTS channels_tenant_type_idx
    ON channels (tenant_id, type);

-- W4: a tenant's overrides (the global rows use feature_flags_global_unique).
CREATE INDEX CONCURRENTLY IF NOT EXISTS feature_flags_tenant_idx
    ON feature_flags (tenant_id, name);

-- The pending suggestion of a conversation (getConversationDetail), and the columns that
-- reference conversations, messages and suggestions (deleteConversation, foreign-key checks).
CREATE INDEX CONCURRENTLY IF NOT EXISTS ai_suggestions_conversation_created_idx
    ON ai_suggestions (conversation_id, created_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ai_suggestions_message_idx
    ON ai_suggestions (message_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS human_actions_suggestion_idx
    ON human_actions (suggestion_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ai_training_samples_conversation_idx
    ON ai_training_samples (conversation_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS learning_queue_conversation_idx
    ON learning_queue (conversation_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS lost_deals_conversation_idx
    ON lost_deals (conversation_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS escalation_events_conversation_idx
    ON escalation_events (conversation_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS vehicle_lookup_cases_conversation_idx
    ON vehicle_lookup_cases (conversation_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS vehicle_lookup_cases_message_idx
    ON vehicle_lookup_cases (message_id);
