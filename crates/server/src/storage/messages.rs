//! Messages (storage-api.md §11). `messages` has no `tenant_id`: every statement reaches a
//! message through its conversation, which must be the tenant's.

use super::rows::{Projection, is_null_row, one};
use super::sql::{self, once};
use super::{Conn, Reply, Result};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::schema::quote_ident;
use salesgate_core::tables::MESSAGES;
use salesgate_core::validate::Validated;
use std::sync::OnceLock;

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

/// A page of a conversation's messages, in one query: the conversation must be the tenant's
/// (404 otherwise), a cursor must be a message of it (400 otherwise).
pub async fn list(conn: &Conn, tenant: &str, conversation: &str, page: Page<'_>, limit: i64) -> Result<Reply> {
    let p = Projection::of(&MESSAGES);
    let fetch = limit + 1;
    let cursor = match page {
        Page::Newest => None,
        Page::Before(c) | Page::After(c) => Some(c),
    };
    let stmt = conn.prepare_cached(page_sql(page)).await?;
    let mut rows = match cursor {
        None => conn.query(&stmt, &[&tenant, &conversation, &fetch]).await?,
        Some(c) => conn.query(&stmt, &[&tenant, &conversation, &fetch, &c]).await?,
    };
    if rows.is_empty() {
        if cursor.is_some()
            && sql::get(conn, &salesgate_core::tables::CONVERSATIONS, tenant, conversation, "Conversation")
                .await
                .is_ok()
        {
            return Err(ApiError::invalid_parameters(vec![FieldError::new(
                if matches!(page, Page::Before(_)) { "before" } else { "after" },
                "not_found",
                "the cursor must be the id of a message of this conversation",
            )])
            .into());
        }
        return Err(ApiError::not_found("Conversation").into());
    }
    rows.retain(|r| !is_null_row(r, 0)); // the one row of a conversation without messages
    sql::page(p, &mut rows, limit)
}

/// The statement of a [`list`] page: $1 tenant, $2 conversation, $3 rows to fetch, $4 the
/// cursor message (for `Before`/`After`). The benchmark runs the newest page under pgbench.
pub fn page_sql(page: Page<'_>) -> &'static str {
    static NEWEST: OnceLock<String> = OnceLock::new();
    static BEFORE: OnceLock<String> = OnceLock::new();
    static AFTER: OnceLock<String> = OnceLock::new();
    let p = Projection::of(&MESSAGES);
    let build = |cursor: Option<(&str, &str)>| {
        let (join, condition, order) = match cursor {
            None => (String::new(), String::new(), "DESC"),
            Some((cmp, order)) => (
                " JOIN messages cur ON cur.id = $4 AND cur.conversation_id = c.id".to_string(),
                format!(" AND (m.created_at, m.id) {cmp} (cur.created_at, cur.id)"),
                order,
            ),
        };
        format!(
            "SELECT {pl} FROM conversations c{join} \
             LEFT JOIN LATERAL (SELECT {ml} FROM messages m WHERE m.conversation_id = c.id{condition} \
             ORDER BY m.created_at {order}, m.id {order} LIMIT $3) pg ON true \
             WHERE c.id = $2 AND c.tenant_id = $1 ORDER BY pg.created_at {order}, pg.id {order}",
            pl = p.list_as("pg"),
            ml = p.list_as("m"),
        )
    };
    match page {
        Page::Newest => once(&NEWEST, || build(None)),
        Page::Before(_) => once(&BEFORE, || build(Some(("<", "DESC")))),
        Page::After(_) => once(&AFTER, || build(Some((">", "ASC")))),
    }
}

/// createMessage: the message and the conversation's `lastMessageAt` in one statement (the
/// old system used two, so a crash between them left the conversation stale).
pub async fn create(conn: &Conn, tenant: &str, conversation: &str, body: &Validated) -> Result<Reply> {
    let p = Projection::of(&MESSAGES);
    let mut columns = vec!["conversation_id".to_string()];
    let mut values = vec!["conv.id".to_string()];
    for (i, e) in body.entries.iter().enumerate() {
        columns.push(quote_ident(e.column.name));
        values.push(format!("${}::{}", i + 3, e.column.ty.sql_name()));
    }
    let sql = format!(
        "WITH conv AS (SELECT id FROM conversations WHERE id = $1 AND tenant_id = $2), \
         msg AS (INSERT INTO messages ({}) SELECT {} FROM conv RETURNING {}), \
         bump AS (UPDATE conversations SET last_message_at = msg.created_at FROM msg \
                  WHERE conversations.id = msg.conversation_id) \
         SELECT {} FROM msg",
        columns.join(", "),
        values.join(", "),
        p.list(),
        p.list()
    );
    let body_params = sql::body_params(body);
    let params = sql::with_body(&[&conversation, &tenant], &body_params);
    let stmt = conn.prepare_cached(&sql).await?;
    let row = conn.query_opt(&stmt, &params).await?.ok_or_else(|| ApiError::not_found("Conversation"))?;
    Ok(one(p, &row)?)
}

/// getMessage, scoped through the message's conversation.
pub async fn get(conn: &Conn, tenant: &str, id: &str) -> Result<Reply> {
    static SQL: OnceLock<String> = OnceLock::new();
    let p = Projection::of(&MESSAGES);
    let text = once(&SQL, || {
        format!(
            "SELECT {} FROM messages m JOIN conversations c ON c.id = m.conversation_id \
             WHERE m.id = $1 AND c.tenant_id = $2",
            p.list_as("m")
        )
    });
    let stmt = conn.prepare_cached(text).await?;
    let row = conn.query_opt(&stmt, &[&id, &tenant]).await?.ok_or_else(|| ApiError::not_found("Message"))?;
    Ok(one(p, &row)?)
}

/// updateMessage (content, metadata), scoped through the conversation.
pub async fn update(conn: &Conn, tenant: &str, id: &str, body: &Validated) -> Result<Reply> {
    if body.is_empty() {
        return get(conn, tenant, id).await;
    }
    let p = Projection::of(&MESSAGES);
    let sets = sql::assignments(body, 3);
    let sql = format!(
        "UPDATE messages m SET {} FROM conversations c \
         WHERE m.id = $1 AND c.id = m.conversation_id AND c.tenant_id = $2 RETURNING {}",
        sets.join(", "),
        p.list_as("m")
    );
    let body_params = sql::body_params(body);
    let params = sql::with_body(&[&id, &tenant], &body_params);
    let stmt = conn.prepare_cached(&sql).await?;
    let row = conn.query_opt(&stmt, &params).await?.ok_or_else(|| ApiError::not_found("Message"))?;
    Ok(one(p, &row)?)
}
