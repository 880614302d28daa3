//! Custom answers written from their declared [`Shape`]: the select list and the writer both
//! walk the shape's members, so the SQL, the JSON and the OpenAPI schema cannot disagree.
//!
//! A row holds the members in order: a table member is that table's projection (for the
//! caller's reading level), a scalar is one column; `Rows` members come from further result sets.

use super::rows::{Projection, is_null_row, write_fields, write_row, write_rows};
use super::values::{RawJson, push_js_number, scan_numbers};
use super::{Result, StorageError};
use salesgate_core::error::push_json_string;
use salesgate_core::schema::Read;
use salesgate_core::shape::{Kind, Shape};
use std::fmt::Write as _;
use tokio_postgres::Row;

/// The select list of `shape`: for member `i`, `exprs[i]` is the alias of a table member or the
/// SQL expression of a scalar (ignored for `Rows` members).
pub fn select(shape: &Shape, reads: Read, exprs: &[&str]) -> Result<String> {
    if exprs.len() != shape.fields.len() {
        return Err(StorageError::Bug(format!(
            "shape {} has {} members, the statement gives {}",
            shape.name,
            shape.fields.len(),
            exprs.len()
        )));
    }
    let mut parts = Vec::with_capacity(exprs.len());
    for (f, expr) in shape.fields.iter().zip(exprs) {
        match f.kind {
            Kind::Columns(t) | Kind::Row(t) => parts.push(Projection::of(t, reads).list_as(expr)),
            Kind::Rows(_) => {}
            Kind::Id | Kind::Int | Kind::Text | Kind::Bool | Kind::Number | Kind::Json | Kind::Numbers => {
                parts.push((*expr).to_string())
            }
            Kind::BoolMap => return Err(StorageError::Bug(format!("shape {}: a map is not selected", shape.name))),
        }
    }
    Ok(parts.join(", "))
}

/// Writes the object of `shape` from `row` (selected with [`select`]); `sets` holds the rows of
/// the `Rows` members, in member order.
pub fn write(out: &mut String, shape: &Shape, reads: Read, row: &Row, sets: &[&[Row]]) -> Result<()> {
    out.push('{');
    let (mut offset, mut set, mut first) = (0, 0, true);
    // Starts a member: the separator, then `"name":` (nothing more for flattened columns).
    let separate = |out: &mut String, first: &mut bool| {
        if !*first {
            out.push(',');
        }
        *first = false;
    };
    for f in shape.fields {
        let mut member = |out: &mut String, name: &str| {
            separate(out, &mut first);
            push_json_string(out, name);
            out.push(':');
        };
        match f.kind {
            Kind::Columns(t) => {
                let p = Projection::of(t, reads);
                if !p.is_empty() {
                    separate(out, &mut first);
                }
                write_fields(out, p, row, offset)?;
                offset += p.len();
            }
            Kind::Row(t) => {
                let p = Projection::of(t, reads);
                if !(f.optional && is_null_row(row, offset)) {
                    member(out, f.name);
                    write_row(out, p, row, offset)?;
                }
                offset += p.len();
            }
            Kind::Rows(t) => {
                let rows = sets
                    .get(set)
                    .ok_or_else(|| StorageError::Bug(format!("shape {}: no result set for {}", shape.name, f.name)))?;
                member(out, f.name);
                write_rows(out, Projection::of(t, reads), rows)?;
                set += 1;
            }
            Kind::Id | Kind::Text => {
                match row.try_get::<_, Option<&str>>(offset)? {
                    Some(s) => {
                        member(out, f.name);
                        push_json_string(out, s);
                    }
                    None if f.optional => {}
                    None => {
                        member(out, f.name);
                        out.push_str("null");
                    }
                }
                offset += 1;
            }
            Kind::Int => {
                match row.try_get::<_, Option<i64>>(offset)? {
                    Some(n) => {
                        member(out, f.name);
                        let _ = write!(out, "{n}");
                    }
                    None if f.optional => {}
                    None => {
                        member(out, f.name);
                        out.push_str("null");
                    }
                }
                offset += 1;
            }
            Kind::Bool => {
                match row.try_get::<_, Option<bool>>(offset)? {
                    Some(b) => {
                        member(out, f.name);
                        out.push_str(if b { "true" } else { "false" });
                    }
                    None if f.optional => {}
                    None => {
                        member(out, f.name);
                        out.push_str("null");
                    }
                }
                offset += 1;
            }
            Kind::Number => {
                match row.try_get::<_, Option<f64>>(offset)?.filter(|n| n.is_finite()) {
                    Some(n) => {
                        member(out, f.name);
                        push_js_number(out, n);
                    }
                    None if f.optional => {}
                    None => {
                        member(out, f.name);
                        out.push_str("null");
                    }
                }
                offset += 1;
            }
            Kind::Json => {
                match row.try_get::<_, Option<RawJson>>(offset)? {
                    Some(RawJson(text)) => {
                        member(out, f.name);
                        out.push_str(text);
                    }
                    None if f.optional => {}
                    None => {
                        member(out, f.name);
                        out.push_str("null");
                    }
                }
                offset += 1;
            }
            Kind::Numbers => {
                // Copied as stored, but only when it is JSON of a number array (the column is
                // free text: rows written before, or by the old system, may hold anything).
                let text = row.try_get::<_, Option<&str>>(offset)?;
                match text.filter(|t| scan_numbers(t, usize::MAX, |_, _| true).is_some()) {
                    Some(text) => {
                        member(out, f.name);
                        out.push_str(text);
                    }
                    None if f.optional => {}
                    None => {
                        member(out, f.name);
                        out.push_str("null");
                    }
                }
                offset += 1;
            }
            Kind::BoolMap => {
                return Err(StorageError::Bug(format!("shape {}: a map is written by its operation", shape.name)));
            }
        }
    }
    out.push('}');
    Ok(())
}

/// Writes an object of text members in the shape's order, each value from `value(name)`.
pub fn write_texts<'v>(out: &mut String, shape: &Shape, value: impl Fn(&str) -> &'v str) {
    out.push('{');
    for (i, f) in shape.fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, f.name);
        out.push(':');
        push_json_string(out, value(f.name));
    }
    out.push('}');
}
