//! Proxies (storage-api appendix A, issue 10). Pick-and-assign is one compare-and-set statement:
//! the first available proxy that fits is locked with `FOR UPDATE SKIP LOCKED` and assigned in
//! the same `UPDATE` (which checks `status = 'available'` again), so concurrent requests get
//! distinct proxies or a clean "none available", without the old retry loop. The channel of
//! the path must be the tenant's ([`scope::guard`]).

use super::rows::{Projection, one};
use super::scope;
use super::shape::{select, write};
use super::sql::Sql;
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::proxies::{Custom, PROXY_STATS};
use salesgate_core::tables::{CHANNELS, PROXIES};
use tokio_postgres::types::Type;

/// 404 unless the channel of the path is the tenant's.
async fn check_channel(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<()> {
    let mut sql = Sql::new("SELECT ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    let c = sql.bind(ctx.param("channelId")?.to_string(), Type::VARCHAR);
    scope::guard(&mut sql, &CHANNELS, c, t, 0);
    if db.query_one(&sql).await?.try_get::<_, bool>(0)? { Ok(()) } else { Err(ApiError::not_found("Channel").into()) }
}

/// assignProxy: the oldest available proxy of the requested protocol and country (each
/// optional) becomes the channel's, in one statement. 404 when none is available (the old
/// service answered null), or when the channel is not the tenant's. (The old service looked
/// at the first 10 available rows only and filtered them in memory.)
pub async fn assign_proxy(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&PROXIES, ctx.reads);
    let mut sql = Sql::new("UPDATE proxies AS r SET status = 'assigned', assigned_tenant_id = ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    let c = sql.bind(ctx.param("channelId")?.to_string(), Type::VARCHAR);
    sql.ph(t).push(", assigned_channel_id = ").ph(c).push(", updated_at = now() WHERE r.id = (");
    sql.push("SELECT f.id FROM proxies f WHERE f.status = 'available' AND (");
    let protocol = sql.bind(ctx.body.text("protocol").map(str::to_string), Type::TEXT);
    sql.ph(protocol).push("::text IS NULL OR f.protocol = ").ph(protocol).push(") AND (");
    let country = sql.bind(ctx.body.text("country").map(str::to_string), Type::TEXT);
    sql.ph(country).push("::text IS NULL OR f.country = ").ph(country).push(")");
    sql.push(" ORDER BY f.created_at, f.id LIMIT 1 FOR UPDATE SKIP LOCKED) AND r.status = 'available' AND ");
    scope::guard(&mut sql, &CHANNELS, c, t, 0);
    sql.push(" RETURNING ").push(&p.list_as("r"));
    if let Some(row) = db.query_opt(&sql).await? {
        return Ok(one(p, &row)?);
    }
    check_channel(db, ctx).await?;
    Err(ApiError::not_found("Available proxy").into())
}

/// releaseProxy: every proxy assigned to the channel becomes available again, unassigned
/// (one statement; none assigned is no error). 404 when the channel is not the tenant's.
pub async fn release_proxy(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    check_channel(db, ctx).await?;
    let mut sql = Sql::new(
        "UPDATE proxies AS r SET status = 'available', assigned_tenant_id = NULL, assigned_channel_id = NULL, \
         updated_at = now() WHERE r.status = 'assigned' AND r.assigned_channel_id = ",
    );
    sql.push_bind(ctx.param("channelId")?.to_string(), Type::VARCHAR);
    db.query(&sql).await?;
    Ok(Reply::empty())
}

/// markProxyFailed: status `failed`, the error (when given), `last_checked_at`; 404 for an
/// unknown proxy. The assignment stays (the channel's owner sees which proxy failed).
pub async fn mark_proxy_failed(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&PROXIES, ctx.reads);
    let sql = format!(
        "UPDATE proxies r SET status = 'failed', last_error_message = COALESCE($2, r.last_error_message), \
         last_checked_at = now(), updated_at = now() WHERE r.id = $1 RETURNING {}",
        p.list_as("r")
    );
    let error = ctx.body.text("last_error_message");
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR, Type::TEXT], &[&ctx.param("proxyId")?, &error])
        .await?
        .ok_or_else(|| ApiError::not_found("Proxy"))?;
    Ok(one(p, &row)?)
}

/// getProxyStats: how many proxies there are, and in each status (one aggregate).
pub async fn get_proxy_stats(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let count = |status: &str| format!("count(*) FILTER (WHERE status = '{status}')");
    let exprs = ["count(*)".to_string(), count("available"), count("assigned"), count("disabled"), count("failed")];
    let exprs: Vec<&str> = exprs.iter().map(String::as_str).collect();
    let sql = format!("SELECT {} FROM proxies", select(&PROXY_STATS, ctx.reads, &exprs)?);
    let rows = db.query_text(&sql, &[], &[]).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("an aggregate returned no row".into()))?;
    let mut body = String::with_capacity(96);
    write(&mut body, &PROXY_STATS, ctx.reads, row, &[])?;
    Ok(Reply::json(body))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::AssignProxy => assign_proxy(db, ctx).await,
        Custom::ReleaseProxy => release_proxy(db, ctx).await,
        Custom::MarkProxyFailed => mark_proxy_failed(db, ctx).await,
        Custom::GetProxyStats => get_proxy_stats(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::enums::PROXY_STATUSES;

    #[test]
    fn the_stats_count_every_status() {
        let members: Vec<&str> = PROXY_STATS.fields.iter().skip(1).map(|f| f.name).collect();
        assert_eq!(members, PROXY_STATUSES, "one member per status, in the enum's order");
    }
}
