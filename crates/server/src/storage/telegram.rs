//! §30 Telegram accounts (issue 10), table `telegram_sessions`. `session_string` is stored in the
//! old at-rest format ([`secrets::Sealed::envelope`], schema.md §9.1) and written out decrypted
//! ([`secrets::open_stored`]: legacy plaintext as is, an undecryptable value as null). Only
//! `service` reads the column at all, so only `service` answers ever hold it.
//!
//! The writes are the plain insert and patch (tenant, guards, 404s) of a body whose session
//! string is sealed first; a `service` caller then gets the row read back and decrypted.

use super::rows::{Projection, write_value};
use super::scope::{Mode, owned};
use super::secrets::{MasterKey, open_stored};
use super::sql::{Sql, Where};
use super::{Ctx, Db, Reply, Result, StorageError, exec};
use salesgate_core::error::{ApiError, FieldError, push_json_string};
use salesgate_core::route::Plain;
use salesgate_core::routes::telegram::Custom;
use salesgate_core::schema::Read;
use salesgate_core::tables::TELEGRAM_SESSIONS;
use salesgate_core::validate::{Entry, Validated, Value};
use tokio_postgres::Row;
use tokio_postgres::types::Type;

/// Writes one account (the projection at column 0) with its session string decrypted.
fn write_account(out: &mut String, p: &Projection, row: &Row, key: Option<&MasterKey>) -> Result<()> {
    out.push('{');
    for (i, c) in p.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, c.field);
        out.push(':');
        if c.name == "session_string" {
            match row.try_get::<_, Option<&str>>(i)?.and_then(|stored| open_stored(key, stored)) {
                Some(plain) => push_json_string(out, &plain),
                None => out.push_str("null"),
            }
        } else {
            write_value(out, c.ty, row, i)?;
        }
    }
    out.push('}');
    Ok(())
}

/// Which accounts a list holds.
enum Accounts<'a> {
    /// The tenant's, newest first (storage-api §30).
    Tenant(&'a str),
    /// Every tenant's active and enabled ones, oldest first (storage-api §30: no order).
    Active,
}

/// A page of accounts (`limit`, keyset cursor `after`), session strings decrypted.
async fn list(db: &Db<'_>, ctx: &Ctx<'_>, which: Accounts<'_>) -> Result<Reply> {
    let p = Projection::of(&TELEGRAM_SESSIONS, ctx.reads);
    let limit = ctx.query.int("limit").unwrap_or(100);
    let after = ctx.query.text("after");
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM telegram_sessions r");
    let mut w = Where::new();
    let (tenant, order) = match which {
        Accounts::Tenant(tenant) => (Some(tenant), " DESC"),
        Accounts::Active => (None, ""),
    };
    let t = tenant.map(|tenant| sql.bind(tenant.to_string(), Type::VARCHAR));
    match t {
        Some(t) => owned(w.and(&mut sql), &TELEGRAM_SESSIONS, "r", t, Mode::Read),
        None => {
            w.and(&mut sql).push("r.status = 'active' AND r.is_enabled");
        }
    }
    if let Some(cursor) = after {
        // Keyset: rows after the cursor row in the list's order.
        let cmp = if order.is_empty() { " > " } else { " < " };
        w.and(&mut sql).push("(r.created_at, r.id)").push(cmp);
        sql.push("(SELECT k.created_at, k.id FROM telegram_sessions k WHERE k.id = ");
        sql.push_bind(cursor.to_string(), Type::VARCHAR);
        if let Some(t) = t {
            owned(sql.push(" AND "), &TELEGRAM_SESSIONS, "k", t, Mode::Read);
        }
        sql.push(")");
    }
    sql.push(" ORDER BY r.created_at").push(order).push(", r.id").push(order);
    sql.push(" LIMIT ").push_bind(limit + 1, Type::INT8);
    let mut rows = db.query(&sql).await?;
    if let (true, Some(cursor)) = (rows.is_empty(), after) {
        check_cursor(db, cursor, tenant).await?;
    }
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let key = p.position("id").ok_or_else(|| StorageError::Bug("telegram_sessions.id is not readable".into()))?;
    let next_cursor = if more { rows.last().map(|r| r.try_get::<_, String>(key)).transpose()? } else { None };
    let mut body = String::with_capacity(512 * rows.len() + 2);
    body.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        write_account(&mut body, p, row, ctx.master_key)?;
    }
    body.push(']');
    Ok(Reply { body, next_cursor })
}

