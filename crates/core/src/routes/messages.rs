//! §11 Messages, and the inbound message of a messenger (W2).

use crate::enums::CHANNEL_TYPES;
use crate::route::Method::{Get, Post};
use crate::route::{AFTER, Body, LIMIT, Param, ParamKind, Response, Route, Schema, crud};
use crate::schema::JsonShape::{Attachments, Object};
use crate::schema::Rule::{Json, Len, OneOf};
use crate::schema::SqlType::{Jsonb, Text};
use crate::schema::col;
use crate::shape::{Kind, Shape, field};
use crate::tables::{AI_SUGGESTIONS, MESSAGES};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getMessagesByConversationPaginated (W3): one hand-tuned statement per page kind.
    GetMessagesByConversationPaginated,
    /// createMessage: the message and the conversation's lastMessageAt in one statement.
    CreateMessage,
    /// receiveInboundMessage (W2): the pipelined one-round-trip transaction.
    ReceiveInboundMessage,
    /// getMessagesBySuggestionId: the messages of the suggestion's conversation (a join).
    GetMessagesBySuggestionId,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Messages(c)
}

const MESSAGES_PATH: &str = "/v1/tenants/{tenantId}/conversations/{conversationId}/messages";
const MESSAGE: &str = "/v1/tenants/{tenantId}/messages/{messageId}";
const PARENT: &[(&str, &str)] = &[("conversationId", "conversation_id")];
const KEY: &[(&str, &str)] = &[("messageId", "id")];

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

/// What receiveInboundMessage stored.
pub static INBOUND_MESSAGE_RESULT: Shape = Shape {
    name: "InboundMessageResult",
    doc: "The ids of the customer, the conversation and the stored message",
    fields: &[
        field("customerId", Kind::Id, "The customer (found or created)"),
        field("conversationId", Kind::Id, "Its active conversation (found or created)"),
        field("messageId", Kind::Id, "The stored message"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // W3: hand-tuned SQL (one statement scoped through the conversation).
    crud::custom(
        Get,
        &MESSAGES,
        MESSAGES_PATH,
        "getMessagesByConversationPaginated",
        "A page of a conversation's messages",
        op(Custom::GetMessagesByConversationPaginated),
    )
    .binds(PARENT)
    .query(&[
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
    ])
    .exclusive(&[&["before", "after"]])
    .response(Response::Rows(&MESSAGES)),
    // Custom: stores the message and bumps the conversation's lastMessageAt in one statement.
    crud::custom(
        Post,
        &MESSAGES,
        MESSAGES_PATH,
        "createMessage",
        "Add a message to a conversation (bumps lastMessageAt)",
        op(Custom::CreateMessage),
    )
    .binds(PARENT)
    .body(Body::Insert(&MESSAGES))
    .response(Response::Row(&MESSAGES))
    .status(201),
    // storage-api §11: ORDER BY created_at ASC, all of them; paged here (plain list).
    crud::list(
        &MESSAGES,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/messages/all",
        "getMessagesByConversation",
        "All of a conversation's messages, oldest first, in pages",
    )
    .binds(PARENT),
    // storage-api §11: the messages (oldest first) of the suggestion's conversation. The old
    // method answered [] for an unknown suggestion; a suggestion that is not the tenant's is a
    // 404 here (as for every scoped id), a known one without messages [].
    crud::custom(
        Get,
        &AI_SUGGESTIONS,
        "/v1/tenants/{tenantId}/ai-suggestions/{suggestionId}/messages",
        "getMessagesBySuggestionId",
        "The messages of a suggestion's conversation, oldest first, in pages",
        op(Custom::GetMessagesBySuggestionId),
    )
    .binds(&[("suggestionId", "id")])
    .query(&[LIMIT, AFTER])
    .response(Response::Rows(&MESSAGES)),
    crud::get(&MESSAGES, MESSAGE, "getMessage", "Get a message").binds(KEY),
    crud::patch(&MESSAGES, MESSAGE, "updateMessage", "Update a message (content, metadata)").binds(KEY),
    crud::custom(
        Post,
        &MESSAGES,
        "/v1/tenants/{tenantId}/inbound-messages",
        "receiveInboundMessage",
        "Receive a customer's message from a messenger (one transaction)",
        op(Custom::ReceiveInboundMessage),
    )
    .body(Body::Custom(&INBOUND_MESSAGE))
    .response(Response::Shape(&INBOUND_MESSAGE_RESULT))
    .status(201),
];
