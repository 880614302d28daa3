//! §10 Conversations.

use crate::enums::CONVERSATION_STATUSES;
use crate::route::Method::{Delete, Get, Patch};
use crate::route::{ADMIN, AFTER, Body, LIMIT, Param, ParamKind, Response, Route, WRITE, crud};
use crate::shape::{Kind, Shape, columns, field, optional};
use crate::tables::{AI_SUGGESTIONS, CHANNELS, CONVERSATIONS, CUSTOMERS, MESSAGES};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getConversationsByTenant: joins customer, channel and last message, keyset-paged by activity.
    GetConversationsByTenant,
    /// getActiveConversations: the same list, `status = 'active'` only.
    GetActiveConversations,
    /// getConversationChannelCounts: unread sums per channel family.
    GetConversationChannelCounts,
    /// getConversationWithCustomer: the conversation with customer and last message.
    GetConversationWithCustomer,
    /// getConversationDetail: customer, all messages and the pending suggestion.
    GetConversationDetail,
    /// updateConversation: status transitions checked in the update statement.
    UpdateConversation,
    /// deleteConversation: one transaction over every table referencing the conversation.
    DeleteConversation,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Conversations(c)
}

const CONVERSATIONS_PATH: &str = "/v1/tenants/{tenantId}/conversations";
const CONVERSATION: &str = "/v1/tenants/{tenantId}/conversations/{conversationId}";
const KEY: &[(&str, &str)] = &[("conversationId", "id")];

/// A conversation with its customer, last message and channel (getConversationWithCustomer,
/// the items of getConversationsByTenant).
pub static CONVERSATION_WITH_CUSTOMER: Shape = Shape {
    name: "ConversationWithCustomer",
    doc: "A conversation with its customer, its newest message and its channel",
    fields: &[
        columns(&CONVERSATIONS),
        field("customer", Kind::Row(&CUSTOMERS), "The conversation's customer"),
        optional("lastMessage", Kind::Row(&MESSAGES), "The newest message; absent when there is none"),
        optional(
            "channel",
            Kind::Row(&CHANNELS),
            "The conversation's channel (lists only); absent when it has none. Its config is shown to owner/admin only",
        ),
    ],
};

/// getConversationDetail's answer.
pub static CONVERSATION_DETAIL: Shape = Shape {
    name: "ConversationDetail",
    doc: "A conversation with its customer, all its messages (oldest first) and the pending suggestion",
    fields: &[
        columns(&CONVERSATIONS),
        field("customer", Kind::Row(&CUSTOMERS), "The conversation's customer"),
        field("messages", Kind::Rows(&MESSAGES), "Every message, oldest first"),
        optional("currentSuggestion", Kind::Row(&AI_SUGGESTIONS), "The newest pending AI suggestion, if any"),
    ],
};

/// getConversationChannelCounts' answer.
pub static CHANNEL_COUNTS: Shape = Shape {
    name: "ConversationChannelCounts",
    doc: "Unread messages (sum of unreadCount) in all conversations and per channel family; a family is present \
          when the tenant has a channel of that family",
    fields: &[
        field("all", Kind::Int, "All conversations"),
        optional("telegram", Kind::Int, "telegram and telegram_personal"),
        optional("max", Kind::Int, "max and max_personal"),
        optional("whatsapp", Kind::Int, "whatsapp and whatsapp_personal"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::custom(
        Get,
        &CONVERSATIONS,
        CONVERSATIONS_PATH,
        "getConversationsByTenant",
        "Conversations with customer, channel and last message, most recent first",
        op(Custom::GetConversationsByTenant),
    )
    .query(&[
        Param {
            name: "status",
            kind: ParamKind::OneOf(CONVERSATION_STATUSES),
            required: false,
            doc: "Only conversations in this status (active = getActiveConversations)",
        },
        LIMIT,
        AFTER,
    ])
    .response(Response::Shapes(&CONVERSATION_WITH_CUSTOMER)),
    // storage-api §10: getConversationsByTenant plus `status = 'active'`, as its own route.
    crud::custom(
        Get,
        &CONVERSATIONS,
        "/v1/tenants/{tenantId}/conversations/active",
        "getActiveConversations",
        "Active conversations with customer, channel and last message, most recent first",
        op(Custom::GetActiveConversations),
    )
    .query(&[LIMIT, AFTER])
    .response(Response::Shapes(&CONVERSATION_WITH_CUSTOMER)),
    crud::custom(
        Get,
        &CONVERSATIONS,
        "/v1/tenants/{tenantId}/conversations/channel-counts",
        "getConversationChannelCounts",
        "Unread messages per channel family",
        op(Custom::GetConversationChannelCounts),
    )
    .response(Response::Shape(&CHANNEL_COUNTS)),
    crud::create(&CONVERSATIONS, CONVERSATIONS_PATH, "createConversation", "Start a conversation"),
    crud::get(&CONVERSATIONS, CONVERSATION, "getConversation", "Get a conversation").binds(KEY),
    crud::custom(
        Get,
        &CONVERSATIONS,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/with-customer",
        "getConversationWithCustomer",
        "A conversation with its customer and last message",
        op(Custom::GetConversationWithCustomer),
    )
    .binds(KEY)
    .response(Response::Shape(&CONVERSATION_WITH_CUSTOMER)),
    crud::custom(
        Get,
        &CONVERSATIONS,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/detail",
        "getConversationDetail",
        "A conversation with its customer, all messages and the pending suggestion",
        op(Custom::GetConversationDetail),
    )
    .binds(KEY)
    .response(Response::Shape(&CONVERSATION_DETAIL)),
    // Custom: the status transition (schema.md §3.1) is checked in the update statement.
    crud::custom(
        Patch,
        &CONVERSATIONS,
        CONVERSATION,
        "updateConversation",
        "Update a conversation (status transitions are checked)",
        op(Custom::UpdateConversation),
    )
    .binds(KEY)
    .roles(WRITE)
    .body(Body::Patch(&CONVERSATIONS))
    .response(Response::Row(&CONVERSATIONS)),
    // Custom: a transaction over every table that references the conversation.
    crud::custom(
        Delete,
        &CONVERSATIONS,
        CONVERSATION,
        "deleteConversation",
        "Delete a conversation and everything attached to it, in one transaction",
        op(Custom::DeleteConversation),
    )
    .binds(KEY)
    .roles(ADMIN)
    .status(204),
];
