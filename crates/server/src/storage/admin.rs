//! Grants and admin actions (storage-api appendix A). Every mutation is one transaction: the
//! target row is locked and its previous state read, the change is written, and the
//! `admin_actions` row recording it (admin = the token's `sub`) is inserted; a failure of any
//! step rolls back all of them. A mutation that would change nothing is recorded as a no-op
//! (`previousState` null, metadata `{idempotent, noOp, alreadyState}`) and answers the row as it is.

use super::rows::{Projection, one};
use super::scope::{Mode, owned_sql};
use super::sql::{Sql, pg_type};
use super::values::Param;
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::routes::admin::Custom;
use salesgate_core::schema::Table;
use salesgate_core::tables::{SUBSCRIPTION_GRANTS, TENANTS, USERS};
use salesgate_core::time::Timestamp;
use salesgate_core::validate::Value;
use serde_json::{Value as Json, json};
use tokio_postgres::Transaction;
use tokio_postgres::types::{ToSql, Type};

/// A grant lasts at most 365 days (storage-api appendix A; the admin UI's cap).
const MAX_GRANT_MICROS: i64 = 365 * 86_400_000_000;

/// The admin: the token's subject, a user id (`admin_actions.admin_id` references users).
fn admin_id<'a>(ctx: &Ctx<'a>) -> Result<&'a str> {
    ctx.admitted
        .claims
        .as_ref()
        .map(|c| c.sub.as_str())
        .ok_or_else(|| StorageError::Bug(format!("route {} has no token", ctx.route.id)))
}

/// The body's `reason` (required by the route's schema).
fn reason<'a>(ctx: &Ctx<'a>) -> Result<&'a str> {
    ctx.body.text("reason").ok_or_else(|| StorageError::Bug(format!("route {}: the body has no reason", ctx.route.id)))
}

/// One admin action to record.
struct Action<'a> {
    action_type: &'static str,
    target_type: &'static str,
    target_id: &'a str,
    reason: &'a str,
    /// The state before the change; `None` for a no-op.
    previous_state: Option<Json>,
    /// For a no-op, the state the target was already in.
    metadata: Option<Json>,
}

impl<'a> Action<'a> {
    /// The action of a change (its previous state given by [`Action::previous`]).
    fn change(action_type: &'static str, target_type: &'static str, target_id: &'a str, reason: &'a str) -> Self {
        Action { action_type, target_type, target_id, reason, previous_state: None, metadata: None }
    }

    fn previous(mut self, previous: Json) -> Self {
        self.previous_state = Some(previous);
        self
    }

    /// The same action, recorded as a no-op: the target already was `state`.
    fn no_op(mut self, state: &str) -> Self {
        self.previous_state = None;
        self.metadata = Some(no_op_metadata(state));
        self
    }
}

/// The old service's record of an action that changed nothing.
fn no_op_metadata(state: &str) -> Json {
    json!({"idempotent": true, "noOp": true, "alreadyState": state})
}

/// Inserts the admin action (in the caller's transaction).
async fn record(tx: &Transaction<'_>, ctx: &Ctx<'_>, action: Action<'_>) -> Result<()> {
    const INSERT: &str = "INSERT INTO admin_actions (action_type, target_type, target_id, admin_id, reason, \
                          previous_state, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    let admin = admin_id(ctx)?;
    tx.execute_typed(
        INSERT,
        &[
            (&action.action_type, Type::TEXT),
            (&action.target_type, Type::TEXT),
            (&action.target_id, Type::VARCHAR),
            (&admin, Type::VARCHAR),
            (&action.reason, Type::TEXT),
            (&action.previous_state, Type::JSONB),
            (&action.metadata, Type::JSONB),
        ],
    )
    .await?;
    Ok(())
}

/// The row `sql` (`$1` = the id, `$2` = the tenant where scoped) locks, as JSON of the given
/// columns, or 404.
async fn lock(tx: &Transaction<'_>, sql: &str, params: &[(&(dyn ToSql + Sync), Type)], what: &str) -> Result<Json> {
    match tx.query_typed_opt(sql, params).await? {
        Some(row) => Ok(row.try_get(0)?),
        None => Err(ApiError::not_found(what).into()),
    }
}

