//! The executor of plain actions (design note §2): one generic implementation of get, list,
//! first, count, create, patch, delete and put over any table, driven by the route's
//! declaration and the schema model. A plain route needs no storage function of its own.
//!
//! Every statement is scoped by [`scope::owned`] and every reference the body or the path sets
//! is guarded by [`scope::guard`], here and nowhere else; the main row is aliased `r`.

use super::conn::Db;
use super::rows::{Projection, one, page};
use super::scope::{self, Mode};
use super::sql::{Ph, Sql, Where, escape_like, pg_type};
use super::values::Param;
use super::{Ctx, Reply, Result, StorageError};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::query::QueryValue;
use salesgate_core::route::{Cmp, Dir, FilterValue, Plain, ServerValue};
use salesgate_core::schema::{Column, SqlType, Table};
use salesgate_core::tables;
use salesgate_core::validate::Value;
use tokio_postgres::types::Type;

/// Runs the plain action `kind` on `table` for the request of `ctx`.
pub async fn run(db: &Db<'_>, ctx: &Ctx<'_>, kind: Plain, table: &'static Table) -> Result<Reply> {
    match kind {
        Plain::Get => get(db, ctx, table).await,
        Plain::List => list(db, ctx, table).await,
        Plain::First => first(db, ctx, table).await,
        Plain::Count => count(db, ctx, table).await,
        Plain::Create => create(db, ctx, table).await,
        Plain::Patch => patch(db, ctx, table).await,
        Plain::Delete => delete(db, ctx, table).await,
        Plain::Put => put(db, ctx, table).await,
    }
}

/// The bound path parameters of the route: `(column, value)`.
fn bound<'a>(ctx: &Ctx<'a>, table: &'static Table) -> Result<Vec<(&'static Column, &'a str)>> {
    ctx.route
        .binds
        .iter()
        .map(|(param, column)| {
            let c = table.column(column).ok_or_else(|| bug(ctx, format!("binds the unknown column {column}")))?;
            Ok((c, ctx.param(param)?))
        })
        .collect()
}

fn bug(ctx: &Ctx<'_>, what: String) -> StorageError {
    StorageError::Bug(format!("route {}: {what}", ctx.route.id))
}

fn not_found(table: &Table) -> StorageError {
    ApiError::not_found(&entity_words(table.entity)).into()
}

