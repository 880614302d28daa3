//! Audit events (storage-api appendix A, issue 10): a batch is one `INSERT … SELECT FROM
//! unnest(…)` (one statement and one statement text whatever its size, so it is prepared once);
//! the read by conversation is one statement scoped through [`scope::owned`]. The reads by
//! entity, recent and all are plain lists.

use super::rows::{Projection, write_rows};
use super::scope::{Mode, owned};
use super::shape::write;
use super::sql::Sql;
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::routes::audit::{AUDIT_BATCH, Custom, MAX_BATCH};
use salesgate_core::tables::AUDIT_EVENTS;
use salesgate_core::validate::{Validated, Value};
use serde_json::Value as Json;
use tokio_postgres::types::{ToSql, Type};

/// The text columns of a batch, in statement order (`metadata` comes after `entity_id`).
const TEXTS: [(&str, Type); 9] = [
    ("tenant_id", Type::VARCHAR_ARRAY),
    ("actor", Type::TEXT_ARRAY),
    ("actor_type", Type::TEXT_ARRAY),
    ("action", Type::TEXT_ARRAY),
    ("entity_type", Type::TEXT_ARRAY),
    ("entity_id", Type::VARCHAR_ARRAY),
    ("request_id", Type::VARCHAR_ARRAY),
    ("ip_address", Type::TEXT_ARRAY),
    ("user_agent", Type::TEXT_ARRAY),
];

/// The batch, answering how many rows it wrote.
const INSERT: &str = "WITH inserted AS (INSERT INTO audit_events (tenant_id, actor, actor_type, action, entity_type, \
    entity_id, request_id, ip_address, user_agent, metadata) \
    SELECT t, a, at, ac, et, ei, rq, ip, ua, COALESCE(m, '{}'::jsonb) \
    FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS u(t, a, at, ac, et, ei, rq, ip, ua, m) RETURNING 1) \
    SELECT count(*) FROM inserted";

/// The column `name` of every item (NULL where an item does not give it).
fn texts(items: &[Validated], name: &str) -> Vec<Option<String>> {
    items.iter().map(|item| item.text(name).map(str::to_string)).collect()
}

/// createAuditEvents: the batch in one statement (the old buffer inserted a batch per flush,
/// capped at 500 events). Each event names its tenant (or none: the platform's own); a tenant
/// that does not exist fails the whole batch (409), as one statement does.
pub async fn create_audit_events(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let items = &ctx.admitted.items;
    if items.len() > MAX_BATCH {
        return Err(ApiError::validation(vec![FieldError::new(
            "",
            "too_long",
            format!("A batch holds at most {MAX_BATCH} events"),
        )])
        .into());
    }
    let columns: Vec<Vec<Option<String>>> = TEXTS.iter().map(|(name, _)| texts(items, name)).collect();
    let metadata: Vec<Option<&Json>> = items
        .iter()
        .map(|item| match item.get("metadata") {
            Some(Value::Json(j)) => Some(j),
            _ => None,
        })
        .collect();
    let mut params: Vec<&(dyn ToSql + Sync)> = columns.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
    params.push(&metadata);
    let mut types: Vec<Type> = TEXTS.iter().map(|(_, ty)| ty.clone()).collect();
    types.push(Type::JSONB_ARRAY);
    let rows = db.query_text(INSERT, &types, &params).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("a count returned no row".into()))?;
    let mut body = String::with_capacity(24);
    write(&mut body, &AUDIT_BATCH, ctx.reads, row, &[])?;
    Ok(Reply::json(body))
}

/// getAuditEventsByConversation: the tenant's events of the conversation, as the entity
/// (`conversation`, id) or named by `metadata->>'conversationId'`, newest first, `limit` of
/// them (50 by default). Events outlive their conversation, so an unknown one is no 404.
pub async fn get_audit_events_by_conversation(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&AUDIT_EVENTS, ctx.reads);
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM audit_events r WHERE ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(&mut sql, &AUDIT_EVENTS, "r", t, Mode::Read);
    let conversation = sql.bind(ctx.required("conversationId")?.to_string(), Type::TEXT);
    sql.push(" AND ((r.entity_type = 'conversation' AND r.entity_id = ").ph(conversation);
    sql.push(") OR r.metadata->>'conversationId' = ").ph(conversation).push(")");
    sql.push(" ORDER BY r.created_at DESC, r.id DESC LIMIT ");
    sql.push_bind(ctx.query.int("limit").unwrap_or(50), Type::INT8);
    let rows = db.query(&sql).await?;
    let mut body = String::with_capacity(256 * rows.len() + 2);
    write_rows(&mut body, p, &rows)?;
    Ok(Reply::json(body))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::CreateAuditEvents => create_audit_events(db, ctx).await,
        Custom::GetAuditEventsByConversation => get_audit_events_by_conversation(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::routes::audit::AUDIT_EVENT;

    #[test]
    fn a_batch_writes_every_field_of_an_event() {
        let mut named: Vec<&str> = TEXTS.iter().map(|(n, _)| *n).chain(["metadata"]).collect();
        let mut fields: Vec<&str> = AUDIT_EVENT.fields.iter().map(|c| c.name).collect();
        named.sort_unstable();
        fields.sort_unstable();
        assert_eq!(named, fields);
        for name in named {
            assert!(AUDIT_EVENTS.column(name).is_some(), "{name}");
        }
    }
}
