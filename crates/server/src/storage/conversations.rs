//! §10 Conversations: the joined reads, the checked status change and the transactional delete
//! are custom; create and get are plain. Answers are written from their declared shapes
//! ([`CONVERSATION_WITH_CUSTOMER`], [`CONVERSATION_DETAIL`], [`CHANNEL_COUNTS`]), and every
//! statement is scoped through [`scope::owned_sql`].

use super::rows::{Projection, one};
use super::scope::{Mode, owned, owned_sql};
use super::shape::{select, write};
use super::sql::{Sql, pg_type};
use super::values::Param;
use super::{Ctx, Db, Reply, Result, StorageError, exec};
use salesgate_core::enums::conversation_transitions_into;
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::route::Plain;
use salesgate_core::routes::conversations::Custom;
use salesgate_core::routes::{CHANNEL_COUNTS, CONVERSATION_DETAIL, CONVERSATION_WITH_CUSTOMER};
use salesgate_core::schema::Read;
use salesgate_core::tables::{AI_SUGGESTIONS, CHANNELS, CONVERSATIONS, MESSAGES};
use std::fmt::Write as _;
use tokio_postgres::types::{ToSql, Type};

/// `$1` and `$2` of the by-id statements: the conversation and the tenant.
const TWO_IDS: [Type; 2] = [Type::VARCHAR, Type::VARCHAR];

/// The newest message of conversation `c`, as a lateral subquery aliased `lm`.
fn last_message_join() -> String {
    format!(
        "LEFT JOIN LATERAL (SELECT {} FROM messages m WHERE m.conversation_id = c.id \
         ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lm ON true",
        Projection::of(&MESSAGES, Read::All).list_as("m")
    )
}

/// getConversationsByTenant (`?status=` filters it): conversations with their
/// customer, channel and last message, most recent activity first, in pages. One query (the
/// old system loaded every message of every conversation to find the last ones). The
/// channel's `config` is only selected for roles that read it (D3).
pub async fn get_conversations_by_tenant(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    conversations_page(db, ctx, ctx.query.text("status")).await
}

/// getActiveConversations (storage-api §10): getConversationsByTenant with `status = 'active'`,
/// the same statement.
pub async fn get_active_conversations(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    conversations_page(db, ctx, Some("active")).await
}

/// A page of the tenant's conversations, of one status if given.
async fn conversations_page(db: &Db<'_>, ctx: &Ctx<'_>, status: Option<&str>) -> Result<Reply> {
    let tenant = ctx.tenant()?;
    let after = ctx.query.text("after");
    let limit = ctx.query.int("limit").unwrap_or(100);
    let mut sql = format!(
        "SELECT {} FROM conversations c JOIN customers cu ON cu.id = c.customer_id AND cu.tenant_id = c.tenant_id \
         LEFT JOIN channels ch ON ch.id = c.channel_id AND ch.tenant_id = c.tenant_id {}",
        select(&CONVERSATION_WITH_CUSTOMER, ctx.reads, &["c", "cu", "lm", "ch"])?,
        last_message_join()
    );
    let fetch = limit + 1;
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&tenant];
    let mut types = vec![Type::VARCHAR];
    if let Some(cursor) = &after {
        params.push(cursor);
        types.push(Type::VARCHAR);
        let _ = write!(
            sql,
            " JOIN (SELECT last_message_at, id FROM conversations k WHERE k.id = ${} AND {}) cur ON true",
            params.len(),
            owned_sql(&CONVERSATIONS, "k", "$1", Mode::Read)
        );
    }
    let _ = write!(sql, " WHERE {}", owned_sql(&CONVERSATIONS, "c", "$1", Mode::Read));
    if let Some(status) = &status {
        params.push(status);
        types.push(Type::TEXT);
        let _ = write!(sql, " AND c.status = ${}", params.len());
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
    types.push(Type::INT8);
    let _ = write!(sql, " ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${}", params.len());
    let mut rows = db.query_text(&sql, &types, &params).await?;
    if let (true, Some(cursor)) = (rows.is_empty(), after) {
        let exists = format!(
            "SELECT 1 FROM conversations c WHERE c.id = $1 AND {}",
            owned_sql(&CONVERSATIONS, "c", "$2", Mode::Read)
        );
        if db.query_text_opt(&exists, &[Type::VARCHAR, Type::VARCHAR], &[&cursor, &tenant]).await?.is_none() {
            return Err(ApiError::invalid_parameters(vec![FieldError::new(
                "after",
                "not_found",
                "after must be the id of a row of the previous page",
            )])
            .into());
        }
    }
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let mut body = String::with_capacity(1024 * rows.len() + 2);
    body.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        write(&mut body, &CONVERSATION_WITH_CUSTOMER, ctx.reads, row, &[])?;
    }
    body.push(']');
    let next_cursor = if more { rows.last().map(|r| r.try_get::<_, String>(0)).transpose()? } else { None };
    Ok(Reply { body, next_cursor })
}