/// `CustomerNote` → `Customer note` (for messages).
fn entity_words(entity: &str) -> String {
    let mut out = String::with_capacity(entity.len() + 4);
    for (i, ch) in entity.chars().enumerate() {
        if i > 0 && ch.is_ascii_uppercase() {
            out.push(' ');
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Binds the request's tenant (tenant routes).
fn tenant(sql: &mut Sql<'_>, ctx: &Ctx<'_>) -> Option<Ph> {
    ctx.tenant.map(|t| sql.bind(t.to_string(), Type::VARCHAR))
}

/// ` WHERE r.<key> = $k … AND <owned>`: the row of the bound key, the tenant's.
fn key_conditions<'a>(
    sql: &mut Sql<'a>,
    w: &mut Where,
    table: &Table,
    key: &[(&Column, &'a str)],
    t: Option<Ph>,
    mode: Mode,
) {
    for (c, v) in key {
        w.and(sql).column("r", c.name).push(" = ").push_bind(v.to_string(), pg_type(c.ty));
    }
    if let Some(t) = t {
        scope::owned(w.and(sql), table, "r", t, mode);
    }
}

async fn get(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let p = Projection::of(table, ctx.reads);
    let key = bound(ctx, table)?;
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM ").ident(table.name).push(" r");
    let t = tenant(&mut sql, ctx);
    key_conditions(&mut sql, &mut Where::new(), table, &key, t, Mode::Read);
    let row = db.query_opt(&sql).await?.ok_or_else(|| not_found(table))?;
    Ok(one(p, &row)?)
}

/// The primary-key column (the list tiebreak and cursor).
fn pk(ctx: &Ctx<'_>, table: &'static Table) -> Result<&'static Column> {
    table.primary_key().next().ok_or_else(|| bug(ctx, format!("{} has no primary key", table.name)))
}

/// The conditions of a list, first or count: scope, parent bindings, filters, search.
fn selection<'a>(sql: &mut Sql<'a>, w: &mut Where, ctx: &Ctx<'a>, table: &'static Table, t: Option<Ph>) -> Result<()> {
    if let Some(t) = t {
        scope::owned(w.and(sql), table, "r", t, Mode::Read);
    }
    for (c, v) in bound(ctx, table)? {
        w.and(sql).column("r", c.name).push(" = ").push_bind(v.to_string(), pg_type(c.ty));
    }
    for f in ctx.route.filters {
        let column =
            table.column(f.column).ok_or_else(|| bug(ctx, format!("filters the unknown column {}", f.column)))?;
        let op = match f.cmp {
            Cmp::Eq => " = ",
            Cmp::Ge => " >= ",
        };
        match f.value {
            FilterValue::Null => {
                w.and(sql).column("r", column.name).push(" IS NULL");
            }
            FilterValue::Text(text) => {
                push_text(w.and(sql).column("r", column.name).push(op), column, text.to_string());
            }
            FilterValue::Query(name) => match ctx.query.get(name) {
                None => {}
                Some(QueryValue::Text(text)) => {
                    push_text(w.and(sql).column("r", column.name).push(op), column, text.clone());
                }
                Some(QueryValue::Int(n)) => {
                    w.and(sql).column("r", column.name).push(op).push_bind(*n, Type::INT8);
                }
            },
        }
    }
    if let Some(search) = ctx.route.search
        && let Some(q) = ctx.query.text(search.param)
    {
        let pattern = sql.bind(format!("%{}%", escape_like(q)), Type::TEXT);
        w.and(sql).push("(");
        for (i, column) in search.columns.iter().enumerate() {
            if i > 0 {
                sql.push(" OR ");
            }
            sql.column("r", column).push(" ILIKE ").ph(pattern);
        }
        sql.push(")");
    }
    Ok(())
}

/// Binds a filter's text for `column`: as is for text columns, else as `text` cast to the
/// column's type (`is_active = $1::boolean` for `FilterValue::Text("true")`), so a constant or
/// query value of any column type is read by PostgreSQL, not refused by the driver.
fn push_text(sql: &mut Sql<'_>, column: &Column, text: String) {
    match column.ty {
        SqlType::Text | SqlType::Varchar => {
            sql.push_bind(text, pg_type(column.ty));
        }
        ty => {
            sql.push_bind(text, Type::TEXT).push("::").push(ty.sql_name());
        }
    }
}

/// ` ORDER BY …` of the route, ended by the primary key in the same direction.
fn order_by(sql: &mut Sql<'_>, ctx: &Ctx<'_>, pk: &Column) {
    let dir = ctx.route.order.first().map_or(Dir::Asc, |(_, d)| *d);
    let word = |d: Dir| if d == Dir::Desc { " DESC" } else { "" };
    sql.push(" ORDER BY ");
    for (column, d) in ctx.route.order.iter().filter(|(c, _)| *c != pk.name) {
        sql.column("r", column).push(word(*d)).push(", ");
    }
    sql.column("r", pk.name).push(word(dir));
}

/// The order keys, primary key last: the keyset of the cursor.
fn keyset(ctx: &Ctx<'_>, pk: &'static Column) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = ctx.route.order.iter().map(|(c, _)| *c).filter(|c| *c != pk.name).collect();
    keys.push(pk.name);
    keys
}

async fn list(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let p = Projection::of(table, ctx.reads);
    let pk = pk(ctx, table)?;
    let limit = ctx.query.int("limit").unwrap_or(100);
    let after = ctx.query.text("after");
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM ").ident(table.name).push(" r");
    let t = tenant(&mut sql, ctx);
    let mut w = Where::new();
    selection(&mut sql, &mut w, ctx, table, t)?;
    if let Some(cursor) = after {
        // Keyset: rows after the cursor row in the list's order (all keys share one direction).
        let keys = keyset(ctx, pk);
        let desc = ctx.route.order.first().is_some_and(|(_, d)| *d == Dir::Desc);
        let cols = |alias: &str| {
            keys.iter()
                .map(|k| format!("{alias}.{}", salesgate_core::schema::quote_ident(k)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        w.and(&mut sql).push("(").push(&cols("r")).push(if desc { ") < (SELECT " } else { ") > (SELECT " });
        sql.push(&cols("k")).push(" FROM ").ident(table.name).push(" k WHERE ").column("k", pk.name).push(" = ");
        sql.push_bind(cursor.to_string(), pg_type(pk.ty));
        if let Some(t) = t {
            sql.push(" AND ");
            scope::owned(&mut sql, table, "k", t, Mode::Read);
        }
        sql.push(")");
    }
    order_by(&mut sql, ctx, pk);
    sql.push(" LIMIT ").push_bind(limit + 1, Type::INT8);
    let mut rows = db.query(&sql).await?;
    if rows.is_empty() {
        if let Some(cursor) = after {
            check_cursor(db, ctx, table, pk, cursor).await?;
        }
        check_parents(db, ctx, table).await?;
    }
    let key = p.position(pk.name).ok_or_else(|| bug(ctx, format!("{}.{} is not readable", table.name, pk.name)))?;
    Ok(page(p, &mut rows, limit, key)?)
}

/// 400 when the cursor is not a row of this list's tenant.
async fn check_cursor(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table, pk: &Column, cursor: &str) -> Result<()> {
    let mut sql = Sql::new("SELECT 1 FROM ");
    sql.ident(table.name)
        .push(" r WHERE ")
        .column("r", pk.name)
        .push(" = ")
        .push_bind(cursor.to_string(), pg_type(pk.ty));
    if let Some(t) = tenant(&mut sql, ctx) {
        sql.push(" AND ");
        scope::owned(&mut sql, table, "r", t, Mode::Read);
    }
    if db.query_opt(&sql).await?.is_none() {
        return Err(ApiError::invalid_parameters(vec![FieldError::new(
            "after",
            "not_found",
            "after must be the id of a row of the previous page",
        )])
        .into());
    }
    Ok(())
}

/// 404 when a parent the path names (`{customerId}` of a customer's notes) is not the tenant's.
async fn check_parents(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<()> {
    let Some(t) = ctx.tenant else { return Ok(()) };
    for (column, value) in bound(ctx, table)? {
        let Some(parent) = column.references.and_then(|r| tables::table(r.table)) else { continue };
        let mut sql = Sql::new("SELECT ");
        let tp = sql.bind(t.to_string(), Type::VARCHAR);
        let v = sql.bind(value.to_string(), Type::VARCHAR);
        if scope::guard(&mut sql, parent, v, tp, 0) && !db.query_one(&sql).await?.try_get::<_, bool>(0)? {
            return Err(not_found(parent));
        }
    }
    Ok(())
}

async fn first(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let p = Projection::of(table, ctx.reads);
    let pk = pk(ctx, table)?;
    let mut sql = Sql::new("SELECT ");
    sql.push(&p.list_as("r")).push(" FROM ").ident(table.name).push(" r");
    let t = tenant(&mut sql, ctx);
    selection(&mut sql, &mut Where::new(), ctx, table, t)?;
    order_by(&mut sql, ctx, pk);
    sql.push(" LIMIT 1");
    let row = db.query_opt(&sql).await?.ok_or_else(|| not_found(table))?;
    Ok(one(p, &row)?)
}

async fn count(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let mut sql = Sql::new("SELECT count(*) FROM ");
    sql.ident(table.name).push(" r");
    let t = tenant(&mut sql, ctx);
    selection(&mut sql, &mut Where::new(), ctx, table, t)?;
    let n: i64 = db.query_one(&sql).await?.try_get(0)?;
    Ok(Reply::json(format!("{{\"count\":{n}}}")))
}

/// A reference the statement guards: the JSON field (or path parameter) that set it.
struct Guarded<'a> {
    field: &'static str,
    from_path: bool,
    target: &'static Table,
    value: &'a str,
}

/// The references among `values` that need a guard (non-null, to an owned table).
fn references<'a>(values: &[(&'static Column, Val<'a>, bool)]) -> Vec<Guarded<'a>> {
    values
        .iter()
        .filter_map(|(c, v, from_path)| {
            let target = tables::table(c.references?.table)?;
            let value = match v {
                Val::Path(s) => *s,
                Val::Body(Value::Text(s)) => s.as_str(),
                _ => return None,
            };
            Some(Guarded { field: c.field, from_path: *from_path, target, value })
        })
        .collect()
}

/// A value written by create, patch or put.
#[derive(Clone, Copy)]
enum Val<'a> {
    Path(&'a str),
    Body(&'a Value),
    Server(ServerValue),
}

/// The columns written by a create or put, in order: tenant, path bindings, body, server-set.
fn written<'a>(ctx: &Ctx<'a>, table: &'static Table) -> Result<Vec<(&'static Column, Val<'a>, bool)>> {
    let mut out = Vec::new();
    for (c, v) in bound(ctx, table)? {
        out.push((c, Val::Path(v), true));
    }
    for e in &ctx.body.entries {
        out.push((e.column, Val::Body(&e.value), false));
    }
    for (column, value) in ctx.route.sets {
        let c = table.column(column).ok_or_else(|| bug(ctx, format!("sets the unknown column {column}")))?;
        out.push((c, Val::Server(*value), false));
    }
    Ok(out)
}

fn push_val<'a>(sql: &mut Sql<'a>, c: &Column, v: Val<'a>) {
    match v {
        Val::Path(s) => {
            sql.push_bind(s.to_string(), pg_type(c.ty));
        }
        Val::Body(value) => {
            sql.push_bind(Param(value), pg_type(c.ty));
        }
        Val::Server(ServerValue::Now) => {
            sql.push("now()");
        }
    }
}

/// ` WHERE <guard> AND …` for the references, on tenant routes (a cross-tenant route's
/// references are checked by their foreign keys alone).
fn push_guards(sql: &mut Sql<'_>, w: &mut Where, guards: &[Guarded<'_>], t: Option<Ph>) {
    let Some(t) = t else { return };
    for (n, g) in guards.iter().filter(|g| scope::guarded(g.target)).enumerate() {
        let v = sql.bind(g.value.to_string(), Type::VARCHAR);
        scope::guard(w.and(sql), g.target, v, t, n);
    }
}

/// After a write matched nothing: which guarded references are not the tenant's. A parent of
/// the path is a 404 (the resource does not exist here), a body field a 422 naming it.
async fn failed_guards(db: &Db<'_>, ctx: &Ctx<'_>, guards: &[Guarded<'_>]) -> Result<Option<StorageError>> {
    let Some(tenant) = ctx.tenant else { return Ok(None) };
    let mut details = Vec::new();
    for g in guards {
        let mut sql = Sql::new("SELECT ");
        let t = sql.bind(tenant.to_string(), Type::VARCHAR);
        let v = sql.bind(g.value.to_string(), Type::VARCHAR);
        if !scope::guard(&mut sql, g.target, v, t, 0) || db.query_one(&sql).await?.try_get::<_, bool>(0)? {
            continue;
        }
        if g.from_path {
            return Ok(Some(not_found(g.target)));
        }
        details.push(FieldError::new(
            format!("/{}", g.field),
            "not_found",
            format!("{} is not a {} of this tenant", g.field, entity_words(g.target.entity).to_lowercase()),
        ));
    }
    Ok((!details.is_empty()).then(|| ApiError::validation(details).into()))
}

/// `INSERT INTO t AS r (…) SELECT … [WHERE guards]` (without the `RETURNING`).
fn insert_sql<'a>(
    sql: &mut Sql<'a>,
    table: &'static Table,
    values: &[(&'static Column, Val<'a>, bool)],
    guards: &[Guarded<'a>],
    t: Option<Ph>,
) {
    let tenant = t.filter(|_| table.has_tenant_column());
    let mut names: Vec<&str> = tenant.map(|_| "tenant_id").into_iter().collect();
    names.extend(values.iter().map(|(c, _, _)| c.name));
    sql.push("INSERT INTO ").ident(table.name).push(" AS r (");
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.ident(name);
    }
    sql.push(") SELECT ");
    if let Some(t) = tenant {
        sql.ph(t);
    }
    for (i, (c, v, _)) in values.iter().enumerate() {
        if i > 0 || tenant.is_some() {
            sql.push(", ");
        }
        push_val(sql, c, *v);
    }
    push_guards(sql, &mut Where::new(), guards, t);
}

async fn create(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let p = Projection::of(table, ctx.reads);
    let values = written(ctx, table)?;
    let guards = references(&values);
    let mut sql = Sql::new("");
    let t = tenant(&mut sql, ctx);
    insert_sql(&mut sql, table, &values, &guards, t);
    sql.push(" RETURNING ").push(&p.list_as("r"));
    match db.query_opt(&sql).await? {
        Some(row) => Ok(one(p, &row)?),
        None => Err(failed_guards(db, ctx, &guards)
            .await?
            .unwrap_or_else(|| bug(ctx, "an insert without a failed guard wrote nothing".into()))),
    }
}

async fn patch(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    if ctx.body.is_empty() && ctx.route.sets.is_empty() {
        return get(db, ctx, table).await;
    }
    let p = Projection::of(table, ctx.reads);
    let key = bound(ctx, table)?;
    let mut values: Vec<(&'static Column, Val<'_>, bool)> =
        ctx.body.entries.iter().map(|e| (e.column, Val::Body(&e.value), false)).collect();
    for (column, value) in ctx.route.sets {
        let c = table.column(column).ok_or_else(|| bug(ctx, format!("sets the unknown column {column}")))?;
        values.push((c, Val::Server(*value), false));
    }
    // updated_at is maintained on every patch of a table that has it (the old system did it
    // only in some paths).
    if let Some(c) = table.column("updated_at").filter(|_| !values.iter().any(|(c, _, _)| c.name == "updated_at")) {
        values.push((c, Val::Server(ServerValue::Now), false));
    }
    let guards = references(&values);
    let mut sql = Sql::new("UPDATE ");
    sql.ident(table.name).push(" AS r SET ");
    for (i, (c, v, _)) in values.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.ident(c.name).push(" = ");
        push_val(&mut sql, c, *v);
    }
    let t = tenant(&mut sql, ctx);
    let mut w = Where::new();
    key_conditions(&mut sql, &mut w, table, &key, t, Mode::Write);
    push_guards(&mut sql, &mut w, &guards, t);
    sql.push(" RETURNING ").push(&p.list_as("r"));
    if let Some(row) = db.query_opt(&sql).await? {
        return Ok(one(p, &row)?);
    }
    // Nothing updated: not this tenant's row, or a reference that is not the tenant's.
    let mut exists = Sql::new("SELECT 1 FROM ");
    exists.ident(table.name).push(" r");
    let t = tenant(&mut exists, ctx);
    key_conditions(&mut exists, &mut Where::new(), table, &key, t, Mode::Write);
    if db.query_opt(&exists).await?.is_none() {
        return Err(not_found(table));
    }
    Err(failed_guards(db, ctx, &guards)
        .await?
        .unwrap_or_else(|| bug(ctx, "an update of an existing row matched nothing".into())))
}

async fn delete(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let key = bound(ctx, table)?;
    let pk = pk(ctx, table)?;
    let mut sql = Sql::new("DELETE FROM ");
    sql.ident(table.name).push(" AS r");
    let t = tenant(&mut sql, ctx);
    key_conditions(&mut sql, &mut Where::new(), table, &key, t, Mode::Write);
    sql.push(" RETURNING ").column("r", pk.name);
    match db.query_opt(&sql).await? {
        Some(_) => Ok(Reply::empty()),
        None => Err(not_found(table)),
    }
}

/// Insert the row of the key, or update the given fields of it: `ON CONFLICT` on the unique
/// index of the key (with its predicate for a partial index). `updated_at` is written in the
/// `VALUES` and taken from `EXCLUDED` (the distributable form, design note).
async fn put(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let p = Projection::of(table, ctx.reads);
    let keys = salesgate_core::schema::put_key(table, ctx.route.bound_columns(), ctx.tenant.is_some());
    let (target, predicate) =
        table.conflict_target(&keys).ok_or_else(|| bug(ctx, format!("no unique index on {keys:?} to upsert on")))?;
    let mut values = written(ctx, table)?;
    if let Some(c) = table.column("updated_at").filter(|_| !values.iter().any(|(c, _, _)| c.name == "updated_at")) {
        values.push((c, Val::Server(ServerValue::Now), false));
    }
    let guards = references(&values);
    let mut sql = Sql::new("");
    let t = tenant(&mut sql, ctx);
    insert_sql(&mut sql, table, &values, &guards, t);
    sql.push(" ON CONFLICT (");
    for (i, k) in target.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.ident(k);
    }
    sql.push(")");
    if let Some(predicate) = predicate {
        sql.push(" WHERE ").push(predicate);
    }
    sql.push(" DO UPDATE SET ");
    let updated: Vec<&str> = values.iter().map(|(c, _, _)| c.name).filter(|c| !target.contains(c)).collect::<Vec<_>>();
    let updated = if updated.is_empty() { vec![target[0]] } else { updated };
    for (i, c) in updated.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.ident(c).push(" = EXCLUDED.").ident(c);
    }
    sql.push(" RETURNING ").push(&p.list_as("r"));
    match db.query_opt(&sql).await? {
        Some(row) => Ok(one(p, &row)?),
        None => {
            Err(failed_guards(db, ctx, &guards).await?.unwrap_or_else(|| bug(ctx, "an upsert wrote nothing".into())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_words_read_as_prose() {
        assert_eq!(entity_words("CustomerNote"), "Customer note");
        assert_eq!(entity_words("Customer"), "Customer");
    }
}
