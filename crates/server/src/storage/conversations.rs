//! Conversations (storage-api.md §10).

use super::rows::{Projection, is_null_row, write_fields, write_row};
use super::sql::{self, once};
use super::{Conn, Reply, Result};
use salesgate_core::enums::conversation_transitions_into;
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::tables::{AI_SUGGESTIONS, CHANNELS, CONVERSATIONS, CUSTOMERS, MESSAGES};
use salesgate_core::validate::Validated;
use std::sync::OnceLock;
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

/// The newest message of conversation `c`, as a lateral subquery aliased `lm`.
fn last_message_join() -> String {
    format!(
        "LEFT JOIN LATERAL (SELECT {} FROM messages m WHERE m.conversation_id = c.id \
         ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lm ON true",
        Projection::of(&MESSAGES).list_as("m")
    )
}

/// getConversationsByTenant / getActiveConversations (`status`): conversations with their
/// customer, channel and last message, most recent activity first, in pages. One query (the
/// old system loaded every message of every conversation to find the last ones).
pub async fn list(conn: &Conn, tenant: &str, status: Option<&str>, limit: i64, after: Option<&str>) -> Result<Reply> {
    let (conv, cust, chan, msg) = (
        Projection::of(&CONVERSATIONS),
        Projection::of(&CUSTOMERS),
        Projection::of(&CHANNELS),
        Projection::of(&MESSAGES),
    );
    let mut sql = format!(
        "SELECT {}, {}, {}, {} FROM conversations c \
         JOIN customers cu ON cu.id = c.customer_id \
         LEFT JOIN channels ch ON ch.id = c.channel_id {}",
        conv.list_as("c"),
        cust.list_as("cu"),
        chan.list_as("ch"),
        msg.list_as("lm"),
        last_message_join()
    );
    let fetch = limit + 1;
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&tenant];
    if let Some(cursor) = &after {
        params.push(cursor);
        sql.push_str(&format!(
            " JOIN (SELECT last_message_at, id FROM conversations WHERE id = ${} AND tenant_id = $1) cur ON true",
            params.len()
        ));
    }
    sql.push_str(" WHERE c.tenant_id = $1");
    if let Some(status) = &status {
        params.push(status);
        sql.push_str(&format!(" AND c.status = ${}", params.len()));
    }
    if after.is_some() {
        // Order is last_message_at DESC (NULLs first, as PostgreSQL sorts DESC), then id DESC.
        sql.push_str(
            " AND CASE WHEN cur.last_message_at IS NULL \
                   THEN (c.last_message_at IS NOT NULL OR c.id < cur.id) \
                   ELSE (c.last_message_at < cur.last_message_at \
                         OR (c.last_message_at = cur.last_message_at AND c.id < cur.id)) END",
        );
    }
    params.push(&fetch);
    sql.push_str(&format!(" ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${}", params.len()));
    let stmt = conn.prepare_cached(&sql).await?;
    let mut rows = conn.query(&stmt, &params).await?;
    if let (true, Some(cursor)) = (rows.is_empty(), after) {
        sql::check_cursor(conn, &CONVERSATIONS, tenant, cursor).await?;
    }
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let mut body = String::with_capacity(1024 * rows.len() + 2);
    body.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        let offsets = [0, conv.len(), conv.len() + cust.len(), conv.len() + cust.len() + chan.len()];
        write_with_customer(&mut body, row, offsets, true)?;
    }
    body.push(']');
    let next_cursor = if more { rows.last().map(|r| r.try_get::<_, String>(0)).transpose()? } else { None };
    Ok(Reply { body, next_cursor })
}

/// `{…conversation, "customer": {…}, "lastMessage"?: {…}, "channel"?: {…}}` from a joined row
/// whose projections start at `offsets` = [conversation, customer, channel, last message].
fn write_with_customer(out: &mut String, row: &Row, offsets: [usize; 4], with_channel: bool) -> Result<()> {
    out.push('{');
    write_fields(out, Projection::of(&CONVERSATIONS), row, offsets[0])?;
    out.push_str(",\"customer\":");
    write_row(out, Projection::of(&CUSTOMERS), row, offsets[1])?;
    if !is_null_row(row, offsets[3]) {
        out.push_str(",\"lastMessage\":");
        write_row(out, Projection::of(&MESSAGES), row, offsets[3])?;
    }
    if with_channel && !is_null_row(row, offsets[2]) {
        out.push_str(",\"channel\":");
        write_row(out, Projection::of(&CHANNELS), row, offsets[2])?;
    }
    out.push('}');
    Ok(())
}

