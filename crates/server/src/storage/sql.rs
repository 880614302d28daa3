//! Model-driven SQL for the plain operations of tenant-owned tables: get, list, insert, patch.
//!
//! Statement text is built from the schema model only (table and column names, never request
//! data) and cached per connection as a prepared statement; values are bound parameters.

use super::rows::{Projection, one, write_rows};
use super::values::Param;
use super::{Conn, Reply, Result};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::schema::{Table, quote_ident};
use salesgate_core::tables;
use salesgate_core::validate::{Entry, Validated, Value};
use std::sync::OnceLock;
use tokio_postgres::types::ToSql;

/// `column = $n` for each field of the body, numbered from `first`.
pub fn assignments(body: &Validated, first: usize) -> Vec<String> {
    body.entries.iter().enumerate().map(|(i, e)| format!("{} = ${}", quote_ident(e.column.name), i + first)).collect()
}

/// The body's values, as statement parameters.
pub fn body_params(body: &Validated) -> Vec<Param<'_>> {
    body.entries.iter().map(|e| Param(&e.value)).collect()
}

/// `lead` parameters followed by the body's.
pub fn with_body<'a>(lead: &[&'a (dyn ToSql + Sync)], body: &'a [Param<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    let mut params = lead.to_vec();
    params.extend(body.iter().map(|p| p as &(dyn ToSql + Sync)));
    params
}

/// A statement text built once per process.
pub fn once(slot: &'static OnceLock<String>, build: impl FnOnce() -> String) -> &'static str {
    slot.get_or_init(build).as_str()
}

/// `SELECT … WHERE id = $1 AND tenant_id = $2`: one row of the tenant, or 404.
pub async fn get(conn: &Conn, table: &'static Table, tenant: &str, id: &str, what: &str) -> Result<Reply> {
    let p = Projection::of(table);
    let sql = format!("SELECT {} FROM {} WHERE id = $1 AND tenant_id = $2", p.list(), table.name);
    let stmt = conn.prepare_cached(&sql).await?;
    let row = conn.query_opt(&stmt, &[&id, &tenant]).await?.ok_or_else(|| ApiError::not_found(what))?;
    Ok(one(p, &row)?)
}

/// A page of the tenant's rows, oldest first (`created_at`, then `id`), after the row `after`.
/// An `after` that is not a row of this tenant is a 400.
pub async fn list(
    conn: &Conn,
    table: &'static Table,
    tenant: &str,
    limit: i64,
    after: Option<&str>,
    filter: Option<(&str, &(dyn ToSql + Sync))>,
) -> Result<Reply> {
    let p = Projection::of(table);
    let mut sql = format!("SELECT {} FROM {} WHERE tenant_id = $1", p.list(), table.name);
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&tenant];
    let fetch = limit + 1;
    if let Some((condition, value)) = filter {
        params.push(value);
        sql.push_str(&format!(" AND ({})", condition.replace("$?", &format!("${}", params.len()))));
    }
    if let Some(cursor) = &after {
        params.push(cursor);
        sql.push_str(&format!(
            " AND (created_at, id) > (SELECT created_at, id FROM {} WHERE id = ${} AND tenant_id = $1)",
            table.name,
            params.len()
        ));
    }
    params.push(&fetch);
    sql.push_str(&format!(" ORDER BY created_at, id LIMIT ${}", params.len()));
    let stmt = conn.prepare_cached(&sql).await?;
    let mut rows = conn.query(&stmt, &params).await?;
    if let (true, Some(cursor)) = (rows.is_empty(), after) {
        check_cursor(conn, table, tenant, cursor).await?;
    }
    page(p, &mut rows, limit)
}

/// 400 when the cursor is not a row of this tenant.
pub async fn check_cursor(conn: &Conn, table: &Table, tenant: &str, cursor: &str) -> Result<()> {
    let sql = format!("SELECT 1 FROM {} WHERE id = $1 AND tenant_id = $2", table.name);
    let stmt = conn.prepare_cached(&sql).await?;
    if conn.query_opt(&stmt, &[&cursor, &tenant]).await?.is_none() {
        return Err(ApiError::invalid_parameters(vec![FieldError::new(
            "after",
            "not_found",
            "after must be the id of a row of the previous page",
        )])
        .into());
    }
    Ok(())
}

