//! Audit events (storage-api appendix A, schema.md §10.6, issue 10): the backend's buffered
//! audit trail, written a batch at a time in one statement, read newest first with the old
//! default limits (50 by entity and by conversation, 100 recent, 1000 all; at most 1000). A
//! tenant reads its own events (owner and admin: they hold IP addresses and user agents);
//! events without a tenant are the platform's.

use crate::enums::AUDIT_ACTOR_TYPES;
use crate::route::Dir::Desc;
use crate::route::Method::{Get, Post};
use crate::route::{
    ADMIN, AFTER, Body, Cmp, Filter, FilterValue, LIMIT, PLATFORM, PLATFORM_OR_SERVICE, Param, ParamKind, Response,
    Route, Schema, crud,
};
use crate::schema::JsonShape::Any;
use crate::schema::Rule::{Json, Len, OneOf};
use crate::schema::SqlType::{Jsonb, Text, Varchar};
use crate::schema::col;
use crate::shape::{Kind, Shape, field};
use crate::tables::AUDIT_EVENTS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// createAuditEvents: a batch of events in one statement.
    CreateAuditEvents,
    /// getAuditEventsByConversation: the conversation's own events and those naming it in metadata.
    GetAuditEventsByConversation,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Audit(c)
}

/// Most events of one batch (the old buffer's cap).
pub const MAX_BATCH: usize = 500;

/// A page size parameter with the old default `default`.
const fn limit(default: i64, doc: &'static str) -> Param {
    Param { kind: ParamKind::Int { min: 1, max: 1000, default: Some(default) }, doc, ..LIMIT }
}

/// One event of a batch: an audit event's columns, its tenant included (a batch holds events
/// of many tenants, and the platform's own without one).
pub static AUDIT_EVENT: Schema = Schema {
    name: "AuditEventInsert",
    doc: "An audit event; tenantId absent for the platform's own events",
    fields: &[
        col("tenant_id", "tenantId", Varchar).references("tenants", "id"),
        col("actor", "actor", Text).not_null().rules(&[Len { min: 1, max: 100 }]),
        col("actor_type", "actorType", Text).not_null().rules(&[OneOf(AUDIT_ACTOR_TYPES)]),
        col("action", "action", Text).not_null().rules(&[Len { min: 1, max: 100 }]),
        col("entity_type", "entityType", Text).not_null().rules(&[Len { min: 1, max: 100 }]),
        col("entity_id", "entityId", Varchar).not_null().rules(&[Len { min: 1, max: 64 }]),
        col("metadata", "metadata", Jsonb).default("'{}'::jsonb").rules(&[Json(Any)]),
        col("request_id", "requestId", Varchar).rules(&[Len { min: 0, max: 128 }]),
        col("ip_address", "ipAddress", Text).rules(&[Len { min: 0, max: 64 }]),
        col("user_agent", "userAgent", Text).rules(&[Len { min: 0, max: 1000 }]),
    ],
};

/// createAuditEvents' answer.
pub static AUDIT_BATCH: Shape = Shape {
    name: "AuditEventBatch",
    doc: "How many events the batch stored",
    fields: &[field("inserted", Kind::Int, "Events stored")],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::custom(
        Post,
        &AUDIT_EVENTS,
        "/v1/platform/audit-events",
        "createAuditEvents",
        "Store a batch of audit events (at most 500) in one statement",
        op(Custom::CreateAuditEvents),
    )
    .platform(PLATFORM_OR_SERVICE)
    .body(Body::Array(&AUDIT_EVENT))
    .response(Response::Shape(&AUDIT_BATCH))
    .status(201),
    crud::list(
        &AUDIT_EVENTS,
        "/v1/platform/audit-events/by-entity",
        "getAuditEventsByEntity",
        "Events of an entity, newest first",
    )
    .platform(PLATFORM)
    .query(&[
        Param { name: "entityType", kind: ParamKind::Text { max: 100 }, required: true, doc: "The entity's type" },
        Param { name: "entityId", kind: ParamKind::Id, required: true, doc: "The entity's id" },
        limit(50, "Page size (1-1000, default 50)"),
        AFTER,
    ])
    .filters(&[
        Filter { column: "entity_type", cmp: Cmp::Eq, value: FilterValue::Query("entityType") },
        Filter { column: "entity_id", cmp: Cmp::Eq, value: FilterValue::Query("entityId") },
    ])
    .order(&[("created_at", Desc)]),
    crud::custom(
        Get,
        &AUDIT_EVENTS,
        "/v1/tenants/{tenantId}/audit-events/by-conversation",
        "getAuditEventsByConversation",
        "Events of a conversation (the conversation's, and those naming it in metadata.conversationId), newest first",
        op(Custom::GetAuditEventsByConversation),
    )
    .roles(ADMIN)
    .query(&[
        Param { name: "conversationId", kind: ParamKind::Id, required: true, doc: "The conversation" },
        limit(50, "Events at most (1-1000, default 50)"),
    ])
    .response(Response::Rows(&AUDIT_EVENTS)),
    crud::list(
        &AUDIT_EVENTS,
        "/v1/tenants/{tenantId}/audit-events",
        "getRecentAuditEvents",
        "The tenant's events, newest first",
    )
    .roles(ADMIN)
    .query(&[limit(100, "Page size (1-1000, default 100)"), AFTER])
    .order(&[("created_at", Desc)]),
    crud::list(&AUDIT_EVENTS, "/v1/platform/audit-events", "getAllAuditEvents", "Every event, newest first")
        .platform(PLATFORM)
        .query(&[limit(1000, "Page size (1-1000, default 1000)"), AFTER])
        .order(&[("created_at", Desc)]),
];
