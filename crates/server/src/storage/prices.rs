//! §29 Price snapshots and internal prices (issue 10). The creates are the plain insert with
//! searchKey defaulted to oem; the freshness reads and the internal-price upsert are one
//! statement each. A tenant reads its own snapshots and the global ones ([`scope::owned`] in
//! read mode for a shared table); the global read sees the global ones only.

use super::rows::{Projection, one};
use super::scope::{Mode, owned};
use super::sql::Sql;
use super::values::Param;
use super::{Ctx, Db, Reply, Result, StorageError, exec};
use salesgate_core::error::ApiError;
use salesgate_core::route::Plain;
use salesgate_core::routes::prices::Custom;
use salesgate_core::tables::{INTERNAL_PRICES, PRICE_SNAPSHOTS};
use salesgate_core::validate::{Entry, Validated, Value};
use tokio_postgres::types::Type;

/// storage-api §29: getGlobalPriceSnapshot's (and getLatestPriceSnapshot's default) age limit.
const DEFAULT_MAX_AGE_DAYS: i64 = 7;

/// createPriceSnapshot / createGlobalPriceSnapshot: the plain insert (the path's tenant, or
/// none: a global entry), with `search_key` = `oem` when not given (storage-api §29).
pub async fn create_price_snapshot(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let mut entries = ctx.body.entries.clone();
    if !matches!(ctx.body.get("search_key"), Some(Value::Text(_))) {
        let oem = ctx.body.text("oem").ok_or_else(|| StorageError::Bug("a price snapshot without oem".into()))?;
        let column = PRICE_SNAPSHOTS.column("search_key").ok_or_else(|| StorageError::Bug("no search_key".into()))?;
        entries.retain(|e| e.column.name != "search_key");
        entries.push(Entry { column, value: Value::Text(oem.to_string()) });
    }
    let body = Validated { entries };
    exec::run(db, &Ctx { body: &body, ..*ctx }, Plain::Create, &PRICE_SNAPSHOTS).await
}

/// The newest fresh snapshot of `oem` (storage-api §29): unexpired when it has `expires_at`,
/// else at most `max_age_days` old. `tenant`: the tenant's and the global ones; `None`: the
/// global ones only.
async fn latest(db: &Db<'_>, ctx: &Ctx<'_>, tenant: Option<&str>, max_age_days: i64) -> Result<Reply> {
    let p = Projection::of(&PRICE_SNAPSHOTS, ctx.reads);
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM price_snapshots r WHERE r.oem = ");
    sql.push_bind(ctx.required("oem")?.to_string(), Type::TEXT).push(" AND ");
    match tenant {
        Some(tenant) => {
            let t = sql.bind(tenant.to_string(), Type::VARCHAR);
            owned(&mut sql, &PRICE_SNAPSHOTS, "r", t, Mode::Read);
        }
        None => {
            sql.push("r.tenant_id IS NULL");
        }
    }
    sql.push(" AND ((r.expires_at IS NOT NULL AND r.expires_at > now()) OR (r.expires_at IS NULL AND r.created_at >= now() - make_interval(days => ");
    sql.push_bind(max_age_days as i32, Type::INT4).push("))) ORDER BY r.created_at DESC, r.id DESC LIMIT 1");
    let row = db.query_opt(&sql).await?.ok_or_else(|| ApiError::not_found("Price snapshot"))?;
    Ok(one(p, &row)?)
}

/// getLatestPriceSnapshot: of the tenant or global (storage-api §29 read any tenant's).
pub async fn get_latest_price_snapshot(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let days = ctx.query.int("maxAgeDays").unwrap_or(DEFAULT_MAX_AGE_DAYS);
    latest(db, ctx, Some(ctx.tenant()?), days).await
}

/// getGlobalPriceSnapshot: the global cache entry, 7 days (storage-api §29: any tenant's).
pub async fn get_global_price_snapshot(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    latest(db, ctx, None, DEFAULT_MAX_AGE_DAYS).await
}

/// upsertInternalPrice (storage-api §29): one `INSERT … ON CONFLICT (tenant_id, oem, condition,
/// supplier) DO UPDATE SET price, currency, updated_at`; a missing currency is RUB, on insert
/// and on update. A NULL condition or supplier never equals another (NULLS DISTINCT), so such
/// a row is always a new one, as before.
pub async fn upsert_internal_price(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    static NULL: Value = Value::Null;
    let p = Projection::of(&INTERNAL_PRICES, ctx.reads);
    let value = |name: &str| Param(ctx.body.get(name).unwrap_or(&NULL));
    let mut sql = Sql::new(
        "INSERT INTO internal_prices AS r (tenant_id, oem, price, currency, condition, supplier, updated_at) VALUES (",
    );
    sql.push_bind(ctx.tenant()?.to_string(), Type::VARCHAR).push(", ");
    sql.push_bind(value("oem"), Type::TEXT).push(", ");
    sql.push_bind(value("price"), Type::INT4).push(", COALESCE(");
    sql.push_bind(value("currency"), Type::TEXT).push(", 'RUB'), ");
    sql.push_bind(value("condition"), Type::TEXT).push(", ");
    sql.push_bind(value("supplier"), Type::TEXT).push(", now()) ");
    sql.push(
        "ON CONFLICT (tenant_id, oem, condition, supplier) DO UPDATE SET price = EXCLUDED.price, \
         currency = EXCLUDED.currency, updated_at = EXCLUDED.updated_at RETURNING ",
    );
    sql.push(&p.list_as("r"));
    let row = db.query_one(&sql).await?;
    Ok(one(p, &row)?)
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::CreatePriceSnapshot | Custom::CreateGlobalPriceSnapshot => create_price_snapshot(db, ctx).await,
        Custom::GetLatestPriceSnapshot => get_latest_price_snapshot(db, ctx).await,
        Custom::GetGlobalPriceSnapshot => get_global_price_snapshot(db, ctx).await,
        Custom::UpsertInternalPrice => upsert_internal_price(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upsert_target_is_the_unique_index() {
        let keys = ["tenant_id", "oem", "condition", "supplier"];
        assert!(INTERNAL_PRICES.conflict_target(&keys).is_some(), "ON CONFLICT needs the unique index");
    }
}
