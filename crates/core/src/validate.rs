//! Body validation: the old insert rules (schema.md §13, drizzle-zod semantics) made safe.
//!
//! One engine checks every body against model columns ([`crate::schema::Column`]): table inserts
//! and patches use the table's columns, custom bodies (such as an inbound message) declare
//! their fields as columns too. What it adds to drizzle-zod:
//! - unknown fields are rejected (`unknown_field`) — no mass assignment;
//! - server-owned columns (`id`, `tenantId`, timestamps the server maintains) are rejected
//!   (`read_only`), and create-only columns cannot be patched;
//! - text enums of schema.md §12 are checked (`not_allowed`);
//! - every string has a maximum length (the column's rule, or [`DEFAULT_TEXT_MAX`]), arrays a
//!   maximum size, JSON values a maximum depth.
//!
//! It reports *every* bad field, each with a JSON pointer, never only the first.

use crate::error::FieldError;
use crate::schema::{Access, Column, JsonShape, Rule, SqlType};
use crate::time::Timestamp;
use serde_json::{Map, Value as Json};

/// Maximum characters of a text column without an explicit length rule.
pub const DEFAULT_TEXT_MAX: u32 = 10_000;
/// Maximum items of a `text[]` column (or JSON string array) without a [`Rule::Len`].
pub const DEFAULT_ARRAY_MAX: u32 = 100;
/// Maximum characters per item of such an array without a [`Rule::ItemLen`].
pub const DEFAULT_ITEM_MAX: u32 = 1_000;
/// Maximum nesting depth of a `jsonb` value.
pub const MAX_JSON_DEPTH: usize = 32;
/// Most items of an array body ([`crate::route::Body::Array`]).
pub const MAX_BODY_ITEMS: usize = 1000;
/// drizzle-zod's range for `integer` and `real` (schema.md §0).
const INT_RANGE: (f64, f64) = (-2_147_483_648.0, 2_147_483_647.0);
const REAL_RANGE: (f64, f64) = (-8_388_608.0, 8_388_607.0);

/// A checked value, typed for its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An explicit `null` for a nullable column: sets it to NULL (an absent field is no entry).
    Null,
    /// A `text` or `varchar` value, within its length and rules.
    Text(String),
    /// An `integer`, within its range.
    Int(i32),
    /// A `real`, within its range.
    Real(f32),
    /// A `boolean`.
    Bool(bool),
    /// A `timestamp`, parsed from ISO 8601.
    Timestamp(Timestamp),
    /// A `jsonb` value of its shape, as given.
    Json(Json),
    /// A `text[]`, each item checked.
    TextArray(Vec<String>),
}

/// One accepted field.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The model column the field sets.
    pub column: &'static Column,
    /// Its checked value.
    pub value: Value,
}

/// A body that passed validation: the fields it set, in column order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validated {
    /// One per field the body gave.
    pub entries: Vec<Entry>,
}

impl Validated {
    /// The value given for the column `name`, if the body set it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries.iter().find(|e| e.column.name == name).map(|e| &e.value)
    }

    /// The text given for `name` (`None` when absent or null).
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }

    /// Whether the body set no field at all (`{}`).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Whether a body creates a row (required fields enforced) or patches one (all optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Creating: required columns must be given.
    Insert,
    /// Patching: every field optional, create-only columns refused.
    Patch,
}

/// Checks `body` against `columns`. `body` must be a JSON object.
pub fn validate(columns: &'static [Column], mode: Mode, body: &Json) -> Result<Validated, Vec<FieldError>> {
    validate_bound(columns, mode, body, &[])
}

