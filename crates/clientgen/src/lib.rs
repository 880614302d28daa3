//! The TypeScript client's typed layer, generated from salesgate's route table and schema model
//! (issue 11): an interface per table row, insert and patch body, custom body and answer shape,
//! and one function per operation. It is generated from core itself rather than from the
//! OpenAPI document, because core knows what the document flattens: which path parameters are
//! bound to which columns, which answers are pages, which columns some roles never read.
//!
//! `cargo run -p salesgate-clientgen` writes `clients/typescript/src/generated.ts`; a test fails
//! when the committed file differs from what the route table generates.
//!
//! ```
//! let ts = salesgate_clientgen::typescript();
//! assert!(ts.contains("export function getCustomer("));
//! assert!(ts.contains("export interface Customer {"));
//! ```

pub mod docs;
pub mod fuzz_dict;

use salesgate_core::route::{Body, Method, Param, ParamKind, Response, Route};
use salesgate_core::routes::all;
use salesgate_core::schema::{Access, Column, JsonShape, Read, Rule, SqlType, Table};
use salesgate_core::shape::{Kind, Shape};
use salesgate_core::tables::TABLES;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Every generated file, relative to the workspace root, with its contents as the route table
/// generates them now: what `cargo run -p salesgate-clientgen` writes and what the up-to-date test
/// compares with the committed files.
pub fn outputs() -> [(&'static str, String); 4] {
    [
        (OUTPUT, typescript()),
        (ROWS_OUTPUT, typescript_rows()),
        (docs::OUTPUT, docs::operations_markdown()),
        (fuzz_dict::OUTPUT, fuzz_dict::gate_dictionary()),
    ]
}

/// Where the generated file lives, relative to the workspace root.
pub const OUTPUT: &str = "clients/typescript/src/generated.ts";
/// Where the rows of the IStorage layer ([`typescript_rows`]) live.
pub const ROWS_OUTPUT: &str = "clients/typescript/src/rows.ts";

/// The whole generated module.
pub fn typescript() -> String {
    let mut out = String::with_capacity(256 * 1024);
    out.push_str(
        "// Generated from salesgate's route table by `cargo run -p salesgate-clientgen`: do not edit.\n\
         // A test (crates/clientgen) fails when this file is out of date.\n\
         /* eslint-disable */\n\n\
         import type { Page, Transport } from \"./transport.js\";\n\n",
    );
    out.push_str(
        "/** A message attachment (schema.md §3.2). */\n\
         export interface Attachment {\n  type: string;\n  url: string;\n  metadata?: Record<string, unknown>;\n}\n\n",
    );
    types(&mut out, Time::Wire);
    out.push_str(
        "/** The method and path template of every operation, by operation id. */\nexport const operations = {\n",
    );
    for route in all() {
        let _ = writeln!(out, "  {}: {{ method: \"{}\", path: \"{}\" }},", route.id, route.method.as_str(), route.path);
    }
    out.push_str("} as const;\n\n/** An operation id. */\nexport type OperationId = keyof typeof operations;\n\n");
    for route in all() {
        function(&mut out, route);
    }
    out
}

/// The interfaces of every row, body and answer shape, timestamps typed as `time` says.
fn types(out: &mut String, time: Time) {
    for table in TABLES {
        row_interface(out, table, time);
    }
    for text in bodies(time).values() {
        out.push_str(text);
    }
    for shape in shapes().values() {
        shape_interface(out, shape);
    }
}

/// The body interfaces of the routes by name (the first route's text of a shared one).
fn bodies(time: Time) -> BTreeMap<String, String> {
    let mut bodies = BTreeMap::new();
    for route in all() {
        if let Some((name, text)) = body_interface(route, time) {
            bodies.entry(name).or_insert(text);
        }
    }
    bodies
}

/// The custom answer shapes by name.
fn shapes() -> BTreeMap<&'static str, &'static Shape> {
    let mut shapes = BTreeMap::new();
    for route in all() {
        if let Response::Shape(s) | Response::Shapes(s) = route.response {
            shapes.insert(s.name, s);
        }
    }
    shapes
}

/// The rows of the IStorage layer (`clients/typescript/src/rows.ts`): the same interfaces as
/// the wire's, with timestamps as `Date` in rows and `Date | string` in bodies, and the table
/// of which members of each row and shape are timestamps or nested rows, which the layer's
/// converter walks.
pub fn typescript_rows() -> String {
    let mut out = String::with_capacity(128 * 1024);
    out.push_str(
        "// Generated from salesgate's route table by `cargo run -p salesgate-clientgen`: do not edit.\n\
         // A test (crates/clientgen) fails when this file is out of date.\n\
         /* eslint-disable */\n\n\
         // The rows, bodies and answers of generated.ts as the IStorage layer (storage.ts) gives and\n\
         // takes them: timestamps are `Date` in rows and answers, `Date` or an ISO string in bodies.\n\n\
         export type { Attachment } from \"./generated.js\";\n\
         import type { Attachment } from \"./generated.js\";\n\n",
    );
    types(&mut out, Time::Row);
    out.push_str("/** Every row and answer interface of this module, by name. */\nexport interface Rows {\n");
    for t in TABLES {
        let _ = writeln!(out, "  {0}: {0};", t.entity);
    }
    for name in shapes().keys() {
        let _ = writeln!(out, "  {name}: {name};");
    }
    out.push_str("}\n\n");
    out.push_str(
        "/** Which members of a row or answer are timestamps (ISO strings on the wire), nested rows and arrays of rows. */\n\
         export interface Members {\n  dates: readonly string[];\n  rows?: Readonly<Record<string, keyof Rows>>;\n  \
         lists?: Readonly<Record<string, keyof Rows>>;\n}\n\n\
         /** The members of every row and answer interface, by name. */\n\
         export const MEMBERS: { readonly [N in keyof Rows]: Members } = {\n",
    );
    let list = |names: &[String]| names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ");
    let map =
        |pairs: &[(String, String)]| pairs.iter().map(|(k, v)| format!("{k}: {v:?}")).collect::<Vec<_>>().join(", ");
    let timestamps = |t: &Table| -> Vec<String> {
        t.columns
            .iter()
            .filter(|c| c.read < Read::Never && c.ty == SqlType::Timestamp)
            .map(|c| c.field.to_string())
            .collect()
    };
    for t in TABLES {
        let _ = writeln!(out, "  {}: {{ dates: [{}] }},", t.entity, list(&timestamps(t)));
    }
    for (name, shape) in shapes() {
        let (mut dates, mut rows, mut lists) = (Vec::new(), Vec::new(), Vec::new());
        for f in shape.fields {
            match f.kind {
                Kind::Columns(t) => dates.extend(timestamps(t)),
                Kind::Row(t) => rows.push((f.name.to_string(), t.entity.to_string())),
                Kind::Rows(t) => lists.push((f.name.to_string(), t.entity.to_string())),
                _ => {}
            }
        }
        let mut text = format!("  {name}: {{ dates: [{}]", list(&dates));
        if !rows.is_empty() {
            let _ = write!(text, ", rows: {{ {} }}", map(&rows));
        }
        if !lists.is_empty() {
            let _ = write!(text, ", lists: {{ {} }}", map(&lists));
        }
        let _ = writeln!(out, "{text} }},");
    }
    out.push_str("};\n");
    out
}

fn doc(out: &mut String, indent: &str, text: &str) {
    let text = text.replace("*/", "*\u{200b}/");
    let _ = writeln!(out, "{indent}/** {text} */");
}

/// How timestamps are typed: ISO strings on the wire, `Date` in the rows of the IStorage layer,
/// either in its inputs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Time {
    Wire,
    Row,
    Input,
}

