//! The 51 tables of the schema (schema.md §1–§11), one `const` each, in the canonical shape the
//! migration files create. Column order follows schema.md. See [`crate::schema`] for what the
//! fields mean and what is derived from them.

use crate::enums::*;
use crate::migration::*;
use crate::schema::JsonShape::{Any, Attachments, Object, StringArray};
use crate::schema::Rule::{Email, GreaterThan, HhMm, ItemLen, Json, KeyName, Len, OneOf, Range};
use crate::schema::SqlType::{Boolean, Integer, Jsonb, Real, Text, TextArray, Timestamp, Varchar};
use crate::schema::{Column, Owner, Rule, Table, col, index};

// Columns most tables share.
const fn id() -> Column {
    col("id", "id", Varchar).primary_key().default("gen_random_uuid()").server()
}
/// Tables created by migrations 0003/0005/0006 write the id default with a cast (migrations.md §4).
const fn id_text() -> Column {
    col("id", "id", Varchar).primary_key().default("(gen_random_uuid())::text").server()
}
const fn tenant_id() -> Column {
    col("tenant_id", "tenantId", Varchar).not_null().references("tenants", "id").server()
}
/// `tenant_id` as the primary key of the one-row-per-tenant settings tables.
const fn tenant_pk() -> Column {
    col("tenant_id", "tenantId", Varchar).primary_key().references("tenants", "id").server()
}
const fn created_at() -> Column {
    col("created_at", "createdAt", Timestamp).not_null().default("CURRENT_TIMESTAMP").server()
}
const fn updated_at() -> Column {
    col("updated_at", "updatedAt", Timestamp).not_null().default("CURRENT_TIMESTAMP").server()
}
const fn text(name: &'static str, field: &'static str) -> Column {
    col(name, field, Text)
}
const fn jsonb(name: &'static str, field: &'static str, default: &'static str, shape: &'static [Rule]) -> Column {
    col(name, field, Jsonb).default(default).rules(shape)
}
const fn text_array(name: &'static str, field: &'static str) -> Column {
    col(name, field, TextArray).default("ARRAY[]::text[]")
}
const fn flag(name: &'static str, field: &'static str, default: &'static str) -> Column {
    col(name, field, Boolean).default(default)
}
const fn reference(name: &'static str, field: &'static str, table: &'static str) -> Column {
    col(name, field, Varchar).references(table, "id")
}

const OBJECT: &[Rule] = &[Json(Object)];
const STRINGS: &[Rule] = &[Json(StringArray)];
const ANY: &[Rule] = &[Json(Any)];
const NON_NEGATIVE: &[Rule] = &[Range { min: 0.0, max: 2_147_483_647.0 }];
const PERCENT: &[Rule] = &[Range { min: 0.0, max: 100.0 }];
const UNIT: &[Rule] = &[Range { min: 0.0, max: 1.0 }];
const INTENTS: &[Rule] = &[OneOf(SUGGESTION_INTENTS)];
const DECISION: &[Rule] = &[OneOf(DECISION_TYPES)];

/// Intents a suggestion may carry: VALID_INTENTS then VEHICLE_LOOKUP_INTENTS (schema.md §4.1),
/// joined at compile time so the lists cannot drift apart.
pub const SUGGESTION_INTENTS: &[&str] = &SUGGESTION_INTENT_ARRAY;
const SUGGESTION_INTENT_ARRAY: [&str; VALID_INTENTS.len() + VEHICLE_LOOKUP_INTENTS.len()] =
    concat(VALID_INTENTS, VEHICLE_LOOKUP_INTENTS);

/// `a` then `b` as one array (`N` = both lengths).
const fn concat<const N: usize>(a: &[&'static str], b: &[&'static str]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}

// ───────────────────────────── §1 Tenancy & users ─────────────────────────────

/// `tenants` (schema.md §1.1): one row per business (store) — language, tone, working hours, reply
/// templates.
pub static TENANTS: Table = Table {
    name: "tenants",
    entity: "Tenant",
    doc: "One row per business (store): language, tone, working hours, reply templates.",
    since: BASELINE,
    owner: Owner::Itself,
    columns: &[
        id(),
        text("name", "name").not_null().rules(&[Len { min: 1, max: 200 }]),
        text("language", "language").not_null().default("'ru'").rules(&[Len { min: 1, max: 10 }]),
        text("tone", "tone").not_null().default("'formal'").rules(&[OneOf(TONES)]),
        text("address_style", "addressStyle").not_null().default("'vy'").rules(&[OneOf(ADDRESS_STYLES)]),
        text("currency", "currency").not_null().default("'RUB'").rules(&[Len { min: 3, max: 3 }]),
        text("timezone", "timezone").not_null().default("'Europe/Moscow'").rules(&[Len { min: 1, max: 50 }]),
        text("working_hours_start", "workingHoursStart").default("'09:00'").rules(&[HhMm]),
        text("working_hours_end", "workingHoursEnd").default("'18:00'").rules(&[HhMm]),
        col("working_days", "workingDays", TextArray)
            .default("ARRAY['mon','tue','wed','thu','fri']")
            .rules(&[OneOf(WEEKDAYS), Len { min: 0, max: 7 }]),
        flag("auto_reply_outside_hours", "autoReplyOutsideHours", "true"),
        text("escalation_email", "escalationEmail").rules(&[Email]),
        text("escalation_telegram", "escalationTelegram").rules(&[Len { min: 0, max: 100 }]),
        flag("allow_discounts", "allowDiscounts", "false"),
        col("max_discount_percent", "maxDiscountPercent", Integer).default("0").rules(PERCENT),
        // Restricting a tenant is a platform action (fraud prevention), not a tenant edit.
        text("status", "status").not_null().default("'active'").server().rules(&[OneOf(TENANT_STATUSES)]),
        jsonb("templates", "templates", "'{}'::jsonb", OBJECT).since(M0004_TENANT_TEMPLATES),
        created_at(),
    ],
    indexes: &[],
};

/// `users` (schema.md §1.2): business users and platform staff; local password auth with optional
/// OIDC link.
pub static USERS: Table = Table {
    name: "users",
    entity: "User",
    doc: "Business users and platform staff; local password auth with optional OIDC link.",
    since: BASELINE,
    owner: Owner::OptionalTenant { shared: false },
    columns: &[
        id(),
        reference("tenant_id", "tenantId", "tenants").server(),
        text("username", "username").not_null().rules(&[Len { min: 1, max: 100 }]),
        text("password", "password").not_null().service_read(),
        text("role", "role").not_null().default("'operator'").rules(&[OneOf(USER_ROLES)]),
        text("email", "email").rules(&[Email]),
        col("email_verified_at", "emailVerifiedAt", Timestamp).server(),
        text("auth_provider", "authProvider").default("'local'").rules(&[OneOf(AUTH_PROVIDERS)]),
        text("oidc_id", "oidcId").rules(&[Len { min: 0, max: 255 }]),
        col("password_updated_at", "passwordUpdatedAt", Timestamp).server(),
        col("last_login_at", "lastLoginAt", Timestamp).server(),
        col("failed_login_attempts", "failedLoginAttempts", Integer).default("0").server(),
        col("locked_until", "lockedUntil", Timestamp).server(),
        flag("is_platform_admin", "isPlatformAdmin", "false").not_null().server(),
        flag("is_platform_owner", "isPlatformOwner", "false").not_null().server(),
        flag("is_disabled", "isDisabled", "false").not_null().server(),
        col("disabled_at", "disabledAt", Timestamp).server(),
        text("disabled_reason", "disabledReason").server(),
        created_at(),
    ],
    indexes: &[
        index("users_username_unique", &["username"]).constraint(),
        index("users_email_unique_lower_idx", &["lower(email)"])
            .unique()
            .filter("email IS NOT NULL")
            .since(M0001B_EMAIL_UNIQUE),
        index("users_oidc_id_idx", &["oidc_id"]).filter("oidc_id IS NOT NULL").since(M0018_OPERATION_INDEXES),
        index("users_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES),
    ],
};

/// `user_invites` (schema.md §1.3): team-member invitations; only the SHA-256 hash of the invite
/// token is stored.
pub static USER_INVITES: Table = Table {
    name: "user_invites",
    entity: "UserInvite",
    doc: "Team-member invitations; only the SHA-256 hash of the invite token is stored.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        text("email", "email").not_null().rules(&[Email]),
        text("role", "role").not_null().default("'operator'").rules(&[OneOf(USER_ROLES)]),
        text("token_hash", "tokenHash").not_null().service_read().rules(&[Len { min: 1, max: 128 }]),
        reference("invited_by", "invitedBy", "users"),
        col("expires_at", "expiresAt", Timestamp).not_null(),
        col("used_at", "usedAt", Timestamp).server(),
        created_at(),
    ],
    indexes: &[
        index("user_invites_token_hash_unique", &["token_hash"]).constraint(),
        index("user_invites_tenant_email_pending_idx", &["tenant_id", "lower(email)"])
            .filter("used_at IS NULL")
            .since(M0018_OPERATION_INDEXES),
    ],
};

/// `email_tokens` (schema.md §1.4): single-use e-mail verification and password-reset tokens (hash
/// only).
pub static EMAIL_TOKENS: Table = Table {
    name: "email_tokens",
    entity: "EmailToken",
    doc: "Single-use e-mail verification and password-reset tokens (hash only).",
    since: BASELINE,
    owner: Owner::Via { column: "user_id", parent: &USERS },
    columns: &[
        id(),
        col("user_id", "userId", Varchar).not_null().references_cascade("users", "id"),
        text("token_hash", "tokenHash").not_null().service_read().rules(&[Len { min: 1, max: 128 }]),
        text("type", "type").not_null().rules(&[OneOf(EMAIL_TOKEN_TYPES)]),
        col("expires_at", "expiresAt", Timestamp).not_null(),
        col("used_at", "usedAt", Timestamp),
        created_at(),
    ],
    indexes: &[
        index("email_tokens_token_hash_unique", &["token_hash"]).constraint(),
        index("email_tokens_user_type_idx", &["user_id", "type"]).since(M0018_OPERATION_INDEXES),
    ],
};

// ───────────────────────────── §2 Channels & customers ─────────────────────────────

