//! §13 Knowledge docs: plain declarations. The search is a plain list of the active docs with an
//! escaped case-insensitive substring search over title and content. Deleting a doc deletes its
//! `knowledge_doc_chunks` (the foreign key cascades); chunks have no operations of their own
//! (storage-api: no method reads or writes them).

use crate::route::{AFTER, Cmp, Filter, FilterValue, LIMIT, Param, ParamKind, Route, Search, crud};
use crate::tables::KNOWLEDGE_DOCS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const DOCS: &str = "/v1/tenants/{tenantId}/knowledge-docs";
const DOC: &str = "/v1/tenants/{tenantId}/knowledge-docs/{knowledgeDocId}";
const KEY: &[(&str, &str)] = &[("knowledgeDocId", "id")];

/// The text searched for (`q`).
const Q: Param = Param {
    name: "q",
    kind: ParamKind::Text { max: 200 },
    // Absent, it matches like an empty q (`ILIKE '%%'`): every active doc.
    required: false,
    doc: "Text to find in title or content (case-insensitive; % and _ match themselves); absent: every active doc",
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §13: active and inactive docs; no ORDER BY, so the list order is created_at.
    crud::list(&KNOWLEDGE_DOCS, DOCS, "getKnowledgeDocsByTenant", "The tenant's knowledge docs, oldest first"),
    // storage-api §13: is_active = true AND (title ILIKE %q% OR content ILIKE %q%).
    crud::list(
        &KNOWLEDGE_DOCS,
        "/v1/tenants/{tenantId}/knowledge-docs/search",
        "searchKnowledgeDocs",
        "Active knowledge docs whose title or content contains q",
    )
    .query(&[Q, LIMIT, AFTER])
    .filters(&[Filter { column: "is_active", cmp: Cmp::Eq, value: FilterValue::Text("true") }])
    .search(Search { param: "q", columns: &["title", "content"] }),
    crud::create(&KNOWLEDGE_DOCS, DOCS, "createKnowledgeDoc", "Add a knowledge doc"),
    crud::get(&KNOWLEDGE_DOCS, DOC, "getKnowledgeDoc", "Get a knowledge doc").binds(KEY),
    crud::patch(&KNOWLEDGE_DOCS, DOC, "updateKnowledgeDoc", "Update a knowledge doc").binds(KEY),
    crud::delete(&KNOWLEDGE_DOCS, DOC, "deleteKnowledgeDoc", "Delete a knowledge doc and its chunks").binds(KEY),
];
