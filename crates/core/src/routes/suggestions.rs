//! §14 AI suggestions and §15 human actions (issue 9): plain declarations only. Suggestions have
//! no `tenant_id`: they are the tenant's through their conversation, human actions through their
//! suggestion (the model's `Owner::Via`), so every read and write here is scoped through that
//! chain, a suggestion's `messageId` must be a message of the tenant and a human action's
//! `userId` a user of the tenant.

use crate::route::Dir::Desc;
use crate::route::{Cmp, Filter, FilterValue, Route, crud};
use crate::tables::{AI_SUGGESTIONS, HUMAN_ACTIONS_TABLE};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const SUGGESTIONS: &str = "/v1/tenants/{tenantId}/ai-suggestions";
const SUGGESTION: &str = "/v1/tenants/{tenantId}/ai-suggestions/{suggestionId}";
const BY_CONVERSATION: &str = "/v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions";
const KEY: &[(&str, &str)] = &[("suggestionId", "id")];
const CONVERSATION: &[(&str, &str)] = &[("conversationId", "conversation_id")];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::get(&AI_SUGGESTIONS, SUGGESTION, "getAiSuggestion", "Get an AI suggestion").binds(KEY),
    // storage-api §14: status = 'pending', newest by created_at (then id, so ties are decided).
    crud::first(
        &AI_SUGGESTIONS,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions/pending",
        "getPendingSuggestionByConversation",
        "The conversation's newest pending AI suggestion",
    )
    .binds(CONVERSATION)
    .filters(&[Filter { column: "status", cmp: Cmp::Eq, value: FilterValue::Text("pending") }])
    .order(&[("created_at", Desc)]),
    // storage-api §14: ORDER BY created_at DESC (paged here).
    crud::list(
        &AI_SUGGESTIONS,
        BY_CONVERSATION,
        "getSuggestionsByConversation",
        "A conversation's AI suggestions, newest first",
    )
    .binds(CONVERSATION)
    .order(&[("created_at", Desc)]),
    // storage-api §14: the old INNER JOIN on conversations is the scoping through the conversation.
    crud::list(&AI_SUGGESTIONS, SUGGESTIONS, "getSuggestionsByTenant", "The tenant's AI suggestions, newest first")
        .order(&[("created_at", Desc)]),
    crud::create(&AI_SUGGESTIONS, BY_CONVERSATION, "createAiSuggestion", "Store an AI suggestion for a conversation")
        .binds(CONVERSATION),
    crud::patch(&AI_SUGGESTIONS, SUGGESTION, "updateAiSuggestion", "Update an AI suggestion (e.g. its status)")
        .binds(KEY),
    crud::create(
        &HUMAN_ACTIONS_TABLE,
        "/v1/tenants/{tenantId}/ai-suggestions/{suggestionId}/human-actions",
        "createHumanAction",
        "Record an operator's action on an AI suggestion",
    )
    .binds(&[("suggestionId", "suggestion_id")]),
];
