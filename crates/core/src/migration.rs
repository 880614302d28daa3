//! Names (file stems) of the migration files in `migrations/`, for the schema model's `since`
//! attributions. The files themselves live in the repository root and are embedded by the
//! server; a server test checks that every name here has a file.

/// The baseline: the schema the old system created with `drizzle-kit push`, which the delta files
/// assume (the old project had no file for it; migrations.md §1). The default `since` of the
/// model's objects.
pub const BASELINE: &str = "0000_baseline";
/// The partial unique index on `lower(email)` of users; a manual step in the old system, a regular
/// one here (migrations.md §3).
pub const M0001B_EMAIL_UNIQUE: &str = "0001b_create_email_unique_index";
/// The active-grant lookup index on `subscription_grants`.
pub const M0002_GRANTS_INDEXES: &str = "0002_subscription_grants_indexes";
/// `vehicle_lookup_cache` and `vehicle_lookup_cases`.
pub const M0003_VEHICLE_LOOKUP: &str = "0003_vehicle_lookup_tables";
/// `tenants.templates` (per-tenant text-template overrides).
pub const M0004_TENANT_TEMPLATES: &str = "0004_tenants_templates";
/// `price_snapshots`.
pub const M0005_PRICE_SNAPSHOTS: &str = "0005_price_snapshots";
/// `internal_prices`; it shares the 0006 prefix with [`M0006_TELEGRAM_MULTIACCOUNT`] and runs first
/// (migrations.md §1).
pub const M0006_INTERNAL_PRICES: &str = "0006_internal_prices";
/// Several Telegram Personal accounts per tenant: optional `phone_number`, `auth_method`,
/// `is_enabled`.
pub const M0006_TELEGRAM_MULTIACCOUNT: &str = "0006_telegram_multiaccount";
/// The commercial price columns of `price_snapshots` (market range, sale price, margin, note).
pub const M0007_PRICE_COMMERCIAL: &str = "0007_price_commercial";
/// `price_snapshots.search_key` and its index.
pub const M0008_PRICE_SEARCH_KEY: &str = "0008_price_snapshot_search_key";
/// `message_templates` and `payment_methods`.
pub const M0009_TEMPLATES_PAYMENTS: &str = "0009_add_templates_and_payment_methods";
/// `tenant_agent_settings`.
pub const M0010_AGENT_SETTINGS: &str = "0010_add_tenant_agent_settings";
/// `price_snapshots` as a global cache too (nullable `tenant_id`), with model, mileage and expiry
/// columns.
pub const M0011_PRICE_SNAPSHOTS_UPDATE: &str = "0011_update_price_snapshots";
/// The mileage tiers of `tenant_agent_settings`.
pub const M0012_MILEAGE_TIERS: &str = "0012_add_mileage_tiers";
/// Feature flags unique per name globally and per (name, tenant): two partial unique indexes
/// replace the unique name.
pub const M0013_FEATURE_FLAGS_UNIQUE: &str = "0013_feature_flags_composite_unique";
/// `max_personal_accounts`; not in the old drizzle journal, a regular step here (migrations.md §1).
pub const M0014_MAX_PERSONAL: &str = "0014_max_personal_accounts";
/// Several MAX Personal accounts per tenant, with a public `account_id` and a label.
pub const M0015_MAX_PERSONAL_MULTI: &str = "0015_max_personal_multiaccount";
/// salesgate's indexes for the chat flow and for deleting conversations.
pub const M0017_CHAT_FLOW_INDEXES: &str = "0017_chat_flow_indexes";
/// salesgate's indexes for the operations of storage-api §3–§33 and Appendix A (issues 9, 10).
pub const M0018_OPERATION_INDEXES: &str = "0018_operation_indexes";
