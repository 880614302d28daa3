//! The text "enums" of the old schema (schema.md §12). The database stores plain `text` with no
//! CHECK constraints; salesgate checks these lists on input (old rows keep whatever they hold).

/// `tenants.status` (schema.md §12): `restricted` is the platform's fraud-prevention switch, never
/// a tenant's own edit.
pub const TENANT_STATUSES: &[&str] = &["active", "restricted"];
/// `tenants.tone`, the register of AI replies (schema.md §1.1).
pub const TONES: &[&str] = &["formal", "friendly"];
/// `tenants.address_style`: formal «вы» or informal «ты» (schema.md §1.1).
pub const ADDRESS_STYLES: &[&str] = &["vy", "ty"];
/// Day names in `tenants.working_days` (schema.md §1.1).
pub const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// `users.role` and `user_invites.role` (schema.md §1.2): the tenant roles; tokens may also carry
/// the platform and `service` roles ([`crate::auth::Role`]).
pub const USER_ROLES: &[&str] = &["owner", "admin", "operator", "viewer", "guest"];
/// `users.auth_provider` (schema.md §1.2).
pub const AUTH_PROVIDERS: &[&str] = &["local", "oidc", "mixed"];
/// `email_tokens.type` (schema.md §1.4).
pub const EMAIL_TOKEN_TYPES: &[&str] = &["email_verification", "password_reset"];
/// Messenger channel types: `channels.type` and `customers.channel` (schema.md §12).
pub const CHANNEL_TYPES: &[&str] =
    &["mock", "telegram", "telegram_personal", "whatsapp", "whatsapp_personal", "max", "max_personal"];
/// `conversations.status` (schema.md §12); moves between them follow
/// [`conversation_transitions_into`].
pub const CONVERSATION_STATUSES: &[&str] = &["active", "waiting_customer", "waiting_operator", "escalated", "resolved"];
/// `conversations.mode`: how far the AI may answer on its own (schema.md §3.1).
pub const CONVERSATION_MODES: &[&str] = &["learning", "semi-auto", "auto"];
/// `messages.role`: who wrote the message (schema.md §3.2).
pub const MESSAGE_ROLES: &[&str] = &["customer", "assistant", "owner"];
/// `escalation_events.status` (schema.md §3.3).
pub const ESCALATION_STATUSES: &[&str] = &["pending", "handled", "dismissed"];
/// Intents the AI classifies messages into (VALID_INTENTS = INTENT_TYPES, schema.md §12).
pub const VALID_INTENTS: &[&str] = &[
    "price",
    "availability",
    "shipping",
    "return",
    "discount",
    "complaint",
    "other",
    "photo_request",
    "price_objection",
    "ready_to_buy",
    "needs_manual_quote",
    "invalid_vin",
    "marking_provided",
    "payment_blocked",
    "warranty_question",
    "want_visit",
    "what_included",
    "mileage_preference",
];
/// Intents of the VIN/FRAME lookup flow (schema.md §12); a suggestion may carry these too
/// ([`crate::tables::SUGGESTION_INTENTS`]).
pub const VEHICLE_LOOKUP_INTENTS: &[&str] = &["vehicle_id_request", "gearbox_tag_request", "gearbox_tag_retry"];
/// `ai_suggestions.status` (schema.md §4.1).
pub const SUGGESTION_STATUSES: &[&str] = &["pending", "approved", "edited", "rejected"];
/// Decision-engine verdicts on a suggestion (schema.md §12).
pub const DECISION_TYPES: &[&str] = &["AUTO_SEND", "NEED_APPROVAL", "ESCALATE"];
/// Why a suggestion was not auto-sent, `ai_suggestions.autosend_block_reason` (schema.md §12).
pub const AUTOSEND_BLOCK_REASONS: &[&str] = &["FLAG_OFF", "SETTING_OFF", "INTENT_NOT_ALLOWED"];
/// `human_actions.action`: what an operator did with a suggestion (schema.md §4.2).
pub const HUMAN_ACTIONS: &[&str] = &["approve", "edit", "reject", "escalate"];
/// `ai_training_samples.outcome` (schema.md §4.3).
pub const TRAINING_OUTCOMES: &[&str] = &["APPROVED", "EDITED", "REJECTED"];
/// `learning_queue.status` (schema.md §4.5).
pub const LEARNING_QUEUE_STATUSES: &[&str] = &["pending", "reviewed", "exported", "dismissed"];
/// Codes in `learning_queue.reasons`: why a conversation needs review (schema.md §12).
pub const LEARNING_SCORE_REASONS: &[&str] =
    &["ESCALATED", "EDITED", "LOW_SIMILARITY", "STALE_DATA", "LONG_CONVERSATION", "MULTIPLE_REJECTIONS"];