/// getConversationChannelCounts ⟨b8b0854⟩: unread messages in all conversations and per
/// channel family; a family appears when the tenant has a channel of it.
pub async fn channel_counts(conn: &Conn, tenant: &str) -> Result<Reply> {
    const FAMILIES: [(&str, &str); 3] = [
        ("telegram", "('telegram', 'telegram_personal')"),
        ("max", "('max', 'max_personal')"),
        ("whatsapp", "('whatsapp', 'whatsapp_personal')"),
    ];
    static SQL: OnceLock<String> = OnceLock::new();
    let text = once(&SQL, || {
        let mut sums = vec!["COALESCE(sum(COALESCE(c.unread_count, 0)), 0)::int8".to_string()];
        let mut present = Vec::new();
        for (_, types) in FAMILIES {
            sums.push(format!("COALESCE(sum(COALESCE(c.unread_count, 0)) FILTER (WHERE ch.type IN {types}), 0)::int8"));
            present.push(format!("EXISTS (SELECT 1 FROM channels WHERE tenant_id = $1 AND type IN {types})"));
        }
        format!(
            "SELECT {}, {} FROM conversations c LEFT JOIN channels ch ON ch.id = c.channel_id WHERE c.tenant_id = $1",
            sums.join(", "),
            present.join(", ")
        )
    });
    let stmt = conn.prepare_cached(text).await?;
    let row = conn.query_one(&stmt, &[&tenant]).await?;
    let mut body = format!("{{\"all\":{}", row.try_get::<_, i64>(0)?);
    for (i, (family, _)) in FAMILIES.iter().enumerate() {
        if row.try_get::<_, bool>(4 + i)? {
            body.push_str(&format!(",\"{family}\":{}", row.try_get::<_, i64>(1 + i)?));
        }
    }
    body.push('}');
    Ok(Reply::json(body))
}

/// createConversation: the customer and the channel must be the tenant's.
pub async fn create(conn: &Conn, tenant: &str, body: &Validated) -> Result<Reply> {
    sql::insert(conn, &CONVERSATIONS, tenant, body, &[], &[]).await
}

pub async fn get(conn: &Conn, tenant: &str, id: &str) -> Result<Reply> {
    sql::get(conn, &CONVERSATIONS, tenant, id, "Conversation").await
}

/// getConversationWithCustomer: 404 also when the customer row is missing (as the old
/// system answered undefined).
pub async fn with_customer(conn: &Conn, tenant: &str, id: &str) -> Result<Reply> {
    static SQL: OnceLock<String> = OnceLock::new();
    let (conv, cust) = (Projection::of(&CONVERSATIONS), Projection::of(&CUSTOMERS));
    let text = once(&SQL, || {
        format!(
            "SELECT {}, {}, {} FROM conversations c JOIN customers cu ON cu.id = c.customer_id {} \
             WHERE c.id = $1 AND c.tenant_id = $2",
            conv.list_as("c"),
            cust.list_as("cu"),
            Projection::of(&MESSAGES).list_as("lm"),
            last_message_join()
        )
    });
    let stmt = conn.prepare_cached(text).await?;
    let row = conn.query_opt(&stmt, &[&id, &tenant]).await?.ok_or_else(|| ApiError::not_found("Conversation"))?;
    let mut body = String::with_capacity(2048);
    let lm = conv.len() + cust.len();
    write_with_customer(&mut body, &row, [0, conv.len(), lm, lm], false)?;
    Ok(Reply::json(body))
}

/// getConversationDetail: the conversation, its customer, all its messages (oldest first) and
/// the newest pending suggestion. Three queries, pipelined on one connection; each is scoped
/// to the tenant.
pub async fn detail(conn: &Conn, tenant: &str, id: &str) -> Result<Reply> {
    static HEAD: OnceLock<String> = OnceLock::new();
    static MESSAGES_SQL: OnceLock<String> = OnceLock::new();
    static SUGGESTION: OnceLock<String> = OnceLock::new();
    let (conv, cust, msg, sug) = (
        Projection::of(&CONVERSATIONS),
        Projection::of(&CUSTOMERS),
        Projection::of(&MESSAGES),
        Projection::of(&AI_SUGGESTIONS),
    );
    const OWNED: &str = "EXISTS (SELECT 1 FROM conversations WHERE id = $1 AND tenant_id = $2)";
    let head = once(&HEAD, || {
        format!(
            "SELECT {}, {} FROM conversations c JOIN customers cu ON cu.id = c.customer_id \
             WHERE c.id = $1 AND c.tenant_id = $2",
            conv.list_as("c"),
            cust.list_as("cu")
        )
    });
    let messages = once(&MESSAGES_SQL, || {
        format!("SELECT {} FROM messages WHERE conversation_id = $1 AND {OWNED} ORDER BY created_at, id", msg.list())
    });
    let suggestion = once(&SUGGESTION, || {
        format!(
            "SELECT {} FROM ai_suggestions WHERE conversation_id = $1 AND status = 'pending' AND {OWNED} \
             ORDER BY created_at DESC, id DESC LIMIT 1",
            sug.list()
        )
    });
    let (s1, s2, s3) =
        tokio::try_join!(conn.prepare_cached(head), conn.prepare_cached(messages), conn.prepare_cached(suggestion))?;
    let params: [&(dyn ToSql + Sync); 2] = [&id, &tenant];
    let (head, messages, suggestion) =
        tokio::try_join!(conn.query_opt(&s1, &params), conn.query(&s2, &params), conn.query_opt(&s3, &params))?;
    let head = head.ok_or_else(|| ApiError::not_found("Conversation"))?;
    let mut body = String::with_capacity(1024 + 384 * messages.len());
    body.push('{');
    write_fields(&mut body, conv, &head, 0)?;
    body.push_str(",\"customer\":");
    write_row(&mut body, cust, &head, conv.len())?;
    body.push_str(",\"messages\":");
    super::rows::write_rows(&mut body, msg, &messages)?;
    if let Some(s) = suggestion {
        body.push_str(",\"currentSuggestion\":");
        write_row(&mut body, sug, &s, 0)?;
    }
    body.push('}');
    Ok(Reply::json(body))
}

