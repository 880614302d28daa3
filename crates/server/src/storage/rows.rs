//! Rows to JSON, driven by the schema model: the API's row types are the model's tables.
//!
//! A [`Projection`] is what one table answers to one reading level ([`Read`]): the columns
//! that level sees (the secret-field rule: a channel's `config` for owner/admin, a password
//! hash for `service` only, encrypted secret values never) and the SQL select list for them.
//! Rows are written straight from PostgreSQL's binary values into the response buffer with the
//! old system's camelCase field names: no intermediate structs, `jsonb` copied as text.

use super::values::{PgTimestamp, RawJson, Text, TextArray};
use salesgate_core::error::push_json_string;
use salesgate_core::schema::{Column, Read, SqlType, Table, quote_ident};
use salesgate_core::tables::TABLES;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};
use tokio_postgres::Row;

/// The levels a projection is built for (every role reads at one of them).
const LEVELS: [Read; 3] = [Read::All, Read::Admin, Read::Service];

/// The columns of a table one reading level sees, and how to select them.
#[derive(Debug)]
pub struct Projection {
    pub table: &'static Table,
    pub columns: Vec<&'static Column>,
    list: String,
    /// `"field":` of each column, with the separating `,` before all but the first: the keys are
    /// written once per row, so they are escaped once per process.
    keys: Vec<String>,
}

impl Projection {
    /// The projection of `table` for `level` (built once per process). A table missing from
    /// `TABLES` still gets its own projection, built from the table itself: there is no
    /// fallback to another table's.
    pub fn of(table: &'static Table, level: Read) -> &'static Projection {
        static ALL: OnceLock<Vec<[Projection; 3]>> = OnceLock::new();
        static OTHERS: Mutex<Vec<&'static [Projection; 3]>> = Mutex::new(Vec::new());
        let slot = level_slot(level);
        let all = ALL.get_or_init(|| TABLES.iter().map(|t| LEVELS.map(|l| Projection::build(t, l))).collect());
        if let Some(i) = TABLES.iter().position(|t| std::ptr::eq(*t, table)) {
            return &all[i][slot];
        }
        let mut others = OTHERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = others.iter().find(|p| std::ptr::eq(p[0].table, table)) {
            return &found[slot];
        }
        let built: &'static [Projection; 3] = Box::leak(Box::new(LEVELS.map(|l| Projection::build(table, l))));
        others.push(built);
        &built[slot]
    }

    fn build(table: &'static Table, level: Read) -> Projection {
        let columns: Vec<&'static Column> = table.visible(level).collect();
        let list = columns.iter().map(|c| quote_ident(c.name)).collect::<Vec<_>>().join(", ");
        let keys = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut key = String::from(if i > 0 { "," } else { "" });
                push_json_string(&mut key, c.field);
                key.push(':');
                key
            })
            .collect();
        Projection { table, columns, list, keys }
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

/// Levels above `Service` read what `Service` reads: `Never` columns are in no projection.
fn level_slot(level: Read) -> usize {
    match level {
        Read::All => 0,
        Read::Admin => 1,
        Read::Service | Read::Never => 2,
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
    for (i, (c, key)) in p.columns.iter().zip(&p.keys).enumerate() {
        out.push_str(key);
        write_value(out, c.ty, row, offset + i)?;
    }
    Ok(())
}

/// Whether the joined row at `offset` is absent (its first column, the primary key, is NULL).
pub fn is_null_row(row: &Row, offset: usize) -> bool {
    matches!(row.try_get::<_, Option<&str>>(offset), Ok(None))
}

pub fn write_value(out: &mut String, ty: SqlType, row: &Row, i: usize) -> Result<(), tokio_postgres::Error> {
    match ty {
        SqlType::Varchar | SqlType::Text => match row.try_get::<_, Option<Text>>(i)? {
            Some(Text(s)) => push_json_string(out, s),
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
        SqlType::TextArray => match row.try_get::<_, Option<TextArray>>(i)? {
            Some(TextArray(items)) => {
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

/// Up to `limit` rows as a JSON array; the extra row fetched tells there is a next page, whose
/// cursor is the key (column `key` of the projection) of the last row returned.
pub fn page(
    p: &Projection,
    rows: &mut Vec<Row>,
    limit: i64,
    key: usize,
) -> Result<super::Reply, tokio_postgres::Error> {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let next_cursor = if more { rows.last().map(|r| r.try_get::<_, String>(key)).transpose()? } else { None };
    let mut body = String::with_capacity(256 * rows.len() + 2);
    write_rows(&mut body, p, rows)?;
    Ok(super::Reply { body, next_cursor })
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::tables::{CHANNELS, CUSTOMERS, INTEGRATION_SECRETS, MESSAGE_TEMPLATES, USERS};

    #[test]
    fn projections_follow_the_secret_field_rule_and_quote_reserved_names() {
        let users = Projection::of(&USERS, Read::Admin);
        assert!(users.position("password").is_none(), "admins never read password hashes");
        assert!(Projection::of(&USERS, Read::Service).position("password").is_some(), "service does (logins)");
        assert!(Projection::of(&CHANNELS, Read::All).position("config").is_none(), "D3: operators and viewers");
        assert!(Projection::of(&CHANNELS, Read::Admin).position("config").is_some());
        assert!(Projection::of(&INTEGRATION_SECRETS, Read::Service).position("encrypted_value").is_none());
        assert!(users.list().starts_with("id, tenant_id, username, role"));
        assert!(Projection::of(&MESSAGE_TEMPLATES, Read::All).list().contains("\"order\""));
        assert_eq!(Projection::of(&CUSTOMERS, Read::All).list_as("cu").split(", ").next(), Some("cu.id"));
        assert_eq!(Projection::of(&CUSTOMERS, Read::All).len(), CUSTOMERS.columns.len());
    }

    #[test]
    fn an_unregistered_table_gets_its_own_projection() {
        static LONE: Table = Table {
            name: "lone",
            entity: "Lone",
            doc: "",
            since: "0000",
            owner: salesgate_core::schema::Owner::Global,
            columns: &[salesgate_core::schema::col("x", "x", SqlType::Text)],
            indexes: &[],
        };
        let p = Projection::of(&LONE, Read::All);
        assert_eq!((p.table.name, p.list()), ("lone", "x"));
        assert!(std::ptr::eq(p, Projection::of(&LONE, Read::All)), "built once");
    }
}