/// `SELECT <row of table alias r> FROM …` for answering.
async fn answer(tx: &Transaction<'_>, ctx: &Ctx<'_>, table: &'static Table, cond: &str, id: &str) -> Result<Reply> {
    let p = Projection::of(table, ctx.reads);
    let sql = format!("SELECT {} FROM {} r WHERE {cond}", p.list_as("r"), table.name);
    let row = tx
        .query_typed_opt(&sql, &[(&id, Type::VARCHAR)])
        .await?
        .ok_or_else(|| StorageError::Bug(format!("{}: the locked row is gone", ctx.route.id)))?;
    Ok(one(p, &row)?)
}

/// A timestamp of the validated body (required by the table's insert schema).
fn time(ctx: &Ctx<'_>, column: &str) -> Result<Timestamp> {
    match ctx.body.get(column) {
        Some(Value::Timestamp(t)) => Ok(*t),
        _ => Err(StorageError::Bug(format!("route {}: the body has no timestamp {column}", ctx.route.id))),
    }
}

/// The grant's period is checked: it ends at or after its start and lasts at most 365 days.
fn check_period(starts: Timestamp, ends: Timestamp) -> std::result::Result<(), ApiError> {
    let problem = if ends.0 < starts.0 {
        "endsAt must not be before startsAt"
    } else if ends.0.saturating_sub(starts.0) > MAX_GRANT_MICROS {
        "a grant lasts at most 365 days"
    } else {
        return Ok(());
    };
    Err(ApiError::validation(vec![FieldError::new("/endsAt", "out_of_range", problem)]))
}

/// createGrant: the grant (granted by the token's user) and its `grant_create` action, in one
/// transaction; an unknown tenant is a 404.
pub async fn create_grant(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (starts, ends) = (time(ctx, "starts_at")?, time(ctx, "ends_at")?);
    check_period(starts, ends)?;
    let (tenant, admin, why) = (ctx.tenant()?, admin_id(ctx)?, reason(ctx)?);
    let p = Projection::of(&SUBSCRIPTION_GRANTS, ctx.reads);
    let mut sql = Sql::new("INSERT INTO subscription_grants AS r (tenant_id, granted_by_user_id");
    for e in &ctx.body.entries {
        sql.push(", ").ident(e.column.name);
    }
    sql.push(") SELECT t.id, ");
    let t = sql.bind(tenant.to_string(), Type::VARCHAR);
    sql.push_bind(admin.to_string(), Type::VARCHAR);
    for e in &ctx.body.entries {
        sql.push(", ").push_bind(Param(&e.value), pg_type(e.column.ty));
    }
    sql.push(" FROM tenants t WHERE ").push(&owned_sql(&TENANTS, "t", &Sql::placeholder(t), Mode::Write));
    sql.push(" RETURNING ").push(&p.list_as("r")).push(", r.id");
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let params: Vec<(&(dyn ToSql + Sync), Type)> = sql.params().into_iter().zip(sql.types().iter().cloned()).collect();
    let row = tx.query_typed_opt(sql.text(), &params).await?.ok_or_else(|| ApiError::not_found("Tenant"))?;
    let id: String = row.try_get(p.len())?;
    let metadata = json!({"tenantId": tenant, "startsAt": starts.to_iso8601(), "endsAt": ends.to_iso8601()});
    let action = Action { metadata: Some(metadata), ..Action::change("grant_create", "grant", &id, why) };
    record(&tx, ctx, action).await?;
    tx.commit().await?;
    Ok(one(p, &row)?)
}