/// `channels` (schema.md §2.1): per-tenant messenger channel configurations.
pub static CHANNELS: Table = Table {
    name: "channels",
    entity: "Channel",
    doc: "Per-tenant messenger channel configurations.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        text("type", "type").not_null().create_only().rules(&[OneOf(CHANNEL_TYPES)]),
        text("name", "name").not_null().rules(&[Len { min: 1, max: 200 }]),
        jsonb("config", "config", "'{}'::jsonb", OBJECT).admin_read(),
        flag("is_active", "isActive", "true"),
        created_at(),
    ],
    indexes: &[index("channels_tenant_type_idx", &["tenant_id", "type"]).since(M0017_CHAT_FLOW_INDEXES)],
};

/// `customers` (schema.md §2.2): end users who write to the business through a channel.
pub static CUSTOMERS: Table = Table {
    name: "customers",
    entity: "Customer",
    doc: "End users who write to the business through a channel.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        reference("channel_id", "channelId", "channels").create_only(),
        text("channel", "channel").create_only().rules(&[OneOf(CHANNEL_TYPES)]),
        text("external_id", "externalId").create_only().rules(&[Len { min: 1, max: 256 }]),
        text("name", "name").rules(&[Len { min: 0, max: 200 }]),
        text("phone", "phone").rules(&[Len { min: 0, max: 50 }]),
        text("email", "email").rules(&[Email]),
        jsonb("tags", "tags", "'[]'::jsonb", &[Json(StringArray), Len { min: 0, max: 50 }, ItemLen(100)]),
        jsonb("metadata", "metadata", "'{}'::jsonb", OBJECT).create_only(),
        created_at(),
        updated_at(),
    ],
    indexes: &[
        index("customers_tenant_channel_external_idx", &["tenant_id", "channel", "external_id"]).unique(),
        index("customers_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0017_CHAT_FLOW_INDEXES),
    ],
};

/// `customer_notes` (schema.md §2.3): operator notes attached to a customer.
pub static CUSTOMER_NOTES: Table = Table {
    name: "customer_notes",
    entity: "CustomerNote",
    doc: "Operator notes attached to a customer.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("customer_id", "customerId", Varchar).not_null().references("customers", "id").create_only(),
        reference("author_user_id", "authorUserId", "users").create_only(),
        text("note_text", "noteText").not_null().rules(&[Len { min: 1, max: 2048 }]),
        created_at(),
    ],
    indexes: &[index("customer_notes_tenant_customer_created_idx", &["tenant_id", "customer_id", "created_at", "id"])
        .since(M0018_OPERATION_INDEXES)],
};

/// `customer_memory` (schema.md §2.4): long-term AI memory per customer: preferences, topic
/// counters, last summary.
pub static CUSTOMER_MEMORY: Table = Table {
    name: "customer_memory",
    entity: "CustomerMemory",
    doc: "Long-term AI memory per customer: preferences, topic counters, last summary.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("customer_id", "customerId", Varchar).not_null().references("customers", "id").create_only(),
        jsonb("preferences", "preferences", "'{}'::jsonb", OBJECT),
        jsonb("frequent_topics", "frequentTopics", "'{}'::jsonb", OBJECT),
        text("last_summary_text", "lastSummaryText"),
        updated_at(),
    ],
    indexes: &[index("customer_memory_tenant_customer_idx", &["tenant_id", "customer_id"]).unique()],
};

// ───────────────────────────── §3 Conversations & messages ─────────────────────────────

/// `conversations` (schema.md §3.1): a dialog thread between one customer and the tenant.
pub static CONVERSATIONS: Table = Table {
    name: "conversations",
    entity: "Conversation",
    doc: "A dialog thread between one customer and the tenant.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("customer_id", "customerId", Varchar).not_null().references("customers", "id").create_only(),
        reference("channel_id", "channelId", "channels").create_only(),
        text("status", "status").not_null().default("'active'").rules(&[OneOf(CONVERSATION_STATUSES)]),
        text("mode", "mode").not_null().default("'learning'").rules(&[OneOf(CONVERSATION_MODES)]),
        col("last_message_at", "lastMessageAt", Timestamp).default("CURRENT_TIMESTAMP").server(),
        col("unread_count", "unreadCount", Integer).default("0").rules(NON_NEGATIVE),
        created_at(),
    ],
    indexes: &[
        index("conversations_customer_status_created_idx", &["customer_id", "status", "created_at", "id"])
            .since(M0017_CHAT_FLOW_INDEXES),
        index("conversations_tenant_last_message_idx", &["tenant_id", "last_message_at DESC", "id DESC"])
            .since(M0017_CHAT_FLOW_INDEXES),
    ],
};

/// `messages` (schema.md §3.2): individual messages in a conversation.
pub static MESSAGES: Table = Table {
    name: "messages",
    entity: "Message",
    doc: "Individual messages in a conversation.",
    since: BASELINE,
    owner: Owner::Via { column: "conversation_id", parent: &CONVERSATIONS },
    columns: &[
        id(),
        // Always the conversation of the path, never a body field.
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").server(),
        text("role", "role").not_null().create_only().rules(&[OneOf(MESSAGE_ROLES)]),
        text("content", "content").not_null().rules(&[Len { min: 1, max: 4000 }]),
        jsonb("attachments", "attachments", "'[]'::jsonb", &[Json(Attachments)]).create_only(),
        jsonb("metadata", "metadata", "'{}'::jsonb", OBJECT),
        created_at(),
    ],
    indexes: &[index("messages_conversation_created_idx", &["conversation_id", "created_at", "id"])
        .since(M0017_CHAT_FLOW_INDEXES)],
};

/// `escalation_events` (schema.md §3.3): hand-offs of a conversation to a human, with an
/// AI-prepared summary.
pub static ESCALATION_EVENTS: Table = Table {
    name: "escalation_events",
    entity: "EscalationEvent",
    doc: "Hand-offs of a conversation to a human, with an AI-prepared summary.",
    since: BASELINE,
    owner: Owner::Via { column: "conversation_id", parent: &CONVERSATIONS },
    columns: &[
        id(),
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").create_only(),
        text("reason", "reason").not_null().rules(&[Len { min: 1, max: 500 }]),
        text("summary", "summary").rules(&[Len { min: 0, max: 2000 }]),
        text("suggested_response", "suggestedResponse"),
        text("clarification_needed", "clarificationNeeded"),
        text("status", "status").default("'pending'").rules(&[OneOf(ESCALATION_STATUSES)]),
        reference("handled_by", "handledBy", "users"),
        col("handled_at", "handledAt", Timestamp),
        created_at(),
    ],
    indexes: &[index("escalation_events_conversation_idx", &["conversation_id"]).since(M0017_CHAT_FLOW_INDEXES)],
};

// ───────────────────────────── §4 AI suggestions, decisions, learning ─────────────────────────────

/// `ai_suggestions` (schema.md §4.1): AI-drafted replies with decision-engine scoring.
pub static AI_SUGGESTIONS: Table = Table {
    name: "ai_suggestions",
    entity: "AiSuggestion",
    doc: "AI-drafted replies with decision-engine scoring.",
    since: BASELINE,
    owner: Owner::Via { column: "conversation_id", parent: &CONVERSATIONS },
    columns: &[
        id(),
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").create_only(),
        reference("message_id", "messageId", "messages").create_only(),
        text("suggested_reply", "suggestedReply").not_null().rules(&[Len { min: 1, max: 10_000 }]),
        text("intent", "intent").rules(INTENTS),
        col("confidence", "confidence", Real).default("0").rules(UNIT),
        flag("needs_approval", "needsApproval", "true"),
        flag("needs_handoff", "needsHandoff", "false"),
        text_array("questions_to_ask", "questionsToAsk"),
        jsonb("used_sources", "usedSources", "'[]'::jsonb", ANY),
        text("status", "status").default("'pending'").rules(&[OneOf(SUGGESTION_STATUSES)]),
        created_at(),
        col("similarity_score", "similarityScore", Real),
        col("intent_score", "intentScore", Real),
        col("self_check_score", "selfCheckScore", Real),
        text("decision", "decision").rules(DECISION),
        jsonb("explanations", "explanations", "'[]'::jsonb", STRINGS),
        jsonb("penalties", "penalties", "'[]'::jsonb", ANY),
        flag("source_conflicts", "sourceConflicts", "false"),
        jsonb("missing_fields", "missingFields", "'[]'::jsonb", STRINGS),
        flag("autosend_eligible", "autosendEligible", "false"),
        text("autosend_block_reason", "autosendBlockReason").rules(&[OneOf(AUTOSEND_BLOCK_REASONS)]),
        flag("self_check_need_handoff", "selfCheckNeedHandoff", "false"),
        jsonb("self_check_reasons", "selfCheckReasons", "'[]'::jsonb", STRINGS),
    ],
    indexes: &[
        index("ai_suggestions_conversation_created_idx", &["conversation_id", "created_at"])
            .since(M0017_CHAT_FLOW_INDEXES),
        index("ai_suggestions_message_idx", &["message_id"]).since(M0017_CHAT_FLOW_INDEXES),
    ],
};

/// `human_actions` (schema.md §4.2): operator action taken on a suggestion. Named `_TABLE` because
/// [`HUMAN_ACTIONS`] is the list of actions.
pub static HUMAN_ACTIONS_TABLE: Table = Table {
    name: "human_actions",
    entity: "HumanAction",
    doc: "Operator action taken on a suggestion.",
    since: BASELINE,
    owner: Owner::Via { column: "suggestion_id", parent: &AI_SUGGESTIONS },
    columns: &[
        id(),
        col("suggestion_id", "suggestionId", Varchar).not_null().references("ai_suggestions", "id").create_only(),
        reference("user_id", "userId", "users").create_only(),
        text("action", "action").not_null().create_only().rules(&[OneOf(HUMAN_ACTIONS)]),
        text("original_text", "originalText"),
        text("edited_text", "editedText").rules(&[Len { min: 0, max: 4000 }]),
        text("reason", "reason").rules(&[Len { min: 0, max: 500 }]),
        created_at(),
    ],
    indexes: &[index("human_actions_suggestion_idx", &["suggestion_id"]).since(M0017_CHAT_FLOW_INDEXES)],
};

