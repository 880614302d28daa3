//! Fraud checks, fingerprints and flags (storage-api appendix A). The reuse check reads other
//! tenants' fingerprints on purpose (that is the check); everything else is the path tenant's.
//! `channel_fingerprints` has no unique key, so a registration (refresh `last_seen_at`, else
//! insert) runs under the tenant's row lock: two registrations of one identity at once leave
//! one row, not two.

use super::rows::{Projection, one};
use super::scope::{Mode, owned_sql};
use super::shape::{select, write};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::fraud::{CHANNEL_REUSE, Custom};
use salesgate_core::tables::{CHANNEL_FINGERPRINTS, FRAUD_FLAGS, TENANTS};
use tokio_postgres::Transaction;
use tokio_postgres::types::{ToSql, Type};

/// Locks the tenant's row for the rest of the transaction (`FOR NO KEY UPDATE`: foreign-key
/// checks of other rows referencing the tenant do not wait for it), serializing the writes of
/// one tenant that have no unique key to rely on; 404 for an unknown tenant.
pub(super) async fn lock_tenant(tx: &Transaction<'_>, tenant: &str) -> Result<()> {
    let sql =
        format!("SELECT 1 FROM tenants t WHERE {} FOR NO KEY UPDATE", owned_sql(&TENANTS, "t", "$1", Mode::Write));
    match tx.query_typed_opt(&sql, &[(&tenant, Type::VARCHAR)]).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found("Tenant").into()),
    }
}

/// checkChannelReuse: whether a tenant other than the path's has a fingerprint of the same type
/// and hash (storage-api appendix A), and which one registered it first.
pub async fn check_channel_reuse(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let sql = format!(
        "SELECT {} FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT f.tenant_id FROM channel_fingerprints f \
         WHERE f.fingerprint_hash = $2 AND f.channel_type = $3 AND NOT ({}) \
         ORDER BY f.first_seen_at, f.id LIMIT 1) o ON true",
        select(&CHANNEL_REUSE, ctx.reads, &["o.tenant_id IS NOT NULL", "o.tenant_id"])?,
        owned_sql(&CHANNEL_FINGERPRINTS, "f", "$1", Mode::Read)
    );
    let params: [&(dyn ToSql + Sync); 3] =
        [&ctx.tenant()?, &ctx.required("fingerprintHash")?, &ctx.required("channelType")?];
    let rows = db.query_text(&sql, &[Type::VARCHAR, Type::TEXT, Type::TEXT], &params).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("a lateral join returned no row".into()))?;
    let mut body = String::with_capacity(96);
    write(&mut body, &CHANNEL_REUSE, ctx.reads, row, &[])?;
    Ok(Reply::json(body))
}

/// registerChannelFingerprint: refreshes `last_seen_at` of the tenant's row of this type and
/// hash, or inserts one; answers the row.
pub async fn register_channel_fingerprint(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let tenant = ctx.tenant()?;
    let text =
        |name: &str| ctx.body.text(name).ok_or_else(|| StorageError::Bug(format!("route {}: no {name}", ctx.route.id)));
    let (channel_type, hash) = (text("channel_type")?, text("fingerprint_hash")?);
    let p = Projection::of(&CHANNEL_FINGERPRINTS, ctx.reads);
    // Rows the old check-then-insert duplicated are all refreshed; the oldest is answered.
    let update = format!(
        "WITH seen AS (UPDATE channel_fingerprints AS f SET last_seen_at = now() \
         WHERE {} AND f.fingerprint_hash = $2 AND f.channel_type = $3 RETURNING f.*) \
         SELECT {} FROM seen f ORDER BY f.first_seen_at, f.id LIMIT 1",
        owned_sql(&CHANNEL_FINGERPRINTS, "f", "$1", Mode::Write),
        p.list_as("f")
    );
    let insert = format!(
        "INSERT INTO channel_fingerprints AS f (tenant_id, fingerprint_hash, channel_type) VALUES ($1, $2, $3) \
         RETURNING {}",
        p.list_as("f")
    );
    let params: [(&(dyn ToSql + Sync), Type); 3] =
        [(&tenant, Type::VARCHAR), (&hash, Type::TEXT), (&channel_type, Type::TEXT)];
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    lock_tenant(&tx, tenant).await?;
    let row = match tx.query_typed_opt(&update, &params).await? {
        Some(row) => row,
        None => tx
            .query_typed_opt(&insert, &params)
            .await?
            .ok_or_else(|| StorageError::Bug("an INSERT … RETURNING returned no row".into()))?,
    };
    tx.commit().await?;
    Ok(one(p, &row)?)
}

/// restrictTenantForFraud: `tenants.status = 'restricted'` (the detection's own restriction;
/// an admin's is restrictTenant, which records an admin action).
pub async fn restrict_tenant_for_fraud(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&TENANTS, ctx.reads);
    let sql = format!(
        "UPDATE tenants AS r SET status = 'restricted' WHERE {} RETURNING {}",
        owned_sql(&TENANTS, "r", "$1", Mode::Write),
        p.list_as("r")
    );
    let row = db.query_text_opt(&sql, &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    Ok(one(p, &row.ok_or_else(|| ApiError::not_found("Tenant"))?)?)
}

/// resolveFraudFlag: `resolved_at = now()`, `resolved_by` = the token's user, once: a resolved
/// flag keeps its first resolution (409).
pub async fn resolve_fraud_flag(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&FRAUD_FLAGS, ctx.reads);
    let scoped = owned_sql(&FRAUD_FLAGS, "f", "$2", Mode::Write);
    let sql = format!(
        "UPDATE fraud_flags AS f SET resolved_at = now(), resolved_by = $3 \
         WHERE f.id = $1 AND {scoped} AND f.resolved_at IS NULL RETURNING {}",
        p.list_as("f")
    );
    let user = ctx
        .admitted
        .claims
        .as_ref()
        .map(|c| c.sub.as_str())
        .ok_or_else(|| StorageError::Bug(format!("route {} has no token", ctx.route.id)))?;
    let (id, tenant) = (ctx.param("fraudFlagId")?, ctx.tenant()?);
    let params: [&(dyn ToSql + Sync); 3] = [&id, &tenant, &user];
    if let Some(row) = db.query_text_opt(&sql, &[Type::VARCHAR, Type::VARCHAR, Type::VARCHAR], &params).await? {
        return Ok(one(p, &row)?);
    }
    let exists = format!("SELECT 1 FROM fraud_flags f WHERE f.id = $1 AND {scoped}");
    match db.query_text_opt(&exists, &[Type::VARCHAR, Type::VARCHAR], &[&id, &tenant]).await? {
        Some(_) => Err(ApiError::invalid_state("The fraud flag is already resolved").into()),
        None => Err(ApiError::not_found("Fraud flag").into()),
    }
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::CheckChannelReuse => check_channel_reuse(db, ctx).await,
        Custom::RegisterChannelFingerprint => register_channel_fingerprint(db, ctx).await,
        Custom::RestrictTenantForFraud => restrict_tenant_for_fraud(db, ctx).await,
        Custom::ResolveFraudFlag => resolve_fraud_flag(db, ctx).await,
    }
}