/// [`validate`] for a route whose path sets columns: `bound` holds `(path parameter, column)`
/// pairs (a route's `binds`); those columns are read-only in the body
/// (`POST …/customers/{customerId}/notes` takes no `customerId`).
pub fn validate_bound(
    columns: &'static [Column],
    mode: Mode,
    body: &Json,
    bound: &[(&str, &str)],
) -> Result<Validated, Vec<FieldError>> {
    let is_bound = |name: &str| bound.iter().any(|(_, c)| *c == name);
    let Json::Object(object) = body else {
        return Err(vec![FieldError::new("", "invalid_type", "The body must be a JSON object")]);
    };
    let mut errors = Vec::new();
    for key in object.keys() {
        match columns.iter().find(|c| c.field == key) {
            None => {
                errors.push(FieldError::new(pointer(&[key]), "unknown_field", format!("{key} is not a known field")))
            }
            Some(c) if c.access == Access::Server => errors.push(FieldError::new(
                pointer(&[key]),
                "read_only",
                format!("{key} is set by the server and cannot be given"),
            )),
            Some(c) if is_bound(c.name) => errors.push(FieldError::new(
                pointer(&[key]),
                "read_only",
                format!("{key} is given by the path of this route"),
            )),
            Some(c) if c.access == Access::Create && mode == Mode::Patch => errors.push(FieldError::new(
                pointer(&[key]),
                "read_only",
                format!("{key} can only be set when the row is created"),
            )),
            Some(_) => {}
        }
    }
    let mut entries = Vec::new();
    for column in columns.iter().filter(|c| c.access != Access::Server && !is_bound(c.name)) {
        let Some(value) = object.get(column.field) else {
            if mode == Mode::Insert && column.required_on_insert() {
                errors.push(FieldError::new(
                    pointer(&[column.field]),
                    "required",
                    format!("{} is required", column.field),
                ));
            }
            continue;
        };
        if column.access == Access::Create && mode == Mode::Patch {
            continue; // refused above, as read-only
        }
        // A pointer only for a field the body has: a route's absent columns cost nothing.
        let path = pointer(&[column.field]);
        match value {
            Json::Null if column.nullable => entries.push(Entry { column, value: Value::Null }),
            Json::Null => errors.push(FieldError::new(path, "not_null", format!("{} cannot be null", column.field))),
            v => {
                if let Some(value) = check(column, v, &path, &mut errors) {
                    entries.push(Entry { column, value });
                }
            }
        }
    }
    if errors.is_empty() { Ok(Validated { entries }) } else { Err(errors) }
}

