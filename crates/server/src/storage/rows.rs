//! Rows to JSON, driven by the schema model: the API's row types are the model's tables.
//!
//! Each table has a [`Projection`]: the columns the API returns (all but secrets such as
//! password hashes, tokens and session strings) and the SQL select list for them. Rows are
//! written straight from PostgreSQL's binary values into the response buffer with the old
//! system's camelCase field names: no intermediate structs, `jsonb` copied as text.

use super::values::{PgTimestamp, RawJson};
use salesgate_core::error::push_json_string;
use salesgate_core::schema::{Column, SqlType, Table, quote_ident};
use salesgate_core::tables::TABLES;
use std::fmt::Write as _;
use std::sync::OnceLock;
use tokio_postgres::Row;

/// The columns of a table the API returns, and how to select them.
#[derive(Debug)]
pub struct Projection {
    pub table: &'static Table,
    pub columns: Vec<&'static Column>,
    list: String,
}

impl Projection {
    /// The projection of `table` (built once per process).
    pub fn of(table: &'static Table) -> &'static Projection {
        static ALL: OnceLock<Vec<Projection>> = OnceLock::new();
        let all = ALL.get_or_init(|| TABLES.iter().map(|t| Projection::build(t)).collect());
        all.iter().find(|p| p.table.name == table.name).unwrap_or_else(|| &all[0])
    }

    fn build(table: &'static Table) -> Projection {
        let columns: Vec<&'static Column> = table.columns.iter().filter(|c| !c.secret).collect();
        let list = columns.iter().map(|c| quote_ident(c.name)).collect::<Vec<_>>().join(", ");
        Projection { table, columns, list }
    }

    /// `id, tenant_id, …` for `SELECT` and `RETURNING`.
    pub fn list(&self) -> &str {
        &self.list
    }

    /// The list qualified by a table alias: `c.id, c.tenant_id, …`.
    pub fn list_as(&self, alias: &str) -> String {
        self.columns.iter().map(|c| format!("{alias}.{}", quote_ident(c.name))).collect::<Vec<_>>().join(", ")
    }

    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// Position of the column `name` within the projection.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// Writes the projection's columns of `row`, starting at column `offset`, as a JSON object.
pub fn write_row(out: &mut String, p: &Projection, row: &Row, offset: usize) -> Result<(), tokio_postgres::Error> {
    out.push('{');
    write_fields(out, p, row, offset)?;
    out.push('}');
    Ok(())
}

/// Writes `"field":value` pairs (no braces), so callers can add members to the object.
pub fn write_fields(out: &mut String, p: &Projection, row: &Row, offset: usize) -> Result<(), tokio_postgres::Error> {
    for (i, c) in p.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, c.field);
        out.push(':');
        write_value(out, c.ty, row, offset + i)?;
    }
    Ok(())
}

/// Whether the joined row at `offset` is absent (its first column, the primary key, is NULL).
pub fn is_null_row(row: &Row, offset: usize) -> bool {
    matches!(row.try_get::<_, Option<&str>>(offset), Ok(None))
}

fn write_value(out: &mut String, ty: SqlType, row: &Row, i: usize) -> Result<(), tokio_postgres::Error> {
    match ty {
        SqlType::Varchar | SqlType::Text => match row.try_get::<_, Option<&str>>(i)? {
            Some(s) => push_json_string(out, s),
            None => out.push_str("null"),
        },
        SqlType::Integer => match row.try_get::<_, Option<i32>>(i)? {
            Some(n) => {
                let _ = write!(out, "{n}");
            }
            None => out.push_str("null"),
        },
        SqlType::Real => match row.try_get::<_, Option<f32>>(i)? {
            Some(f) if f.is_finite() => {
                let _ = write!(out, "{f}");
            }
            _ => out.push_str("null"),
        },
        SqlType::Boolean => match row.try_get::<_, Option<bool>>(i)? {
            Some(b) => out.push_str(if b { "true" } else { "false" }),
            None => out.push_str("null"),
        },
        SqlType::Timestamp => match row.try_get::<_, Option<PgTimestamp>>(i)? {
            Some(PgTimestamp(t)) => {
                out.push('"');
                t.write_iso8601(out);
                out.push('"');
            }
            None => out.push_str("null"),
        },
        SqlType::Jsonb => match row.try_get::<_, Option<RawJson>>(i)? {
            Some(RawJson(text)) => out.push_str(text),
            None => out.push_str("null"),
        },
        SqlType::TextArray => match row.try_get::<_, Option<Vec<Option<&str>>>>(i)? {
            Some(items) => {
                out.push('[');
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    match item {
                        Some(s) => push_json_string(out, s),
                        None => out.push_str("null"),
                    }
                }
                out.push(']');
            }
            None => out.push_str("null"),
        },
    }
    Ok(())
}

/// A reply holding one row (the projection at column 0).
pub fn one(p: &Projection, row: &Row) -> Result<super::Reply, tokio_postgres::Error> {
    let mut body = String::with_capacity(512);
    write_row(&mut body, p, row, 0)?;
    Ok(super::Reply::json(body))
}

/// Writes a JSON array of rows (each with the projection at column 0).
pub fn write_rows(out: &mut String, p: &Projection, rows: &[Row]) -> Result<(), tokio_postgres::Error> {
    out.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_row(out, p, row, 0)?;
    }
    out.push(']');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::tables::{CUSTOMERS, MESSAGE_TEMPLATES, USERS};

    #[test]
    fn projections_leave_secrets_out_and_quote_reserved_names() {
        let users = Projection::of(&USERS);
        assert!(users.position("password").is_none());
        assert!(users.list().starts_with("id, tenant_id, username, role"));
        assert!(Projection::of(&MESSAGE_TEMPLATES).list().contains("\"order\""));
        assert_eq!(Projection::of(&CUSTOMERS).list_as("cu").split(", ").next(), Some("cu.id"));
        assert_eq!(Projection::of(&CUSTOMERS).len(), CUSTOMERS.columns.len());
    }
}
