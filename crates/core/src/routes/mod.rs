//! The route table: every operation of the API, declared once, in one file per section of
//! storage-api.md, composed here.
//!
//! Adding an operation is one declaration in its domain file. A plain one ([`crate::route::crud`])
//! needs nothing else: the server's executor runs it, scoped by the table's owner, and the
//! contract test exercises it. A custom one also names its [`Custom`] variant, which the server's
//! `dispatch` maps to one storage function (the compiler insists). Operation ids are the old
//! system's storage method names, so each route traces back to the spec; a custom variant is the
//! PascalCase of its id (a test keeps them in step).

pub mod admin;
pub mod agent_settings;
pub mod audit;
pub mod billing;
pub mod channels;
pub mod conversations;
pub mod counts;
pub mod customer_deletion;
pub mod customer_memory;
pub mod customer_notes;
pub mod customers;
pub mod dashboard;
pub mod escalations;
pub mod feature_flags;
pub mod fraud;
pub mod knowledge;
pub mod learning;
pub mod max_personal;
pub mod message_templates;
pub mod messages;
pub mod meta;
pub mod outcomes;
pub mod owners;
pub mod payment_methods;
pub mod prices;
pub mod products;
pub mod proxies;
pub mod rag;
pub mod readiness;
pub mod response_templates;
pub mod secrets;
pub mod sessions;
pub mod settings;
pub mod suggestions;
pub mod telegram;
pub mod tenants;
pub mod training;
pub mod update_history;
pub mod users;
pub mod vehicle_lookup;

pub use conversations::{CHANNEL_COUNTS, CONVERSATION_DETAIL, CONVERSATION_WITH_CUSTOMER};
pub use feature_flags::EFFECTIVE_FEATURE_FLAGS;
pub use messages::{INBOUND_MESSAGE, INBOUND_MESSAGE_RESULT};
pub use tenants::TENANT_TEMPLATES;

use crate::route::Route;
use std::sync::OnceLock;

/// The operations that are not plain actions, by section: each section's own enum has one
/// variant per custom operation, the PascalCase of its operation id. The server's dispatch has
/// one arm per section, each section's storage module one arm per variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// §1 Tenants. A tenant route's tenant is the path's (checked against the token by the gate);
    Tenants(tenants::Custom),
    /// §2 Channels. A channel's `config` holds bot tokens and API keys: it is readable by owner,
    Channels(channels::Custom),
    /// §7 Customers.
    Customers(customers::Custom),
    /// §8 Customer notes: four plain declarations, nothing else (the design note's sketch). The
    CustomerNotes(customer_notes::Custom),
    /// §10 Conversations.
    Conversations(conversations::Custom),
    /// §11 Messages, and the inbound message of a messenger (W2).
    Messages(messages::Custom),
    /// Feature flags (storage-api appendix A, schema.md §10.5): global rows (`tenant_id` NULL) and
    FeatureFlags(feature_flags::Custom),
    /// §3–§6 Users, invites, e-mail tokens and password, account linking (issue 9).
    Users(users::Custom),
    /// §9 Customer memory (issue 9).
    CustomerMemory(customer_memory::Custom),
    /// §12 Products (issue 9).
    Products(products::Custom),
    /// §13 Knowledge docs and their chunks (issue 9).
    Knowledge(knowledge::Custom),
    /// §14 AI suggestions and §15 human actions (issue 9).
    Suggestions(suggestions::Custom),
    /// §16 AI training samples and §17 training policies (issue 9).
    Training(training::Custom),
    /// §18 Learning queue (issue 9).
    Learning(learning::Custom),
    /// §19 Escalation events (issue 9).
    Escalations(escalations::Custom),
    /// §20 Response templates (issue 9).
    ResponseTemplates(response_templates::Custom),
    /// §21 Dashboard (issue 9).
    Dashboard(dashboard::Custom),
    /// §22 Per-tenant settings: decision, human delay, onboarding (issue 9).
    Settings(settings::Custom),
    /// §23 Readiness reports (issue 9).
    Readiness(readiness::Custom),
    /// §24 CSAT ratings, conversions, lost deals (issue 9).
    Outcomes(outcomes::Custom),
    /// §25 Metrics counts (issue 9).
    Counts(counts::Custom),
    /// §26 RAG documents and chunks (issue 9).
    Rag(rag::Custom),
    /// §27 Update history (issue 10).
    UpdateHistory(update_history::Custom),
    /// §28 Vehicle lookup cache and cases (issue 10).
    VehicleLookup(vehicle_lookup::Custom),
    /// §29 Price snapshots and internal prices (issue 10).
    Prices(prices::Custom),
    /// §30 Telegram accounts (issue 10).
    Telegram(telegram::Custom),
    /// §31 Message templates (issue 10).
    MessageTemplates(message_templates::Custom),
    /// §32 Payment methods (issue 10).
    PaymentMethods(payment_methods::Custom),
    /// §33 Tenant agent settings (issue 10).
    AgentSettings(agent_settings::Custom),
    /// Billing (storage-api appendix A, issue 10).
    Billing(billing::Custom),
    /// Grants and admin actions (storage-api appendix A, issue 10).
    Admin(admin::Custom),
    /// MAX Personal accounts (storage-api appendix A, issue 10).
    MaxPersonal(max_personal::Custom),
    /// Fraud checks, fingerprints and flags (storage-api appendix A, issue 10).
    Fraud(fraud::Custom),
    /// Integration secrets (storage-api appendix A, issue 10).
    Secrets(secrets::Custom),
    /// Audit events (storage-api appendix A, issue 10).
    Audit(audit::Custom),
    /// Proxies (storage-api appendix A, issue 10).
    Proxies(proxies::Custom),
    /// Customer data deletion (storage-api appendix A, issue 10).
    CustomerDeletion(customer_deletion::Custom),
    /// Sessions of the backend's session store (storage-api appendix A, issue 10).
    Sessions(sessions::Custom),
    /// Owners of rows: the tenant of a row, for trusted backends (`service`; issue 11).
    Owners(owners::Custom),
}

