//! The route table: every operation of the API, declared once.
//!
//! Adding an operation = one [`Op`] variant + one [`Route`] here + one storage function in the
//! server + tests. Operation ids are the old system's storage method names where one exists
//! (storage-api.md), so each route traces back to the spec.

use crate::enums::{CHANNEL_TYPES, CONVERSATION_STATUSES, FEATURE_FLAG_NAMES};
use crate::route::{Access, Body, Method, Param, ParamKind, Response, Route, Schema, Scope};
use crate::schema::JsonShape::{Attachments, Object};
use crate::schema::Rule::{Json, Len, OneOf};
use crate::schema::SqlType::{Boolean, Jsonb, Text};
use crate::schema::col;
use crate::tables::{CHANNELS, CONVERSATIONS, CUSTOMERS, FEATURE_FLAGS, MESSAGES, TENANTS};

macro_rules! ops {
    ($($variant:ident => $id:literal,)*) => {
        /// Every operation of the API. [`Op::id`] is its OpenAPI `operationId`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op { $($variant,)* }

        impl Op {
            pub const ALL: &'static [Op] = &[$(Op::$variant,)*];

            pub fn id(self) -> &'static str {
                match self { $(Op::$variant => $id,)* }
            }
        }
    };
}

ops! {
    OpenApi => "getOpenApi",
    CreateTenant => "createTenant",
    GetDefaultTenant => "getDefaultTenant",
    GetTenant => "getTenant",
    UpdateTenant => "updateTenant",
    GetTenantTemplates => "getTenantTemplates",
    ListChannelsByType => "getChannelsByType",
    ListChannels => "getChannelsByTenant",
    CreateChannel => "createChannel",
    GetChannel => "getChannel",
    UpdateChannel => "updateChannel",
    ListCustomers => "getCustomersByTenant",
    LookupCustomer => "getCustomerByExternalId",
    GetCustomer => "getCustomer",
    CreateCustomer => "createCustomer",
    UpdateCustomer => "updateCustomer",
    ListConversations => "getConversationsByTenant",
    ConversationChannelCounts => "getConversationChannelCounts",
    CreateConversation => "createConversation",
    GetConversation => "getConversation",
    GetConversationWithCustomer => "getConversationWithCustomer",
    GetConversationDetail => "getConversationDetail",
    UpdateConversation => "updateConversation",
    DeleteConversation => "deleteConversation",
    ListMessages => "getMessagesByConversationPaginated",
    CreateMessage => "createMessage",
    GetMessage => "getMessage",
    UpdateMessage => "updateMessage",
    InboundMessage => "receiveInboundMessage",
    EffectiveFeatureFlags => "getEffectiveFeatureFlags",
    SetTenantFeatureFlag => "setTenantFeatureFlag",
    DeleteTenantFeatureFlag => "deleteTenantFeatureFlag",
    ListGlobalFeatureFlags => "getGlobalFeatureFlags",
    SetGlobalFeatureFlag => "setGlobalFeatureFlag",
}

const LIMIT: Param = Param {
    name: "limit",
    kind: ParamKind::Int { min: 1, max: 1000, default: Some(100) },
    required: false,
    doc: "Page size (1-1000, default 100)",
};
const AFTER: Param = Param {
    name: "after",
    kind: ParamKind::Id,
    required: false,
    doc: "Cursor: the id from the previous page's x-next-cursor header",
};

/// An inbound customer message from a messenger (W2).
pub static INBOUND_MESSAGE: Schema = Schema {
    name: "InboundMessage",
    doc: "A customer's message as a messenger delivers it: finds or creates the customer and its active \
          conversation, stores the message, bumps the conversation — in one transaction.",
    fields: &[
        col("channel", "channel", Text).not_null().rules(&[OneOf(CHANNEL_TYPES)]),
        col("external_id", "externalId", Text).not_null().rules(&[Len { min: 1, max: 256 }]),
        col("name", "name", Text).rules(&[Len { min: 0, max: 200 }]),
        col("content", "content", Text).not_null().rules(&[Len { min: 1, max: 4000 }]),
        col("attachments", "attachments", Jsonb).default("'[]'").rules(&[Json(Attachments)]),
        col("metadata", "metadata", Jsonb).default("'{}'").rules(&[Json(Object)]),
    ],
};

