//! Names (file stems) of the migration files in `migrations/`, for the schema model's `since`
//! attributions. The files themselves live in the repository root and are embedded by the
//! server; a server test checks that every name here has a file.

pub const BASELINE: &str = "0000_baseline";
pub const M0001B_EMAIL_UNIQUE: &str = "0001b_create_email_unique_index";
pub const M0002_GRANTS_INDEXES: &str = "0002_subscription_grants_indexes";
pub const M0003_VEHICLE_LOOKUP: &str = "0003_vehicle_lookup_tables";
pub const M0004_TENANT_TEMPLATES: &str = "0004_tenants_templates";
pub const M0005_PRICE_SNAPSHOTS: &str = "0005_price_snapshots";
pub const M0006_INTERNAL_PRICES: &str = "0006_internal_prices";
pub const M0006_TELEGRAM_MULTIACCOUNT: &str = "0006_telegram_multiaccount";
pub const M0007_PRICE_COMMERCIAL: &str = "0007_price_commercial";
pub const M0008_PRICE_SEARCH_KEY: &str = "0008_price_snapshot_search_key";
pub const M0009_TEMPLATES_PAYMENTS: &str = "0009_add_templates_and_payment_methods";
pub const M0010_AGENT_SETTINGS: &str = "0010_add_tenant_agent_settings";
pub const M0011_PRICE_SNAPSHOTS_UPDATE: &str = "0011_update_price_snapshots";
pub const M0012_MILEAGE_TIERS: &str = "0012_add_mileage_tiers";
pub const M0013_FEATURE_FLAGS_UNIQUE: &str = "0013_feature_flags_composite_unique";
pub const M0014_MAX_PERSONAL: &str = "0014_max_personal_accounts";
pub const M0015_MAX_PERSONAL_MULTI: &str = "0015_max_personal_multiaccount";
/// salesgate's indexes for the chat flow and for deleting conversations.
pub const M0017_CHAT_FLOW_INDEXES: &str = "0017_chat_flow_indexes";