/// getConversationChannelCounts ⟨b8b0854⟩: unread messages in all conversations and per
/// channel family; a family appears when the tenant has a channel of it.
pub async fn get_conversation_channel_counts(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    const FAMILIES: [&str; 3] =
        ["('telegram', 'telegram_personal')", "('max', 'max_personal')", "('whatsapp', 'whatsapp_personal')"];
    let mut exprs = vec!["COALESCE(sum(COALESCE(c.unread_count, 0)), 0)::int8".to_string()];
    for types in FAMILIES {
        // NULL (the member is absent) when the tenant has no channel of the family.
        exprs.push(format!(
            "CASE WHEN EXISTS (SELECT 1 FROM channels f WHERE {} AND f.type IN {types}) \
             THEN COALESCE(sum(COALESCE(c.unread_count, 0)) FILTER (WHERE ch.type IN {types}), 0)::int8 END",
            owned_sql(&CHANNELS, "f", "$1", Mode::Read)
        ));
    }
    let exprs: Vec<&str> = exprs.iter().map(String::as_str).collect();
    let sql = format!(
        "SELECT {} FROM conversations c LEFT JOIN channels ch ON ch.id = c.channel_id AND ch.tenant_id = c.tenant_id \
         WHERE {}",
        select(&CHANNEL_COUNTS, ctx.reads, &exprs)?,
        owned_sql(&CONVERSATIONS, "c", "$1", Mode::Read)
    );
    let rows = db.query_text(&sql, &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("an aggregate returned no row".into()))?;
    let mut body = String::with_capacity(64);
    write(&mut body, &CHANNEL_COUNTS, ctx.reads, row, &[])?;
    Ok(Reply::json(body))
}

/// getConversationWithCustomer: 404 also when the customer row is missing (as the old
/// system answered undefined). No channel (as the old method).
pub async fn get_conversation_with_customer(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let sql = format!(
        "SELECT {} FROM conversations c JOIN customers cu ON cu.id = c.customer_id AND cu.tenant_id = c.tenant_id \
         {} LEFT JOIN channels ch ON false WHERE c.id = $1 AND {}",
        select(&CONVERSATION_WITH_CUSTOMER, ctx.reads, &["c", "cu", "lm", "ch"])?,
        last_message_join(),
        owned_sql(&CONVERSATIONS, "c", "$2", Mode::Read)
    );
    let rows = db.query_text(&sql, &TWO_IDS, &[&ctx.param("conversationId")?, &ctx.tenant()?]).await?;
    let row = rows.first().ok_or_else(|| ApiError::not_found("Conversation"))?;
    let mut body = String::with_capacity(2048);
    write(&mut body, &CONVERSATION_WITH_CUSTOMER, ctx.reads, row, &[])?;
    Ok(Reply::json(body))
}

/// getConversationDetail: the conversation, its customer and its newest pending suggestion in
/// one query, all its messages (oldest first) in a second, pipelined on one connection; both
/// scoped to the tenant.
pub async fn get_conversation_detail(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let head = format!(
        "SELECT {} FROM conversations c JOIN customers cu ON cu.id = c.customer_id AND cu.tenant_id = c.tenant_id \
         LEFT JOIN LATERAL (SELECT {} FROM ai_suggestions s WHERE s.conversation_id = c.id AND s.status = 'pending' \
         ORDER BY s.created_at DESC, s.id DESC LIMIT 1) cs ON true WHERE c.id = $1 AND {}",
        select(&CONVERSATION_DETAIL, ctx.reads, &["c", "cu", "", "cs"])?,
        Projection::of(&AI_SUGGESTIONS, ctx.reads).list_as("s"),
        owned_sql(&CONVERSATIONS, "c", "$2", Mode::Read)
    );
    let messages = format!(
        "SELECT {} FROM messages m WHERE m.conversation_id = $1 AND {} ORDER BY m.created_at, m.id",
        Projection::of(&MESSAGES, ctx.reads).list_as("m"),
        owned_sql(&MESSAGES, "m", "$2", Mode::Read)
    );
    let params: [&(dyn ToSql + Sync); 2] = [&ctx.param("conversationId")?, &ctx.tenant()?];
    let (head, messages) =
        tokio::try_join!(db.query_text(&head, &TWO_IDS, &params), db.query_text(&messages, &TWO_IDS, &params))?;
    let head = head.first().ok_or_else(|| ApiError::not_found("Conversation"))?;
    let mut body = String::with_capacity(1024 + 384 * messages.len());
    write(&mut body, &CONVERSATION_DETAIL, ctx.reads, head, &[&messages])?;
    Ok(Reply::json(body))
}