/// updateConversation. A status change must follow CONVERSATION_TRANSITIONS (schema.md §3.1),
/// checked in the same statement as the update (the old system checked in app code, racing
/// with concurrent changes); setting the current status again is allowed.
pub async fn update(conn: &Conn, tenant: &str, id: &str, body: &Validated) -> Result<Reply> {
    let Some(status) = body.text("status") else {
        return sql::patch(conn, &CONVERSATIONS, tenant, id, body, "Conversation")
            .await?
            .ok_or_else(|| ApiError::not_found("Conversation").into());
    };
    let mut from: Vec<&str> = conversation_transitions_into(status).to_vec();
    from.push(status);
    let updated =
        sql::patch_where(conn, &CONVERSATIONS, tenant, id, body, "Conversation", Some("status = ANY($?0)"), &[&from])
            .await?;
    if let Some(reply) = updated {
        return Ok(reply);
    }
    let stmt = conn.prepare_cached("SELECT status FROM conversations WHERE id = $1 AND tenant_id = $2").await?;
    let current: String = match conn.query_opt(&stmt, &[&id, &tenant]).await? {
        Some(row) => row.try_get(0)?,
        None => return Err(ApiError::not_found("Conversation").into()),
    };
    Err(ApiError::invalid_state(format!("A {current} conversation cannot become {status}"))
        .with_details(vec![FieldError::new(
            "/status",
            "invalid_transition",
            format!("allowed from {current}: {}", allowed_from(&current).join(", ")),
        )])
        .into())
}

/// The statuses a conversation in `current` may move to.
fn allowed_from(current: &str) -> Vec<&'static str> {
    salesgate_core::enums::CONVERSATION_STATUSES
        .iter()
        .copied()
        .filter(|to| conversation_transitions_into(to).contains(&current))
        .collect()
}

/// deleteConversation: the conversation and everything that references it, in the order of
/// storage-api.md §10, in ONE transaction (the old system deleted step by step, leaving a
/// half-deleted conversation when a step failed).
pub async fn delete(conn: &mut Conn, tenant: &str, id: &str) -> Result<Reply> {
    const CHILDREN: [&str; 10] = [
        "DELETE FROM human_actions WHERE suggestion_id IN (SELECT id FROM ai_suggestions WHERE conversation_id = $1)",
        "DELETE FROM ai_training_samples WHERE conversation_id = $1",
        "DELETE FROM learning_queue WHERE conversation_id = $1",
        "DELETE FROM csat_ratings WHERE conversation_id = $1",
        "DELETE FROM conversions WHERE conversation_id = $1",
        "DELETE FROM lost_deals WHERE conversation_id = $1",
        "DELETE FROM vehicle_lookup_cases WHERE conversation_id = $1",
        "DELETE FROM escalation_events WHERE conversation_id = $1",
        "DELETE FROM ai_suggestions WHERE conversation_id = $1",
        "DELETE FROM messages WHERE conversation_id = $1",
    ];
    let tx = conn.transaction().await?;
    let lock = tx.prepare_cached("SELECT 1 FROM conversations WHERE id = $1 AND tenant_id = $2 FOR UPDATE").await?;
    if tx.query_opt(&lock, &[&id, &tenant]).await?.is_none() {
        return Err(ApiError::not_found("Conversation").into());
    }
    for statement in CHILDREN.iter().chain(["DELETE FROM conversations WHERE id = $1"].iter()) {
        let stmt = tx.prepare_cached(statement).await?;
        tx.execute(&stmt, &[&id]).await?;
    }
    tx.commit().await?;
    Ok(Reply::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_targets_follow_the_transition_table() {
        assert_eq!(allowed_from("resolved"), ["active"]);
        assert_eq!(allowed_from("escalated"), ["active", "resolved"]);
        assert_eq!(allowed_from("active"), ["waiting_customer", "waiting_operator", "escalated", "resolved"]);
    }
}