/// Checks an array body ([`crate::route::Body::Array`]): at most [`MAX_BODY_ITEMS`] items, each an
/// object of `columns` checked as [`validate`] checks an insert. Every bad field of every item is
/// reported, its pointer starting with the item's index (`/2/order`).
pub fn validate_items(columns: &'static [Column], body: &Json) -> Result<Vec<Validated>, Vec<FieldError>> {
    let Json::Array(items) = body else {
        return Err(vec![FieldError::new("", "invalid_type", "The body must be a JSON array")]);
    };
    if items.len() > MAX_BODY_ITEMS {
        return Err(vec![FieldError::new(
            "",
            "too_long",
            format!("The body must have at most {MAX_BODY_ITEMS} items"),
        )]);
    }
    let mut out = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            errors.push(FieldError::new(pointer(&[&i.to_string()]), "invalid_type", "Each item must be a JSON object"));
            continue;
        }
        match validate(columns, Mode::Insert, item) {
            Ok(v) => out.push(v),
            Err(item_errors) => errors.extend(item_errors.into_iter().map(|mut e| {
                e.path = format!("/{i}{}", e.path);
                e
            })),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Checks one non-null value; pushes its errors and returns the typed value if it is valid.
fn check(column: &Column, v: &Json, path: &str, errors: &mut Vec<FieldError>) -> Option<Value> {
    let before = errors.len();
    let name = column.field;
    let value = match column.ty {
        SqlType::Text | SqlType::Varchar => {
            let Some(s) = v.as_str() else {
                errors.push(type_error(path, name, "a string"));
                return None;
            };
            // E-mail addresses are stored trimmed (issue 9: "trimmed on write and lookup").
            let s = if column.rules.contains(&Rule::Email) { s.trim() } else { s };
            check_text(column.rules, s, path, name, DEFAULT_TEXT_MAX, errors);
            if column.references.is_some() && !column.rules.contains(&Rule::Id) && !crate::route::is_id(s) {
                errors.push(id_error(path, name));
            }
            Value::Text(s.to_string())
        }
        SqlType::Integer => match v.as_f64() {
            Some(n) if n.fract() == 0.0 && v.is_number() => {
                check_number(column.rules, n, INT_RANGE, path, name, errors);
                Value::Int(n as i32)
            }
            _ => {
                errors.push(type_error(path, name, "an integer"));
                return None;
            }
        },
        SqlType::Real => match v.as_f64() {
            Some(n) => {
                check_number(column.rules, n, REAL_RANGE, path, name, errors);
                Value::Real(n as f32)
            }
            None => {
                errors.push(type_error(path, name, "a number"));
                return None;
            }
        },
        SqlType::Boolean => match v.as_bool() {
            Some(b) => Value::Bool(b),
            None => {
                errors.push(type_error(path, name, "true or false"));
                return None;
            }
        },
        SqlType::Timestamp => match v.as_str().and_then(Timestamp::parse) {
            Some(t) => Value::Timestamp(t),
            None => {
                errors.push(FieldError::new(
                    path,
                    "invalid_format",
                    format!("{name} must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z"),
                ));
                return None;
            }
        },
        SqlType::TextArray => {
            let Some(items) = v.as_array() else {
                errors.push(type_error(path, name, "an array of strings"));
                return None;
            };
            check_string_array(column.rules, items, path, name, errors).map(Value::TextArray)?
        }
        SqlType::Jsonb => {
            check_json(column.rules, v, path, name, errors);
            Value::Json(v.clone())
        }
    };
    (errors.len() == before).then_some(value)
}

/// The most characters a value of `column` can have, when a rule bounds it (`None`: only the
/// default limit applies). References and ids are bounded by the id rule.
pub fn max_chars(column: &Column) -> Option<u32> {
    let by_rule = column.rules.iter().find_map(|r| match r {
        Rule::Len { max, .. } => Some(*max),
        Rule::OneOf(values) => values.iter().map(|v| v.chars().count() as u32).max(),
        Rule::Email => Some(254),
        Rule::HhMm => Some(5),
        Rule::KeyName | Rule::Id => Some(64),
        _ => None,
    });
    by_rule.or(column.references.map(|_| 64))
}

fn id_error(path: &str, name: &str) -> FieldError {
    FieldError::new(path, "invalid_format", format!("{name} must be an id: 1-64 characters of A-Z a-z 0-9 _ -"))
}

/// D1: PostgreSQL refuses U+0000 in `text` (SQLSTATE 22021) and in `jsonb` strings and keys
/// (22P05); it is refused here, so the edge refuses it too.
fn nul_error(path: &str, name: &str) -> FieldError {
    FieldError::new(path, "invalid_format", format!("{name} must not contain the NUL character (U+0000)"))
}

fn check_text(rules: &[Rule], s: &str, path: &str, name: &str, default_max: u32, errors: &mut Vec<FieldError>) {
    if s.contains('\0') {
        errors.push(nul_error(path, name));
        return;
    }
    let (min, max) = rules
        .iter()
        .find_map(|r| match r {
            Rule::Len { min, max } => Some((*min, *max)),
            _ => None,
        })
        .unwrap_or((0, default_max));
    // A string has between len/4 and len characters (UTF-8), so most are within bounds by their
    // byte length alone; the others are counted up to max+1 (a huge string costs no more than a
    // long one).
    let within = s.len() <= max as usize && (min as usize).saturating_mul(4) <= s.len();
    let chars = if within { None } else { Some(s.chars().take(max as usize + 1).count() as u32) };
    match chars {
        Some(n) if n < min => {
            let message = if min == 1 {
                format!("{name} must not be empty")
            } else {
                format!("{name} must be at least {min} characters")
            };
            errors.push(FieldError::new(path, "too_short", message));
        }
        Some(n) if n > max => {
            errors.push(FieldError::new(path, "too_long", format!("{name} must be at most {max} characters")))
        }
        _ => {}
    }
    for rule in rules {
        match rule {
            Rule::OneOf(allowed) if !allowed.contains(&s) => errors.push(FieldError::new(
                path,
                "not_allowed",
                format!("{name} must be one of: {}", allowed.join(", ")),
            )),
            Rule::Email if !is_email(s) => {
                errors.push(FieldError::new(path, "invalid_format", format!("{name} must be an e-mail address")))
            }
            Rule::HhMm if !is_hh_mm(s) => {
                errors.push(FieldError::new(path, "invalid_format", format!("{name} must be a time HH:MM")))
            }
            Rule::KeyName if !is_key_name(s) => errors.push(FieldError::new(
                path,
                "invalid_format",
                format!("{name} must be 3-64 characters of A-Z, 0-9 and _"),
            )),
            Rule::Id if !crate::route::is_id(s) => errors.push(id_error(path, name)),
            _ => {}
        }
    }
}

fn check_number(rules: &[Rule], n: f64, default: (f64, f64), path: &str, name: &str, errors: &mut Vec<FieldError>) {
    let (min, max) = rules
        .iter()
        .find_map(|r| match r {
            Rule::Range { min, max } => Some((*min, *max)),
            _ => None,
        })
        .unwrap_or(default);
    if !(min..=max).contains(&n) {
        errors.push(FieldError::new(path, "out_of_range", format!("{name} must be between {min} and {max}")));
        return;
    }
    for rule in rules {
        if let Rule::GreaterThan(limit) = rule
            && n <= *limit
        {
            errors.push(FieldError::new(path, "out_of_range", format!("{name} must be greater than {limit}")));
        }
    }
}

/// Items of a `text[]` or a JSON string array: count, per-item length, allowed values.
fn check_string_array(
    rules: &[Rule],
    items: &[Json],
    path: &str,
    name: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<String>> {
    let max_items = rules
        .iter()
        .find_map(|r| match r {
            Rule::Len { max, .. } => Some(*max),
            _ => None,
        })
        .unwrap_or(DEFAULT_ARRAY_MAX);
    if items.len() > max_items as usize {
        errors.push(FieldError::new(path, "too_long", format!("{name} must have at most {max_items} items")));
        return None;
    }
    let item_max = rules
        .iter()
        .find_map(|r| match r {
            Rule::ItemLen(max) => Some(*max),
            _ => None,
        })
        .unwrap_or(DEFAULT_ITEM_MAX);
    let item_rules: Vec<Rule> = rules.iter().filter(|r| matches!(r, Rule::OneOf(_))).copied().collect();
    let before = errors.len();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item_path = format!("{path}/{i}");
        match item.as_str() {
            Some(s) => {
                check_text(&item_rules, s, &item_path, name, item_max, errors);
                out.push(s.to_string());
            }
            None => errors.push(type_error(&item_path, name, "an array of strings")),
        }
    }
    (errors.len() == before).then_some(out)
}

fn check_json(rules: &[Rule], v: &Json, path: &str, name: &str, errors: &mut Vec<FieldError>) {
    if depth(v) > MAX_JSON_DEPTH {
        errors.push(FieldError::new(path, "too_deep", format!("{name} nests deeper than {MAX_JSON_DEPTH} levels")));
        return;
    }
    if let Some(at) = nul_in(v) {
        errors.push(nul_error(&format!("{path}{at}"), name));
        return;
    }
    let shape = rules
        .iter()
        .find_map(|r| match r {
            Rule::Json(shape) => Some(*shape),
            _ => None,
        })
        .unwrap_or(JsonShape::Any);
    match shape {
        JsonShape::Any => {}
        JsonShape::Object => {
            if !v.is_object() {
                errors.push(type_error(path, name, "a JSON object"));
            }
        }
        JsonShape::StringArray => match v.as_array() {
            Some(items) => {
                check_string_array(rules, items, path, name, errors);
            }
            None => errors.push(type_error(path, name, "an array of strings")),
        },
        JsonShape::Attachments => check_attachments(v, path, errors),
        JsonShape::Numbers => check_numbers(rules, v, path, name, errors),
    }
}

/// A JSON array of numbers, its item count within the column's [`Rule::Len`] (at most
/// [`DEFAULT_ARRAY_MAX`] without one). Each item that is not a number is reported.
fn check_numbers(rules: &[Rule], v: &Json, path: &str, name: &str, errors: &mut Vec<FieldError>) {
    let Some(items) = v.as_array() else {
        errors.push(type_error(path, name, "an array of numbers"));
        return;
    };
    let (min, max) = rules
        .iter()
        .find_map(|r| match r {
            Rule::Len { min, max } => Some((*min, *max)),
            _ => None,
        })
        .unwrap_or((0, DEFAULT_ARRAY_MAX));
    if items.len() > max as usize {
        errors.push(FieldError::new(path, "too_long", format!("{name} must have at most {max} items")));
        return;
    }
    if items.len() < min as usize {
        errors.push(FieldError::new(path, "too_short", format!("{name} must have at least {min} items")));
    }
    for (i, _) in items.iter().enumerate().filter(|(_, item)| !item.is_number()) {
        errors.push(type_error(&format!("{path}/{i}"), name, "an array of numbers"));
    }
}

/// Message attachments (schema.md §3.2): at most 10 of `{type ≤ 50, url ≤ 2048, metadata?}`.
fn check_attachments(v: &Json, path: &str, errors: &mut Vec<FieldError>) {
    let Some(items) = v.as_array() else {
        errors.push(type_error(path, "attachments", "an array"));
        return;
    };
    if items.len() > 10 {
        errors.push(FieldError::new(path, "too_long", "attachments must have at most 10 items"));
        return;
    }
    for (i, item) in items.iter().enumerate() {
        let item_path = format!("{path}/{i}");
        let Some(object) = item.as_object() else {
            errors.push(type_error(&item_path, "attachments item", "an object {type, url, metadata?}"));
            continue;
        };
        check_member(object, &item_path, "type", 50, errors);
        check_member(object, &item_path, "url", 2048, errors);
        if let Some(metadata) = object.get("metadata")
            && !metadata.is_object()
        {
            errors.push(type_error(&format!("{item_path}/metadata"), "metadata", "a JSON object"));
        }
        for key in object.keys().filter(|k| !matches!(k.as_str(), "type" | "url" | "metadata")) {
            errors.push(FieldError::new(
                format!("{item_path}/{}", escape(key)),
                "unknown_field",
                format!("{key} is not a known field"),
            ));
        }
    }
}

fn check_member(object: &Map<String, Json>, path: &str, key: &str, max: u32, errors: &mut Vec<FieldError>) {
    let member_path = format!("{path}/{key}");
    match object.get(key) {
        None => errors.push(FieldError::new(member_path, "required", format!("{key} is required"))),
        Some(Json::String(s)) => check_text(&[Rule::Len { min: 1, max }], s, &member_path, key, max, errors),
        Some(_) => errors.push(type_error(&member_path, key, "a string")),
    }
}

fn type_error(path: &str, name: &str, expected: &str) -> FieldError {
    FieldError::new(path, "invalid_type", format!("{name} must be {expected}"))
}

/// The JSON pointer (relative) of the first string or key holding U+0000, searched without
/// recursion (depth is bounded before this runs).
fn nul_in(v: &Json) -> Option<String> {
    if !has_nul(v) {
        return None; // the common case, decided without building a path
    }
    let mut stack = vec![(v, String::new())];
    while let Some((v, at)) = stack.pop() {
        match v {
            Json::String(s) if s.contains('\0') => return Some(at),
            Json::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, item)| (item, format!("{at}/{i}"))));
            }
            Json::Object(map) => {
                for (key, item) in map {
                    let item_at = format!("{at}/{}", escape(key));
                    if key.contains('\0') {
                        return Some(item_at);
                    }
                    stack.push((item, item_at));
                }
            }
            _ => {}
        }
    }
    None
}

