//! The text "enums" of the old schema (schema.md §12). The database stores plain `text` with no
//! CHECK constraints; salesgate checks these lists on input (old rows keep whatever they hold).

pub const TENANT_STATUSES: &[&str] = &["active", "restricted"];
pub const TONES: &[&str] = &["formal", "friendly"];
pub const ADDRESS_STYLES: &[&str] = &["vy", "ty"];
pub const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub const USER_ROLES: &[&str] = &["owner", "admin", "operator", "viewer", "guest"];
pub const AUTH_PROVIDERS: &[&str] = &["local", "oidc", "mixed"];
pub const EMAIL_TOKEN_TYPES: &[&str] = &["email_verification", "password_reset"];
pub const CHANNEL_TYPES: &[&str] =
    &["mock", "telegram", "telegram_personal", "whatsapp", "whatsapp_personal", "max", "max_personal"];
pub const CONVERSATION_STATUSES: &[&str] = &["active", "waiting_customer", "waiting_operator", "escalated", "resolved"];
pub const CONVERSATION_MODES: &[&str] = &["learning", "semi-auto", "auto"];
pub const MESSAGE_ROLES: &[&str] = &["customer", "assistant", "owner"];
pub const ESCALATION_STATUSES: &[&str] = &["pending", "handled", "dismissed"];
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
pub const VEHICLE_LOOKUP_INTENTS: &[&str] = &["vehicle_id_request", "gearbox_tag_request", "gearbox_tag_retry"];
pub const SUGGESTION_STATUSES: &[&str] = &["pending", "approved", "edited", "rejected"];
pub const DECISION_TYPES: &[&str] = &["AUTO_SEND", "NEED_APPROVAL", "ESCALATE"];
pub const AUTOSEND_BLOCK_REASONS: &[&str] = &["FLAG_OFF", "SETTING_OFF", "INTENT_NOT_ALLOWED"];
pub const HUMAN_ACTIONS: &[&str] = &["approve", "edit", "reject", "escalate"];
pub const TRAINING_OUTCOMES: &[&str] = &["APPROVED", "EDITED", "REJECTED"];
pub const LEARNING_QUEUE_STATUSES: &[&str] = &["pending", "reviewed", "exported", "dismissed"];
pub const LEARNING_SCORE_REASONS: &[&str] =
    &["ESCALATED", "EDITED", "LOW_SIMILARITY", "STALE_DATA", "LONG_CONVERSATION", "MULTIPLE_REJECTIONS"];
pub const NIGHT_MODES: &[&str] = &["AUTO_REPLY", "DELAY", "DISABLE"];
pub const DOC_TYPES: &[&str] = &["policy", "faq", "delivery", "returns"];
pub const RAG_DOC_TYPES: &[&str] = &["PRODUCT", "DOC"];
pub const ONBOARDING_STATUS: &[&str] = &["NOT_STARTED", "IN_PROGRESS", "DONE"];
pub const ONBOARDING_STEPS: &[&str] = &["BUSINESS", "CHANNELS", "PRODUCTS", "POLICIES", "KB", "REVIEW", "DONE"];
pub const LOST_DEAL_REASONS: &[&str] = &["NO_STOCK", "PRICE_TOO_HIGH", "ESCALATED_NO_RESPONSE", "AI_ERROR", "OTHER"];
pub const PLAN_INTERVALS: &[&str] = &["month", "year"];
pub const PAYMENT_PROVIDERS: &[&str] = &["stripe", "cryptobot"];
pub const SUBSCRIPTION_STATUSES: &[&str] =
    &["trialing", "active", "past_due", "canceled", "unpaid", "incomplete", "paused", "expired"];
pub const VEHICLE_LOOKUP_ID_TYPES: &[&str] = &["VIN", "FRAME"];
pub const VEHICLE_LOOKUP_CASE_STATUSES: &[&str] = &["PENDING", "RUNNING", "COMPLETED", "FAILED"];
pub const VEHICLE_LOOKUP_VERIFICATION_STATUSES: &[&str] =
    &["NEED_TAG_OPTIONAL", "UNVERIFIED_OEM", "VERIFIED_MATCH", "MISMATCH", "NONE"];
pub const MESSAGE_TEMPLATE_TYPES: &[&str] =
    &["price_result", "price_options", "payment_options", "tag_request", "not_found"];
pub const TELEGRAM_SESSION_STATUSES: &[&str] =
    &["pending", "awaiting_code", "awaiting_2fa", "active", "error", "disconnected"];
pub const TELEGRAM_AUTH_METHODS: &[&str] = &["qr", "phone"];
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
pub const ADMIN_TARGET_TYPES: &[&str] = &["tenant", "user", "grant", "secret"];
pub const CHANNEL_FINGERPRINT_TYPES: &[&str] = &["telegram", "whatsapp_business", "whatsapp_personal", "max"];
pub const FRAUD_REASONS: &[&str] = &["CHANNEL_REUSE", "MULTI_TRIAL_ATTEMPT", "SUSPICIOUS_ACTIVITY"];
pub const SECRET_SCOPES: &[&str] = &["global", "tenant"];
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
pub const AUDIT_ACTOR_TYPES: &[&str] = &["user", "system", "ai"];
pub const UPDATE_STATUSES: &[&str] = &["pending", "applied", "failed", "rolled_back"];
pub const PROXY_PROTOCOLS: &[&str] = &["http", "https", "socks4", "socks5"];
pub const PROXY_STATUSES: &[&str] = &["available", "assigned", "disabled", "failed"];
pub const READINESS_CHECK_STATUS: &[&str] = &["PASS", "WARN", "FAIL"];
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