/// Writes up to `limit` rows as a JSON array; the extra row fetched tells there is a next page,
/// whose cursor is the id of the last row returned.
pub fn page(p: &Projection, rows: &mut Vec<tokio_postgres::Row>, limit: i64) -> Result<Reply> {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let next_cursor = if more { rows.last().map(|r| r.try_get::<_, String>(0)).transpose()? } else { None };
    let mut body = String::with_capacity(256 * rows.len() + 2);
    write_rows(&mut body, p, rows)?;
    Ok(Reply { body, next_cursor })
}

/// A reference from a body field to a tenant-owned table: the referenced row must be the
/// tenant's (a foreign key alone would accept another tenant's row).
#[derive(Debug, Clone, Copy)]
struct Guard {
    /// Parameter holding the referenced id.
    param: usize,
    field: &'static str,
    table: &'static Table,
}

fn guards(entries: &[Entry], first_param: usize) -> Vec<Guard> {
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.value != Value::Null)
        .filter_map(|(i, e)| {
            let target = tables::table(e.column.references?.table)?;
            target.tenant_owned().then_some(Guard { param: first_param + i, field: e.column.field, table: target })
        })
        .collect()
}

fn guard_sql(g: &Guard) -> String {
    format!("EXISTS (SELECT 1 FROM {} WHERE id = ${} AND tenant_id = $1)", g.table.name, g.param)
}

/// Inserts a row of a tenant-owned table: `tenant_id` = $1, the body's fields after it, and a
/// guard per reference. `fixed` are further server-set columns (SQL expressions, e.g. a parent
/// id parameter) written after the body's.
pub async fn insert(
    conn: &Conn,
    table: &'static Table,
    tenant: &str,
    body: &Validated,
    fixed: &[(&str, &str)],
    fixed_params: &[&(dyn ToSql + Sync)],
) -> Result<Reply> {
    let p = Projection::of(table);
    // Parameters in a SELECT list get no type from the target column: cast each to its
    // column's type (the model's), so `$1` is the same varchar here and in the guards.
    let mut columns = vec!["tenant_id".to_string()];
    let mut values = vec!["$1::varchar".to_string()];
    for (i, e) in body.entries.iter().enumerate() {
        columns.push(quote_ident(e.column.name));
        values.push(format!("${}::{}", i + 2, e.column.ty.sql_name()));
    }
    let next = body.entries.len() + 2;
    for (column, expr) in fixed {
        columns.push(quote_ident(column));
        values.push(expr.replace("$?", &format!("${next}")));
    }
    let guards = guards(&body.entries, 2);
    let mut sql = format!("INSERT INTO {} ({}) SELECT {}", table.name, columns.join(", "), values.join(", "));
    if !guards.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&guards.iter().map(guard_sql).collect::<Vec<_>>().join(" AND "));
    }
    sql.push_str(" RETURNING ");
    sql.push_str(p.list());

    let body_params = body_params(body);
    let mut params = with_body(&[&tenant], &body_params);
    params.extend_from_slice(fixed_params);
    let stmt = conn.prepare_cached(&sql).await?;
    match conn.query_opt(&stmt, &params).await? {
        Some(row) => Ok(one(p, &row)?),
        None => Err(failed_guards(conn, &guards, tenant, &body_params).await),
    }
}