fn has_nul(v: &Json) -> bool {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Json::String(s) if s.contains('\0') => return true,
            Json::Array(items) => stack.extend(items),
            Json::Object(map) => {
                if map.keys().any(|k| k.contains('\0')) {
                    return true;
                }
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    false
}

/// Nesting depth of a JSON value, computed without recursion (inputs are untrusted).
fn depth(v: &Json) -> usize {
    let mut max = 0;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        max = max.max(d);
        if d > MAX_JSON_DEPTH {
            break;
        }
        match v {
            Json::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            Json::Object(map) => stack.extend(map.values().map(|i| (i, d + 1))),
            _ => {}
        }
    }
    max
}

/// A JSON pointer from path segments (RFC 6901 escaping).
pub fn pointer(segments: &[&str]) -> String {
    let mut out = String::with_capacity(segments.iter().map(|s| s.len() + 1).sum());
    for s in segments {
        out.push('/');
        push_escaped(&mut out, s);
    }
    out
}

fn escape(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    push_escaped(&mut out, segment);
    out
}

/// Appends `segment` with `~` as `~0` and `/` as `~1`, in one pass and no allocation of its own
/// (every field of every checked body gets a pointer).
fn push_escaped(out: &mut String, segment: &str) {
    let mut rest = segment;
    while let Some(i) = rest.find(['~', '/']) {
        out.push_str(&rest[..i]);
        out.push_str(if rest.as_bytes()[i] == b'~' { "~0" } else { "~1" });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// `local@domain.tld`, ≤ 254 characters, no spaces: the practical check zod's `email()` makes.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    s.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

/// `HH:MM`, 00:00 to 23:59 (the old API's `^\d{2}:\d{2}$`, with the range checked too).
pub fn is_hh_mm(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit())
        && (b[0] - b'0') * 10 + (b[1] - b'0') < 24
        && (b[3] - b'0') * 10 + (b[4] - b'0') < 60
}

fn is_key_name(s: &str) -> bool {
    (3..=64).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::{CUSTOMERS, MESSAGES, TENANTS};
    use serde_json::json;

    fn codes(result: Result<Validated, Vec<FieldError>>) -> Vec<(String, &'static str)> {
        result.expect_err("invalid").into_iter().map(|e| (e.path, e.code)).collect()
    }

    #[test]
    fn a_valid_insert_keeps_given_fields_in_column_order() {
        let body = json!({"content": "hi", "role": "customer", "attachments": [{"type": "image", "url": "https://x"}]});
        let v = validate(MESSAGES.columns, Mode::Insert, &body).expect("valid");
        let names: Vec<&str> = v.entries.iter().map(|e| e.column.name).collect();
        assert_eq!(names, ["role", "content", "attachments"]);
        assert_eq!(v.text("content"), Some("hi"));
    }

    #[test]
    fn every_bad_field_is_reported_with_its_pointer() {
        let body = json!({"role": "robot", "attachments": [{"url": 5, "x": 1}], "id": "mine", "extra": true});
        let expected = [
            ("/extra", "unknown_field"),
            ("/id", "read_only"),
            ("/role", "not_allowed"),
            ("/content", "required"),
            ("/attachments/0/type", "required"),
            ("/attachments/0/url", "invalid_type"),
            ("/attachments/0/x", "unknown_field"),
        ];
        let expected: Vec<(String, &str)> = expected.iter().map(|(p, c)| (p.to_string(), *c)).collect();
        assert_eq!(codes(validate(MESSAGES.columns, Mode::Insert, &body)), expected);
    }

    #[test]
    fn server_owned_and_create_only_fields() {
        assert_eq!(
            codes(validate(CUSTOMERS.columns, Mode::Insert, &json!({"tenantId": "t2", "createdAt": "2026-01-01"}))),
            [("/createdAt".to_string(), "read_only"), ("/tenantId".to_string(), "read_only")]
        );
        // externalId may be given on insert, not in a patch (updateCustomerSchema).
        assert!(validate(CUSTOMERS.columns, Mode::Insert, &json!({"externalId": "42"})).is_ok());
        assert_eq!(
            codes(validate(CUSTOMERS.columns, Mode::Patch, &json!({"externalId": "42", "name": "A"}))),
            [("/externalId".to_string(), "read_only")]
        );
    }

    #[test]
    fn types_lengths_ranges_and_formats() {
        let body = json!({
            "name": "",
            "tone": "rude",
            "workingHoursStart": "25:00",
            "workingDays": ["mon", "fun"],
            "maxDiscountPercent": 101,
            "escalationEmail": "not-an-email",
            "allowDiscounts": "yes",
            "language": "x".repeat(11),
        });
        assert_eq!(
            codes(validate(TENANTS.columns, Mode::Patch, &body)),
            [
                ("/name".to_string(), "too_short"),
                ("/language".to_string(), "too_long"),
                ("/tone".to_string(), "not_allowed"),
                ("/workingHoursStart".to_string(), "invalid_format"),
                ("/workingDays/1".to_string(), "not_allowed"),
                ("/escalationEmail".to_string(), "invalid_format"),
                ("/allowDiscounts".to_string(), "invalid_type"),
                ("/maxDiscountPercent".to_string(), "out_of_range"),
            ]
        );
    }

    #[test]
    fn nulls_integers_and_json_shapes() {
        assert_eq!(
            codes(validate(TENANTS.columns, Mode::Patch, &json!({"name": null, "maxDiscountPercent": 1.5}))),
            [("/name".to_string(), "not_null"), ("/maxDiscountPercent".to_string(), "invalid_type")]
        );
        let ok = validate(TENANTS.columns, Mode::Patch, &json!({"escalationEmail": null, "templates": {"a": "b"}}))
            .expect("valid");
        assert_eq!(ok.get("escalation_email"), Some(&Value::Null));
        assert_eq!(
            codes(validate(CUSTOMERS.columns, Mode::Patch, &json!({"tags": ["a", 1]}))),
            [("/tags/1".to_string(), "invalid_type")]
        );
        assert_eq!(
            codes(validate(TENANTS.columns, Mode::Patch, &json!({"templates": [1]}))),
            [("/templates".to_string(), "invalid_type")]
        );
    }

    #[test]
    fn deep_json_and_non_objects_are_rejected() {
        let mut deep = json!(1);
        for _ in 0..40 {
            deep = json!([deep]);
        }
        assert_eq!(
            codes(validate(MESSAGES.columns, Mode::Patch, &json!({"metadata": {"a": deep}}))),
            [("/metadata".to_string(), "too_deep")]
        );
        assert_eq!(codes(validate(MESSAGES.columns, Mode::Patch, &json!([1]))), [(String::new(), "invalid_type")]);
    }

    #[test]
    fn array_bodies_check_every_item_and_point_into_it() {
        const ITEM: &[Column] = &[
            crate::schema::col("id", "id", SqlType::Varchar).not_null().references("payment_methods", "id"),
            crate::schema::col("order", "order", SqlType::Integer).not_null(),
        ];
        let ok = validate_items(ITEM, &json!([{"id": "a", "order": 2}, {"id": "b", "order": 1}])).expect("valid");
        assert_eq!(ok.len(), 2);
        assert_eq!((ok[1].text("id"), ok[1].get("order")), (Some("b"), Some(&Value::Int(1))));
        assert_eq!(validate_items(ITEM, &json!([])).expect("empty"), Vec::<Validated>::new());
        let bad = validate_items(ITEM, &json!([{"id": "a", "order": 1}, {"id": "bad id", "x": 1}, 7]));
        assert_eq!(
            codes(bad.map(|_| Validated::default())),
            [
                ("/1/x".to_string(), "unknown_field"),
                ("/1/id".to_string(), "invalid_format"),
                ("/1/order".to_string(), "required"),
                ("/2".to_string(), "invalid_type"),
            ]
        );
        let object = validate_items(ITEM, &json!({"id": "a", "order": 1}));
        assert_eq!(codes(object.map(|_| Validated::default())), [(String::new(), "invalid_type")]);
        let many = Json::Array(vec![json!({"id": "a", "order": 1}); MAX_BODY_ITEMS + 1]);
        assert_eq!(codes(validate_items(ITEM, &many).map(|_| Validated::default())), [(String::new(), "too_long")]);
    }

    #[test]
    fn pointers_escape_slash_and_tilde() {
        assert_eq!(pointer(&["a/b", "c~d"]), "/a~1b/c~0d");
        assert_eq!(pointer(&["~/~", "", "plain"]), "/~0~1~0//plain");
        assert_eq!(escape("/a~"), "~1a~0");
    }

    #[test]
    fn lengths_are_counted_in_characters_whatever_their_bytes() {
        let counted = |s: &str, min: u32, max: u32| match s.chars().count() as u32 {
            n if n < min => Some("too_short"),
            n if n > max => Some("too_long"),
            _ => None,
        };
        for s in ["", "a", "ab", "abc", "abcd", "аб", "абв", "абвгд", "日本語", "🚗🚗", "a🚗b", "🚗🚗🚗🚗🚗"]
        {
            for min in 0..6 {
                for max in min..8 {
                    let mut errors = Vec::new();
                    check_text(&[Rule::Len { min, max }], s, "/x", "x", 100, &mut errors);
                    assert_eq!(errors.first().map(|e| e.code), counted(s, min, max), "{s:?} in {min}..={max}");
                }
            }
        }
    }

    #[test]
    fn emails_are_trimmed() {
        let v = validate(CUSTOMERS.columns, Mode::Patch, &json!({"email": "  anna@example.com\t"})).expect("valid");
        assert_eq!(v.text("email"), Some("anna@example.com"));
        assert_eq!(
            codes(validate(CUSTOMERS.columns, Mode::Patch, &json!({"email": " not an e-mail "}))),
            [("/email".to_string(), "invalid_format")]
        );
    }

    #[test]
    fn format_checks() {
        assert!(is_email("a.b+c@example.co"));
        for bad in ["", "a", "@x.com", "a@", "a@x", "a b@x.com", "a@x..com", "a@.x.com"] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_hh_mm("09:30") && is_hh_mm("23:59"));
        for bad in ["24:00", "9:30", "09:60", "0930", "ab:cd"] {
            assert!(!is_hh_mm(bad), "{bad}");
        }
        assert!(is_key_name("OPENAI_API_KEY") && !is_key_name("ab") && !is_key_name("lower"));
    }

    #[test]
    fn long_strings_cost_no_more_than_their_limit() {
        let huge = "я".repeat(1_000_000);
        assert_eq!(
            codes(validate(MESSAGES.columns, Mode::Patch, &json!({"content": huge}))),
            [("/content".to_string(), "too_long")]
        );
    }
}