/// `ai_training_samples` (schema.md §4.3): dataset rows (question, AI draft, final answer, outcome)
/// for few-shot learning.
pub static AI_TRAINING_SAMPLES: Table = Table {
    name: "ai_training_samples",
    entity: "AiTrainingSample",
    doc: "Dataset rows (question, AI draft, final answer, outcome) for few-shot learning.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").create_only(),
        text("user_message", "userMessage").not_null(),
        text("ai_suggestion", "aiSuggestion").not_null(),
        text("final_answer", "finalAnswer"),
        text("intent", "intent").rules(INTENTS),
        text("decision", "decision").rules(DECISION),
        text("outcome", "outcome").not_null().rules(&[OneOf(TRAINING_OUTCOMES)]),
        text("rejection_reason", "rejectionReason"),
        created_at(),
    ],
    indexes: &[
        index("ai_training_samples_conversation_idx", &["conversation_id"]).since(M0017_CHAT_FLOW_INDEXES),
        index("ai_training_samples_tenant_created_idx", &["tenant_id", "created_at", "id"])
            .since(M0018_OPERATION_INDEXES),
    ],
};

/// `ai_training_policies` (schema.md §4.4): per-tenant learning configuration (one row per tenant).
pub static AI_TRAINING_POLICIES: Table = Table {
    name: "ai_training_policies",
    entity: "AiTrainingPolicy",
    doc: "Per-tenant learning configuration (one row per tenant).",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        tenant_pk(),
        text_array("always_escalate_intents", "alwaysEscalateIntents").rules(&[Len { min: 0, max: 50 }, ItemLen(100)]),
        text_array("forbidden_topics", "forbiddenTopics").rules(&[Len { min: 0, max: 100 }, ItemLen(200)]),
        text_array("disabled_learning_intents", "disabledLearningIntents")
            .rules(&[Len { min: 0, max: 50 }, ItemLen(100)]),
        updated_at(),
    ],
    indexes: &[],
};

/// `learning_queue` (schema.md §4.5): conversations flagged for human review to improve training
/// data.
pub static LEARNING_QUEUE: Table = Table {
    name: "learning_queue",
    entity: "LearningQueueItem",
    doc: "Conversations flagged for human review to improve training data.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").create_only(),
        col("learning_score", "learningScore", Integer).not_null().default("0").rules(NON_NEGATIVE),
        text_array("reasons", "reasons").rules(&[OneOf(LEARNING_SCORE_REASONS)]),
        text("status", "status").not_null().default("'pending'").rules(&[OneOf(LEARNING_QUEUE_STATUSES)]),
        reference("reviewed_by", "reviewedBy", "users"),
        col("reviewed_at", "reviewedAt", Timestamp).server(),
        created_at(),
    ],
    indexes: &[
        index("learning_queue_conversation_idx", &["conversation_id"]).since(M0017_CHAT_FLOW_INDEXES),
        index("learning_queue_tenant_pending_idx", &["tenant_id", "learning_score DESC", "id DESC"])
            .filter("status = 'pending'::text")
            .since(M0018_OPERATION_INDEXES),
    ],
};

/// `response_templates` (schema.md §4.6): operator quick-reply templates (legacy; distinct from
/// `message_templates`).
pub static RESPONSE_TEMPLATES: Table = Table {
    name: "response_templates",
    entity: "ResponseTemplate",
    doc: "Operator quick-reply templates (legacy; distinct from message_templates).",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        text("name", "name").not_null().rules(&[Len { min: 1, max: 255 }]),
        text("content", "content").not_null().rules(&[Len { min: 1, max: 10_000 }]),
        text("category", "category").rules(&[Len { min: 0, max: 100 }]),
        text_array("triggers", "triggers").rules(&[Len { min: 0, max: 50 }, ItemLen(200)]),
        flag("is_active", "isActive", "true"),
        col("usage_count", "usageCount", Integer).default("0").rules(NON_NEGATIVE),
        created_at(),
    ],
    indexes: &[index("response_templates_tenant_created_idx", &["tenant_id", "created_at", "id"])
        .since(M0018_OPERATION_INDEXES)],
};

/// `decision_settings` (schema.md §4.7): per-tenant decision-engine thresholds.
pub static DECISION_SETTINGS: Table = Table {
    name: "decision_settings",
    entity: "DecisionSettings",
    doc: "Per-tenant decision-engine thresholds.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        tenant_pk(),
        col("t_auto", "tAuto", Real).not_null().default("0.80").rules(UNIT),
        col("t_escalate", "tEscalate", Real).not_null().default("0.40").rules(UNIT),
        flag("autosend_allowed", "autosendAllowed", "false").not_null(),
        jsonb(
            "intents_autosend_allowed",
            "intentsAutosendAllowed",
            "'[\"price\",\"availability\",\"shipping\",\"other\"]'::jsonb",
            STRINGS,
        ),
        jsonb("intents_force_handoff", "intentsForceHandoff", "'[\"discount\",\"complaint\"]'::jsonb", STRINGS),
        updated_at(),
    ],
    indexes: &[],
};

/// The SQL default of `human_delay_settings.delay_profiles`: DEFAULT_DELAY_PROFILES (schema.md
/// §4.8; ms and characters per second), also what getHumanDelaySettings answers for a tenant
/// without a row.
pub const DEFAULT_DELAY_PROFILES: &str = "'{\"SHORT\":{\"baseMin\":2000,\"baseMax\":4000,\"typingSpeed\":40,\"jitter\":500},\
     \"MEDIUM\":{\"baseMin\":4000,\"baseMax\":8000,\"typingSpeed\":35,\"jitter\":1000},\
     \"LONG\":{\"baseMin\":8000,\"baseMax\":15000,\"typingSpeed\":30,\"jitter\":2000}}'::jsonb";

/// `human_delay_settings` (schema.md §4.8): per-tenant human-like reply delay configuration.
pub static HUMAN_DELAY_SETTINGS: Table = Table {
    name: "human_delay_settings",
    entity: "HumanDelaySettings",
    doc: "Per-tenant human-like reply delay configuration.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        tenant_pk(),
        flag("enabled", "enabled", "false").not_null(),
        // DEFAULT_DELAY_PROFILES (schema.md §4.8), as the baseline migration writes it.
        jsonb("delay_profiles", "delayProfiles", DEFAULT_DELAY_PROFILES, OBJECT),
        text("night_mode", "nightMode").not_null().default("'DELAY'").rules(&[OneOf(NIGHT_MODES)]),
        col("night_delay_multiplier", "nightDelayMultiplier", Real)
            .not_null()
            .default("3.0")
            .rules(&[Range { min: 0.0, max: 100.0 }]),
        text("night_auto_reply_text", "nightAutoReplyText")
            .default("'Спасибо за сообщение! Мы ответим в рабочее время.'")
            .rules(&[Len { min: 0, max: 2000 }]),
        col("min_delay_ms", "minDelayMs", Integer).not_null().default("3000").rules(NON_NEGATIVE),
        col("max_delay_ms", "maxDelayMs", Integer).not_null().default("120000").rules(NON_NEGATIVE),
        flag("typing_indicator_enabled", "typingIndicatorEnabled", "true").not_null(),
        updated_at(),
    ],
    indexes: &[],
};

// ───────────────────────────── §5 Catalog, knowledge base, RAG ─────────────────────────────

/// `products` (schema.md §5.1): tenant product catalog.
pub static PRODUCTS: Table = Table {
    name: "products",
    entity: "Product",
    doc: "Tenant product catalog.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        text("sku", "sku").rules(&[Len { min: 0, max: 50 }]),
        text("name", "name").not_null().rules(&[Len { min: 1, max: 200 }]),
        text("description", "description").rules(&[Len { min: 0, max: 10_000 }]),
        col("price", "price", Real).rules(&[Range { min: 0.0, max: 8_388_607.0 }]),
        text("currency", "currency").default("'RUB'").rules(&[Len { min: 3, max: 3 }]),
        text("category", "category").rules(&[Len { min: 0, max: 100 }]),
        flag("in_stock", "inStock", "true"),
        col("stock_quantity", "stockQuantity", Integer).rules(NON_NEGATIVE),
        jsonb("variants", "variants", "'[]'::jsonb", ANY),
        text_array("images", "images").rules(&[Len { min: 0, max: 50 }, ItemLen(2048)]),
        text("delivery_info", "deliveryInfo").rules(&[Len { min: 0, max: 2000 }]),
        created_at(),
    ],
    indexes: &[index("products_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES)],
};

/// `knowledge_docs` (schema.md §5.2): knowledge-base documents (policies, FAQ, delivery, returns).
pub static KNOWLEDGE_DOCS: Table = Table {
    name: "knowledge_docs",
    entity: "KnowledgeDoc",
    doc: "Knowledge-base documents (policies, FAQ, delivery, returns).",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        text("title", "title").not_null().rules(&[Len { min: 1, max: 200 }]),
        text("content", "content").not_null().rules(&[Len { min: 1, max: 50_000 }]),
        text("category", "category").rules(&[Len { min: 0, max: 100 }]),
        text("doc_type", "docType").rules(&[OneOf(DOC_TYPES)]),
        text_array("tags", "tags").rules(&[Len { min: 0, max: 20 }, ItemLen(50)]),
        flag("is_active", "isActive", "true"),
        created_at(),
    ],
    indexes: &[
        index("knowledge_docs_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES)
    ],
};

/// `knowledge_doc_chunks` (schema.md §5.3): chunked segments of knowledge docs.
pub static KNOWLEDGE_DOC_CHUNKS: Table = Table {
    name: "knowledge_doc_chunks",
    entity: "KnowledgeDocChunk",
    doc: "Chunked segments of knowledge docs.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        col("doc_id", "docId", Varchar).not_null().references_cascade("knowledge_docs", "id").create_only(),
        tenant_id(),
        col("chunk_index", "chunkIndex", Integer).not_null().rules(NON_NEGATIVE),
        text("content", "content").not_null().rules(&[Len { min: 0, max: 50_000 }]),
        col("token_count", "tokenCount", Integer).not_null().rules(NON_NEGATIVE),
        jsonb("metadata", "metadata", "'{}'::jsonb", OBJECT),
        created_at(),
    ],
    indexes: &[index("knowledge_doc_chunks_doc_idx", &["doc_id"]).since(M0018_OPERATION_INDEXES)],
};

/// `rag_documents` (schema.md §5.4): unified retrieval index entry for a product or a knowledge
/// doc.
pub static RAG_DOCUMENTS: Table = Table {
    name: "rag_documents",
    entity: "RagDocument",
    doc: "Unified retrieval index entry for a product or a knowledge doc.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        text("type", "type").not_null().create_only().rules(&[OneOf(RAG_DOC_TYPES)]),
        col("source_id", "sourceId", Varchar).not_null().create_only().rules(&[Len { min: 1, max: 64 }]),
        text("content", "content").not_null().rules(&[Len { min: 0, max: 100_000 }]),
        jsonb("metadata", "metadata", "'{}'::jsonb", OBJECT),
        updated_at(),
        created_at(),
    ],
    indexes: &[
        index("rag_documents_tenant_source_idx", &["tenant_id", "type", "source_id"]).since(M0018_OPERATION_INDEXES)
    ],
};