/// revokeGrant: `revoked_at`, `revoked_by_user_id` (the token's user), `revoked_reason`, under
/// the grant's lock; a revoked grant stays as it was (the first revocation holds) and the call
/// is recorded as a no-op.
pub async fn revoke_grant(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (id, tenant, admin, why) = (ctx.param("grantId")?, ctx.tenant()?, admin_id(ctx)?, reason(ctx)?);
    let scoped = owned_sql(&SUBSCRIPTION_GRANTS, "r", "$2", Mode::Write);
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let before = lock(
        &tx,
        &format!(
            "SELECT jsonb_build_object('revokedAt', r.revoked_at, 'revokedByUserId', r.revoked_by_user_id, \
             'revokedReason', r.revoked_reason) FROM subscription_grants r WHERE r.id = $1 AND {scoped} FOR UPDATE"
        ),
        &[(&id, Type::VARCHAR), (&tenant, Type::VARCHAR)],
        "Subscription grant",
    )
    .await?;
    let action = Action::change("grant_revoke", "grant", id, why);
    let p = Projection::of(&SUBSCRIPTION_GRANTS, ctx.reads);
    let row = if before["revokedAt"].is_null() {
        let update = format!(
            "UPDATE subscription_grants AS r SET revoked_at = now(), revoked_by_user_id = $3, revoked_reason = $4 \
             WHERE r.id = $1 AND {scoped} RETURNING {}",
            p.list_as("r")
        );
        let params: [(&(dyn ToSql + Sync), Type); 4] =
            [(&id, Type::VARCHAR), (&tenant, Type::VARCHAR), (&admin, Type::VARCHAR), (&why, Type::TEXT)];
        let row = tx.query_typed_opt(&update, &params).await?;
        record(&tx, ctx, action.previous(before)).await?;
        row.ok_or_else(|| StorageError::Bug("the locked grant was not updated".into()))?
    } else {
        record(&tx, ctx, action.no_op("revoked")).await?;
        let select = format!("SELECT {} FROM subscription_grants r WHERE r.id = $1 AND {scoped}", p.list_as("r"));
        tx.query_typed_opt(&select, &[(&id, Type::VARCHAR), (&tenant, Type::VARCHAR)])
            .await?
            .ok_or_else(|| StorageError::Bug("the locked grant is gone".into()))?
    };
    tx.commit().await?;
    Ok(one(p, &row)?)
}

/// restrictTenant / unrestrictTenant: `tenants.status`, recorded (`tenant_restrict`,
/// `tenant_unrestrict`), a no-op when it already is `status`.
async fn set_tenant_status(db: &Db<'_>, ctx: &Ctx<'_>, status: &str, action_type: &'static str) -> Result<Reply> {
    let (tenant, why) = (ctx.tenant()?, reason(ctx)?);
    let scoped = owned_sql(&TENANTS, "r", "$1", Mode::Write);
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let before = lock(
        &tx,
        &format!("SELECT jsonb_build_object('status', r.status) FROM tenants r WHERE {scoped} FOR UPDATE"),
        &[(&tenant, Type::VARCHAR)],
        "Tenant",
    )
    .await?;
    let action = Action::change(action_type, "tenant", tenant, why);
    if before["status"] == status {
        record(&tx, ctx, action.no_op(status)).await?;
    } else {
        let update = format!("UPDATE tenants AS r SET status = $2 WHERE {scoped}");
        tx.execute_typed(&update, &[(&tenant, Type::VARCHAR), (&status, Type::TEXT)]).await?;
        record(&tx, ctx, action.previous(before)).await?;
    }
    let reply = answer(&tx, ctx, &TENANTS, &scoped, tenant).await?;
    tx.commit().await?;
    Ok(reply)
}

/// restrictTenant.
pub async fn restrict_tenant(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    set_tenant_status(db, ctx, "restricted", "tenant_restrict").await
}

/// unrestrictTenant.
pub async fn unrestrict_tenant(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    set_tenant_status(db, ctx, "active", "tenant_unrestrict").await
}

/// A recorded change of a user (of any tenant, or platform staff: a platform route): `flag`
/// is the boolean column the action sets to `on`; `set` the rest of its `SET` list (`$2` =
/// the reason); `state` the JSON of the user's state it changes.
struct UserChange {
    action_type: &'static str,
    flag: &'static str,
    on: bool,
    set: &'static str,
    state: &'static str,
    /// The name of the state a no-op finds.
    already: &'static str,
}