/// `human_delay_settings.night_mode`: what happens outside working hours (schema.md §12).
pub const NIGHT_MODES: &[&str] = &["AUTO_REPLY", "DELAY", "DISABLE"];
/// `knowledge_docs.doc_type` (schema.md §12).
pub const DOC_TYPES: &[&str] = &["policy", "faq", "delivery", "returns"];
/// `rag_documents.type`: what a retrieval entry indexes (schema.md §12).
pub const RAG_DOC_TYPES: &[&str] = &["PRODUCT", "DOC"];
/// `onboarding_state.status` (schema.md §12).
pub const ONBOARDING_STATUS: &[&str] = &["NOT_STARTED", "IN_PROGRESS", "DONE"];
/// Steps of the onboarding wizard: `onboarding_state.current_step` and `completed_steps`
/// (schema.md §12).
pub const ONBOARDING_STEPS: &[&str] = &["BUSINESS", "CHANNELS", "PRODUCTS", "POLICIES", "KB", "REVIEW", "DONE"];
/// `lost_deals.reason` (schema.md §12; an enum in the old insert schema, §13).
pub const LOST_DEAL_REASONS: &[&str] = &["NO_STOCK", "PRICE_TOO_HIGH", "ESCALATED_NO_RESPONSE", "AI_ERROR", "OTHER"];
/// `plans.interval`, the billing period (schema.md §7.1).
pub const PLAN_INTERVALS: &[&str] = &["month", "year"];
/// `subscriptions.payment_provider` (schema.md §7.2).
pub const PAYMENT_PROVIDERS: &[&str] = &["stripe", "cryptobot"];
/// `subscriptions.status` (schema.md §12).
pub const SUBSCRIPTION_STATUSES: &[&str] =
    &["trialing", "active", "past_due", "canceled", "unpaid", "incomplete", "paused", "expired"];
/// What a vehicle lookup decodes: `id_type` of the lookup cache and cases (schema.md §12).
pub const VEHICLE_LOOKUP_ID_TYPES: &[&str] = &["VIN", "FRAME"];
/// `vehicle_lookup_cases.status` (schema.md §12).
pub const VEHICLE_LOOKUP_CASE_STATUSES: &[&str] = &["PENDING", "RUNNING", "COMPLETED", "FAILED"];
/// `vehicle_lookup_cases.verification_status` (schema.md §12).
pub const VEHICLE_LOOKUP_VERIFICATION_STATUSES: &[&str] =
    &["NEED_TAG_OPTIONAL", "UNVERIFIED_OEM", "VERIFIED_MATCH", "MISMATCH", "NONE"];
/// `message_templates.type`: which reply a template renders (schema.md §8.5).
pub const MESSAGE_TEMPLATE_TYPES: &[&str] =
    &["price_result", "price_options", "payment_options", "tag_request", "not_found"];
/// `telegram_sessions.status`, the login state of an account (schema.md §9.1).
pub const TELEGRAM_SESSION_STATUSES: &[&str] =
    &["pending", "awaiting_code", "awaiting_2fa", "active", "error", "disconnected"];