/// `rag_chunks` (schema.md §5.5): chunks of RAG documents with optional embeddings (JSON text, not
/// pgvector).
pub static RAG_CHUNKS: Table = Table {
    name: "rag_chunks",
    entity: "RagChunk",
    doc: "Chunks of RAG documents with optional embeddings (JSON text, not pgvector).",
    since: BASELINE,
    owner: Owner::Via { column: "rag_document_id", parent: &RAG_DOCUMENTS },
    columns: &[
        id(),
        col("rag_document_id", "ragDocumentId", Varchar)
            .not_null()
            .references_cascade("rag_documents", "id")
            .create_only(),
        text("chunk_text", "chunkText").not_null().rules(&[Len { min: 0, max: 50_000 }]),
        col("chunk_index", "chunkIndex", Integer).not_null().rules(NON_NEGATIVE),
        col("token_count", "tokenCount", Integer).not_null().rules(NON_NEGATIVE),
        text("embedding", "embedding").rules(&[Len { min: 0, max: 200_000 }]),
        jsonb("metadata", "metadata", "'{}'::jsonb", OBJECT),
        updated_at(),
        created_at(),
    ],
    indexes: &[index("rag_chunks_document_idx", &["rag_document_id", "chunk_index"]).since(M0018_OPERATION_INDEXES)],
};

// ───────────────────────────── §6 Onboarding & analytics ─────────────────────────────

/// `onboarding_state` (schema.md §6.1): per-tenant onboarding wizard progress.
pub static ONBOARDING_STATE: Table = Table {
    name: "onboarding_state",
    entity: "OnboardingState",
    doc: "Per-tenant onboarding wizard progress.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        tenant_pk(),
        text("status", "status").not_null().default("'NOT_STARTED'").rules(&[OneOf(ONBOARDING_STATUS)]),
        text("current_step", "currentStep").not_null().default("'BUSINESS'").rules(&[OneOf(ONBOARDING_STEPS)]),
        text_array("completed_steps", "completedSteps").rules(&[OneOf(ONBOARDING_STEPS)]),
        jsonb("answers", "answers", "'{}'::jsonb", OBJECT),
        updated_at(),
    ],
    indexes: &[],
};

/// `readiness_reports` (schema.md §6.2): snapshots of the tenant's ready-for-auto-send check.
pub static READINESS_REPORTS: Table = Table {
    name: "readiness_reports",
    entity: "ReadinessReport",
    doc: "Snapshots of the tenant's ready-for-auto-send check.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("score", "score", Integer).not_null().default("0").rules(PERCENT),
        jsonb("checks", "checks", "'[]'::jsonb", ANY),
        text_array("recommendations", "recommendations").rules(&[Len { min: 0, max: 100 }, ItemLen(1000)]),
        created_at(),
    ],
    indexes: &[index("readiness_reports_tenant_created_idx", &["tenant_id", "created_at", "id"])
        .since(M0018_OPERATION_INDEXES)],
};

/// `csat_ratings` (schema.md §6.3): customer satisfaction rating (one per conversation).
pub static CSAT_RATINGS: Table = Table {
    name: "csat_ratings",
    entity: "CsatRating",
    doc: "Customer satisfaction rating (one per conversation).",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").create_only(),
        col("rating", "rating", Integer).not_null().rules(&[Range { min: 1.0, max: 5.0 }]),
        text("comment", "comment").rules(&[Len { min: 0, max: 2000 }]),
        text("intent", "intent").rules(INTENTS),
        text("decision", "decision").rules(DECISION),
        created_at(),
    ],
    indexes: &[
        index("csat_ratings_conversation_idx", &["conversation_id"]).unique(),
        index("csat_ratings_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES),
    ],
};

/// `conversions` (schema.md §6.4): purchase recorded for a conversation (one per conversation).
pub static CONVERSIONS: Table = Table {
    name: "conversions",
    entity: "Conversion",
    doc: "Purchase recorded for a conversation (one per conversation).",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").create_only(),
        col("amount", "amount", Real).not_null().rules(&[GreaterThan(0.0), Range { min: 0.0, max: 8_388_607.0 }]),
        text("currency", "currency").not_null().default("'RUB'").rules(&[Len { min: 1, max: 10 }]),
        text("intent", "intent").rules(INTENTS),
        text("decision", "decision").rules(DECISION),
        created_at(),
    ],
    indexes: &[
        index("conversions_conversation_idx", &["conversation_id"]).unique(),
        index("conversions_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES),
    ],
};

/// `lost_deals` (schema.md §6.5): where and why a customer was lost.
pub static LOST_DEALS: Table = Table {
    name: "lost_deals",
    entity: "LostDeal",
    doc: "Where and why a customer was lost.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("conversation_id", "conversationId", Varchar).not_null().references("conversations", "id").create_only(),
        text("reason", "reason").not_null().rules(&[OneOf(LOST_DEAL_REASONS)]),
        flag("detected_automatically", "detectedAutomatically", "true"),
        text("notes", "notes").rules(&[Len { min: 0, max: 2000 }]),
        created_at(),
    ],
    indexes: &[
        index("lost_deals_conversation_idx", &["conversation_id"]).since(M0017_CHAT_FLOW_INDEXES),
        index("lost_deals_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES),
    ],
};

// ───────────────────────────── §7 Billing & subscriptions ─────────────────────────────

/// `plans` (schema.md §7.1): subscription plans.
pub static PLANS: Table = Table {
    name: "plans",
    entity: "Plan",
    doc: "Subscription plans.",
    since: BASELINE,
    owner: Owner::Global,
    columns: &[
        id(),
        text("name", "name").not_null().rules(&[Len { min: 1, max: 200 }]),
        text("stripe_price_id", "stripePriceId"),
        text("stripe_product_id", "stripeProductId"),
        col("amount", "amount", Integer).not_null().rules(NON_NEGATIVE),
        text("currency", "currency").not_null().default("'usd'").rules(&[Len { min: 1, max: 10 }]),
        text("crypto_amount", "cryptoAmount").rules(&[Len { min: 0, max: 50 }]),
        text("crypto_asset", "cryptoAsset").default("'USDT'").rules(&[Len { min: 0, max: 20 }]),
        text("interval", "interval").not_null().default("'month'").rules(&[OneOf(PLAN_INTERVALS)]),
        flag("is_active", "isActive", "true"),
        created_at(),
    ],
    indexes: &[],
};

/// `subscriptions` (schema.md §7.2): one subscription row per tenant.
pub static SUBSCRIPTIONS: Table = Table {
    name: "subscriptions",
    entity: "Subscription",
    doc: "One subscription row per tenant.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        reference("plan_id", "planId", "plans"),
        text("stripe_customer_id", "stripeCustomerId"),
        text("stripe_subscription_id", "stripeSubscriptionId").rules(&[Len { min: 0, max: 255 }]),
        text("crypto_invoice_id", "cryptoInvoiceId"),
        text("payment_provider", "paymentProvider").default("'cryptobot'").rules(&[OneOf(PAYMENT_PROVIDERS)]),
        text("status", "status").not_null().default("'incomplete'").rules(&[OneOf(SUBSCRIPTION_STATUSES)]),
        col("current_period_start", "currentPeriodStart", Timestamp),
        col("current_period_end", "currentPeriodEnd", Timestamp),
        flag("cancel_at_period_end", "cancelAtPeriodEnd", "false"),
        col("canceled_at", "canceledAt", Timestamp),
        col("trial_started_at", "trialStartedAt", Timestamp),
        col("trial_ends_at", "trialEndsAt", Timestamp),
        col("trial_end", "trialEnd", Timestamp),
        flag("had_trial", "hadTrial", "false"),
        created_at(),
        updated_at(),
    ],
    indexes: &[
        index("subscriptions_tenant_id_unique", &["tenant_id"]).constraint(),
        index("subscriptions_stripe_subscription_id_unique", &["stripe_subscription_id"]).constraint(),
        index("subscriptions_trialing_ends_idx", &["trial_ends_at"])
            .filter("status = 'trialing'::text")
            .since(M0018_OPERATION_INDEXES),
        index("subscriptions_active_period_end_idx", &["current_period_end"])
            .filter("status = 'active'::text")
            .since(M0018_OPERATION_INDEXES),
    ],
};

/// `subscription_grants` (schema.md §7.3): manual free-access grants by platform admins.
pub static SUBSCRIPTION_GRANTS: Table = Table {
    name: "subscription_grants",
    entity: "SubscriptionGrant",
    doc: "Manual free-access grants by platform admins.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        col("starts_at", "startsAt", Timestamp).not_null(),
        col("ends_at", "endsAt", Timestamp).not_null(),
        col("granted_by_user_id", "grantedByUserId", Varchar).not_null().references("users", "id").server(),
        text("reason", "reason").not_null().rules(&[Len { min: 1, max: 1000 }]),
        col("revoked_at", "revokedAt", Timestamp).server(),
        reference("revoked_by_user_id", "revokedByUserId", "users").server(),
        text("revoked_reason", "revokedReason").server(),
        created_at(),
    ],
    indexes: &[
        index("subscription_grants_active_lookup_idx", &["tenant_id", "revoked_at", "ends_at", "starts_at"])
            .since(M0002_GRANTS_INDEXES),
        index("subscription_grants_tenant_created_idx", &["tenant_id", "created_at", "id"])
            .since(M0018_OPERATION_INDEXES),
    ],
};

// ───────────────────────────── §8 Auto-parts ─────────────────────────────