/// The TypeScript type of a column's values, timestamps typed as `time` says.
fn typed_column(c: &Column, time: Time) -> String {
    let one_of = c.rules.iter().find_map(|r| if let Rule::OneOf(v) = r { Some(*v) } else { None });
    let literals = |values: &[&str]| values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(" | ");
    let base = match c.ty {
        SqlType::Varchar | SqlType::Text => one_of.map_or("string".to_string(), literals),
        SqlType::Integer | SqlType::Real => "number".into(),
        SqlType::Boolean => "boolean".into(),
        SqlType::Timestamp => match time {
            Time::Wire => "string".into(),
            Time::Row => "Date".into(),
            Time::Input => "Date | string".into(),
        },
        SqlType::TextArray => match one_of {
            Some(v) => format!("Array<{}>", literals(v)),
            None => "string[]".into(),
        },
        SqlType::Jsonb => match c.rules.iter().find_map(|r| if let Rule::Json(s) = r { Some(*s) } else { None }) {
            Some(JsonShape::Object) => "Record<string, unknown>".into(),
            Some(JsonShape::StringArray) => match one_of {
                Some(v) => format!("Array<{}>", literals(v)),
                None => "string[]".into(),
            },
            Some(JsonShape::Attachments) => "Attachment[]".into(),
            Some(JsonShape::Numbers) => "number[]".into(),
            Some(JsonShape::Any) | None => "unknown".into(),
        },
    };
    if c.nullable && base != "unknown" { format!("{base} | null") } else { base }
}