/// Which guarded references are not rows of the tenant (422 naming each field).
async fn failed_guards(conn: &Conn, guards: &[Guard], tenant: &str, body_params: &[Param<'_>]) -> super::StorageError {
    let mut details = Vec::new();
    for g in guards {
        let Some(Param(Value::Text(id))) = body_params.get(g.param - 2) else { continue };
        let sql = format!("SELECT 1 FROM {} WHERE id = $1 AND tenant_id = $2", g.table.name);
        let found = match conn.prepare_cached(&sql).await {
            Ok(stmt) => conn.query_opt(&stmt, &[id, &tenant]).await,
            Err(e) => Err(e),
        };
        match found {
            Ok(Some(_)) => {}
            Ok(None) => details.push(FieldError::new(
                format!("/{}", g.field),
                "not_found",
                format!("{} is not a {} of this tenant", g.field, g.table.entity),
            )),
            Err(e) => return e.into(),
        }
    }
    ApiError::validation(details).into()
}

/// Patches a tenant-owned row by id: the body's fields, `updated_at = now()` where the table
/// has it (the old system refreshed it only in some paths). An empty body returns the row as
/// is. `condition` adds a `WHERE` clause with its own parameters after the body's (`$?n`, n =
/// 0-based index into `condition_params`).
pub async fn patch(
    conn: &Conn,
    table: &'static Table,
    tenant: &str,
    id: &str,
    body: &Validated,
    what: &str,
) -> Result<Option<Reply>> {
    patch_where(conn, table, tenant, id, body, what, None, &[]).await
}

/// [`patch`] with an extra condition; `Ok(None)` when the row exists but the condition failed.
#[allow(clippy::too_many_arguments)]
pub async fn patch_where(
    conn: &Conn,
    table: &'static Table,
    tenant: &str,
    id: &str,
    body: &Validated,
    what: &str,
    condition: Option<&str>,
    condition_params: &[&(dyn ToSql + Sync)],
) -> Result<Option<Reply>> {
    if body.is_empty() {
        return get(conn, table, tenant, id, what).await.map(Some);
    }
    let p = Projection::of(table);
    let mut sets = assignments(body, 3);
    if table.column("updated_at").is_some() {
        sets.push("updated_at = now()".into());
    }
    let guards = guards(&body.entries, 3);
    let mut sql = format!("UPDATE {} SET {} WHERE id = $1 AND tenant_id = $2", table.name, sets.join(", "));
    for g in &guards {
        sql.push_str(" AND ");
        sql.push_str(&guard_sql(g).replace("tenant_id = $1", "tenant_id = $2"));
    }
    let first_extra = body.entries.len() + 3;
    if let Some(c) = condition {
        let mut c = c.to_string();
        for k in (0..condition_params.len()).rev() {
            c = c.replace(&format!("$?{k}"), &format!("${}", first_extra + k));
        }
        sql.push_str(" AND ");
        sql.push_str(&c);
    }
    sql.push_str(" RETURNING ");
    sql.push_str(p.list());

    let body_params = body_params(body);
    let mut params = with_body(&[&id, &tenant], &body_params);
    params.extend_from_slice(condition_params);
    let stmt = conn.prepare_cached(&sql).await?;
    if let Some(row) = conn.query_opt(&stmt, &params).await? {
        return Ok(Some(one(p, &row)?));
    }
    // Nothing updated: tell apart "not this tenant's row" from a failed guard or condition.
    let exists = format!("SELECT 1 FROM {} WHERE id = $1 AND tenant_id = $2", table.name);
    let stmt = conn.prepare_cached(&exists).await?;
    if conn.query_opt(&stmt, &[&id, &tenant]).await?.is_none() {
        return Err(ApiError::not_found(what).into());
    }
    if !guards.is_empty() {
        let shifted: Vec<Guard> = guards.iter().map(|g| Guard { param: g.param - 1, ..*g }).collect();
        let err = failed_guards(conn, &shifted, tenant, &body_params).await;
        if let super::StorageError::Api(e) = &err
            && !e.details.is_empty()
        {
            return Err(err);
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::tables::{CONVERSATIONS, MESSAGES};
    use salesgate_core::validate::{Mode, validate};
    use serde_json::json;

    #[test]
    fn guards_cover_references_to_tenant_owned_tables_only() {
        let body = validate(CONVERSATIONS.columns, Mode::Insert, &json!({"customerId": "c1", "channelId": null}))
            .expect("valid");
        let g = guards(&body.entries, 2);
        assert_eq!(g.len(), 1, "a null reference needs no guard");
        assert_eq!((g[0].param, g[0].field, g[0].table.name), (2, "customerId", "customers"));
        assert_eq!(guard_sql(&g[0]), "EXISTS (SELECT 1 FROM customers WHERE id = $2 AND tenant_id = $1)");
        let message =
            validate(MESSAGES.columns, Mode::Insert, &json!({"role": "owner", "content": "x"})).expect("valid");
        assert!(guards(&message.entries, 2).is_empty());
    }
}