/// `telegram_sessions.auth_method` (schema.md §9.1; added by 0006).
pub const TELEGRAM_AUTH_METHODS: &[&str] = &["qr", "phone"];
/// `admin_actions.action_type` (schema.md §12).
pub const ADMIN_ACTION_TYPES: &[&str] = &[
    "tenant_restrict",
    "tenant_unrestrict",
    "user_disable",
    "user_enable",
    "grant_create",
    "grant_revoke",
    "secret_create",
    "secret_rotate",
    "secret_revoke",
    "user_login",
    "user_logout",
    "owner_access_denied",
    "admin_promote",
    "admin_demote",
    "owner_bootstrap",
    "impersonate_start",
    "impersonate_end",
    "admin_users_list",
    "admin_user_view",
    "admin_user_audit_view",
    "admin_grant_create",
    "update_upload",
    "update_apply",
    "update_rollback",
];
/// `admin_actions.target_type`: what kind of object an admin action touched (schema.md §10.1).
pub const ADMIN_TARGET_TYPES: &[&str] = &["tenant", "user", "grant", "secret"];
/// `channel_fingerprints.channel_type` (schema.md §12).
pub const CHANNEL_FINGERPRINT_TYPES: &[&str] = &["telegram", "whatsapp_business", "whatsapp_personal", "max"];
/// `fraud_flags.reason` (schema.md §12).
pub const FRAUD_REASONS: &[&str] = &["CHANNEL_REUSE", "MULTI_TRIAL_ATTEMPT", "SUSPICIOUS_ACTIVITY"];
/// `integration_secrets.scope`: one tenant's secret or a global one (schema.md §12).
pub const SECRET_SCOPES: &[&str] = &["global", "tenant"];
/// The known feature flags, `feature_flags.name` (schema.md §12).
pub const FEATURE_FLAG_NAMES: &[&str] = &[
    "AI_SUGGESTIONS_ENABLED",
    "DECISION_ENGINE_ENABLED",
    "AI_AUTOSEND_ENABLED",
    "HUMAN_DELAY_ENABLED",
    "RAG_ENABLED",
    "FEW_SHOT_LEARNING",
    "TELEGRAM_CHANNEL_ENABLED",
    "TELEGRAM_PERSONAL_CHANNEL_ENABLED",
    "WHATSAPP_CHANNEL_ENABLED",
    "WHATSAPP_PERSONAL_CHANNEL_ENABLED",
    "MAX_CHANNEL_ENABLED",
    "MAX_PERSONAL_CHANNEL_ENABLED",
    "AUTO_PARTS_ENABLED",
];
/// `audit_events.actor_type` (schema.md §10.6).
pub const AUDIT_ACTOR_TYPES: &[&str] = &["user", "system", "ai"];
/// `update_history.status` (schema.md §12).
pub const UPDATE_STATUSES: &[&str] = &["pending", "applied", "failed", "rolled_back"];
/// `proxies.protocol` (schema.md §12).
pub const PROXY_PROTOCOLS: &[&str] = &["http", "https", "socks4", "socks5"];
/// `proxies.status` (schema.md §12).
pub const PROXY_STATUSES: &[&str] = &["available", "assigned", "disabled", "failed"];
/// Status of one check in `readiness_reports.checks` (schema.md §12).
pub const READINESS_CHECK_STATUS: &[&str] = &["PASS", "WARN", "FAIL"];
/// Codes of the checks in `readiness_reports.checks` (schema.md §12).
pub const READINESS_CHECK_CODES: &[&str] = &[
    "PRODUCTS_PRESENT",
    "PRODUCTS_HAVE_PRICE_STOCK",
    "KB_PRESENT",
    "RAG_INDEX_READY",
    "TRAINING_POLICY_SET",
    "FEW_SHOT_ENABLED",
    "SMOKE_TEST_PASS",
];

/// Allowed conversation status transitions (CONVERSATION_TRANSITIONS, schema.md §3.1): the
/// statuses a conversation may move *from* to reach `to`.
pub fn conversation_transitions_into(to: &str) -> &'static [&'static str] {
    match to {
        "active" => &["waiting_customer", "waiting_operator", "escalated", "resolved"],
        "waiting_customer" | "waiting_operator" => &["active"],
        "escalated" => &["active", "waiting_customer", "waiting_operator"],
        "resolved" => &["active", "waiting_customer", "waiting_operator", "escalated"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The transition table as schema.md §3.1 states it, from-side.
    const FROM: &[(&str, &[&str])] = &[
        ("active", &["waiting_customer", "waiting_operator", "escalated", "resolved"]),
        ("waiting_customer", &["active", "escalated", "resolved"]),
        ("waiting_operator", &["active", "escalated", "resolved"]),
        ("escalated", &["active", "resolved"]),
        ("resolved", &["active"]),
    ];

    #[test]
    fn transitions_into_match_the_spec_table() {
        for to in CONVERSATION_STATUSES {
            let mut expected: Vec<&str> =
                FROM.iter().filter(|(_, tos)| tos.contains(to)).map(|(from, _)| *from).collect();
            let mut got = conversation_transitions_into(to).to_vec();
            expected.sort();
            got.sort();
            assert_eq!(got, expected, "into {to}");
        }
    }

    #[test]
    fn intent_list_has_18_entries_and_flags_13() {
        assert_eq!(VALID_INTENTS.len(), 18);
        assert_eq!(FEATURE_FLAG_NAMES.len(), 13);
        assert_eq!(ADMIN_ACTION_TYPES.len(), 24);
    }
}