fn row_interface(out: &mut String, t: &Table, time: Time) {
    doc(out, "", &format!("A row of `{}`: {}", t.name, t.doc));
    let _ = writeln!(out, "export interface {} {{", t.entity);
    for c in t.columns.iter().filter(|c| c.read < Read::Never) {
        match c.read {
            Read::All => {}
            Read::Admin => doc(out, "  ", "Only in answers to owner, admin, platform roles and service."),
            Read::Service | Read::Never => doc(out, "  ", "Only in answers to the service role."),
        }
        let optional = if c.read > Read::All { "?" } else { "" };
        let _ = writeln!(out, "  {}{optional}: {};", c.field, typed_column(c, time));
    }
    out.push_str("}\n\n");
}

/// The TypeScript type of a route's body (`CustomerInsert`, `PaymentMethodOrder[]`).
fn body_type(route: &Route) -> Option<String> {
    let (name, _) = body_interface(route, Time::Wire)?;
    Some(if matches!(route.body, Body::Array(_)) { format!("{name}[]") } else { name })
}

/// The body interface of a route (its name and text; for an array body, the item's), when it
/// takes one.
fn body_interface(route: &Route, time: Time) -> Option<(String, String)> {
    let bound: Vec<&str> = route.bound_columns().collect();
    let (name, doc_text, columns, insert) = match route.body {
        Body::None => return None,
        Body::Insert(t) => (input_name(t.entity, "Insert", &bound), t.doc, t.columns, true),
        Body::Patch(t) => (input_name(t.entity, "Patch", &bound), t.doc, t.columns, false),
        Body::Custom(s) | Body::Array(s) => (s.name.to_string(), s.doc, s.fields, true),
    };
    let mut out = String::new();
    doc(&mut out, "", &format!("The body of {}: {doc_text}", route.id));
    let _ = writeln!(out, "export interface {name} {{");
    for c in columns.iter().filter(|c| !bound.contains(&c.name)) {
        let allowed = match c.access {
            Access::Server => false,
            Access::Create => insert,
            Access::Write => true,
        };
        if allowed {
            let optional = if insert && c.required_on_insert() { "" } else { "?" };
            let time = if time == Time::Row { Time::Input } else { time };
            let _ = writeln!(out, "  {}{optional}: {};", c.field, typed_column(c, time));
        }
    }
    out.push_str("}\n\n");
    Some((name, out))
}

