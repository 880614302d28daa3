//! §32 Payment methods (issue 10): plain declarations, and reorderPaymentMethods.

use super::scope::{Mode, owned_sql};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::routes::payment_methods::Custom;
use salesgate_core::tables::PAYMENT_METHODS;
use salesgate_core::validate::Value;
use std::collections::{HashMap, HashSet};
use tokio_postgres::types::Type;

/// reorderPaymentMethods: `order` of every listed method, in ONE transaction, all or none. The
/// old loop sent one UPDATE per item and silently skipped ids of other tenants (storage-api
/// §32); here one UPDATE sets them all, and when any id is not a payment method of the tenant
/// the transaction is rolled back and the answer is 404 naming each such item (`/2/id`). An id
/// listed twice is a 422 (which order would win is not defined).
pub async fn reorder_payment_methods(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let tenant = ctx.tenant()?;
    let items = &ctx.admitted.items;
    let mut ids: Vec<&str> = Vec::with_capacity(items.len());
    let mut orders: Vec<i32> = Vec::with_capacity(items.len());
    let mut first_at: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    let mut twice = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let (Some(id), Some(Value::Int(order))) = (item.text("id"), item.get("order")) else {
            return Err(StorageError::Bug(format!(
                "route {}: item {i} passed the gate without id or order",
                ctx.route.id
            )));
        };
        if let Some(first) = first_at.insert(id, i) {
            twice.push(FieldError::new(
                format!("/{i}/id"),
                "not_allowed",
                format!("id is listed twice (also /{first}/id)"),
            ));
        }
        ids.push(id);
        orders.push(*order);
    }
    if !twice.is_empty() {
        return Err(ApiError::validation(twice).into());
    }
    if ids.is_empty() {
        return Ok(Reply::empty());
    }
    let sql = format!(
        "UPDATE payment_methods AS r SET \"order\" = v.ord FROM unnest($2::varchar[], $3::int4[]) AS v(id, ord) \
         WHERE r.id = v.id AND {} RETURNING r.id",
        owned_sql(&PAYMENT_METHODS, "r", "$1", Mode::Write)
    );
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let updated = tx
        .query_typed(&sql, &[(&tenant, Type::VARCHAR), (&ids, Type::VARCHAR_ARRAY), (&orders, Type::INT4_ARRAY)])
        .await?;
    if updated.len() == ids.len() {
        tx.commit().await?;
        return Ok(Reply::empty());
    }
    tx.rollback().await?;
    let found: HashSet<String> =
        updated.iter().map(|r| r.try_get::<_, String>(0)).collect::<std::result::Result<_, _>>()?;
    let missing: Vec<FieldError> = ids
        .iter()
        .enumerate()
        .filter(|(_, id)| !found.contains(**id))
        .map(|(i, _)| FieldError::new(format!("/{i}/id"), "not_found", "id is not a payment method of this tenant"))
        .collect();
    Err(ApiError::not_found("Payment method").with_details(missing).into())
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::ReorderPaymentMethods => reorder_payment_methods(db, ctx).await,
    }
}
