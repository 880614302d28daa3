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
    /// The tenant's reply texts, each its override or the built-in default (storage-api §1).
    GetTenantTemplates,
    /// The hottest read (W1): one customer by its (tenant, channel, external id) key
    /// (storage-api §7).
    GetCustomerByExternalId,
    /// Conversations joined with customer, channel and last message, newest activity first
    /// (storage-api §10).
    GetConversationsByTenant,
    /// Unread messages summed per channel family (storage-api §10).
    GetConversationChannelCounts,
    /// A conversation with its customer and last message (storage-api §10).
    GetConversationWithCustomer,
    /// A conversation with its customer, all messages and the pending suggestion (storage-api §10).
    GetConversationDetail,
    /// A patch whose status change must be an allowed transition (schema.md §3.1).
    UpdateConversation,
    /// Deletes a conversation and every row that references it, in one transaction (the old
    /// cascade was not transactional, storage-api §10).
    DeleteConversation,
    /// A page of a conversation's messages in one statement (W3, storage-api §11).
    GetMessagesByConversationPaginated,
    /// Stores a message and bumps the conversation's `lastMessageAt` in one statement
    /// (storage-api §11).
    CreateMessage,
    /// A messenger's inbound message (W2): customer and active conversation found or created,
    /// message stored, in one transaction.
    ReceiveInboundMessage,
    /// Every flag's effective value: tenant override, else global value, else default (W4).
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
