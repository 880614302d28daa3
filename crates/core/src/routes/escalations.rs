//! §19 Escalation events (issue 9): five plain declarations. `escalation_events` has no
//! `tenant_id`: its owner is its conversation (`Owner::Via`), so every read and write is scoped
//! through the conversation, and a new event's `conversationId` (and `handledBy`) must be the
//! tenant's — the old `getEscalationEvent` / `updateEscalationEvent` took any tenant's id.

use crate::route::Dir::Desc;
use crate::route::{AFTER, Param, ParamKind, Route, crud};
use crate::tables::ESCALATION_EVENTS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const ESCALATIONS: &str = "/v1/tenants/{tenantId}/escalations";
const ESCALATION: &str = "/v1/tenants/{tenantId}/escalations/{escalationId}";
const KEY: &[(&str, &str)] = &[("escalationId", "id")];
// storage-api §19: ORDER BY created_at DESC.
const NEWEST_FIRST: &[(&str, crate::route::Dir)] = &[("created_at", Desc)];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::list(&ESCALATION_EVENTS, ESCALATIONS, "getEscalationsByTenant", "The tenant's escalations, newest first")
        .order(NEWEST_FIRST),
    // storage-api §19: the first `limit` of getEscalationsByTenant; the limit is required, as
    // the old method's parameter was.
    crud::list(
        &ESCALATION_EVENTS,
        "/v1/tenants/{tenantId}/escalations/recent",
        "getRecentEscalations",
        "The tenant's newest escalations",
    )
    .query(&[
        Param {
            name: "limit",
            kind: ParamKind::Int { min: 1, max: 1000, default: None },
            required: true,
            doc: "How many (1-1000)",
        },
        AFTER,
    ])
    .order(NEWEST_FIRST),
    crud::get(&ESCALATION_EVENTS, ESCALATION, "getEscalationEvent", "Get an escalation").binds(KEY),
    crud::create(&ESCALATION_EVENTS, ESCALATIONS, "createEscalationEvent", "Record an escalation of a conversation"),
    crud::patch(
        &ESCALATION_EVENTS,
        ESCALATION,
        "updateEscalationEvent",
        "Update an escalation (status, handledBy, handledAt, texts)",
    )
    .binds(KEY),
];