/// `vehicle_lookup_cache` (schema.md §8.1): cache of VIN/FRAME decoding results, shared across
/// tenants.
pub static VEHICLE_LOOKUP_CACHE: Table = Table {
    name: "vehicle_lookup_cache",
    entity: "VehicleLookupCache",
    doc: "Cache of VIN/FRAME decoding results, shared across tenants.",
    since: M0003_VEHICLE_LOOKUP,
    owner: Owner::Global,
    columns: &[
        id_text().since(M0003_VEHICLE_LOOKUP),
        text("lookup_key", "lookupKey").not_null().since(M0003_VEHICLE_LOOKUP).rules(&[Len { min: 1, max: 300 }]),
        text("id_type", "idType").not_null().since(M0003_VEHICLE_LOOKUP).rules(&[OneOf(VEHICLE_LOOKUP_ID_TYPES)]),
        text("raw_value", "rawValue").not_null().since(M0003_VEHICLE_LOOKUP),
        text("normalized_value", "normalizedValue")
            .not_null()
            .since(M0003_VEHICLE_LOOKUP)
            .rules(&[Len { min: 1, max: 100 }]),
        col("result", "result", Jsonb).not_null().since(M0003_VEHICLE_LOOKUP).rules(ANY),
        text("source", "source").not_null().since(M0003_VEHICLE_LOOKUP),
        created_at().since(M0003_VEHICLE_LOOKUP),
        updated_at().since(M0003_VEHICLE_LOOKUP),
        col("expires_at", "expiresAt", Timestamp).since(M0003_VEHICLE_LOOKUP),
    ],
    indexes: &[
        index("vehicle_lookup_cache_lookup_key_unique", &["lookup_key"]).unique().since(M0003_VEHICLE_LOOKUP),
        index("vehicle_lookup_cache_normalized_value_idx", &["normalized_value"]).since(M0003_VEHICLE_LOOKUP),
    ],
};

/// `vehicle_lookup_cases` (schema.md §8.2): one VIN/FRAME lookup job per conversation request.
pub static VEHICLE_LOOKUP_CASES: Table = Table {
    name: "vehicle_lookup_cases",
    entity: "VehicleLookupCase",
    doc: "One VIN/FRAME lookup job per conversation request.",
    since: M0003_VEHICLE_LOOKUP,
    owner: Owner::Tenant,
    columns: &[
        id_text().since(M0003_VEHICLE_LOOKUP),
        tenant_id().since(M0003_VEHICLE_LOOKUP),
        col("conversation_id", "conversationId", Varchar)
            .not_null()
            .references("conversations", "id")
            .create_only()
            .since(M0003_VEHICLE_LOOKUP),
        reference("message_id", "messageId", "messages").create_only().since(M0003_VEHICLE_LOOKUP),
        text("id_type", "idType").not_null().since(M0003_VEHICLE_LOOKUP).rules(&[OneOf(VEHICLE_LOOKUP_ID_TYPES)]),
        text("raw_value", "rawValue").not_null().since(M0003_VEHICLE_LOOKUP),
        text("normalized_value", "normalizedValue")
            .not_null()
            .since(M0003_VEHICLE_LOOKUP)
            .rules(&[Len { min: 1, max: 100 }]),
        text("status", "status").not_null().since(M0003_VEHICLE_LOOKUP).rules(&[OneOf(VEHICLE_LOOKUP_CASE_STATUSES)]),
        text("verification_status", "verificationStatus")
            .not_null()
            .since(M0003_VEHICLE_LOOKUP)
            .rules(&[OneOf(VEHICLE_LOOKUP_VERIFICATION_STATUSES)]),
        reference("cache_id", "cacheId", "vehicle_lookup_cache").since(M0003_VEHICLE_LOOKUP),
        text("error", "error").since(M0003_VEHICLE_LOOKUP),
        created_at().since(M0003_VEHICLE_LOOKUP),
        updated_at().since(M0003_VEHICLE_LOOKUP),
    ],
    indexes: &[
        index("vehicle_lookup_cases_tenant_conversation_idx", &["tenant_id", "conversation_id"])
            .since(M0003_VEHICLE_LOOKUP),
        index("vehicle_lookup_cases_status_idx", &["status"]).since(M0003_VEHICLE_LOOKUP),
        index("vehicle_lookup_cases_normalized_value_idx", &["normalized_value"]).since(M0003_VEHICLE_LOOKUP),
        index("vehicle_lookup_cases_conversation_idx", &["conversation_id"]).since(M0017_CHAT_FLOW_INDEXES),
        index("vehicle_lookup_cases_message_idx", &["message_id"]).since(M0017_CHAT_FLOW_INDEXES),
        index("vehicle_lookup_cases_tenant_conversation_created_idx", &["tenant_id", "conversation_id", "created_at"])
            .since(M0018_OPERATION_INDEXES),
    ],
};

const fn price(name: &'static str, field: &'static str, since: &'static str) -> Column {
    col(name, field, Integer).since(since).rules(NON_NEGATIVE)
}

/// `price_snapshots` (schema.md §8.3): cached price-search results per OEM / search key;
/// `tenant_id` NULL = global cache entry.
pub static PRICE_SNAPSHOTS: Table = Table {
    name: "price_snapshots",
    entity: "PriceSnapshot",
    doc: "Cached price-search results per OEM / search key; tenant_id NULL = global cache entry.",
    since: M0005_PRICE_SNAPSHOTS,
    owner: Owner::OptionalTenant { shared: true },
    columns: &[
        id_text().since(M0005_PRICE_SNAPSHOTS),
        // Nullable since 0011 (NULL = global cache entry).
        reference("tenant_id", "tenantId", "tenants").server().since(M0005_PRICE_SNAPSHOTS),
        text("oem", "oem").not_null().since(M0005_PRICE_SNAPSHOTS).rules(&[Len { min: 1, max: 200 }]),
        text("source", "source").not_null().since(M0005_PRICE_SNAPSHOTS).rules(&[Len { min: 1, max: 100 }]),
        text("currency", "currency").not_null().default("'RUB'").since(M0005_PRICE_SNAPSHOTS),
        price("min_price", "minPrice", M0005_PRICE_SNAPSHOTS),
        price("max_price", "maxPrice", M0005_PRICE_SNAPSHOTS),
        price("avg_price", "avgPrice", M0005_PRICE_SNAPSHOTS),
        price("market_min_price", "marketMinPrice", M0007_PRICE_COMMERCIAL),
        price("market_max_price", "marketMaxPrice", M0007_PRICE_COMMERCIAL),
        price("market_avg_price", "marketAvgPrice", M0007_PRICE_COMMERCIAL),
        price("sale_price", "salePrice", M0007_PRICE_COMMERCIAL),
        col("margin_pct", "marginPct", Integer)
            .default("0")
            .since(M0007_PRICE_COMMERCIAL)
            .rules(&[Range { min: -100.0, max: 1000.0 }]),
        text("price_note", "priceNote").since(M0007_PRICE_COMMERCIAL).rules(&[Len { min: 0, max: 200 }]),
        text("search_key", "searchKey").since(M0008_PRICE_SEARCH_KEY).rules(&[Len { min: 0, max: 200 }]),
        text("model_name", "modelName").since(M0011_PRICE_SNAPSHOTS_UPDATE),
        text("manufacturer", "manufacturer").since(M0011_PRICE_SNAPSHOTS_UPDATE),
        text("origin", "origin").since(M0011_PRICE_SNAPSHOTS_UPDATE),
        price("mileage_min", "mileageMin", M0011_PRICE_SNAPSHOTS_UPDATE),
        price("mileage_max", "mileageMax", M0011_PRICE_SNAPSHOTS_UPDATE),
        price("listings_count", "listingsCount", M0011_PRICE_SNAPSHOTS_UPDATE).default("0"),
        text("search_query", "searchQuery").since(M0011_PRICE_SNAPSHOTS_UPDATE),
        col("expires_at", "expiresAt", Timestamp).since(M0011_PRICE_SNAPSHOTS_UPDATE),
        jsonb("raw", "raw", "'{}'::jsonb", ANY).since(M0005_PRICE_SNAPSHOTS),
        created_at().since(M0005_PRICE_SNAPSHOTS),
    ],
    indexes: &[
        index("price_snapshots_tenant_oem_created_idx", &["tenant_id", "oem", "created_at DESC"])
            .since(M0005_PRICE_SNAPSHOTS),
        index("price_snapshots_oem_created_idx", &["oem", "created_at DESC"]).since(M0005_PRICE_SNAPSHOTS),
        index("price_snapshots_search_key_idx", &["tenant_id", "search_key"]).since(M0008_PRICE_SEARCH_KEY),
        index("idx_price_snapshots_oem_expires", &["oem", "expires_at DESC"]).since(M0011_PRICE_SNAPSHOTS_UPDATE),
    ],
};

/// `internal_prices` (schema.md §8.4): a tenant's own price list per OEM.
pub static INTERNAL_PRICES: Table = Table {
    name: "internal_prices",
    entity: "InternalPrice",
    doc: "A tenant's own price list per OEM.",
    since: M0006_INTERNAL_PRICES,
    owner: Owner::Tenant,
    columns: &[
        id_text().since(M0006_INTERNAL_PRICES),
        tenant_id().since(M0006_INTERNAL_PRICES),
        text("oem", "oem").not_null().since(M0006_INTERNAL_PRICES).rules(&[Len { min: 1, max: 200 }]),
        price("price", "price", M0006_INTERNAL_PRICES).not_null(),
        text("currency", "currency").not_null().default("'RUB'").since(M0006_INTERNAL_PRICES),
        text("condition", "condition").since(M0006_INTERNAL_PRICES).rules(&[Len { min: 0, max: 50 }]),
        text("supplier", "supplier").since(M0006_INTERNAL_PRICES).rules(&[Len { min: 0, max: 200 }]),
        updated_at().since(M0006_INTERNAL_PRICES),
    ],
    indexes: &[
        index("internal_prices_tenant_oem_condition_supplier_idx", &["tenant_id", "oem", "condition", "supplier"])
            .unique()
            .since(M0006_INTERNAL_PRICES),
        index("internal_prices_tenant_oem_idx", &["tenant_id", "oem"]).since(M0006_INTERNAL_PRICES),
    ],
};

