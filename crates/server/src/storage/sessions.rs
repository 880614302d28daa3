//! Sessions of the backend's session store (storage-api appendix A, issue 10): set, touch and
//! destroy are plain declarations; here are the read that ignores expired rows and the prune.

use super::rows::{Projection, one};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::sessions::Custom;
use salesgate_core::tables::SESSIONS;
use tokio_postgres::types::Type;

/// getSession: connect-pg-simple's `SELECT sess … WHERE sid = $1 AND expire >= now`: an
/// expired session is not found (404), whether or not it was pruned yet.
pub async fn get_session(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&SESSIONS, ctx.reads);
    let sql = format!("SELECT {} FROM sessions s WHERE s.sid = $1 AND s.expire >= now()", p.list_as("s"));
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR], &[&ctx.param("sessionId")?])
        .await?
        .ok_or_else(|| ApiError::not_found("Session"))?;
    Ok(one(p, &row)?)
}

/// pruneExpiredSessions: connect-pg-simple's `DELETE … WHERE expire < now`, one statement (on
/// the `IDX_session_expire` index); answers `{"count": n}`.
pub async fn prune_expired_sessions(db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    const SQL: &str = "WITH d AS (DELETE FROM sessions WHERE expire < now() RETURNING 1) SELECT count(*) FROM d";
    let row =
        db.query_text_opt(SQL, &[], &[]).await?.ok_or_else(|| StorageError::Bug("count(*) returned no row".into()))?;
    Ok(Reply::json(format!("{{\"count\":{}}}", row.try_get::<_, i64>(0)?)))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetSession => get_session(db, ctx).await,
        Custom::PruneExpiredSessions => prune_expired_sessions(db, ctx).await,
    }
}
