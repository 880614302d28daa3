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

/// The domain tables, in the order of storage-api.md.
static GROUPS: &[&[Route]] = &[
    meta::ROUTES,
    tenants::ROUTES,
    channels::ROUTES,
    customers::ROUTES,
    customer_notes::ROUTES,
    conversations::ROUTES,
    messages::ROUTES,
    feature_flags::ROUTES,
    users::ROUTES,
    customer_memory::ROUTES,
    products::ROUTES,
    knowledge::ROUTES,
    suggestions::ROUTES,
    training::ROUTES,
    learning::ROUTES,
    escalations::ROUTES,
    response_templates::ROUTES,
    dashboard::ROUTES,
    settings::ROUTES,
    readiness::ROUTES,
    outcomes::ROUTES,
    counts::ROUTES,
    rag::ROUTES,
    update_history::ROUTES,
    vehicle_lookup::ROUTES,
    prices::ROUTES,
    telegram::ROUTES,
    message_templates::ROUTES,
    payment_methods::ROUTES,
    agent_settings::ROUTES,
    billing::ROUTES,
    admin::ROUTES,
    max_personal::ROUTES,
    fraud::ROUTES,
    secrets::ROUTES,
    audit::ROUTES,
    proxies::ROUTES,
    customer_deletion::ROUTES,
    sessions::ROUTES,
    owners::ROUTES,
];

/// Every route (built once). Order does not matter for matching: literals win over parameters.
pub fn all() -> &'static [&'static Route] {
    static ALL: OnceLock<Vec<&'static Route>> = OnceLock::new();
    ALL.get_or_init(|| GROUPS.iter().flat_map(|g| g.iter()).collect())
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
