//! The route table: every operation of the API, declared once, in one file per section of
//! storage-api.md, composed here.
//!
//! Adding an operation is one declaration in its domain file. A plain one ([`crate::route::crud`])
//! needs nothing else: the server's executor runs it, scoped by the table's owner, and the
//! contract test exercises it. A custom one also names its [`Custom`] variant, which the server's
//! `dispatch` maps to one storage function (the compiler insists). Operation ids are the old
//! system's storage method names, so each route traces back to the spec; a custom variant is the
//! PascalCase of its id (a test keeps them in step).

mod channels;
mod conversations;
mod customer_notes;
mod customers;
mod feature_flags;
mod messages;
mod meta;
mod tenants;

pub use conversations::{CHANNEL_COUNTS, CONVERSATION_DETAIL, CONVERSATION_WITH_CUSTOMER};
pub use feature_flags::EFFECTIVE_FEATURE_FLAGS;
pub use messages::{INBOUND_MESSAGE, INBOUND_MESSAGE_RESULT};
pub use tenants::TENANT_TEMPLATES;

use crate::route::Route;
use std::sync::OnceLock;

/// The operations that are not plain actions, one variant each: the PascalCase of the
/// operation id. The server's dispatch has one arm per variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    GetTenantTemplates,
    GetCustomerByExternalId,
    GetConversationsByTenant,
    GetConversationChannelCounts,
    GetConversationWithCustomer,
    GetConversationDetail,
    UpdateConversation,
    DeleteConversation,
    GetMessagesByConversationPaginated,
    CreateMessage,
    ReceiveInboundMessage,
    GetEffectiveFeatureFlags,
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