/// The sections of the API, in the order of storage-api.md, each with its title (the generated
/// docs and clients group operations by it).
pub static SECTIONS: &[(&str, &[Route])] = &[
    ("The API itself", meta::ROUTES),
    ("§1 Tenants", tenants::ROUTES),
    ("§2 Channels", channels::ROUTES),
    ("§7 Customers", customers::ROUTES),
    ("§8 Customer notes", customer_notes::ROUTES),
    ("§10 Conversations", conversations::ROUTES),
    ("§11 Messages", messages::ROUTES),
    ("Feature flags (appendix A)", feature_flags::ROUTES),
    ("§3–§6 Users, invites, e-mail tokens, account linking", users::ROUTES),
    ("§9 Customer memory", customer_memory::ROUTES),
    ("§12 Products", products::ROUTES),
    ("§13 Knowledge docs", knowledge::ROUTES),
    ("§14–§15 AI suggestions and human actions", suggestions::ROUTES),
    ("§16–§17 AI training samples and policies", training::ROUTES),
    ("§18 Learning queue", learning::ROUTES),
    ("§19 Escalation events", escalations::ROUTES),
    ("§20 Response templates", response_templates::ROUTES),
    ("§21 Dashboard", dashboard::ROUTES),
    ("§22 Per-tenant settings", settings::ROUTES),
    ("§23 Readiness reports", readiness::ROUTES),
    ("§24 CSAT ratings, conversions, lost deals", outcomes::ROUTES),
    ("§25 Metrics counts", counts::ROUTES),
    ("§26 RAG documents and chunks", rag::ROUTES),
    ("§27 Update history", update_history::ROUTES),
    ("§28 Vehicle lookup cache and cases", vehicle_lookup::ROUTES),
    ("§29 Price snapshots and internal prices", prices::ROUTES),
    ("§30 Telegram accounts", telegram::ROUTES),
    ("§31 Message templates", message_templates::ROUTES),
    ("§32 Payment methods", payment_methods::ROUTES),
    ("§33 Tenant agent settings", agent_settings::ROUTES),
    ("Billing (appendix A)", billing::ROUTES),
    ("Grants and admin actions (appendix A)", admin::ROUTES),
    ("MAX Personal accounts (appendix A)", max_personal::ROUTES),
    ("Fraud checks, fingerprints and flags (appendix A)", fraud::ROUTES),
    ("Integration secrets (appendix A)", secrets::ROUTES),
    ("Audit events (appendix A)", audit::ROUTES),
    ("Proxies (appendix A)", proxies::ROUTES),
    ("Customer data deletion (appendix A)", customer_deletion::ROUTES),
    ("Session store (appendix A)", sessions::ROUTES),
    ("Owners of rows (service)", owners::ROUTES),
];

/// Every route (built once). Order does not matter for matching: literals win over parameters.
pub fn all() -> &'static [&'static Route] {
    static ALL: OnceLock<Vec<&'static Route>> = OnceLock::new();
    ALL.get_or_init(|| SECTIONS.iter().flat_map(|(_, g)| g.iter()).collect())
}

/// The route of an operation id.
pub fn by_id(id: &str) -> Option<&'static Route> {
    all().iter().copied().find(|r| r.id == id)
}

/// The position of `route` in [`all`] (a stable index for per-route metrics).
pub fn index_of(route: &Route) -> Option<usize> {
    all().iter().position(|r| std::ptr::eq(*r, route))
}

/// `getCustomerByExternalId` → `GetCustomerByExternalId`.
pub fn pascal_case(id: &str) -> String {
    let mut chars = id.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
