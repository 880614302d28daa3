//! §18 Learning queue (issue 9). Rows are "logically one per conversation" without a unique
//! index (schema.md §4.5), so the item of a conversation is its oldest row: `getLearningQueueItem`
//! answers it (the old "first match" by conversation id, now deterministic and scoped) and
//! `upsertLearningQueueItem` merges into it. The merge and the `reviewed_at` rule are custom.

use crate::route::Dir::{Asc, Desc};
use crate::route::Method::{Patch, Put};
use crate::route::{
    AFTER, Action, Body, Cmp, Filter, FilterValue, LIMIT, Param, ParamKind, Plain, Response, Route, ServerValue, crud,
};
use crate::tables::LEARNING_QUEUE;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// updateLearningQueueItem: the plain patch, and `reviewed_at = now()` when the status
    /// becomes `reviewed`.
    UpdateLearningQueueItem,
    /// upsertLearningQueueItem: max of the scores, ordered union of the reasons, in one statement.
    UpsertLearningQueueItem,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Learning(c)
}

const QUEUE: &str = "/v1/tenants/{tenantId}/learning-queue";
const ITEM: &str = "/v1/tenants/{tenantId}/learning-queue/{learningQueueItemId}";
const OF_CONVERSATION: &str = "/v1/tenants/{tenantId}/conversations/{conversationId}/learning-queue-item";
const KEY: &[(&str, &str)] = &[("learningQueueItemId", "id")];
const CONVERSATION: &[(&str, &str)] = &[("conversationId", "conversation_id")];
const MIN_SCORE: Param = Param {
    name: "minScore",
    kind: ParamKind::Int { min: 0, max: 2_147_483_647, default: None },
    required: false,
    doc: "Only items with at least this learning score",
};

const UPDATE_ITEM: Route = crud::custom(
    Patch,
    &LEARNING_QUEUE,
    ITEM,
    "updateLearningQueueItem",
    "Update a learning-queue item (reviewedAt is set when the status becomes reviewed)",
    op(Custom::UpdateLearningQueueItem),
)
.binds(KEY)
.body(Body::Patch(&LEARNING_QUEUE))
.response(Response::Row(&LEARNING_QUEUE));

/// What updateLearningQueueItem runs when the body sets `status` to `reviewed`: its own route
/// as the plain patch, also writing `reviewed_at = now()` (storage-api §18: also when the item
/// was reviewed before). Not in the route table: the server's storage function picks it.
pub static REVIEWED_PATCH: Route = Route {
    action: Action::Plain(Plain::Patch, &LEARNING_QUEUE),
    sets: &[("reviewed_at", ServerValue::Now)],
    ..UPDATE_ITEM
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::create(&LEARNING_QUEUE, QUEUE, "createLearningQueueItem", "Add a conversation to the learning queue"),
    // storage-api §18: the tenant's pending items (learning_score >= minScore if given), highest
    // score first (then id).
    crud::list(
        &LEARNING_QUEUE,
        QUEUE,
        "getLearningQueueByTenant",
        "The tenant's pending learning-queue items, highest score first",
    )
    .query(&[MIN_SCORE, LIMIT, AFTER])
    .filters(&[
        Filter { column: "status", cmp: Cmp::Eq, value: FilterValue::Text("pending") },
        Filter { column: "learning_score", cmp: Cmp::Ge, value: FilterValue::Query("minScore") },
    ])
    .order(&[("learning_score", Desc)]),
    // storage-api §18: "by conversation id (first match)": the conversation's oldest item.
    crud::first(&LEARNING_QUEUE, OF_CONVERSATION, "getLearningQueueItem", "The learning-queue item of a conversation")
        .binds(CONVERSATION)
        .order(&[("created_at", Asc)]),
    UPDATE_ITEM,
    crud::custom(
        Put,
        &LEARNING_QUEUE,
        OF_CONVERSATION,
        "upsertLearningQueueItem",
        "Add a conversation to the learning queue, or merge into its item: the higher score, the reasons of both",
        op(Custom::UpsertLearningQueueItem),
    )
    .binds(CONVERSATION)
    .body(Body::Insert(&LEARNING_QUEUE))
    .response(Response::Row(&LEARNING_QUEUE)),
];