/// Sets a feature flag (global default or tenant override).
pub static FEATURE_FLAG_TOGGLE: Schema = Schema {
    name: "FeatureFlagToggle",
    doc: "The value of a feature flag.",
    fields: &[
        col("enabled", "enabled", Boolean).not_null(),
        col("description", "description", Text).rules(&[Len { min: 0, max: 1000 }]),
    ],
};

/// A tenant-scoped, read-only route answering 200; the table overrides what differs.
const fn route(method: Method, path: &'static str, op: Op, summary: &'static str) -> Route {
    Route {
        method,
        path,
        op,
        summary,
        scope: Scope::Tenant,
        access: Access::Read,
        query: &[],
        body: Body::None,
        response: Response::Empty,
        status: 200,
        cache_ttl: None,
    }
}

use Method::{Delete, Get, Patch, Post, Put};

/// Every route. Order does not matter for matching (literals win over parameters).
pub static ROUTES: &[Route] = &[
    Route {
        scope: Scope::Public,
        response: Response::Named("OpenApiDocument"),
        ..route(Get, "/v1/openapi.json", Op::OpenApi, "This API's OpenAPI 3.1 document")
    },
    // ── §1 Tenants ──
    Route {
        scope: Scope::Platform,
        access: Access::Platform,
        body: Body::Insert(&TENANTS),
        response: Response::Row(&TENANTS),
        status: 201,
        ..route(Post, "/v1/tenants", Op::CreateTenant, "Create a tenant (platform roles)")
    },
    Route {
        scope: Scope::Platform,
        access: Access::Platform,
        response: Response::Row(&TENANTS),
        ..route(
            Get,
            "/v1/platform/default-tenant",
            Op::GetDefaultTenant,
            "The oldest tenant (the old single-store default)",
        )
    },
    Route {
        response: Response::Row(&TENANTS),
        ..route(Get, "/v1/tenants/{tenantId}", Op::GetTenant, "Get the tenant")
    },
    Route {
        access: Access::Admin,
        body: Body::Patch(&TENANTS),
        response: Response::Row(&TENANTS),
        ..route(Patch, "/v1/tenants/{tenantId}", Op::UpdateTenant, "Update the tenant's settings")
    },
    Route {
        response: Response::Named("TenantTemplates"),
        ..route(
            Get,
            "/v1/tenants/{tenantId}/templates",
            Op::GetTenantTemplates,
            "Reply texts: overrides or built-in defaults",
        )
    },
    // ── §2 Channels ──
    Route {
        scope: Scope::Platform,
        access: Access::Platform,
        query: &[Param { name: "type", kind: ParamKind::OneOf(CHANNEL_TYPES), required: true, doc: "Channel type" }],
        response: Response::Rows(&CHANNELS),
        ..route(Get, "/v1/platform/channels", Op::ListChannelsByType, "Channels of one type across all tenants")
    },
    Route {
        response: Response::Rows(&CHANNELS),
        ..route(Get, "/v1/tenants/{tenantId}/channels", Op::ListChannels, "The tenant's channels")
    },
    Route {
        access: Access::Admin,
        body: Body::Insert(&CHANNELS),
        response: Response::Row(&CHANNELS),
        status: 201,
        ..route(Post, "/v1/tenants/{tenantId}/channels", Op::CreateChannel, "Add a channel")
    },
    Route {
        response: Response::Row(&CHANNELS),
        ..route(Get, "/v1/tenants/{tenantId}/channels/{channelId}", Op::GetChannel, "Get a channel")
    },
    Route {
        access: Access::Admin,
        body: Body::Patch(&CHANNELS),
        response: Response::Row(&CHANNELS),
        ..route(Patch, "/v1/tenants/{tenantId}/channels/{channelId}", Op::UpdateChannel, "Update a channel")
    },
    // ── §7 Customers ──
    Route {
        query: &[
            Param {
                name: "q",
                kind: ParamKind::Text { max: 200 },
                required: false,
                doc: "Search name, phone, e-mail and external id (case-insensitive substring)",
            },
            LIMIT,
            AFTER,
        ],
        response: Response::Rows(&CUSTOMERS),
        ..route(Get, "/v1/tenants/{tenantId}/customers", Op::ListCustomers, "The tenant's customers, oldest first")
    },
    Route {
        query: &[
            Param { name: "channel", kind: ParamKind::OneOf(CHANNEL_TYPES), required: true, doc: "Channel type" },
            Param {
                name: "externalId",
                kind: ParamKind::Text { max: 256 },
                required: true,
                doc: "The customer's id on that channel",
            },
        ],
        response: Response::Row(&CUSTOMERS),
        cache_ttl: None,
        ..route(
            Get,
            "/v1/tenants/{tenantId}/customers/lookup",
            Op::LookupCustomer,
            "Find a customer by channel and external id",
        )
    },
    Route {
        response: Response::Row(&CUSTOMERS),
        ..route(Get, "/v1/tenants/{tenantId}/customers/{customerId}", Op::GetCustomer, "Get a customer")
    },
    Route {
        access: Access::Write,
        body: Body::Insert(&CUSTOMERS),
        response: Response::Row(&CUSTOMERS),
        status: 201,
        ..route(Post, "/v1/tenants/{tenantId}/customers", Op::CreateCustomer, "Create a customer")
    },
    Route {
        access: Access::Write,
        body: Body::Patch(&CUSTOMERS),
        response: Response::Row(&CUSTOMERS),
        ..route(Patch, "/v1/tenants/{tenantId}/customers/{customerId}", Op::UpdateCustomer, "Update a customer")
    },
    // ── §10 Conversations ──
    Route {
        query: &[
            Param {
                name: "status",
                kind: ParamKind::OneOf(CONVERSATION_STATUSES),
                required: false,
                doc: "Only conversations in this status (active = getActiveConversations)",
            },
            LIMIT,
            AFTER,
        ],
        response: Response::Named("ConversationWithCustomerList"),
        ..route(
            Get,
            "/v1/tenants/{tenantId}/conversations",
            Op::ListConversations,
            "Conversations with customer, channel and last message, most recent first",
        )
    },
    Route {
        response: Response::Named("ConversationChannelCounts"),
        ..route(
            Get,
            "/v1/tenants/{tenantId}/conversations/channel-counts",
            Op::ConversationChannelCounts,
            "Unread messages per channel family",
        )
    },
    Route {
        access: Access::Write,
        body: Body::Insert(&CONVERSATIONS),
        response: Response::Row(&CONVERSATIONS),
        status: 201,
        ..route(Post, "/v1/tenants/{tenantId}/conversations", Op::CreateConversation, "Start a conversation")
    },
    Route {
        response: Response::Row(&CONVERSATIONS),
        ..route(Get, "/v1/tenants/{tenantId}/conversations/{conversationId}", Op::GetConversation, "Get a conversation")
    },
    Route {
        response: Response::Named("ConversationWithCustomer"),
        ..route(
            Get,
            "/v1/tenants/{tenantId}/conversations/{conversationId}/with-customer",
            Op::GetConversationWithCustomer,
            "A conversation with its customer and last message",
        )
    },
    Route {
        response: Response::Named("ConversationDetail"),
        ..route(
            Get,
            "/v1/tenants/{tenantId}/conversations/{conversationId}/detail",
            Op::GetConversationDetail,
            "A conversation with its customer, all messages and the pending suggestion",
        )
    },
    Route {
        access: Access::Write,
        body: Body::Patch(&CONVERSATIONS),
        response: Response::Row(&CONVERSATIONS),
        ..route(
            Patch,
            "/v1/tenants/{tenantId}/conversations/{conversationId}",
            Op::UpdateConversation,
            "Update a conversation (status transitions are checked)",
        )
    },
    Route {
        access: Access::Admin,
        status: 204,
        ..route(
            Delete,
            "/v1/tenants/{tenantId}/conversations/{conversationId}",
            Op::DeleteConversation,
            "Delete a conversation and everything attached to it, in one transaction",
        )
    },
    // ── §11 Messages ──
    Route {
        query: &[
            Param {
                name: "limit",
                kind: ParamKind::Int { min: 1, max: 200, default: Some(50) },
                required: false,
                doc: "Page size (1-200, default 50)",
            },
            Param {
                name: "before",
                kind: ParamKind::Id,
                required: false,
                doc: "Newest first, older than this message (default: from the newest)",
            },
            Param { name: "after", kind: ParamKind::Id, required: false, doc: "Oldest first, newer than this message" },
        ],
        response: Response::Rows(&MESSAGES),
        ..route(
            Get,
            "/v1/tenants/{tenantId}/conversations/{conversationId}/messages",
            Op::ListMessages,
            "A page of a conversation's messages",
        )
    },
    Route {
        access: Access::Write,
        body: Body::Insert(&MESSAGES),
        response: Response::Row(&MESSAGES),
        status: 201,
        ..route(
            Post,
            "/v1/tenants/{tenantId}/conversations/{conversationId}/messages",
            Op::CreateMessage,
            "Add a message to a conversation (bumps lastMessageAt)",
        )
    },
    Route {
        response: Response::Row(&MESSAGES),
        ..route(Get, "/v1/tenants/{tenantId}/messages/{messageId}", Op::GetMessage, "Get a message")
    },
    Route {
        access: Access::Write,
        body: Body::Patch(&MESSAGES),
        response: Response::Row(&MESSAGES),
        ..route(Patch, "/v1/tenants/{tenantId}/messages/{messageId}", Op::UpdateMessage, "Update a message")
    },
    Route {
        access: Access::Write,
        body: Body::Custom(&INBOUND_MESSAGE),
        response: Response::Named("InboundMessageResult"),
        status: 201,
        ..route(
            Post,
            "/v1/tenants/{tenantId}/inbound-messages",
            Op::InboundMessage,
            "Receive a customer's message from a messenger (one transaction)",
        )
    },
    // ── Feature flags (appendix A) ──
    Route {
        response: Response::Named("EffectiveFeatureFlags"),
        cache_ttl: Some(30),
        ..route(
            Get,
            "/v1/tenants/{tenantId}/feature-flags",
            Op::EffectiveFeatureFlags,
            "Effective flags: tenant override, else global value, else built-in default",
        )
    },
    Route {
        access: Access::Platform,
        body: Body::Custom(&FEATURE_FLAG_TOGGLE),
        response: Response::Row(&FEATURE_FLAGS),
        ..route(
            Put,
            "/v1/tenants/{tenantId}/feature-flags/{flagName}",
            Op::SetTenantFeatureFlag,
            "Set a tenant override (platform roles)",
        )
    },
    Route {
        access: Access::Platform,
        status: 204,
        ..route(
            Delete,
            "/v1/tenants/{tenantId}/feature-flags/{flagName}",
            Op::DeleteTenantFeatureFlag,
            "Remove a tenant override (platform roles)",
        )
    },
    Route {
        scope: Scope::Platform,
        access: Access::Platform,
        response: Response::Rows(&FEATURE_FLAGS),
        ..route(Get, "/v1/platform/feature-flags", Op::ListGlobalFeatureFlags, "Global flag rows")
    },
    Route {
        scope: Scope::Platform,
        access: Access::Platform,
        body: Body::Custom(&FEATURE_FLAG_TOGGLE),
        response: Response::Row(&FEATURE_FLAGS),
        ..route(Put, "/v1/platform/feature-flags/{flagName}", Op::SetGlobalFeatureFlag, "Set a global default")
    },
];