/// `message_templates` (schema.md §8.5): tenant-editable reply templates with {{variable}}
/// placeholders.
pub static MESSAGE_TEMPLATES: Table = Table {
    name: "message_templates",
    entity: "MessageTemplate",
    doc: "Tenant-editable reply templates with {{variable}} placeholders.",
    since: M0009_TEMPLATES_PAYMENTS,
    owner: Owner::Tenant,
    columns: &[
        id().since(M0009_TEMPLATES_PAYMENTS),
        tenant_id().since(M0009_TEMPLATES_PAYMENTS),
        text("type", "type").not_null().since(M0009_TEMPLATES_PAYMENTS).rules(&[OneOf(MESSAGE_TEMPLATE_TYPES)]),
        text("name", "name").not_null().since(M0009_TEMPLATES_PAYMENTS).rules(&[Len { min: 1, max: 255 }]),
        text("content", "content").not_null().since(M0009_TEMPLATES_PAYMENTS).rules(&[Len { min: 1, max: 10_000 }]),
        flag("is_active", "isActive", "true").not_null().since(M0009_TEMPLATES_PAYMENTS),
        col("order", "order", Integer).not_null().default("0").since(M0009_TEMPLATES_PAYMENTS),
        created_at().since(M0009_TEMPLATES_PAYMENTS),
        updated_at().since(M0009_TEMPLATES_PAYMENTS),
    ],
    indexes: &[
        index("message_templates_tenant_type_idx", &["tenant_id", "type"]).since(M0009_TEMPLATES_PAYMENTS),
        index("message_templates_tenant_active_idx", &["tenant_id", "is_active"]).since(M0009_TEMPLATES_PAYMENTS),
        index("message_templates_tenant_order_idx", &["tenant_id", "\"order\"", "created_at", "id"])
            .since(M0018_OPERATION_INDEXES),
    ],
};

/// `payment_methods` (schema.md §8.6): payment options a tenant offers, shown after price
/// suggestions.
pub static PAYMENT_METHODS: Table = Table {
    name: "payment_methods",
    entity: "PaymentMethod",
    doc: "Payment options a tenant offers, shown after price suggestions.",
    since: M0009_TEMPLATES_PAYMENTS,
    owner: Owner::Tenant,
    columns: &[
        id().since(M0009_TEMPLATES_PAYMENTS),
        tenant_id().since(M0009_TEMPLATES_PAYMENTS),
        text("title", "title").not_null().since(M0009_TEMPLATES_PAYMENTS).rules(&[Len { min: 1, max: 255 }]),
        text("description", "description").since(M0009_TEMPLATES_PAYMENTS).rules(&[Len { min: 0, max: 2000 }]),
        flag("is_active", "isActive", "true").not_null().since(M0009_TEMPLATES_PAYMENTS),
        col("order", "order", Integer).not_null().default("0").since(M0009_TEMPLATES_PAYMENTS),
        created_at().since(M0009_TEMPLATES_PAYMENTS),
    ],
    indexes: &[
        index("payment_methods_tenant_idx", &["tenant_id"]).since(M0009_TEMPLATES_PAYMENTS),
        index("payment_methods_tenant_active_idx", &["tenant_id", "is_active"]).since(M0009_TEMPLATES_PAYMENTS),
    ],
};

const fn agent_text(name: &'static str, field: &'static str, max: u32) -> Column {
    text(name, field).since(M0010_AGENT_SETTINGS).rules(match max {
        255 => &[Len { min: 0, max: 255 }],
        500 => &[Len { min: 0, max: 500 }],
        1000 => &[Len { min: 0, max: 1000 }],
        2000 => &[Len { min: 0, max: 2000 }],
        _ => &[Len { min: 0, max: 10_000 }],
    })
}
const fn agent_int(name: &'static str, field: &'static str, since: &'static str) -> Column {
    col(name, field, Integer).since(since).rules(NON_NEGATIVE)
}

/// `tenant_agent_settings` (schema.md §8.7): per-tenant AI sales-agent persona, facts and scripts
/// (one row per tenant).
pub static TENANT_AGENT_SETTINGS: Table = Table {
    name: "tenant_agent_settings",
    entity: "TenantAgentSettings",
    doc: "Per-tenant AI sales-agent persona, facts and scripts (one row per tenant).",
    since: M0010_AGENT_SETTINGS,
    owner: Owner::Tenant,
    columns: &[
        id().since(M0010_AGENT_SETTINGS),
        tenant_id().since(M0010_AGENT_SETTINGS),
        agent_text("company_name", "companyName", 500),
        agent_text("specialization", "specialization", 1000),
        agent_text("warehouse_city", "warehouseCity", 255),
        agent_int("warranty_months", "warrantyMonths", M0010_AGENT_SETTINGS),
        agent_int("warranty_km", "warrantyKm", M0010_AGENT_SETTINGS),
        agent_int("install_days", "installDays", M0010_AGENT_SETTINGS),
        col("qr_discount_percent", "qrDiscountPercent", Integer).since(M0010_AGENT_SETTINGS).rules(PERCENT),
        agent_text("system_prompt", "systemPrompt", 10_000),
        agent_text("objection_payment", "objectionPayment", 2000),
        agent_text("objection_online", "objectionOnline", 2000),
        agent_text("closing_script", "closingScript", 2000),
        jsonb("custom_facts", "customFacts", "'{}'::jsonb", OBJECT).since(M0010_AGENT_SETTINGS),
        agent_int("mileage_low", "mileageLow", M0012_MILEAGE_TIERS),
        agent_int("mileage_mid", "mileageMid", M0012_MILEAGE_TIERS),
        agent_int("mileage_high", "mileageHigh", M0012_MILEAGE_TIERS),
        updated_at().since(M0010_AGENT_SETTINGS),
    ],
    indexes: &[
        index("tenant_agent_settings_tenant_id_unique", &["tenant_id"]).constraint().since(M0010_AGENT_SETTINGS),
        index("tenant_agent_settings_tenant_idx", &["tenant_id"]).since(M0010_AGENT_SETTINGS),
    ],
};

// ───────────────────────────── §9 Messenger accounts ─────────────────────────────

/// `telegram_sessions` (schema.md §9.1): Telegram Personal (MTProto user-bot) accounts; several per
/// tenant.
pub static TELEGRAM_SESSIONS: Table = Table {
    name: "telegram_sessions",
    entity: "TelegramSession",
    doc: "Telegram Personal (MTProto user-bot) accounts; several per tenant.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        reference("channel_id", "channelId", "channels"),
        // NOT NULL dropped by 0006_telegram_multiaccount (QR login has no phone).
        text("phone_number", "phoneNumber").rules(&[Len { min: 0, max: 32 }]),
        text("session_string", "sessionString").service_read(),
        text("phone_code_hash", "phoneCodeHash").service_read(),
        text("status", "status").not_null().default("'pending'").rules(&[OneOf(TELEGRAM_SESSION_STATUSES)]),
        text("last_error", "lastError"),
        text("user_id", "userId"),
        text("username", "username"),
        text("first_name", "firstName"),
        text("last_name", "lastName"),
        text("auth_method", "authMethod").since(M0006_TELEGRAM_MULTIACCOUNT).rules(&[OneOf(TELEGRAM_AUTH_METHODS)]),
        flag("is_enabled", "isEnabled", "true").not_null().since(M0006_TELEGRAM_MULTIACCOUNT),
        created_at(),
        updated_at(),
    ],
    indexes: &[
        index("telegram_sessions_tenant_idx", &["tenant_id"]).since(M0006_TELEGRAM_MULTIACCOUNT),
        index("telegram_sessions_tenant_created_idx", &["tenant_id", "created_at", "id"])
            .since(M0018_OPERATION_INDEXES),
        index("telegram_sessions_active_idx", &["created_at", "id"])
            .filter("status = 'active'::text AND is_enabled")
            .since(M0018_OPERATION_INDEXES),
    ],
};

/// `max_personal_accounts` (schema.md §9.2): MAX Personal accounts via GREEN-API, up to 5 per
/// tenant, managed by platform admins.
pub static MAX_PERSONAL_ACCOUNTS: Table = Table {
    name: "max_personal_accounts",
    entity: "MaxPersonalAccount",
    doc: "MAX Personal accounts via GREEN-API, up to 5 per tenant, managed by platform admins.",
    since: M0014_MAX_PERSONAL,
    owner: Owner::Tenant,
    columns: &[
        id().since(M0014_MAX_PERSONAL),
        col("tenant_id", "tenantId", Varchar)
            .not_null()
            .references_cascade("tenants", "id")
            .server()
            .since(M0014_MAX_PERSONAL),
        col("account_id", "accountId", Varchar)
            .not_null()
            .default("gen_random_uuid()")
            .server()
            .since(M0015_MAX_PERSONAL_MULTI),
        col("id_instance", "idInstance", Varchar)
            .not_null()
            .since(M0014_MAX_PERSONAL)
            .rules(&[Len { min: 1, max: 100 }]),
        col("api_token_instance", "apiTokenInstance", Varchar)
            .not_null()
            .service_read()
            .since(M0014_MAX_PERSONAL)
            .rules(&[Len { min: 1, max: 200 }]),
        text("label", "label").since(M0015_MAX_PERSONAL_MULTI).rules(&[Len { min: 0, max: 200 }]),
        text("display_name", "displayName").since(M0014_MAX_PERSONAL),
        // GREEN-API's state of the instance: written by the server (`authorized` on creation), not
        // by clients.
        text("status", "status").not_null().default("'unknown'").server().since(M0014_MAX_PERSONAL),
        flag("webhook_registered", "webhookRegistered", "false").since(M0014_MAX_PERSONAL),
        created_at().since(M0014_MAX_PERSONAL),
        updated_at().since(M0014_MAX_PERSONAL),
    ],
    indexes: &[
        // 0014 made it UNIQUE; 0015 recreates it non-unique.
        index("max_personal_accounts_tenant_idx", &["tenant_id"]).since(M0014_MAX_PERSONAL),
        index("max_personal_accounts_tenant_instance_unique", &["tenant_id", "id_instance"])
            .unique()
            .since(M0015_MAX_PERSONAL_MULTI),
    ],
};

// ───────────────────────────── §10 Platform administration & security ─────────────────────────────

/// `admin_actions` (schema.md §10.1): audit log of platform-admin actions (also the idempotency
/// record).
pub static ADMIN_ACTIONS: Table = Table {
    name: "admin_actions",
    entity: "AdminAction",
    doc: "Audit log of platform-admin actions (also the idempotency record).",
    since: BASELINE,
    owner: Owner::Global,
    columns: &[
        id(),
        text("action_type", "actionType").not_null().rules(&[OneOf(ADMIN_ACTION_TYPES)]),
        text("target_type", "targetType").not_null().rules(&[OneOf(ADMIN_TARGET_TYPES)]),
        col("target_id", "targetId", Varchar).not_null().rules(&[Len { min: 1, max: 64 }]),
        col("admin_id", "adminId", Varchar).not_null().references("users", "id").server(),
        text("reason", "reason").not_null().rules(&[Len { min: 1, max: 1000 }]),
        col("previous_state", "previousState", Jsonb).rules(ANY),
        col("metadata", "metadata", Jsonb).rules(ANY),
        created_at(),
    ],
    indexes: &[],
};