/// 400 when `after` is not an account of the list (the tenant's, or any for the active list).
async fn check_cursor(db: &Db<'_>, cursor: &str, tenant: Option<&str>) -> Result<()> {
    let mut sql = Sql::new("SELECT 1 FROM telegram_sessions r WHERE r.id = ");
    sql.push_bind(cursor.to_string(), Type::VARCHAR);
    if let Some(tenant) = tenant {
        let t = sql.bind(tenant.to_string(), Type::VARCHAR);
        owned(sql.push(" AND "), &TELEGRAM_SESSIONS, "r", t, Mode::Read);
    }
    if db.query_opt(&sql).await?.is_some() {
        return Ok(());
    }
    Err(ApiError::invalid_parameters(vec![FieldError::new(
        "after",
        "not_found",
        "after must be the id of a row of the previous page",
    )])
    .into())
}

/// One account of the tenant, decrypted; 404 when it is not the tenant's.
async fn read_one(db: &Db<'_>, ctx: &Ctx<'_>, id: &str) -> Result<Reply> {
    let p = Projection::of(&TELEGRAM_SESSIONS, ctx.reads);
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM telegram_sessions r WHERE r.id = ").push_bind(id.to_string(), Type::VARCHAR);
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(sql.push(" AND "), &TELEGRAM_SESSIONS, "r", t, Mode::Read);
    let row = db.query_opt(&sql).await?.ok_or_else(|| ApiError::not_found("Telegram account"))?;
    let mut body = String::with_capacity(512);
    write_account(&mut body, p, &row, ctx.master_key)?;
    Ok(Reply::json(body))
}

/// The body with a non-empty session string sealed (storage-api §30: null and "" are written
/// as they are); without a master key such a body is refused, never stored in plaintext.
fn sealed(ctx: &Ctx<'_>) -> Result<Vec<Entry>> {
    let mut entries = ctx.body.entries.clone();
    for e in entries.iter_mut().filter(|e| e.column.name == "session_string") {
        if let Value::Text(plain) = &e.value
            && !plain.is_empty()
        {
            e.value = Value::Text(ctx.encryption_key()?.seal(plain)?.envelope());
        }
    }
    Ok(entries)
}

/// getTelegramAccountsByTenant.
pub async fn get_telegram_accounts_by_tenant(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    list(db, ctx, Accounts::Tenant(ctx.tenant()?)).await
}

/// getTelegramAccountById: scoped to the path's tenant (storage-api §30 was not).
pub async fn get_telegram_account_by_id(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    read_one(db, ctx, ctx.param("accountId")?).await
}

/// getActiveTelegramAccounts: every tenant's (the workers connect them all).
pub async fn get_active_telegram_accounts(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    list(db, ctx, Accounts::Active).await
}

/// createTelegramAccount: the plain insert of the sealed body, under an id chosen here so that
/// a `service` caller gets the row read back decrypted.
pub async fn create_telegram_account(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let id = uuid::Uuid::new_v4().to_string();
    let mut entries = sealed(ctx)?;
    let column = TELEGRAM_SESSIONS.column("id").ok_or_else(|| StorageError::Bug("telegram_sessions.id".into()))?;
    entries.insert(0, Entry { column, value: Value::Text(id.clone()) });
    let body = Validated { entries };
    let created = exec::run(db, &Ctx { body: &body, ..*ctx }, Plain::Create, &TELEGRAM_SESSIONS).await?;
    if ctx.reads < Read::Service { Ok(created) } else { read_one(db, ctx, &id).await }
}

/// updateTelegramAccount: the plain patch of the sealed body (`updated_at` with it).
pub async fn update_telegram_account(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let body = Validated { entries: sealed(ctx)? };
    let updated = exec::run(db, &Ctx { body: &body, ..*ctx }, Plain::Patch, &TELEGRAM_SESSIONS).await?;
    if ctx.reads < Read::Service { Ok(updated) } else { read_one(db, ctx, ctx.param("accountId")?).await }
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetTelegramAccountsByTenant => get_telegram_accounts_by_tenant(db, ctx).await,
        Custom::GetTelegramAccountById => get_telegram_account_by_id(db, ctx).await,
        Custom::GetActiveTelegramAccounts => get_active_telegram_accounts(db, ctx).await,
        Custom::CreateTelegramAccount => create_telegram_account(db, ctx).await,
        Custom::UpdateTelegramAccount => update_telegram_account(db, ctx).await,
    }
}