/// The route of an operation.
pub fn route_of(op: Op) -> &'static Route {
    ROUTES.iter().find(|r| r.op == op).unwrap_or(&ROUTES[0])
}

/// Feature-flag names (a path parameter, so checked here rather than by the id rule).
pub fn is_feature_flag(name: &str) -> bool {
    FEATURE_FLAG_NAMES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_op_has_exactly_one_route() {
        for op in Op::ALL {
            assert_eq!(ROUTES.iter().filter(|r| r.op == *op).count(), 1, "{op:?}");
        }
        assert_eq!(ROUTES.len(), Op::ALL.len());
    }

    #[test]
    fn tenant_routes_have_a_tenant_parameter_and_others_do_not() {
        for r in ROUTES {
            let has = r.path.starts_with("/v1/tenants/{tenantId}");
            assert_eq!(has, r.scope == Scope::Tenant, "{}", r.path);
        }
    }

    #[test]
    fn only_reads_are_cacheable_and_statuses_fit_methods() {
        for r in ROUTES {
            if r.cache_ttl.is_some() {
                assert_eq!(r.method, Method::Get, "{}", r.path);
            }
            match r.status {
                201 => assert_eq!(r.method, Method::Post, "{}", r.path),
                204 => assert_eq!(r.response, Response::Empty, "{}", r.path),
                200 => assert_ne!(r.response, Response::Empty, "{}", r.path),
                other => panic!("{} has status {other}", r.path),
            }
            let writes = r.method != Method::Get;
            assert!(!writes || r.access != Access::Read, "{} writes with read access", r.path);
        }
    }
}