/// `channel_fingerprints` (schema.md §10.2): SHA-256 fingerprints of connected channel identities
/// (trial-abuse detection).
pub static CHANNEL_FINGERPRINTS: Table = Table {
    name: "channel_fingerprints",
    entity: "ChannelFingerprint",
    doc: "SHA-256 fingerprints of connected channel identities (trial-abuse detection).",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        text("channel_type", "channelType").not_null().rules(&[OneOf(CHANNEL_FINGERPRINT_TYPES)]),
        text("fingerprint_hash", "fingerprintHash").not_null().rules(&[Len { min: 64, max: 64 }]),
        tenant_id(),
        col("first_seen_at", "firstSeenAt", Timestamp).not_null().default("CURRENT_TIMESTAMP").server(),
        col("last_seen_at", "lastSeenAt", Timestamp).not_null().default("CURRENT_TIMESTAMP").server(),
        flag("is_blocked", "isBlocked", "false"),
    ],
    indexes: &[index("channel_fingerprints_hash_type_idx", &["fingerprint_hash", "channel_type", "tenant_id"])
        .since(M0018_OPERATION_INDEXES)],
};

/// `fraud_flags` (schema.md §10.3): recorded fraud detections.
pub static FRAUD_FLAGS: Table = Table {
    name: "fraud_flags",
    entity: "FraudFlag",
    doc: "Recorded fraud detections.",
    since: BASELINE,
    owner: Owner::Tenant,
    columns: &[
        id(),
        tenant_id(),
        text("reason", "reason").not_null().rules(&[OneOf(FRAUD_REASONS)]),
        jsonb("metadata", "metadata", "'{}'::jsonb", OBJECT),
        created_at(),
        col("resolved_at", "resolvedAt", Timestamp).server(),
        reference("resolved_by", "resolvedBy", "users").server(),
    ],
    indexes: &[
        index("fraud_flags_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES)
    ],
};

/// `integration_secrets` (schema.md §10.4): encrypted API keys (global or per tenant), managed by
/// platform admins.
pub static INTEGRATION_SECRETS: Table = Table {
    name: "integration_secrets",
    entity: "IntegrationSecret",
    doc: "Encrypted API keys (global or per tenant), managed by platform admins.",
    since: BASELINE,
    owner: Owner::OptionalTenant { shared: false },
    columns: &[
        id(),
        text("scope", "scope").not_null().rules(&[OneOf(SECRET_SCOPES)]),
        reference("tenant_id", "tenantId", "tenants"),
        text("key_name", "keyName").not_null().rules(&[KeyName]),
        text("encrypted_value", "encryptedValue").not_null().never_read(),
        col("encryption_meta", "encryptionMeta", Jsonb).not_null().never_read().rules(OBJECT),
        text("last_4", "last4").server(),
        created_at(),
        updated_at(),
        col("rotated_at", "rotatedAt", Timestamp).server(),
        col("revoked_at", "revokedAt", Timestamp).server(),
        col("created_by_admin_id", "createdByAdminId", Varchar).not_null().references("users", "id").server(),
    ],
    indexes: &[
        index(
            "integration_secrets_active_unique_idx",
            &["scope", "COALESCE(tenant_id, ''::character varying)", "key_name"],
        )
        .unique()
        .filter("revoked_at IS NULL"),
        index("integration_secrets_tenant_key_idx", &["tenant_id", "key_name"]),
        index("integration_secrets_created_idx", &["created_at"]).since(M0018_OPERATION_INDEXES),
    ],
};

/// `feature_flags` (schema.md §10.5): feature flags: global defaults (tenant_id NULL) plus
/// per-tenant overrides.
pub static FEATURE_FLAGS: Table = Table {
    name: "feature_flags",
    entity: "FeatureFlag",
    doc: "Feature flags: global defaults (tenant_id NULL) plus per-tenant overrides.",
    since: BASELINE,
    owner: Owner::OptionalTenant { shared: true },
    columns: &[
        id(),
        text("name", "name").not_null().rules(&[OneOf(FEATURE_FLAG_NAMES)]),
        text("description", "description").rules(&[Len { min: 0, max: 1000 }]),
        flag("enabled", "enabled", "false").not_null(),
        reference("tenant_id", "tenantId", "tenants").server(),
        created_at(),
        updated_at(),
    ],
    indexes: &[
        index("feature_flags_global_unique", &["name"])
            .unique()
            .filter("tenant_id IS NULL")
            .since(M0013_FEATURE_FLAGS_UNIQUE),
        index("feature_flags_tenant_unique", &["name", "tenant_id"])
            .unique()
            .filter("tenant_id IS NOT NULL")
            .since(M0013_FEATURE_FLAGS_UNIQUE),
        index("feature_flags_tenant_idx", &["tenant_id", "name"]).since(M0017_CHAT_FLOW_INDEXES),
    ],
};

/// `audit_events` (schema.md §10.6): fine-grained audit trail.
pub static AUDIT_EVENTS: Table = Table {
    name: "audit_events",
    entity: "AuditEvent",
    doc: "Fine-grained audit trail.",
    since: BASELINE,
    owner: Owner::OptionalTenant { shared: false },
    columns: &[
        id(),
        reference("tenant_id", "tenantId", "tenants").server(),
        text("actor", "actor").not_null().rules(&[Len { min: 1, max: 100 }]),
        text("actor_type", "actorType").not_null().rules(&[OneOf(AUDIT_ACTOR_TYPES)]),
        text("action", "action").not_null().rules(&[Len { min: 1, max: 100 }]),
        text("entity_type", "entityType").not_null().rules(&[Len { min: 1, max: 100 }]),
        col("entity_id", "entityId", Varchar).not_null().rules(&[Len { min: 1, max: 64 }]),
        jsonb("metadata", "metadata", "'{}'::jsonb", ANY),
        col("request_id", "requestId", Varchar).rules(&[Len { min: 0, max: 128 }]),
        text("ip_address", "ipAddress").rules(&[Len { min: 0, max: 64 }]),
        text("user_agent", "userAgent").rules(&[Len { min: 0, max: 1000 }]),
        created_at(),
    ],
    indexes: &[
        index("audit_events_tenant_created_idx", &["tenant_id", "created_at", "id"]).since(M0018_OPERATION_INDEXES),
        index("audit_events_entity_created_idx", &["entity_type", "entity_id", "created_at"])
            .since(M0018_OPERATION_INDEXES),
        index("audit_events_tenant_conversation_idx", &["tenant_id", "(metadata ->> 'conversationId'::text)"])
            .since(M0018_OPERATION_INDEXES),
        index("audit_events_created_idx", &["created_at", "id"]).since(M0018_OPERATION_INDEXES),
    ],
};

// ───────────────────────────── §11 Infrastructure ─────────────────────────────

/// `update_history` (schema.md §11.1): uploaded system-update packages and their application
/// status.
pub static UPDATE_HISTORY: Table = Table {
    name: "update_history",
    entity: "UpdateHistory",
    doc: "Uploaded system-update packages and their application status.",
    since: BASELINE,
    owner: Owner::Global,
    columns: &[
        id(),
        text("version", "version").not_null().rules(&[Len { min: 1, max: 50 }]),
        text("filename", "filename").not_null().rules(&[Len { min: 1, max: 255 }]),
        col("file_size", "fileSize", Integer).not_null().rules(NON_NEGATIVE),
        text("checksum", "checksum").not_null().rules(&[Len { min: 64, max: 64 }]),
        text("changelog", "changelog"),
        text("status", "status").not_null().default("'pending'").rules(&[OneOf(UPDATE_STATUSES)]),
        text("backup_path", "backupPath").server(),
        col("applied_at", "appliedAt", Timestamp).server(),
        reference("applied_by_id", "appliedById", "users").server(),
        text("error_message", "errorMessage").server(),
        created_at(),
    ],
    indexes: &[index("update_history_created_idx", &["created_at"]).since(M0018_OPERATION_INDEXES)],
};

/// `proxies` (schema.md §11.2): outbound proxy pool assigned to channels.
pub static PROXIES: Table = Table {
    name: "proxies",
    entity: "Proxy",
    doc: "Outbound proxy pool assigned to channels.",
    since: BASELINE,
    owner: Owner::Global,
    columns: &[
        id(),
        text("host", "host").not_null().rules(&[Len { min: 1, max: 255 }]),
        col("port", "port", Integer).not_null().rules(&[Range { min: 1.0, max: 65_535.0 }]),
        text("protocol", "protocol").not_null().default("'socks5'").rules(&[OneOf(PROXY_PROTOCOLS)]),
        text("username", "username").rules(&[Len { min: 0, max: 255 }]),
        text("password", "password").service_read().rules(&[Len { min: 0, max: 255 }]),
        text("country", "country").rules(&[Len { min: 0, max: 10 }]),
        text("label", "label").rules(&[Len { min: 0, max: 200 }]),
        text("status", "status").not_null().default("'available'").rules(&[OneOf(PROXY_STATUSES)]),
        reference("assigned_tenant_id", "assignedTenantId", "tenants"),
        reference("assigned_channel_id", "assignedChannelId", "channels"),
        col("last_checked_at", "lastCheckedAt", Timestamp).server(),
        text("last_error_message", "lastErrorMessage"),
        created_at(),
        updated_at(),
    ],
    indexes: &[
        index("proxies_status_idx", &["status"]),
        index("proxies_tenant_idx", &["assigned_tenant_id"]),
        index("proxies_channel_idx", &["assigned_channel_id"]),
        index("proxies_available_created_idx", &["created_at", "id"])
            .filter("status = 'available'::text")
            .since(M0018_OPERATION_INDEXES),
    ],
};

/// `sessions` (schema.md §11.3): express-session store of the old web app (connect-pg-simple).
pub static SESSIONS: Table = Table {
    name: "sessions",
    entity: "Session",
    doc: "express-session store of the old web app (connect-pg-simple).",
    since: BASELINE,
    owner: Owner::Global,
    columns: &[
        col("sid", "sid", Varchar).primary_key(),
        col("sess", "sess", Jsonb).not_null().service_read().rules(OBJECT),
        col("expire", "expire", Timestamp).not_null(),
    ],
    indexes: &[index("IDX_session_expire", &["expire"])],
};

/// `auth_users` (schema.md §11.4): optional OIDC profile store (unused by the old server code).
pub static AUTH_USERS: Table = Table {
    name: "auth_users",
    entity: "AuthUser",
    doc: "Optional OIDC profile store (unused by the old server code).",
    since: BASELINE,
    owner: Owner::Global,
    columns: &[
        id(),
        col("email", "email", Varchar).rules(&[Email]),
        col("first_name", "firstName", Varchar),
        col("last_name", "lastName", Varchar),
        col("profile_image_url", "profileImageUrl", Varchar).rules(&[Len { min: 0, max: 2048 }]),
        col("created_at", "createdAt", Timestamp).default("now()").server(),
        col("updated_at", "updatedAt", Timestamp).default("now()").server(),
    ],
    indexes: &[index("auth_users_email_unique", &["email"]).constraint()],
};

/// Every table of the schema, in schema.md order.
pub static TABLES: &[&Table] = &[
    &TENANTS,
    &USERS,
    &USER_INVITES,
    &EMAIL_TOKENS,
    &CHANNELS,
    &CUSTOMERS,
    &CUSTOMER_NOTES,
    &CUSTOMER_MEMORY,
    &CONVERSATIONS,
    &MESSAGES,
    &ESCALATION_EVENTS,
    &AI_SUGGESTIONS,
    &HUMAN_ACTIONS_TABLE,
    &AI_TRAINING_SAMPLES,
    &AI_TRAINING_POLICIES,
    &LEARNING_QUEUE,
    &RESPONSE_TEMPLATES,
    &DECISION_SETTINGS,
    &HUMAN_DELAY_SETTINGS,
    &PRODUCTS,
    &KNOWLEDGE_DOCS,
    &KNOWLEDGE_DOC_CHUNKS,
    &RAG_DOCUMENTS,
    &RAG_CHUNKS,
    &ONBOARDING_STATE,
    &READINESS_REPORTS,
    &CSAT_RATINGS,
    &CONVERSIONS,
    &LOST_DEALS,
    &PLANS,
    &SUBSCRIPTIONS,
    &SUBSCRIPTION_GRANTS,
    &VEHICLE_LOOKUP_CACHE,
    &VEHICLE_LOOKUP_CASES,
    &PRICE_SNAPSHOTS,
    &INTERNAL_PRICES,
    &MESSAGE_TEMPLATES,
    &PAYMENT_METHODS,
    &TENANT_AGENT_SETTINGS,
    &TELEGRAM_SESSIONS,
    &MAX_PERSONAL_ACCOUNTS,
    &ADMIN_ACTIONS,
    &CHANNEL_FINGERPRINTS,
    &FRAUD_FLAGS,
    &INTEGRATION_SECRETS,
    &FEATURE_FLAGS,
    &AUDIT_EVENTS,
    &UPDATE_HISTORY,
    &PROXIES,
    &SESSIONS,
    &AUTH_USERS,
];

/// The table called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Access, camel_case};
    use std::collections::HashSet;

    #[test]
    fn there_are_51_tables_with_unique_names() {
        assert_eq!(TABLES.len(), 51);
        let names: HashSet<_> = TABLES.iter().map(|t| t.name).collect();
        assert_eq!(names.len(), 51);
        assert!(table("customers").is_some());
        assert!(table("legacy").is_none());
    }

    #[test]
    fn json_names_are_camel_case_of_sql_names() {
        for t in TABLES {
            for c in t.columns {
                assert_eq!(c.field, camel_case(c.name), "{}.{}", t.name, c.name);
            }
        }
    }

    #[test]
    fn every_table_has_one_primary_key_and_unique_column_names() {
        for t in TABLES {
            assert_eq!(t.primary_key().count(), 1, "{}", t.name);
            let names: HashSet<_> = t.columns.iter().map(|c| c.name).collect();
            assert_eq!(names.len(), t.columns.len(), "{}", t.name);
        }
    }

    #[test]
    fn references_and_index_keys_point_at_existing_columns() {
        for t in TABLES {
            for c in t.columns {
                if let Some(r) = c.references {
                    let target = table(r.table).unwrap_or_else(|| panic!("{}.{} → {}", t.name, c.name, r.table));
                    assert!(target.column(r.column).is_some(), "{}.{}", t.name, c.name);
                }
            }
            for i in t.indexes {
                for k in i.keys {
                    // As PostgreSQL prints keys: reserved names quoted (`"order"`).
                    let k = k.trim_end_matches(" DESC").trim_matches('"');
                    let is_expr = k.contains('(');
                    assert!(is_expr || t.column(k).is_some(), "{}: key {k} of {}", t.name, i.name);
                }
            }
        }
    }

    #[test]
    fn index_names_are_unique_across_the_schema() {
        let mut seen = HashSet::new();
        for t in TABLES {
            for i in t.indexes {
                assert!(seen.insert(i.name), "duplicate index name {}", i.name);
            }
        }
    }

    #[test]
    fn objects_are_not_older_than_their_table() {
        for t in TABLES {
            for c in t.columns {
                assert!(c.since >= t.since, "{}.{} since {} < table {}", t.name, c.name, c.since, t.since);
            }
            for i in t.indexes {
                assert!(i.since >= t.since, "{} since {}", i.name, i.since);
            }
        }
    }

    #[test]
    fn cascades_are_exactly_the_four_of_the_spec() {
        let mut cascades: Vec<String> = TABLES
            .iter()
            .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
            .filter(|(_, c)| c.references.is_some_and(|r| r.on_delete == crate::schema::OnDelete::Cascade))
            .map(|(t, c)| format!("{}.{}", t.name, c.name))
            .collect();
        cascades.sort();
        assert_eq!(
            cascades,
            [
                "email_tokens.user_id",
                "knowledge_doc_chunks.doc_id",
                "max_personal_accounts.tenant_id",
                "rag_chunks.rag_document_id"
            ]
        );
    }

    #[test]
    fn ids_and_timestamps_are_server_owned() {
        for t in TABLES {
            for c in t.columns {
                if matches!(c.name, "id" | "created_at" | "updated_at" | "tenant_id")
                    && !matches!(t.name, "integration_secrets")
                {
                    assert_eq!(c.access, Access::Server, "{}.{}", t.name, c.name);
                }
            }
        }
    }

    #[test]
    fn suggestion_intents_are_the_two_lists_joined() {
        assert_eq!(SUGGESTION_INTENTS.len(), VALID_INTENTS.len() + VEHICLE_LOOKUP_INTENTS.len());
        assert_eq!(&SUGGESTION_INTENTS[..VALID_INTENTS.len()], VALID_INTENTS);
        assert_eq!(&SUGGESTION_INTENTS[VALID_INTENTS.len()..], VEHICLE_LOOKUP_INTENTS);
    }

    /// The owner of every table agrees with its columns: `Tenant` has a NOT NULL `tenant_id`,
    /// `OptionalTenant` a nullable one, `Via` a NOT NULL reference to its parent, and `Global`
    /// / `Itself` tables have no `tenant_id` column at all.
    #[test]
    fn owners_agree_with_the_columns() {
        for t in TABLES {
            let tenant = t.column("tenant_id");
            match t.owner {
                Owner::Tenant => assert!(tenant.is_some_and(|c| !c.nullable), "{}", t.name),
                Owner::OptionalTenant { .. } => assert!(tenant.is_some_and(|c| c.nullable), "{}", t.name),
                Owner::Via { column, parent } => {
                    let c = t.column(column).unwrap_or_else(|| panic!("{}.{column}", t.name));
                    assert!(!c.nullable, "{}.{column} must be NOT NULL", t.name);
                    assert_eq!(c.references.map(|r| r.table), Some(parent.name), "{}.{column}", t.name);
                    assert!(tenant.is_none(), "{} has its own tenant_id: make it Tenant", t.name);
                    assert!(TABLES.iter().any(|x| std::ptr::eq(*x, parent)), "{}'s parent is registered", t.name);
                }
                Owner::Itself => assert_eq!(t.name, "tenants"),
                Owner::Global => assert!(tenant.is_none(), "{} has a tenant_id: give it an owner", t.name),
            }
        }
        // The decisions the design note names.
        assert_eq!(PLANS.owner, Owner::Global, "plans are global: any tenant may reference a plan");
        assert_eq!(USERS.owner, Owner::OptionalTenant { shared: false }, "platform staff belong to no tenant");
        assert_eq!(FEATURE_FLAGS.owner, Owner::OptionalTenant { shared: true });
    }

    /// Every reference column points at a table whose owner is known, and every
    /// client-settable one is an id (the id rule applies to it like to path ids).
    #[test]
    fn references_are_registered_tables() {
        for t in TABLES {
            for c in t.columns.iter().filter(|c| c.references.is_some()) {
                let target = c.references.map(|r| r.table).unwrap_or_default();
                assert!(table(target).is_some(), "{}.{} → {target}", t.name, c.name);
                assert!(matches!(c.ty, crate::schema::SqlType::Varchar), "{}.{} is an id", t.name, c.name);
            }
        }
    }

    /// D6: a value too long for a btree index row (about 2,700 bytes) fails in PostgreSQL with
    /// SQLSTATE 54000. Every client-settable text column of an index therefore has an explicit
    /// length, and the index's keys fit in the limit at 4 bytes per character.
    #[test]
    fn indexed_client_text_columns_have_lengths_that_fit_an_index_row() {
        let mut unbounded = Vec::new();
        for t in TABLES {
            for i in t.indexes {
                let mut bytes = 0u32;
                for key in i.keys {
                    let key = key.trim_end_matches(" DESC");
                    let Some(c) = t.columns.iter().find(|c| key == c.name || key.contains(&format!("({})", c.name)))
                    else {
                        continue; // an expression over no single column (COALESCE(tenant_id, …) is matched above)
                    };
                    if !matches!(c.ty, crate::schema::SqlType::Text | crate::schema::SqlType::Varchar) {
                        bytes += 8;
                        continue;
                    }
                    let max = crate::validate::max_chars(c).unwrap_or_else(|| {
                        if c.access != Access::Server {
                            unbounded.push(format!("{}.{} (index {})", t.name, c.name, i.name));
                        }
                        64 // server-set: ids, statuses
                    });
                    bytes += 4 * max;
                }
                assert!(bytes <= 2_700, "index {} of {} may need {bytes} bytes per row", i.name, t.name);
            }
        }
        assert!(unbounded.is_empty(), "indexed and settable by clients, give them a Len rule: {unbounded:#?}");
    }
}
