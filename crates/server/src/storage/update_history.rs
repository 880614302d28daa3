//! §27 Update history (issue 10): the status change and the backup path are single-statement
//! updates of server-owned columns; the list, the get and the create are plain. A global table:
//! no tenant scoping (platform and `service` routes only).

use super::rows::{Projection, one};
use super::shape::write;
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::update_history::{CURRENT_VERSION, Custom};
use salesgate_core::tables::UPDATE_HISTORY;
use tokio_postgres::types::Type;

/// storage-api §27: the version when no update was ever applied.
const INITIAL_VERSION: &str = "1.0.0";

/// updateUpdateStatus: the status; `applied_at = now()` when it becomes `applied` (storage-api
/// §27: set on every such call, also when it was applied already); `error_message` only when
/// given. 404 for an unknown update.
pub async fn update_update_status(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&UPDATE_HISTORY, ctx.reads);
    let sql = format!(
        "UPDATE update_history r SET status = $2, \
         applied_at = CASE WHEN $2 = 'applied' THEN now() ELSE r.applied_at END, \
         error_message = COALESCE($3, r.error_message) WHERE r.id = $1 RETURNING {}",
        p.list_as("r")
    );
    let status =
        ctx.body.text("status").ok_or_else(|| StorageError::Bug("updateUpdateStatus without a status".into()))?;
    let error = ctx.body.text("error_message");
    let params: [&(dyn tokio_postgres::types::ToSql + Sync); 3] = [&ctx.param("updateId")?, &status, &error];
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR, Type::TEXT, Type::TEXT], &params)
        .await?
        .ok_or_else(|| ApiError::not_found("Update"))?;
    Ok(one(p, &row)?)
}

/// setUpdateBackupPath: `backup_path`; 404 for an unknown update.
pub async fn set_update_backup_path(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&UPDATE_HISTORY, ctx.reads);
    let sql = format!("UPDATE update_history r SET backup_path = $2 WHERE r.id = $1 RETURNING {}", p.list_as("r"));
    let path =
        ctx.body.text("backup_path").ok_or_else(|| StorageError::Bug("setUpdateBackupPath without a path".into()))?;
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR, Type::TEXT], &[&ctx.param("updateId")?, &path])
        .await?
        .ok_or_else(|| ApiError::not_found("Update"))?;
    Ok(one(p, &row)?)
}

/// getCurrentVersion: the version of the most recently applied update (storage-api §27: by
/// `applied_at` DESC; an applied row without `applied_at` comes last here, where PostgreSQL's
/// DESC put it first), else "1.0.0".
pub async fn get_current_version(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let sql = format!(
        "SELECT COALESCE((SELECT version FROM update_history WHERE status = 'applied' \
         ORDER BY applied_at DESC NULLS LAST, created_at DESC, id DESC LIMIT 1), '{INITIAL_VERSION}')"
    );
    let rows = db.query_text(&sql, &[], &[]).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("a scalar subquery returned no row".into()))?;
    let mut body = String::with_capacity(32);
    write(&mut body, &CURRENT_VERSION, ctx.reads, row, &[])?;
    Ok(Reply::json(body))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::UpdateUpdateStatus => update_update_status(db, ctx).await,
        Custom::SetUpdateBackupPath => set_update_backup_path(db, ctx).await,
        Custom::GetCurrentVersion => get_current_version(db, ctx).await,
    }
}
