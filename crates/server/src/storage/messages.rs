//! §11 Messages: the page of a conversation (W3) and createMessage are hand-tuned, the messages
//! of a suggestion a join; get, update and the full list of a conversation are plain.
//! `messages` has no `tenant_id`: its owner is its conversation.

use super::StorageError;
use super::rows::{Projection, is_null_row, one, page};
use super::scope::{Mode, owned, owned_sql};
use super::sql::{Sql, pg_type};
use super::values::Param;
use super::{Ctx, Db, Reply, Result};
use crate::pg::Hot;
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::routes::messages::Custom;
use salesgate_core::schema::Read;
use salesgate_core::tables::{AI_SUGGESTIONS, CONVERSATIONS, MESSAGES};
use std::sync::OnceLock;
use tokio_postgres::types::Type;

/// Which page of a conversation's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    /// Newest first, from the newest (W3).
    Newest,
    /// Newest first, older than this message.
    Before(&'a str),
    /// Oldest first, newer than this message (the old getMessagesByConversationPaginated,
    /// without its bug of skipping messages that share the cursor's timestamp).
    After(&'a str),
}

/// Messages have no restricted column: one projection for every role.
fn projection() -> &'static Projection {
    Projection::of(&MESSAGES, Read::All)
}

/// getMessagesByConversationPaginated: a page in one query. The conversation must be the
/// tenant's (404 otherwise), a cursor must be a message of it (400 otherwise). `before` and
/// `after` exclude each other (refused by core's query rules).
pub async fn get_messages_by_conversation_paginated(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (tenant, conversation) = (ctx.tenant()?, ctx.param("conversationId")?);
    let limit = ctx.query.int("limit").unwrap_or(50);
    let page_of = match (ctx.query.text("before"), ctx.query.text("after")) {
        (Some(before), _) => Page::Before(before),
        (None, Some(after)) => Page::After(after),
        (None, None) => Page::Newest,
    };
    let fetch = limit + 1;
    let mut rows = match page_of {
        Page::Newest => db.query_hot(page_statement(page_of), &[&tenant, &conversation, &fetch]).await?,
        Page::Before(c) | Page::After(c) => {
            db.query_hot(page_statement(page_of), &[&tenant, &conversation, &fetch, &c]).await?
        }
    };
    if rows.is_empty() {
        if page_of != Page::Newest && conversation_exists(db, tenant, conversation).await? {
            return Err(ApiError::invalid_parameters(vec![FieldError::new(
                if matches!(page_of, Page::Before(_)) { "before" } else { "after" },
                "not_found",
                "the cursor must be the id of a message of this conversation",
            )])
            .into());
        }
        return Err(ApiError::not_found("Conversation").into());
    }
    rows.retain(|r| !is_null_row(r, 0)); // the one row of a conversation without messages
    Ok(page(projection(), &mut rows, limit, 0)?)
}

async fn conversation_exists(db: &Db<'_>, tenant: &str, conversation: &str) -> Result<bool> {
    let sql = format!(
        "SELECT 1 FROM conversations c WHERE c.id = $1 AND {}",
        owned_sql(&CONVERSATIONS, "c", "$2", Mode::Read)
    );
    Ok(db.query_text_opt(&sql, &[Type::VARCHAR, Type::VARCHAR], &[&conversation, &tenant]).await?.is_some())
}

