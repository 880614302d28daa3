//! §18 Learning queue (issue 9): create, the pending list and the item of a conversation are
//! plain; the `reviewed_at` rule and the merging upsert are custom.

use super::rows::{Projection, one};
use super::scope::{self, Mode, owned, owned_sql};
use super::sql::{Ph, Sql, pg_type};
use super::values::Param;
use super::{Ctx, Db, Reply, Result, StorageError, exec};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::route::Plain;
use salesgate_core::routes::learning::{Custom, REVIEWED_PATCH};
use salesgate_core::tables::{CONVERSATIONS, LEARNING_QUEUE, USERS};
use salesgate_core::validate::Value;
use tokio_postgres::types::{ToSql, Type};

/// updateLearningQueueItem: the plain patch; when the body sets `status` to `reviewed`, also
/// `reviewed_at = now()` in the same statement (storage-api §18).
pub async fn update_learning_queue_item(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    if ctx.body.text("status") == Some("reviewed") {
        let reviewed = Ctx { route: &REVIEWED_PATCH, ..*ctx };
        return exec::run(db, &reviewed, Plain::Patch, &LEARNING_QUEUE).await;
    }
    exec::run(db, ctx, Plain::Patch, &LEARNING_QUEUE).await
}

/// `reasons` merged with the new ones bound at `new`: the old reasons then the new ones, each
/// once, in order of first appearance (storage-api §18: ordered union, old first); NULL old
/// reasons count as none.
fn merged_reasons(sql: &mut Sql<'_>, new: Ph) {
    sql.push(
        "(SELECT COALESCE(array_agg(u.x ORDER BY u.n), ARRAY[]::text[]) FROM (SELECT a.x, min(a.n) AS n \
         FROM unnest(COALESCE(r.reasons, ARRAY[]::text[]) || ",
    );
    sql.ph(new).push(") WITH ORDINALITY AS a(x, n) GROUP BY a.x) u)");
}

/// upsertLearningQueueItem. The item of a conversation is its oldest row (the one
/// getLearningQueueItem answers). When it exists, `learning_score = max(old, new ?? 0)` and the
/// reasons are merged; its other fields are left as they are (storage-api §18). Otherwise the
/// body is inserted. The old code read the item, then updated or inserted it, so two
/// concurrent first upserts made two rows and concurrent merges lost scores or reasons. Here
/// the merge (max, union, or the insert) is one statement, and the upserts of one conversation
/// are serialized by a `FOR NO KEY UPDATE` lock on the conversation taken in the same
/// transaction (there is no unique index on `learning_queue.conversation_id` to upsert on: old
/// data may hold several rows of a conversation). The lock leaves inserts of messages alone
/// (their foreign-key checks take `KEY SHARE`) and waits for a `deleteConversation` in progress,
/// after which the conversation is gone: 404. A `reviewedBy` must be a user of the tenant (422).
pub async fn upsert_learning_queue_item(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (tenant, conversation) = (ctx.tenant()?, ctx.param("conversationId")?);
    let score = match ctx.body.get("learning_score") {
        Some(Value::Int(n)) => *n,
        _ => 0,
    };
    let reasons: Vec<String> = match ctx.body.get("reasons") {
        Some(Value::TextArray(items)) => items.clone(),
        _ => Vec::new(),
    };
    let reviewed_by = ctx.body.text("reviewed_by");
    let p = Projection::of(&LEARNING_QUEUE, ctx.reads);

    let mut sql = Sql::new("WITH old AS (SELECT r.id FROM learning_queue r WHERE ");
    let t = sql.bind(tenant.to_string(), Type::VARCHAR);
    let c = sql.bind(conversation.to_string(), Type::VARCHAR);
    let score = sql.bind(score, Type::INT4);
    let reasons = sql.bind(reasons, Type::TEXT_ARRAY);
    let user = reviewed_by.map(|u| sql.bind(u.to_string(), Type::VARCHAR));
    // The guard of `reviewedBy`, on both branches: no row at all means it failed.
    let guard = |sql: &mut Sql<'_>| {
        if let Some(u) = user {
            sql.push(" AND ");
            scope::guard(sql, &USERS, u, t, 0);
        }
    };
    sql.push("r.conversation_id = ").ph(c).push(" AND ");
    owned(&mut sql, &LEARNING_QUEUE, "r", t, Mode::Write);
    sql.push(" ORDER BY r.created_at, r.id LIMIT 1), upd AS (UPDATE learning_queue AS r SET ");
    sql.push("learning_score = GREATEST(r.learning_score, ").ph(score).push("), reasons = ");
    merged_reasons(&mut sql, reasons);
    sql.push(" FROM old WHERE r.id = old.id AND ");
    owned(&mut sql, &LEARNING_QUEUE, "r", t, Mode::Write);
    guard(&mut sql);
    sql.push(" RETURNING ").push(&p.list_as("r"));
    sql.push("), ins AS (INSERT INTO learning_queue AS r (tenant_id, conversation_id");
    for e in &ctx.body.entries {
        sql.push(", ").ident(e.column.name);
    }
    sql.push(") SELECT ").ph(t).push(", ").ph(c);
    for e in &ctx.body.entries {
        sql.push(", ").push_bind(Param(&e.value), pg_type(e.column.ty));
    }
    sql.push(" WHERE NOT EXISTS (SELECT 1 FROM old)");
    guard(&mut sql);
    sql.push(" RETURNING ").push(&p.list_as("r"));
    sql.push(") SELECT * FROM upd UNION ALL SELECT * FROM ins");

    let lock = format!(
        "SELECT 1 FROM conversations c WHERE c.id = $1 AND {} FOR NO KEY UPDATE",
        owned_sql(&CONVERSATIONS, "c", "$2", Mode::Write)
    );
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    // Unnamed typed statements: safe behind a transaction-mode pooler. Returning early rolls back.
    if tx.query_typed_opt(&lock, &[(&conversation, Type::VARCHAR), (&tenant, Type::VARCHAR)]).await?.is_none() {
        return Err(ApiError::not_found("Conversation").into());
    }
    let params: Vec<(&(dyn ToSql + Sync), Type)> = sql.params().into_iter().zip(sql.types().iter().cloned()).collect();
    let row = tx.query_typed_opt(sql.text(), &params).await?;
    let Some(row) = row else {
        return Err(match reviewed_by {
            Some(_) => ApiError::validation(vec![FieldError::new(
                "/reviewedBy",
                "not_found",
                "reviewedBy is not a user of this tenant",
            )])
            .into(),
            None => StorageError::Bug("the learning-queue merge wrote nothing without a guard".into()),
        });
    };
    let reply = one(p, &row)?;
    tx.commit().await?;
    Ok(reply)
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::UpdateLearningQueueItem => update_learning_queue_item(db, ctx).await,
        Custom::UpsertLearningQueueItem => upsert_learning_queue_item(db, ctx).await,
    }
}