/// The body type name, as the OpenAPI document names it (`MessageInsertForConversation`).
fn input_name(entity: &str, kind: &str, bound: &[&str]) -> String {
    let mut name = format!("{entity}{kind}");
    for column in bound.iter().filter(|c| **c != "id") {
        let camel = salesgate_core::schema::camel_case(column.trim_end_matches("_id"));
        let mut chars = camel.chars();
        if let Some(first) = chars.next() {
            name.push_str("For");
            name.push(first.to_ascii_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name
}

fn shape_interface(out: &mut String, s: &Shape) {
    doc(out, "", s.doc);
    let base = s.fields.iter().find_map(|f| if let Kind::Columns(t) = f.kind { Some(t.entity) } else { None });
    match base {
        Some(b) => {
            let _ = writeln!(out, "export interface {} extends {b} {{", s.name);
        }
        None => {
            let _ = writeln!(out, "export interface {} {{", s.name);
        }
    }
    for f in s.fields {
        let ty = match f.kind {
            Kind::Columns(_) => continue,
            Kind::Row(t) => t.entity.to_string(),
            Kind::Rows(t) => format!("{}[]", t.entity),
            Kind::Id | Kind::Text => "string".into(),
            Kind::Int | Kind::Number => "number".into(),
            // Null when NULL or not JSON of a number array (shape.rs).
            Kind::Numbers => "number[] | null".into(),
            Kind::Json => "unknown".into(),
            Kind::Bool => "boolean".into(),
            Kind::BoolMap => "Record<string, boolean>".into(),
        };
        if !f.doc.is_empty() {
            doc(out, "  ", f.doc);
        }
        let optional = if f.optional { "?" } else { "" };
        let _ = writeln!(out, "  {}{optional}: {ty};", f.name);
    }
    out.push_str("}\n\n");
}

fn param_type(p: &Param) -> String {
    match p.kind {
        ParamKind::Id | ParamKind::Text { .. } => "string".into(),
        ParamKind::Int { .. } => "number".into(),
        ParamKind::OneOf(values) => values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(" | "),
    }
}

/// `(TypeScript return type, transport kind)` of a route's answer.
fn answer(route: &Route) -> (String, &'static str) {
    match route.response {
        Response::Row(t) => (t.entity.to_string(), "json"),
        Response::Rows(t) => (format!("Page<{}>", t.entity), "page"),
        Response::Shape(s) => (s.name.to_string(), "json"),
        Response::Shapes(s) => (format!("Page<{}>", s.name), "page"),
        Response::Empty => ("void".into(), "empty"),
        Response::Document => ("unknown".into(), "json"),
    }
}

fn function(out: &mut String, route: &Route) {
    let (ret, kind) = answer(route);
    let roles: Vec<&str> = route.roles.iter().map(|r| r.as_str()).collect();
    let mut text = route.summary.to_string();
    if !roles.is_empty() {
        let _ = write!(text, " Roles: {}.", roles.join(", "));
    }
    doc(out, "", &format!("{} ({} {}): {text}", route.id, route.method.as_str(), route.path));
    let mut fields = Vec::new();
    for name in route.path_params() {
        let ty = match route.path_kind(name) {
            ParamKind::OneOf(values) => values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(" | "),
            _ => "string".into(),
        };
        fields.push(format!("{name}: {ty}"));
    }
    for p in route.query {
        let optional = if p.required { "" } else { "?" };
        fields.push(format!("{}{optional}: {}", p.name, param_type(p)));
    }
    if let Some(ty) = body_type(route) {
        fields.push(format!("body: {ty}"));
    }
    let args = if fields.is_empty() {
        "args: Record<string, never> = {}".to_string()
    } else {
        format!("args: {{ {} }}", fields.join("; "))
    };
    let _ = writeln!(out, "export function {}(t: Transport, {args}): Promise<{ret}> {{", route.id);
    let mut path = String::from("`");
    for segment in route.path.split('/').skip(1) {
        path.push('/');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                let _ = write!(path, "${{encodeURIComponent(args.{name})}}");
            }
            None => path.push_str(segment),
        }
    }
    path.push('`');
    let query: Vec<String> = route.query.iter().map(|p| format!("{0}: args.{0}", p.name)).collect();
    let query = if query.is_empty() { "undefined".to_string() } else { format!("{{ {} }}", query.join(", ")) };
    let body = if route.body != Body::None { "args.body" } else { "undefined" };
    let idempotent = route.method == Method::Get;
    let _ = writeln!(
        out,
        "  return t.call<{ret}>({{ id: {:?}, method: \"{}\", idempotent: {idempotent}, kind: \"{kind}\" }}, {path}, {query}, {body});\n}}\n",
        route.id,
        route.method.as_str()
    );
    let _ = args;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every committed generated file is what the route table generates (run `cargo run -p
    /// salesgate-clientgen` after changing a route).
    #[test]
    fn the_committed_files_are_up_to_date() {
        for (file, generated) in outputs() {
            let path = format!("{}/../../{file}", env!("CARGO_MANIFEST_DIR"));
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(committed == generated, "{file} is out of date: run `cargo run -p salesgate-clientgen`");
        }
    }

    #[test]
    fn rows_have_dates_and_know_their_timestamps() {
        let ts = typescript_rows();
        assert!(ts.contains("export interface Tenant {"));
        assert!(ts.contains("  createdAt: Date;"));
        assert!(ts.contains("  lockedUntil: Date | null;"));
        assert!(ts.contains("  expiresAt: Date | string;"), "bodies take Dates or strings");
        assert!(ts.contains("  Tenant: { dates: [\"createdAt\"] },"));
        assert!(ts.contains(
            "  ConversationDetail: { dates: [\"lastMessageAt\", \"createdAt\"], rows: { customer: \"Customer\", \
             currentSuggestion: \"AiSuggestion\" }, lists: { messages: \"Message\" } },"
        ));
    }

    /// Every operation of the route table has its function, under its operation id.
    #[test]
    fn every_operation_has_a_function() {
        let ts = typescript();
        for route in all() {
            assert!(ts.contains(&format!("export function {}(t: Transport", route.id)), "{}", route.id);
        }
    }

    #[test]
    fn types_follow_the_model() {
        let ts = typescript();
        assert!(ts.contains("  config?: Record<string, unknown> | null;"), "admin-read columns are optional");
        assert!(!ts.contains("encryptedValue"), "never-read columns are not in rows");
        assert!(ts.contains("status: \"active\" | \"waiting_customer\""), "enums are literal unions");
        assert!(ts.contains("export interface MessageInsertForConversation {"));
    }
}
