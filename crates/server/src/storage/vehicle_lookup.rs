//! §28 Vehicle lookup cache and cases (issue 10). The cache upsert is one `INSERT … ON
//! CONFLICT` on the lookup key; the case link and the dedup window are one statement each,
//! scoped through [`scope::owned`]; the status update is the plain patch of the fields given.

use super::rows::{Projection, one};
use super::scope::{Mode, owned};
use super::sql::{Sql, pg_type};
use super::values::Param;
use super::{Ctx, Db, Reply, Result, exec};
use salesgate_core::error::ApiError;
use salesgate_core::route::Plain;
use salesgate_core::routes::vehicle_lookup::Custom;
use salesgate_core::tables::{VEHICLE_LOOKUP_CACHE, VEHICLE_LOOKUP_CASES};
use salesgate_core::validate::Value;
use tokio_postgres::types::Type;

/// The columns an upsert replaces (storage-api §28), `expires_at` with NULL when not given.
const REPLACED: [&str; 6] = ["id_type", "raw_value", "normalized_value", "result", "source", "expires_at"];

/// upsertVehicleLookupCache: `INSERT … ON CONFLICT (lookup_key) DO UPDATE` replacing every
/// field, `updated_at` written in the values and taken from `EXCLUDED` (distributable form).
pub async fn upsert_vehicle_lookup_cache(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    static NULL: Value = Value::Null;
    let p = Projection::of(&VEHICLE_LOOKUP_CACHE, ctx.reads);
    let mut sql = Sql::new("INSERT INTO vehicle_lookup_cache AS r (lookup_key, ");
    sql.push(&REPLACED.join(", ")).push(", updated_at) VALUES (");
    for name in std::iter::once("lookup_key").chain(REPLACED) {
        let column = VEHICLE_LOOKUP_CACHE.column(name).ok_or_else(|| missing(name))?;
        sql.push_bind(Param(ctx.body.get(name).unwrap_or(&NULL)), pg_type(column.ty)).push(", ");
    }
    sql.push("now()) ON CONFLICT (lookup_key) DO UPDATE SET ");
    for name in REPLACED {
        sql.ident(name).push(" = EXCLUDED.").ident(name).push(", ");
    }
    sql.push("updated_at = EXCLUDED.updated_at RETURNING ").push(&p.list_as("r"));
    let row = db.query_one(&sql).await?;
    Ok(one(p, &row)?)
}

fn missing(column: &str) -> super::StorageError {
    super::StorageError::Bug(format!("vehicle_lookup_cache has no column {column}"))
}

/// linkCaseToCache: the case's `cache_id` and `updated_at`, one statement; 404 when the case
/// is not the tenant's or the cache entry does not exist. (storage-api §28 answered nothing.)
pub async fn link_case_to_cache(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (case, cache) = (ctx.param("caseId")?, ctx.param("cacheId")?);
    let mut sql = Sql::new("UPDATE vehicle_lookup_cases AS r SET cache_id = c.id, updated_at = now() ");
    sql.push("FROM vehicle_lookup_cache c WHERE c.id = ").push_bind(cache.to_string(), Type::VARCHAR);
    sql.push(" AND r.id = ").push_bind(case.to_string(), Type::VARCHAR).push(" AND ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(&mut sql, &VEHICLE_LOOKUP_CASES, "r", t, Mode::Write);
    sql.push(" RETURNING r.id");
    if db.query_opt(&sql).await?.is_some() {
        return Ok(Reply::empty());
    }
    let mut exists = Sql::new("SELECT 1 FROM vehicle_lookup_cases r WHERE r.id = ");
    exists.push_bind(case.to_string(), Type::VARCHAR).push(" AND ");
    let t = exists.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(&mut exists, &VEHICLE_LOOKUP_CASES, "r", t, Mode::Read);
    let what =
        if db.query_opt(&exists).await?.is_some() { "Vehicle lookup cache entry" } else { "Vehicle lookup case" };
    Err(ApiError::not_found(what).into())
}

/// findActiveVehicleLookupCase (storage-api §28's dedup): the newest case of the tenant's
/// conversation for the value, PENDING or RUNNING, created at most 5 minutes ago; 404 if none.
pub async fn find_active_vehicle_lookup_case(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&VEHICLE_LOOKUP_CASES, ctx.reads);
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM vehicle_lookup_cases r WHERE ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(&mut sql, &VEHICLE_LOOKUP_CASES, "r", t, Mode::Read);
    sql.push(" AND r.conversation_id = ").push_bind(ctx.param("conversationId")?.to_string(), Type::VARCHAR);
    sql.push(" AND r.normalized_value = ").push_bind(ctx.required("normalizedValue")?.to_string(), Type::TEXT);
    sql.push(
        " AND r.status IN ('PENDING', 'RUNNING') AND r.created_at >= now() - interval '5 minutes' \
         ORDER BY r.created_at DESC, r.id DESC LIMIT 1",
    );
    let row = db.query_opt(&sql).await?.ok_or_else(|| ApiError::not_found("Active vehicle lookup case"))?;
    Ok(one(p, &row)?)
}

/// updateVehicleLookupCaseStatus: the plain patch of the fields the body gives (its schema has
/// only status, verificationStatus, error and cacheId), `updated_at` with it; 404 when the case
/// is not the tenant's.
pub async fn update_vehicle_lookup_case_status(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    exec::run(db, ctx, Plain::Patch, &VEHICLE_LOOKUP_CASES).await
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::UpsertVehicleLookupCache => upsert_vehicle_lookup_cache(db, ctx).await,
        Custom::LinkCaseToCache => link_case_to_cache(db, ctx).await,
        Custom::FindActiveVehicleLookupCase => find_active_vehicle_lookup_case(db, ctx).await,
        Custom::UpdateVehicleLookupCaseStatus => update_vehicle_lookup_case_status(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::routes::vehicle_lookup::CASE_STATUS;

    #[test]
    fn the_upsert_and_the_status_update_name_real_columns() {
        for name in REPLACED {
            assert!(VEHICLE_LOOKUP_CACHE.column(name).is_some(), "{name}");
        }
        // The status update hands its body to the plain patch: each field is a column of the
        // cases of the same type and reference.
        for f in CASE_STATUS.fields {
            let c = VEHICLE_LOOKUP_CASES.column(f.name).expect("a column of the cases");
            assert_eq!((c.ty, c.references, c.field), (f.ty, f.references, f.field), "{}", f.name);
        }
    }
}