async fn change_user(db: &Db<'_>, ctx: &Ctx<'_>, change: UserChange) -> Result<Reply> {
    let (id, why) = (ctx.param("userId")?, reason(ctx)?);
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let before = lock(
        &tx,
        &format!("SELECT {} FROM users r WHERE r.id = $1 FOR UPDATE", change.state),
        &[(&id, Type::VARCHAR)],
        "User",
    )
    .await?;
    let field = USERS.column(change.flag).map(|c| c.field).unwrap_or(change.flag);
    let action = Action::change(change.action_type, "user", id, why);
    if before[field] == change.on {
        record(&tx, ctx, action.no_op(change.already)).await?;
    } else {
        let update = format!("UPDATE users AS r SET {} = {}{} WHERE r.id = $1", change.flag, change.on, change.set);
        if change.set.contains("$2") {
            tx.execute_typed(&update, &[(&id, Type::VARCHAR), (&why, Type::TEXT)]).await?;
        } else {
            tx.execute_typed(&update, &[(&id, Type::VARCHAR)]).await?;
        }
        record(&tx, ctx, action.previous(before)).await?;
    }
    let reply = answer(&tx, ctx, &USERS, "r.id = $1", id).await?;
    tx.commit().await?;
    Ok(reply)
}

const DISABLED_STATE: &str = "jsonb_build_object('isDisabled', r.is_disabled, 'disabledAt', r.disabled_at, \
                              'disabledReason', r.disabled_reason)";
const ADMIN_STATE: &str = "jsonb_build_object('isPlatformAdmin', r.is_platform_admin)";

/// disableUser: `is_disabled`, `disabled_at = now()`, `disabled_reason` = the reason.
pub async fn disable_user(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let change = UserChange {
        action_type: "user_disable",
        flag: "is_disabled",
        on: true,
        set: ", disabled_at = now(), disabled_reason = $2",
        state: DISABLED_STATE,
        already: "disabled",
    };
    change_user(db, ctx, change).await
}

/// enableUser: clears `is_disabled`, `disabled_at`, `disabled_reason`.
pub async fn enable_user(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let change = UserChange {
        action_type: "user_enable",
        flag: "is_disabled",
        on: false,
        set: ", disabled_at = NULL, disabled_reason = NULL",
        state: DISABLED_STATE,
        already: "enabled",
    };
    change_user(db, ctx, change).await
}

/// promotePlatformAdmin: `is_platform_admin = true`.
pub async fn promote_platform_admin(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let change = UserChange {
        action_type: "admin_promote",
        flag: "is_platform_admin",
        on: true,
        set: "",
        state: ADMIN_STATE,
        already: "platform_admin",
    };
    change_user(db, ctx, change).await
}

/// demotePlatformAdmin: `is_platform_admin = false`.
pub async fn demote_platform_admin(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let change = UserChange {
        action_type: "admin_demote",
        flag: "is_platform_admin",
        on: false,
        set: "",
        state: ADMIN_STATE,
        already: "not_platform_admin",
    };
    change_user(db, ctx, change).await
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::CreateGrant => create_grant(db, ctx).await,
        Custom::RevokeGrant => revoke_grant(db, ctx).await,
        Custom::RestrictTenant => restrict_tenant(db, ctx).await,
        Custom::UnrestrictTenant => unrestrict_tenant(db, ctx).await,
        Custom::DisableUser => disable_user(db, ctx).await,
        Custom::EnableUser => enable_user(db, ctx).await,
        Custom::PromotePlatformAdmin => promote_platform_admin(db, ctx).await,
        Custom::DemotePlatformAdmin => demote_platform_admin(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000_000;

    #[test]
    fn a_grant_lasts_at_most_365_days_and_does_not_end_before_it_starts() {
        let start = Timestamp(1_800_000_000_000_000);
        assert!(check_period(start, Timestamp(start.0 + 365 * DAY)).is_ok());
        assert!(check_period(start, start).is_ok());
        assert_eq!(check_period(start, Timestamp(start.0 + 365 * DAY + 1)).map_err(|e| e.http_status()), Err(422));
        assert_eq!(check_period(start, Timestamp(start.0 - 1)).map_err(|e| e.http_status()), Err(422));
    }

    #[test]
    fn a_no_op_is_recorded_with_the_old_metadata() {
        let a = Action::change("tenant_restrict", "tenant", "t1", "why").previous(json!({"status": "active"}));
        let a = a.no_op("restricted");
        assert_eq!(a.previous_state, None, "schema.md §10.1: null for a no-op");
        assert_eq!(a.metadata, Some(json!({"idempotent": true, "noOp": true, "alreadyState": "restricted"})));
    }

    #[test]
    fn user_changes_name_model_columns() {
        for flag in ["is_disabled", "is_platform_admin"] {
            assert!(USERS.column(flag).is_some(), "{flag}");
        }
    }
}