/// The text of a page's statement; the benchmark runs the newest page under pgbench.
pub fn page_sql(p: Page<'_>) -> &'static str {
    page_statement(p).text
}

/// The statement of a page: $1 tenant, $2 conversation, $3 rows to fetch, $4 the cursor
/// message (for `Before`/`After`).
fn page_statement(page: Page<'_>) -> &'static Hot {
    static NEWEST: OnceLock<Hot> = OnceLock::new();
    static BEFORE: OnceLock<Hot> = OnceLock::new();
    static AFTER: OnceLock<Hot> = OnceLock::new();
    const TYPES: &[Type] = &[Type::VARCHAR, Type::VARCHAR, Type::INT8, Type::VARCHAR];
    let p = projection();
    let build = |cursor: Option<(&str, &str)>| {
        let (join, condition, order) = match cursor {
            None => (String::new(), String::new(), "DESC"),
            Some((cmp, order)) => (
                " JOIN messages cur ON cur.id = $4 AND cur.conversation_id = c.id".to_string(),
                format!(" AND (m.created_at, m.id) {cmp} (cur.created_at, cur.id)"),
                order,
            ),
        };
        let text = format!(
            "SELECT {pl} FROM conversations c{join} \
             LEFT JOIN LATERAL (SELECT {ml} FROM messages m WHERE m.conversation_id = c.id{condition} \
             ORDER BY m.created_at {order}, m.id {order} LIMIT $3) pg ON true \
             WHERE c.id = $2 AND c.tenant_id = $1 ORDER BY pg.created_at {order}, pg.id {order}",
            pl = p.list_as("pg"),
            ml = p.list_as("m"),
        );
        let types = if cursor.is_some() { TYPES } else { &TYPES[..3] };
        Hot { text: Box::leak(text.into_boxed_str()), types }
    };
    match page {
        Page::Newest => NEWEST.get_or_init(|| build(None)),
        Page::Before(_) => BEFORE.get_or_init(|| build(Some(("<", "DESC")))),
        Page::After(_) => AFTER.get_or_init(|| build(Some((">", "ASC")))),
    }
}

/// createMessage: the message and the conversation's `lastMessageAt` in one statement (the
/// old system used two, so a crash between them left the conversation stale). The
/// conversation must be the tenant's (404 otherwise).
pub async fn create_message(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = projection();
    let mut sql = Sql::new("WITH conv AS (SELECT c.id FROM conversations c WHERE c.id = ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    sql.push_bind(ctx.param("conversationId")?.to_string(), Type::VARCHAR).push(" AND ");
    owned(&mut sql, &CONVERSATIONS, "c", t, Mode::Write);
    sql.push("), msg AS (INSERT INTO messages (conversation_id");
    for e in &ctx.body.entries {
        sql.push(", ").ident(e.column.name);
    }
    sql.push(") SELECT conv.id");
    for e in &ctx.body.entries {
        sql.push(", ").push_bind(Param(&e.value), pg_type(e.column.ty));
    }
    sql.push(" FROM conv RETURNING ").push(p.list());
    sql.push("), bump AS (UPDATE conversations u SET last_message_at = msg.created_at FROM msg WHERE u.id = msg.conversation_id AND ");
    owned(&mut sql, &CONVERSATIONS, "u", t, Mode::Write);
    sql.push(") SELECT ").push(p.list()).push(" FROM msg");
    let row = db.query_opt(&sql).await?.ok_or_else(|| ApiError::not_found("Conversation"))?;
    Ok(one(p, &row)?)
}

/// getMessagesBySuggestionId (storage-api §11): the messages of the suggestion's conversation,
/// oldest first, in pages (`limit`, `after`) — one join, both sides scoped to the tenant. A
/// suggestion that is not the tenant's is a 404 (the old method answered [] for an unknown one,
/// and any tenant's for a known one); a cursor that is not a message of the list a 400.
pub async fn get_messages_by_suggestion_id(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (tenant, suggestion) = (ctx.tenant()?, ctx.param("suggestionId")?);
    let limit = ctx.query.int("limit").unwrap_or(100);
    let after = ctx.query.text("after");
    let p = projection();
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("m"));
    sql.push(" FROM ai_suggestions s JOIN messages m ON m.conversation_id = s.conversation_id WHERE s.id = ");
    let t = sql.bind(tenant.to_string(), Type::VARCHAR);
    let s = sql.bind(suggestion.to_string(), Type::VARCHAR);
    sql.ph(s).push(" AND ");
    owned(&mut sql, &AI_SUGGESTIONS, "s", t, Mode::Read);
    sql.push(" AND ");
    owned(&mut sql, &MESSAGES, "m", t, Mode::Read);
    if let Some(cursor) = after {
        sql.push(" AND (m.created_at, m.id) > (SELECT k.created_at, k.id FROM messages k WHERE k.id = ");
        sql.push_bind(cursor.to_string(), Type::VARCHAR).push(" AND k.conversation_id = s.conversation_id)");
    }
    sql.push(" ORDER BY m.created_at, m.id LIMIT ").push_bind(limit + 1, Type::INT8);
    let mut rows = db.query(&sql).await?;
    if rows.is_empty() {
        let mut known = Sql::new(
            "SELECT k.id FROM ai_suggestions s LEFT JOIN messages k ON k.conversation_id = s.conversation_id AND k.id = ",
        );
        let cursor = known.bind(after.unwrap_or("").to_string(), Type::VARCHAR);
        let t = known.bind(tenant.to_string(), Type::VARCHAR);
        known.ph(cursor).push(" WHERE s.id = ").push_bind(suggestion.to_string(), Type::VARCHAR).push(" AND ");
        owned(&mut known, &AI_SUGGESTIONS, "s", t, Mode::Read);
        let Some(row) = db.query_opt(&known).await? else {
            return Err(ApiError::not_found("AI suggestion").into());
        };
        if after.is_some() && row.try_get::<_, Option<&str>>(0)?.is_none() {
            return Err(ApiError::invalid_parameters(vec![FieldError::new(
                "after",
                "not_found",
                "after must be the id of a message of this suggestion's conversation",
            )])
            .into());
        }
    }
    let key = p.position("id").ok_or_else(|| StorageError::Bug("messages.id is not readable".into()))?;
    Ok(page(p, &mut rows, limit, key)?)
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetMessagesByConversationPaginated => get_messages_by_conversation_paginated(db, ctx).await,
        Custom::CreateMessage => create_message(db, ctx).await,
        Custom::ReceiveInboundMessage => super::inbound::receive_inbound_message(db, ctx).await,
        Custom::GetMessagesBySuggestionId => get_messages_by_suggestion_id(db, ctx).await,
    }
}