/// updateConversation. A status change must follow CONVERSATION_TRANSITIONS (schema.md §3.1),
/// checked in the same statement as the update (the old system checked in app code, racing
/// with concurrent changes); setting the current status again is allowed. Without a status it
/// is the plain patch. (No patchable column of conversations is a reference, so there is
/// nothing to guard: a test keeps it so.)
pub async fn update_conversation(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let Some(status) = ctx.body.text("status") else {
        return exec::run(db, ctx, Plain::Patch, &CONVERSATIONS).await;
    };
    let (id, tenant) = (ctx.param("conversationId")?, ctx.tenant()?);
    let mut from: Vec<String> = conversation_transitions_into(status).iter().map(|s| s.to_string()).collect();
    from.push(status.to_string());
    let p = Projection::of(&CONVERSATIONS, ctx.reads);
    let mut sql = Sql::new("UPDATE conversations AS r SET ");
    for (i, e) in ctx.body.entries.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.ident(e.column.name).push(" = ").push_bind(Param(&e.value), pg_type(e.column.ty));
    }
    let t = sql.bind(tenant.to_string(), Type::VARCHAR);
    sql.push(" WHERE r.id = ").push_bind(id.to_string(), Type::VARCHAR).push(" AND ");
    owned(&mut sql, &CONVERSATIONS, "r", t, Mode::Write);
    sql.push(" AND r.status = ANY(").push_bind(from, Type::TEXT_ARRAY).push(")");
    sql.push(" RETURNING ").push(&p.list_as("r"));
    if let Some(row) = db.query_opt(&sql).await? {
        return Ok(one(p, &row)?);
    }
    let current = format!(
        "SELECT c.status FROM conversations c WHERE c.id = $1 AND {}",
        owned_sql(&CONVERSATIONS, "c", "$2", Mode::Write)
    );
    let current: String = match db.query_text_opt(&current, &TWO_IDS, &[&id, &tenant]).await? {
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
pub async fn delete_conversation(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
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
    let (id, tenant) = (ctx.param("conversationId")?, ctx.tenant()?);
    let lock = format!(
        "SELECT 1 FROM conversations c WHERE c.id = $1 AND {} FOR UPDATE",
        owned_sql(&CONVERSATIONS, "c", "$2", Mode::Write)
    );
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    // Unnamed typed statements: one round trip each, and safe behind a transaction-mode pooler.
    if tx.query_typed_opt(&lock, &[(&id, Type::VARCHAR), (&tenant, Type::VARCHAR)]).await?.is_none() {
        return Err(ApiError::not_found("Conversation").into());
    }
    for statement in CHILDREN.iter().chain(["DELETE FROM conversations WHERE id = $1"].iter()) {
        tx.execute_typed(statement, &[(&id, Type::VARCHAR)]).await?;
    }
    tx.commit().await?;
    Ok(Reply::empty())
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetConversationsByTenant => get_conversations_by_tenant(db, ctx).await,
        Custom::GetActiveConversations => get_active_conversations(db, ctx).await,
        Custom::GetConversationChannelCounts => get_conversation_channel_counts(db, ctx).await,
        Custom::GetConversationWithCustomer => get_conversation_with_customer(db, ctx).await,
        Custom::GetConversationDetail => get_conversation_detail(db, ctx).await,
        Custom::UpdateConversation => update_conversation(db, ctx).await,
        Custom::DeleteConversation => delete_conversation(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::schema::Access;

    #[test]
    fn allowed_targets_follow_the_transition_table() {
        assert_eq!(allowed_from("resolved"), ["active"]);
        assert_eq!(allowed_from("escalated"), ["active", "resolved"]);
        assert_eq!(allowed_from("active"), ["waiting_customer", "waiting_operator", "escalated", "resolved"]);
    }

    #[test]
    fn patchable_conversation_columns_reference_nothing() {
        let patchable = CONVERSATIONS.columns.iter().filter(|c| c.access == Access::Write);
        assert!(patchable.clone().all(|c| c.references.is_none()), "update_conversation would need guards");
    }
}
