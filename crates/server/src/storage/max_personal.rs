//! MAX Personal accounts (storage-api appendix A). The cap of 5 per tenant is counted and the
//! row inserted in one transaction holding the tenant's row lock, so concurrent creates of one
//! tenant take turns: of 6 at once, 5 succeed and the sixth is a 409 (a count and an insert as
//! two statements let all 6 through). A second row of the same `idInstance` is refused by the
//! unique index (409 naming the field).

use super::fraud::lock_tenant;
use super::rows::{Projection, one};
use super::scope::{Mode, owned_sql};
use super::sql::{Sql, pg_type};
use super::values::Param;
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::max_personal::{Custom, MAX_ACCOUNTS_PER_TENANT};
use salesgate_core::tables::MAX_PERSONAL_ACCOUNTS;
use tokio_postgres::types::{ToSql, Type};

const WHAT: &str = "MAX Personal account";

/// `m.account_id = $1 AND <m is the tenant's ($2)>`: the account of the path.
fn by_account() -> String {
    format!("m.account_id = $1 AND {}", owned_sql(&MAX_PERSONAL_ACCOUNTS, "m", "$2", Mode::Write))
}

/// createMaxPersonalAccount: the instance the application validated with GREEN-API, with a
/// fresh random `accountId` (the column's default) and status `authorized` (storage-api
/// appendix A).
pub async fn create_max_personal_account(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let tenant = ctx.tenant()?;
    let p = Projection::of(&MAX_PERSONAL_ACCOUNTS, ctx.reads);
    let mut sql = Sql::new("INSERT INTO max_personal_accounts AS m (tenant_id, status");
    for e in &ctx.body.entries {
        sql.push(", ").ident(e.column.name);
    }
    sql.push(") VALUES (").push_bind(tenant.to_string(), Type::VARCHAR).push(", 'authorized'");
    for e in &ctx.body.entries {
        sql.push(", ").push_bind(Param(&e.value), pg_type(e.column.ty));
    }
    sql.push(") RETURNING ").push(&p.list_as("m"));
    let count = format!(
        "SELECT count(*) FROM max_personal_accounts m WHERE {}",
        owned_sql(&MAX_PERSONAL_ACCOUNTS, "m", "$1", Mode::Write)
    );
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    lock_tenant(&tx, tenant).await?;
    let n: i64 = tx.query_typed_one(&count, &[(&tenant, Type::VARCHAR)]).await?.try_get(0)?;
    if n >= MAX_ACCOUNTS_PER_TENANT {
        return Err(ApiError::invalid_state(format!(
            "The tenant already has {n} MAX Personal accounts; at most {MAX_ACCOUNTS_PER_TENANT} are allowed"
        ))
        .into());
    }
    let params: Vec<(&(dyn ToSql + Sync), Type)> = sql.params().into_iter().zip(sql.types().iter().cloned()).collect();
    let row = tx
        .query_typed_opt(sql.text(), &params)
        .await?
        .ok_or_else(|| StorageError::Bug("an INSERT … RETURNING returned no row".into()))?;
    tx.commit().await?;
    Ok(one(p, &row)?)
}

/// getMaxPersonalAccountByAccountId: the webhook's check that the account of its URL is the
/// tenant's (storage-api appendix A), 404 otherwise.
pub async fn get_max_personal_account_by_account_id(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&MAX_PERSONAL_ACCOUNTS, ctx.reads);
    let sql = format!(
        "SELECT {} FROM max_personal_accounts m WHERE {} ORDER BY m.created_at, m.id LIMIT 1",
        p.list_as("m"),
        by_account()
    );
    let params: [&(dyn ToSql + Sync); 2] = [&ctx.param("accountId")?, &ctx.tenant()?];
    let row = db.query_text_opt(&sql, &[Type::VARCHAR, Type::VARCHAR], &params).await?;
    Ok(one(p, &row.ok_or_else(|| ApiError::not_found(WHAT))?)?)
}

/// updateMaxPersonalAccountLabel: the label (and `updated_at`); a body without it answers the
/// account unchanged.
pub async fn update_max_personal_account_label(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let Some(label) = ctx.body.get("label") else {
        return get_max_personal_account_by_account_id(db, ctx).await;
    };
    let p = Projection::of(&MAX_PERSONAL_ACCOUNTS, ctx.reads);
    let sql = format!(
        "UPDATE max_personal_accounts AS m SET label = $3, updated_at = now() WHERE {} RETURNING {}",
        by_account(),
        p.list_as("m")
    );
    let params: [&(dyn ToSql + Sync); 3] = [&ctx.param("accountId")?, &ctx.tenant()?, &Param(label)];
    let rows = db.query_text(&sql, &[Type::VARCHAR, Type::VARCHAR, Type::TEXT], &params).await?;
    Ok(one(p, rows.first().ok_or_else(|| ApiError::not_found(WHAT))?)?)
}

/// deleteMaxPersonalAccount: 204, or 404 when the tenant has no such account.
pub async fn delete_max_personal_account(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let sql = format!("DELETE FROM max_personal_accounts AS m WHERE {} RETURNING m.id", by_account());
    let params: [&(dyn ToSql + Sync); 2] = [&ctx.param("accountId")?, &ctx.tenant()?];
    match db.query_text(&sql, &[Type::VARCHAR, Type::VARCHAR], &params).await?.is_empty() {
        true => Err(ApiError::not_found(WHAT).into()),
        false => Ok(Reply::empty()),
    }
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::CreateMaxPersonalAccount => create_max_personal_account(db, ctx).await,
        Custom::GetMaxPersonalAccountByAccountId => get_max_personal_account_by_account_id(db, ctx).await,
        Custom::UpdateMaxPersonalAccountLabel => update_max_personal_account_label(db, ctx).await,
        Custom::DeleteMaxPersonalAccount => delete_max_personal_account(db, ctx).await,
    }
}
