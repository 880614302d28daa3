//! Property tests of the request gate and of the parts it is made of: router, percent-decoding,
//! token verification, timestamps, body validation and the error body.
//!
//! The gate runs on every request at the edge and at the origin, in front of everything else, on
//! input anyone can send. So it must be total: for *any* method, path, query string,
//! `Authorization` header, content type and body, [`Gate::admit`] returns instead of panicking,
//! and every refusal is one of the documented errors, rendered as the documented JSON shape.
//! The generators mix fully arbitrary input with input built from the real route table, real
//! tokens and real schemas, so that cases get past routing and authentication into query and
//! body checking instead of all stopping at a 404.
//!
//! Native only (the wasm test run compiles this file to nothing): 256 cases per property by
//! default, `PROPTEST_CASES=N` for more. `cargo make fuzz` drives the same entry points with
//! libFuzzer (`fuzz/`).
#![cfg(not(target_arch = "wasm32"))]

use std::sync::LazyLock;

use hmac::{Hmac, Mac};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use salesgate_core::auth::{Claims, Keys, Role, Verifier, sign};
use salesgate_core::enums;
use salesgate_core::error::{ApiError, FieldError, code};
use salesgate_core::gate::{Admitted, Gate, Request, RequestBody};
use salesgate_core::route::{self, Method, Route, Scope};
use salesgate_core::routes::{INBOUND_MESSAGE, all};
use salesgate_core::schema::{Access, Column};
use salesgate_core::tables::TABLES;
use salesgate_core::time::Timestamp;
use salesgate_core::validate::{self, Mode};
use salesgate_core::{query, router};
use serde_json::{Map, Value as Json};
use sha2::Sha256;

// ───────────────────────────── setup ─────────────────────────────

/// 32+ bytes, like the server's `SALESGATE_JWT_SECRETS`.
const SECRET: &str = "properties-secret-0123456789abcdef-0123";
const OTHER_SECRET: &str = "another-secret-0123456789abcdef-0123456";
const NOW: i64 = 1_800_000_000;
/// Small, so that bodies over the limit are cheap to generate.
const LIMIT: usize = 4096;
/// Tenants the generated tokens and paths share, so that tenant checks pass often enough.
const TENANTS: &[&str] = &["t1", "t2", "tenant-3"];

/// The gate as the server configures it.
static GATE: LazyLock<Gate> =
    LazyLock::new(|| Gate { verifier: Verifier::new(keys(SECRET), None, 30), body_limit: LIMIT });

/// Keys from a `SALESGATE_JWT_SECRETS` value.
fn keys(spec: &str) -> Keys {
    Keys::parse(spec).expect("a valid key spec")
}

/// 256 cases per property unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Every documented error code with its status.
const CODES: &[(&str, u16)] = code::ALL;

/// The codes the gate itself may answer with (gate.rs: route, token, scope, query, body).
const GATE_CODES: &[&str] = &[
    code::ROUTE_NOT_FOUND,
    code::METHOD_NOT_ALLOWED,
    code::INVALID_PARAMETER,
    code::MISSING_TOKEN,
    code::INVALID_TOKEN,
    code::EXPIRED_TOKEN,
    code::FORBIDDEN,
    code::PAYLOAD_TOO_LARGE,
    code::UNSUPPORTED_MEDIA_TYPE,
    code::MALFORMED_JSON,
    code::VALIDATION_FAILED,
];

/// Every documented field error code.
const FIELD_CODES: &[&str] = code::FIELD;

/// Every JSON field name of every body schema: object keys drawn from these hit real columns.
static FIELDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut fields: Vec<&'static str> = TABLES
        .iter()
        .flat_map(|t| t.columns)
        .chain(INBOUND_MESSAGE.fields)
        .map(|c| c.field)
        .chain(["type", "url", "metadata"])
        .collect();
    fields.sort_unstable();
    fields.dedup();
    fields
});

/// Every query parameter name of every route.
static PARAMS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = all().iter().flat_map(|r| r.query).map(|p| p.name).collect();
    names.sort_unstable();
    names.dedup();
    names
});

/// Every column list the gate validates bodies against, with a name for failure messages.
fn schemas() -> impl Iterator<Item = (&'static str, &'static [Column])> {
    TABLES.iter().map(|t| (t.name, t.columns)).chain([(INBOUND_MESSAGE.name, INBOUND_MESSAGE.fields)])
}

// ───────────────────────────── invariants ─────────────────────────────

/// RFC 6901: empty, or `/`-separated segments where `~` is only ever `~0` or `~1`.
fn is_json_pointer(p: &str) -> bool {
    p.is_empty() || (p.starts_with('/') && p.split('~').skip(1).all(|rest| rest.starts_with(['0', '1'])))
}

/// The first segment of a JSON pointer, unescaped.
fn first_segment(p: &str) -> String {
    p.trim_start_matches('/').split('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~")
}

/// Any API error: documented code with its documented status, `Allow` on 405, `Retry-After` on
/// 503, and a body that is the documented JSON shape carrying exactly the error's fields.
fn check_error(e: &ApiError, request_id: &str) -> Result<(), TestCaseError> {
    prop_assert!((400..=599).contains(&e.status), "status {} outside 400..=599: {}", e.status, e);
    let documented = CODES.iter().find(|(c, _)| *c == e.code).map(|(_, status)| *status);
    prop_assert_eq!(documented, Some(e.status), "code {:?} is not documented with status {}", e.code, e.status);
    match e.status {
        405 => prop_assert!(
            e.allow.as_deref().is_some_and(|a| a.split(", ").all(|m| Method::parse(m).is_some())),
            "405 without a valid Allow: {:?}",
            e.allow
        ),
        503 => prop_assert!(e.retry_after.is_some(), "503 without Retry-After"),
        _ => {}
    }
    for d in &e.details {
        prop_assert!(FIELD_CODES.contains(&d.code), "undocumented field error code {:?}", d.code);
    }

    let text = e.to_json(request_id);
    let json: Json = serde_json::from_str(&text).map_err(|err| TestCaseError::fail(format!("{err}: {text}")))?;
    let root = json.as_object().ok_or_else(|| TestCaseError::fail(format!("not an object: {text}")))?;
    prop_assert_eq!(root.len(), 1, "{}", text);
    let error = root.get("error").and_then(Json::as_object);
    let error = error.ok_or_else(|| TestCaseError::fail(format!("no error object: {text}")))?;
    prop_assert_eq!(error.get("code").and_then(Json::as_str), Some(e.code));
    prop_assert_eq!(error.get("message").and_then(Json::as_str), Some(e.message.as_str()));
    prop_assert_eq!(error.get("requestId").and_then(Json::as_str), Some(request_id));
    prop_assert!(error.keys().all(|k| matches!(k.as_str(), "code" | "message" | "details" | "requestId")), "{}", text);
    match error.get("details") {
        None => prop_assert!(e.details.is_empty(), "details dropped: {}", text),
        Some(details) => {
            let details = details.as_array().ok_or_else(|| TestCaseError::fail(format!("details: {text}")))?;
            prop_assert!(!details.is_empty(), "empty details rendered: {}", text);
            prop_assert_eq!(details.len(), e.details.len());
            for (rendered, d) in details.iter().zip(&e.details) {
                let obj = rendered.as_object().ok_or_else(|| TestCaseError::fail(format!("detail: {text}")))?;
                prop_assert_eq!(obj.len(), 3, "{}", text);
                prop_assert_eq!(obj.get("path").and_then(Json::as_str), Some(d.path.as_str()));
                prop_assert_eq!(obj.get("code").and_then(Json::as_str), Some(d.code));
                prop_assert_eq!(obj.get("message").and_then(Json::as_str), Some(d.message.as_str()));
            }
        }
    }
    Ok(())
}

/// The gate's answer: an admitted request is coherent with its route; a refusal is a
/// well-formed error with one of the gate's codes, a message, and field details where the
/// code promises them (body details are JSON pointers).
fn check_gate(result: &Result<Admitted<'_>, ApiError>, request: &Request<'_>, id: &str) -> Result<(), TestCaseError> {
    match result {
        Ok(admitted) => {
            prop_assert_eq!(admitted.route.method.as_str(), request.method);
            prop_assert_eq!(admitted.claims.is_none(), admitted.route.scope == Scope::Public);
            prop_assert_eq!(admitted.body.is_some(), admitted.route.body != route::Body::None);
            for (name, value) in admitted.params.iter() {
                prop_assert!(route::is_id(value), "{} = {:?} admitted", name, value);
            }
        }
        Err(e) => {
            check_error(e, id)?;
            prop_assert!(GATE_CODES.contains(&e.code), "the gate answered {}", e);
            prop_assert!(!e.message.is_empty());
            if e.code == code::INVALID_PARAMETER || e.code == code::VALIDATION_FAILED {
                prop_assert!(!e.details.is_empty(), "{} without details", e.code);
            }
            if e.code == code::VALIDATION_FAILED {
                for d in &e.details {
                    prop_assert!(is_json_pointer(&d.path), "detail path {:?} is not a JSON pointer", d.path);
                }
            }
        }
    }
    Ok(())
}

/// `validate`'s answer for `body` against `columns` in `mode`.
fn check_validation(
    columns: &'static [Column],
    mode: Mode,
    body: &Json,
    result: &Result<validate::Validated, Vec<FieldError>>,
) -> Result<(), TestCaseError> {
    match (result, body.as_object()) {
        (Ok(_), None) => prop_assert!(false, "a non-object body passed"),
        (Err(errors), None) => {
            prop_assert_eq!(errors.len(), 1);
            prop_assert_eq!((errors[0].path.as_str(), errors[0].code), ("", "invalid_type"));
        }
        (Ok(valid), Some(object)) => {
            // Every key is a column the client may set in this mode; every entry comes from a key.
            for key in object.keys() {
                let column = columns.iter().find(|c| c.field == key);
                prop_assert!(column.is_some_and(|c| c.access != Access::Server), "{:?} accepted", key);
                prop_assert!(mode == Mode::Insert || column.is_some_and(|c| c.access == Access::Write));
            }
            for entry in &valid.entries {
                prop_assert!(object.contains_key(entry.column.field));
                prop_assert!(columns.iter().any(|c| std::ptr::eq(c, entry.column)));
            }
            if mode == Mode::Insert {
                for c in columns.iter().filter(|c| c.access != Access::Server && c.required_on_insert()) {
                    prop_assert!(object.contains_key(c.field), "required {} missing but accepted", c.field);
                }
            }
        }
        (Err(errors), Some(object)) => {
            prop_assert!(!errors.is_empty());
            for e in errors {
                prop_assert!(FIELD_CODES.contains(&e.code) && !e.code.is_empty(), "code {:?}", e.code);
                prop_assert!(!e.message.is_empty());
                prop_assert!(is_json_pointer(&e.path), "path {:?} is not a JSON pointer", e.path);
                prop_assert!(!e.path.is_empty(), "an object body got a whole-body error: {:?}", e);
                let field = first_segment(&e.path);
                prop_assert!(
                    object.contains_key(&field) || columns.iter().any(|c| c.field == field),
                    "error path {:?} names neither a key of the body nor a column",
                    e.path
                );
            }
        }
    }
    Ok(())
}

// ───────────────────────────── generators: strings and JSON ─────────────────────────────

/// Strings the schema cares about: enum values, timestamps, e-mails, clock times, key names.
fn interesting_string() -> BoxedStrategy<String> {
    let enum_values: Vec<&'static str> = [
        enums::CHANNEL_TYPES,
        enums::CONVERSATION_STATUSES,
        enums::MESSAGE_ROLES,
        enums::USER_ROLES,
        enums::TENANT_STATUSES,
        enums::TONES,
        enums::FEATURE_FLAG_NAMES,
        enums::DECISION_TYPES,
    ]
    .concat();
    prop_oneof![
        3 => select(enum_values).prop_map(String::from),
        2 => timestamp_like(),
        1 => "[a-z]{1,8}@[a-z]{1,8}(\\.[a-z]{2,3})?",
        1 => "[0-9]{1,3}:[0-9]{1,3}",
        1 => "[A-Z0-9_]{1,70}",
        1 => "[a-z]{0,4}",
        // Around the length limits of externalId (256) and content (4000).
        1 => select(vec![255usize, 256, 257, 4000, 4001]).prop_map(|n| "x".repeat(n)),
    ]
    .boxed()
}

/// Text shaped like an ISO 8601 timestamp, valid or nearly so.
fn timestamp_like() -> BoxedStrategy<String> {
    // The ends of the year range and of the year, where offsets cross into the next instant.
    let date = prop_oneof![
        "[0-9]{4}-[0-1][0-9]-[0-3][0-9]",
        "(0001-01-0[1-2]|9999-12-3[01]|0000-01-01|[0-9]{4}-(02-2[89]|12-31|01-01))",
    ];
    let rest = "([Tt ][0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{0,10})?([Zz]|[+-][0-2][0-9]:?[0-6][0-9])?)?";
    (date, rest).prop_map(|(date, rest)| date + &rest).boxed()
}

/// JSON scalars, including the numbers at the edges of the schema's ranges.
fn json_leaf() -> BoxedStrategy<Json> {
    let edges = [
        0.0,
        -0.0,
        0.5,
        -1.0,
        1e300,
        -1e300,
        2_147_483_647.0,
        2_147_483_648.0,
        -2_147_483_649.0,
        8_388_607.5,
        f64::MIN_POSITIVE,
        9_007_199_254_740_993.0,
    ];
    prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        any::<f64>().prop_map(Json::from),
        select(edges.to_vec()).prop_map(Json::from),
        any::<String>().prop_map(Json::String),
        interesting_string().prop_map(Json::String),
    ]
    .boxed()
}

/// Object keys: mostly real field names, some arbitrary.
fn json_key() -> BoxedStrategy<String> {
    prop_oneof![3 => select(FIELDS.clone()).prop_map(String::from), 1 => any::<String>()].boxed()
}

/// Arbitrary JSON values: nested arrays and objects (up to 8 levels) of [`json_leaf`]s.
fn json_value() -> BoxedStrategy<Json> {
    json_leaf()
        .prop_recursive(8, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
                prop::collection::vec((json_key(), inner), 0..6)
                    .prop_map(|members| Json::Object(members.into_iter().collect())),
            ]
        })
        .boxed()
}

/// A JSON value nested `depth` levels deep, as arrays or objects.
fn nested(depth: usize, objects: bool) -> Json {
    (0..depth).fold(Json::from(1), |inner, _| {
        if objects { Json::Object(Map::from_iter([("a".to_string(), inner)])) } else { Json::Array(vec![inner]) }
    })
}

/// Values for a body field: scalars, arbitrary JSON, message attachments, deep nesting.
fn field_value() -> BoxedStrategy<Json> {
    prop_oneof![
        4 => json_leaf(),
        2 => json_value(),
        2 => attachments(),
        1 => (0usize..48, any::<bool>()).prop_map(|(depth, objects)| nested(depth, objects)),
    ]
    .boxed()
}

/// Message attachments, valid or not: `{type, url, metadata?}` items with changes.
fn attachments() -> BoxedStrategy<Json> {
    let item = (
        prop::option::of(prop_oneof![Just(Json::from("image")), json_leaf()]),
        prop::option::of(prop_oneof![Just(Json::from("https://cdn.example/p.jpg")), json_leaf()]),
        prop::option::of(prop_oneof![Just(Json::Object(Map::new())), json_leaf()]),
        prop::option::of((json_key(), json_leaf())),
    )
        .prop_map(|(ty, url, metadata, extra)| {
            let mut item = Map::new();
            let members = [("type".to_string(), ty), ("url".to_string(), url), ("metadata".to_string(), metadata)];
            for (k, v) in members.into_iter().chain(extra.map(|(k, v)| (k, Some(v)))) {
                if let Some(v) = v {
                    item.insert(k, v);
                }
            }
            Json::Object(item)
        });
    prop::collection::vec(item, 0..13).prop_map(Json::Array).boxed()
}

/// An object of some table's own fields (index into [`TABLES`], the object).
fn table_object() -> BoxedStrategy<(usize, Json)> {
    (0..TABLES.len())
        .prop_flat_map(|i| {
            let fields: Vec<&'static str> = TABLES[i].columns.iter().map(|c| c.field).collect();
            (Just(i), prop::collection::vec((select(fields), field_value()), 0..10))
        })
        .prop_map(|(i, members)| (i, Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())))
        .boxed()
}

/// A valid inbound-message body (`POST /v1/tenants/{tenantId}/inbound-messages`).
fn valid_inbound() -> Map<String, Json> {
    let json = serde_json::json!({
        "channel": "telegram",
        "externalId": "42",
        "name": "Ivan",
        "content": "Need a gearbox",
        "attachments": [{"type": "image", "url": "https://cdn.example/p.jpg", "metadata": {"w": 1}}],
        "metadata": {"messageId": 17},
    });
    match json {
        Json::Object(map) => map,
        _ => unreachable!("an object literal"),
    }
}

/// Valid inbound-message bodies with fields removed, replaced or added, then maybe a byte
/// changed or the text cut short.
fn inbound_body() -> BoxedStrategy<Vec<u8>> {
    let edits = prop::collection::vec((json_key(), prop::option::of(field_value())), 0..4);
    let bytes = prop::option::weighted(0.3, (any::<Index>(), any::<u8>(), any::<bool>()));
    (edits, bytes)
        .prop_map(|(edits, byte_edit)| {
            let mut body = valid_inbound();
            for (key, value) in edits {
                match value {
                    Some(v) => body.insert(key, v),
                    None => body.remove(&key),
                };
            }
            let mut text = serde_json::to_vec(&Json::Object(body)).expect("serializable");
            if let Some((at, byte, cut)) = byte_edit {
                let at = at.index(text.len());
                if cut { text.truncate(at) } else { text[at] = byte }
            }
            text
        })
        .boxed()
}

/// JSON number text that `serde_json::Value` cannot hold: huge, tiny, long, odd exponents.
fn number_text() -> BoxedStrategy<String> {
    prop_oneof![
        "-?[0-9]{1,40}(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,5})?",
        select(vec!["1e400", "-1e400", "1e-400", "18446744073709551616", "-9223372036854775809", "-0", "0e0"])
            .prop_map(String::from),
    ]
    .boxed()
}

/// Request bodies: `None` stands for "longer than the limit" (the transport stopped reading).
fn body() -> BoxedStrategy<Option<Vec<u8>>> {
    prop_oneof![
        1 => Just(None),
        2 => prop::collection::vec(any::<u8>(), 0..256).prop_map(Some),
        3 => json_value().prop_map(|v| Some(serde_json::to_vec(&v).expect("serializable"))),
        6 => inbound_body().prop_map(Some),
        2 => table_object().prop_map(|(_, v)| Some(serde_json::to_vec(&v).expect("serializable"))),
        // Nesting around the gate's limit (64), balanced or not.
        1 => (0usize..150, select(vec![("[", "]"), ("{\"a\":", "}"), ("[{\"b\":", "}]"), ("[", "}")]))
            .prop_map(|(n, (open, close))| Some(format!("{}1{}", open.repeat(n), close.repeat(n)).into_bytes())),
        1 => (0usize..80).prop_map(|n| {
            let deep = serde_json::to_string(&nested(n, true)).expect("serializable");
            Some(format!(r#"{{"channel":"max","externalId":"1","content":"x","metadata":{deep}}}"#).into_bytes())
        }),
        1 => (select(FIELDS.clone()), number_text())
            .prop_map(|(field, n)| Some(format!(r#"{{"{field}":{n},"content":"x","enabled":true}}"#).into_bytes())),
        1 => (LIMIT - 40..LIMIT + 40).prop_map(|n| Some(format!(r#"{{"content":"{}"}}"#, "x".repeat(n - 14)).into_bytes())),
        1 => prop_oneof![Just(""), Just("  \n\t"), Just("null"), Just("{}"), Just("[]"), Just("\u{feff}{}")]
            .prop_map(|s| Some(s.as_bytes().to_vec())),
    ]
    .boxed()
}

/// `Content-Type` values: mostly JSON, with parameters, other cases, near misses and anything.
fn content_type() -> BoxedStrategy<Option<String>> {
    let known = vec![
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        " application/json ;",
        "application/jsonx",
        "application/json-patch+json",
        "text/plain",
        "multipart/form-data; boundary=x",
        "",
    ];
    prop_oneof![
        6 => Just(Some("application/json".to_string())),
        1 => Just(None),
        2 => select(known).prop_map(|s| Some(s.to_string())),
        1 => any::<String>().prop_map(Some),
    ]
    .boxed()
}

// ───────────────────────────── generators: methods, paths, queries ─────────────────────────────

/// Methods: the five the API uses, others, wrong case, and anything.
fn method() -> BoxedStrategy<String> {
    prop_oneof![
        6 => select(vec!["GET", "POST", "PUT", "PATCH", "DELETE"]).prop_map(String::from),
        1 => select(vec!["HEAD", "OPTIONS", "get", "Post", "BREW", "", " GET", "GET\0"]).prop_map(String::from),
        1 => any::<String>(),
    ]
    .boxed()
}

/// A value for a path parameter: real tenants, ids, flag names, and every kind of bad segment.
fn segment() -> BoxedStrategy<String> {
    let odd = vec!["..", ".", "%2e%2e", "%2F", "lookup", "channel-counts", "a%20b", "%", "%zz", "\0", "é", "a b"];
    prop_oneof![
        4 => select(TENANTS).prop_map(String::from),
        4 => "[A-Za-z0-9_-]{1,64}",
        2 => select(enums::FEATURE_FLAG_NAMES).prop_map(String::from),
        1 => Just(String::new()),
        1 => select(odd).prop_map(String::from),
        1 => "[A-Za-z0-9_-]{65,300}",
        1 => "[^/]{1,20}",
        1 => "(%[0-9A-Fa-f]{2}|%[^/]{0,2}|[a-z]){1,10}",
    ]
    .boxed()
}

/// How a path built from a template is bent: (kind, where, extra segment).
type PathEdit = (u8, Index, String);

/// A route template with its parameters filled by `values`, then maybe bent by `edit`.
fn fill(template: &str, values: &[String], edit: Option<&PathEdit>) -> String {
    let mut values = values.iter();
    let mut segments: Vec<String> = template
        .split('/')
        .skip(1)
        .map(|s| if s.starts_with('{') { values.next().cloned().unwrap_or_default() } else { s.to_string() })
        .collect();
    let mut leading = "/";
    if let Some((kind, at, extra)) = edit {
        let at = at.index(segments.len() + 1);
        match kind % 7 {
            0 => segments.push(String::new()),       // trailing slash
            1 => segments.insert(at, extra.clone()), // extra segment
            2 => segments.insert(at, String::new()), // double slash
            3 => {
                segments.truncate(at); // cut short
            }
            4 => segments.insert(at, "..".into()),
            5 => segments.extend(std::iter::repeat_n("a".to_string(), 1 + at * 500)), // very long
            _ => leading = "",                                                        // no leading slash
        }
    }
    format!("{leading}{}", segments.join("/"))
}

/// Paths built from the real route templates, mostly intact, sometimes bent.
fn template_path() -> BoxedStrategy<String> {
    let edit = (any::<u8>(), any::<Index>(), segment());
    (0..all().len(), prop::collection::vec(segment(), 4), prop::option::weighted(0.3, edit))
        .prop_map(|(i, values, edit)| fill(all()[i].path, &values, edit.as_ref()))
        .boxed()
}

/// Paths: mostly from route templates, else arbitrary text or API-like segments.
fn path() -> BoxedStrategy<String> {
    prop_oneof![
        4 => template_path(),
        1 => any::<String>(),
        1 => "/[ -~]{0,60}",
        1 => "(/(v1|tenants|platform|customers|t1|lookup|messages|feature-flags|[a-z0-9{}.%-]{0,8})){0,10}/?",
    ]
    .boxed()
}

/// Query strings: absent, arbitrary, or `key=value` pairs with real parameter names, values of
/// every kind, bad percent-escapes and repeats.
fn query(names: Vec<&'static str>) -> BoxedStrategy<Option<String>> {
    let names = if names.is_empty() { PARAMS.clone() } else { names };
    let key = prop_oneof![
        4 => select(names).prop_map(String::from),
        1 => select(PARAMS.clone()).prop_map(String::from),
        1 => "[a-zA-Z%+]{0,8}",
        1 => any::<String>(),
    ];
    let value = prop_oneof![
        3 => "-?[0-9]{1,25}",
        3 => select([enums::CHANNEL_TYPES, enums::CONVERSATION_STATUSES].concat()).prop_map(String::from),
        3 => "[A-Za-z0-9_-]{0,70}",
        1 => "(%[0-9A-Fa-f]{2}){0,6}",
        1 => "%[G-Zg-z0-9]?",
        1 => "[+ %&=]{0,4}",
        1 => any::<String>(),
    ];
    let pair = (key, prop::option::of(value)).prop_map(|(k, v)| match v {
        Some(v) => format!("{k}={v}"),
        None => k,
    });
    prop_oneof![
        2 => Just(None),
        4 => prop::collection::vec(pair, 0..5).prop_map(|pairs| Some(pairs.join("&"))),
        1 => any::<String>().prop_map(Some),
    ]
    .boxed()
}

// ───────────────────────────── generators: tokens ─────────────────────────────

/// Unpadded base64url (RFC 4648 §5), for tokens built by hand.
fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let acc = chunk.iter().fold(0_u32, |acc, &b| (acc << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((acc >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// A compact JWT of any header and payload bytes, correctly signed with [`SECRET`], so that the
/// verifier gets past the signature to its header and claim parsers.
fn forge(header: &[u8], payload: &[u8]) -> String {
    let mut token = format!("{}.{}", b64(header), b64(payload));
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("HMAC takes any key");
    mac.update(token.as_bytes());
    token.push('.');
    token.push_str(&b64(&mac.finalize().into_bytes()));
    token
}

/// JSON text of a JOSE header or a claims object: mostly the real members with any values,
/// sometimes anything; then maybe a member whose string holds raw bytes (any but `"`, `\\` and
/// controls, so possibly not UTF-8) or one byte changed anywhere.
fn jose_text(names: &'static [&'static str], base: Json) -> BoxedStrategy<Vec<u8>> {
    let name = || prop_oneof![4 => select(names).prop_map(String::from), 1 => json_key()];
    let members = prop::collection::vec((name(), prop_oneof![3 => json_leaf(), 1 => json_value()]), 0..4);
    let object = members.prop_map(move |members| {
        let mut object = base.as_object().cloned().unwrap_or_default();
        object.extend(members);
        Json::Object(object).to_string().into_bytes()
    });
    let text = prop_oneof![6 => object, 1 => json_value().prop_map(|v| v.to_string().into_bytes())];
    let raw =
        prop::collection::vec(any::<u8>().prop_filter("string byte", |b| *b >= 0x20 && !b"\"\\".contains(b)), 0..6);
    let edit = prop_oneof![
        2 => (name(), raw).prop_map(|(name, raw)| (None, Some((name, raw)))),
        1 => (any::<Index>(), any::<u8>()).prop_map(|edit| (Some(edit), None)),
    ];
    (text, prop::option::weighted(0.3, edit))
        .prop_map(|(mut text, edit)| {
            match edit {
                Some((Some((at, byte)), _)) if !text.is_empty() => {
                    let at = at.index(text.len());
                    text[at] = byte;
                }
                Some((_, Some((name, raw)))) if text.len() > 2 && text.ends_with(b"}") => {
                    text.pop();
                    text.extend_from_slice(format!(",{}:\"", Json::from(name)).as_bytes());
                    text.extend_from_slice(&raw);
                    text.extend_from_slice(b"\"}");
                }
                _ => {}
            }
            text
        })
        .boxed()
}

/// The JSON value of an accepted token's header or payload: it must be JSON. `None` for valid
/// JSON that `serde_json::Value` cannot hold: a number beyond `f64` in a member the verifier
/// skips (RFC 8259 allows any number; the fuzzer found one).
fn accepted_json(text: &[u8]) -> Result<Option<Json>, TestCaseError> {
    match serde_json::from_slice(text) {
        Ok(json) => Ok(Some(json)),
        Err(e) if e.to_string().starts_with("number out of range") => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("an accepted token's JSON does not parse: {e}"))),
    }
}

/// Claims for real tokens: mostly sensible, with arbitrary subjects, tenants, expiries.
fn claims() -> BoxedStrategy<Claims> {
    let tenant = prop_oneof![
        6 => select(TENANTS).prop_map(|t| Some(t.to_string())),
        2 => Just(None),
        1 => any::<String>().prop_map(Some),
    ];
    let exp = prop_oneof![6 => NOW - 60..NOW + 86_400, 1 => any::<i64>()];
    let nbf = prop::option::weighted(0.2, prop_oneof![NOW - 100..NOW + 100, any::<i64>()]);
    let aud = prop::collection::vec(any::<String>(), 0..3);
    (prop_oneof![4 => Just("user-1".to_string()), 1 => any::<String>()], tenant, select(Role::ALL.to_vec()), exp, nbf)
        .prop_flat_map(move |parts| (Just(parts), prop::option::of(any::<i64>()), aud.clone()))
        .prop_map(|((sub, tenant_id, role, exp, nbf), iat, aud)| Claims { sub, tenant_id, role, exp, nbf, iat, aud })
        .boxed()
}

/// A compact JWT of `claims`: signed with our key, another secret, or under a key id.
fn signed(claims: &Claims, signer: u8) -> String {
    match signer % 8 {
        0 => sign(claims, keys(OTHER_SECRET).signing_key()),
        1 => sign(claims, keys(&format!("k1:{SECRET}")).signing_key()),
        _ => sign(claims, keys(SECRET).signing_key()),
    }
}

/// A real token with one byte replaced, one deleted, one inserted, or the tail cut off.
fn tampered_token() -> BoxedStrategy<String> {
    let ascii = prop_oneof![select(b".=+/_-Aa0 \t~".to_vec()), 0x20u8..0x7f];
    (claims(), any::<Index>(), 0u8..4, ascii)
        .prop_map(|(claims, at, how, byte)| {
            let mut token = sign(&claims, keys(SECRET).signing_key()).into_bytes();
            let at = at.index(token.len());
            match how {
                0 => token[at] = byte,
                1 => {
                    token.remove(at);
                }
                2 => token.insert(at, byte),
                _ => token.truncate(at),
            }
            String::from_utf8(token).expect("ASCII in, ASCII out")
        })
        .boxed()
}

/// Three base64url parts of the right kinds of content, with a random signature.
fn structured_token() -> BoxedStrategy<String> {
    let header = prop_oneof![
        3 => select(vec![
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":"HS256","kid":"k1"}"#,
            r#"{"alg":"HS256","crit":["x"]}"#,
            r#"{"alg":"HS256","alg":"HS256"}"#,
            r#"{"alg":"RS256"}"#,
        ])
        .prop_map(String::from),
        1 => json_value().prop_map(|v| v.to_string()),
        1 => any::<String>(),
    ];
    let payload = prop_oneof![
        2 => claims().prop_map(|c| {
            let signed = sign(&c, keys(SECRET).signing_key());
            signed.split('.').nth(1).map(str::to_string).unwrap_or_default()
        }),
        1 => json_value().prop_map(|v| b64(v.to_string().as_bytes())),
        1 => "[A-Za-z0-9_-]{0,60}",
    ];
    let signature =
        prop_oneof![3 => prop::collection::vec(any::<u8>(), 32).prop_map(|s| b64(&s)), 1 => "[A-Za-z0-9_=+/-]{0,50}"];
    (header, payload, signature).prop_map(|(h, p, s)| format!("{}.{p}.{s}", b64(h.as_bytes()))).boxed()
}

/// `Authorization` header values.
fn authorization() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        1 => Just(None),
        1 => any::<String>().prop_map(Some),
        1 => any::<String>().prop_map(|s| Some(format!("Bearer {s}"))),
        1 => ("[Bb][Ee][Aa][Rr][Ee][Rr]", "[ \t]{0,3}", "[A-Za-z0-9._-]{0,20}")
            .prop_map(|(scheme, space, token)| Some(format!("{scheme}{space}{token}"))),
        2 => structured_token().prop_map(|t| Some(format!("Bearer {t}"))),
        3 => tampered_token().prop_map(|t| Some(format!("Bearer {t}"))),
        8 => (claims(), any::<u8>()).prop_map(|(c, signer)| Some(format!("Bearer {}", signed(&c, signer)))),
    ]
    .boxed()
}

// ───────────────────────────── generators: whole requests ─────────────────────────────

/// An owned request, shown on failure.
#[derive(Debug, Clone)]
struct Req {
    method: String,
    path: String,
    query: Option<String>,
    authorization: Option<String>,
    content_type: Option<String>,
    /// `None`: longer than the limit.
    body: Option<Vec<u8>>,
}

impl Req {
    fn as_request(&self) -> Request<'_> {
        Request {
            method: &self.method,
            path: &self.path,
            query: self.query.as_deref(),
            authorization: self.authorization.as_deref(),
            content_type: self.content_type.as_deref(),
            body: match &self.body {
                Some(bytes) => RequestBody::Bytes(bytes),
                None => RequestBody::TooLarge,
            },
        }
    }
}

/// Every part drawn independently: most of these stop at routing or authentication.
fn arbitrary_request() -> BoxedStrategy<Req> {
    (method(), path(), query(vec![]), authorization(), content_type(), body())
        .prop_map(|(method, path, query, authorization, content_type, body)| Req {
            method,
            path,
            query,
            authorization,
            content_type,
            body,
        })
        .boxed()
}

/// Roles a token for `route` mostly has: ones that pass its scope and access checks.
fn fitting_roles(route: &Route) -> Vec<Role> {
    let roles: Vec<Role> = route.roles.iter().collect();
    if roles.is_empty() { Role::ALL.to_vec() } else { roles }
}

/// Body field objects for `columns`: mostly the fields a client may set, with any values.
fn schema_object(columns: &'static [Column]) -> BoxedStrategy<Vec<u8>> {
    let settable: Vec<&'static str> = columns.iter().filter(|c| c.access != Access::Server).map(|c| c.field).collect();
    let all: Vec<&'static str> = columns.iter().map(|c| c.field).collect();
    let key = prop_oneof![6 => select(settable).prop_map(String::from), 1 => select(all).prop_map(String::from), 1 => json_key()];
    prop::collection::vec((key, field_value()), 0..6)
        .prop_map(|members| serde_json::to_vec(&Json::Object(members.into_iter().collect())).expect("serializable"))
        .boxed()
}

/// Requests aimed at one real route: mostly its method, its path with good ids (the tenant the
/// token is for), a valid token with a role that may call it, its own query parameters and a
/// body for its schema. These get past routing and auth to the query and body checks.
fn route_request() -> BoxedStrategy<Req> {
    (0..all().len(), select(TENANTS))
        .prop_flat_map(|(i, tenant)| {
            let route: &'static Route = all()[i];
            let names: Vec<&'static str> = route.query.iter().map(|p| p.name).collect();
            let method = prop_oneof![8 => Just(route.method.as_str().to_string()), 1 => method()];
            let tenant_segment = prop_oneof![8 => Just(tenant.to_string()), 1 => segment()];
            let id = prop_oneof![4 => "[A-Za-z0-9_-]{1,64}", 1 => segment()];
            let flag = prop_oneof![6 => select(enums::FEATURE_FLAG_NAMES).prop_map(String::from), 1 => segment()];
            let values = (tenant_segment, prop::collection::vec(id, 2), flag).prop_map(move |(tenant, ids, flag)| {
                let mut ids = ids.into_iter();
                let names = route.path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'));
                names
                    .map(|name| match name {
                        "tenantId" => tenant.clone(),
                        "flagName" => flag.clone(),
                        _ => ids.next().unwrap_or_default(),
                    })
                    .collect::<Vec<String>>()
            });
            let edit = prop::option::weighted(0.05, (any::<u8>(), any::<Index>(), segment()));
            let path = (values, edit).prop_map(move |(values, edit)| fill(route.path, &values, edit.as_ref()));
            let fitting = (select(fitting_roles(route)), prop_oneof![4 => NOW..NOW + 3600, 1 => NOW - 3600..NOW])
                .prop_map(move |(role, exp)| {
                    let tenant_id = (!role.crosses_tenants()).then(|| tenant.to_string());
                    let claims = Claims { role, exp, tenant_id, ..claims_for(tenant, role) };
                    Some(format!("Bearer {}", signed(&claims, 2)))
                });
            let auth = prop_oneof![
                8 => fitting,
                2 => (claims(), Just(2u8)).prop_map(|(c, s)| Some(format!("Bearer {}", signed(&c, s)))),
                1 => authorization(),
            ];
            let query =
                if names.is_empty() { prop_oneof![8 => Just(None), 1 => query(names)].boxed() } else { query(names) };
            let body = match route.body {
                route::Body::None => body(),
                route::Body::Insert(table) | route::Body::Patch(table) => {
                    prop_oneof![4 => schema_object(table.columns).prop_map(Some), 1 => body()].boxed()
                }
                route::Body::Custom(schema) if std::ptr::eq(schema, &INBOUND_MESSAGE) => {
                    prop_oneof![4 => inbound_body().prop_map(Some), 1 => body()].boxed()
                }
                route::Body::Custom(schema) => {
                    prop_oneof![4 => schema_object(schema.fields).prop_map(Some), 1 => body()].boxed()
                }
                route::Body::Array(schema) => {
                    let items = prop::collection::vec(schema_object(schema.fields), 0..4).prop_map(|items| {
                        let mut out = b"[".to_vec();
                        out.extend(items.join(&b","[..]));
                        out.push(b']');
                        Some(out)
                    });
                    prop_oneof![4 => items, 1 => body()].boxed()
                }
            };
            (method, path, query, auth, content_type(), body)
        })
        .prop_map(|(method, path, query, authorization, content_type, body)| Req {
            method,
            path,
            query,
            authorization,
            content_type,
            body,
        })
        .boxed()
}

// ───────────────────────────── properties: the gate ─────────────────────────────

proptest! {
    #![proptest_config(config())]

    /// Arbitrary requests: the gate never panics, and every refusal is a documented error
    /// rendered as the documented JSON (for any request id, control characters included).
    #[test]
    fn the_gate_is_total_on_arbitrary_requests(req in arbitrary_request(), id in any::<String>()) {
        let request = req.as_request();
        check_gate(&GATE.admit(&request, NOW), &request, &id)?;
    }

    /// Requests aimed at real routes with real tokens get past routing and auth; the query
    /// and body checks behind them hold the same invariants, at any clock value.
    #[test]
    fn the_gate_is_total_on_requests_for_real_routes(
        req in route_request(),
        id in "[a-f0-9-]{0,36}",
        now in prop_oneof![8 => Just(NOW), 1 => any::<i64>()],
    ) {
        let request = req.as_request();
        check_gate(&GATE.admit(&request, now), &request, &id)?;
    }

    /// Inbound-message bodies (W2): any mutation of a valid body gives the 201 path's
    /// validated body or a 400/413/415/422, never anything else; an admitted body has the
    /// required fields. The same bytes always get the same answer.
    #[test]
    fn inbound_message_bodies(body in inbound_body(), content_type in content_type()) {
        let auth = format!("Bearer {}", signed(&claims_for("t1", Role::Operator), 2));
        let req = Req {
            method: "POST".into(),
            path: "/v1/tenants/t1/inbound-messages".into(),
            query: None,
            authorization: Some(auth),
            content_type,
            body: Some(body),
        };
        let request = req.as_request();
        let result = GATE.admit(&request, NOW);
        check_gate(&result, &request, "req-1")?;
        match &result {
            Ok(admitted) => {
                let body = admitted.body.as_ref().expect("a body route");
                for field in ["channel", "external_id", "content"] {
                    prop_assert!(body.text(field).is_some(), "{} missing from an admitted body", field);
                }
            }
            Err(e) => prop_assert!([400, 413, 415, 422].contains(&e.status), "{}", e),
        }
        prop_assert_eq!(GATE.admit(&request, NOW).map(|a| a.body), result.map(|a| a.body));
    }
}

/// Valid claims for `tenant` and `role`, expiring in an hour.
fn claims_for(tenant: &str, role: Role) -> Claims {
    Claims {
        sub: "user-1".into(),
        tenant_id: Some(tenant.into()),
        role,
        exp: NOW + 3600,
        nbf: None,
        iat: Some(NOW),
        aud: vec![],
    }
}

/// The request generators are not degenerate: over a fixed-seed sample they reach every stage
/// of the gate — each of its refusals and admission — so the properties above test all of it.
#[test]
fn the_request_generators_reach_every_stage_of_the_gate() {
    let mut runner = TestRunner::deterministic();
    let mut seen: Vec<&'static str> = Vec::new();
    for strategy in [arbitrary_request(), route_request()] {
        // Routes are drawn uniformly, so the sample grows with the route table (400 stopped
        // reaching malformed_json as the table grew).
        for _ in 0..1000 {
            let req = strategy.new_tree(&mut runner).expect("a value").current();
            let outcome = match GATE.admit(&req.as_request(), NOW) {
                Ok(_) => "admitted",
                Err(e) => e.code,
            };
            if !seen.contains(&outcome) {
                seen.push(outcome);
            }
        }
    }
    for expected in GATE_CODES.iter().copied().chain(["admitted"]) {
        assert!(seen.contains(&expected), "no generated request ended in {expected}; seen {seen:?}");
    }
}

// ───────────────────────────── properties: router ─────────────────────────────

proptest! {
    #![proptest_config(config())]

    /// `resolve` on any method and path: no panic; a match is the method's route and the
    /// path has the template's shape with ids in the parameters; a miss is 400, 404 or 405.
    #[test]
    fn resolve_is_total_and_matches_templates(method in method(), path in path()) {
        match router::resolve(&method, &path) {
            Ok(matched) => {
                prop_assert_eq!(matched.route.method.as_str(), method.as_str());
                let template: Vec<&str> = matched.route.path.split('/').collect();
                let given: Vec<&str> = path.split('/').collect();
                prop_assert_eq!(template.len(), given.len(), "{} matched {}", path, matched.route.path);
                for (t, g) in template.iter().zip(&given) {
                    match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                        Some(name) => {
                            prop_assert_eq!(matched.params.get(name), Some(*g));
                            prop_assert!(route::is_id(g));
                        }
                        None => prop_assert_eq!(t, g),
                    }
                }
            }
            Err(e) => {
                check_error(&e, "r")?;
                prop_assert!([400, 404, 405].contains(&e.status), "{}", e);
            }
        }
    }

    /// Every route's own template, filled with ids that cannot be mistaken for a literal
    /// segment, resolves to exactly that route with exactly those parameters.
    #[test]
    fn filled_templates_resolve_to_their_route(i in 0..all().len(), ids in prop::collection::vec("[0-9][A-Za-z0-9_-]{0,63}", 4)) {
        let route: &'static Route = all()[i];
        // Parameters of a declared kind (a flag name) get a value of that kind.
        let ids: Vec<String> = route.path_params().zip(ids).map(|(name, id)| match route.path_kind(name) {
            route::ParamKind::OneOf(values) => values[id.len() % values.len()].to_string(),
            _ => id,
        }).collect();
        let path = fill(route.path, &ids, None);
        let matched = router::resolve(route.method.as_str(), &path).map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
        prop_assert!(std::ptr::eq(matched.route, route), "{} resolved to {}", path, matched.route.path);
        let names: Vec<&str> = route.path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect();
        for (name, id) in names.iter().zip(&ids) {
            prop_assert_eq!(matched.params.get(name), Some(id.as_str()));
        }
    }

    /// `parse_query` against every route: no panic, and a refusal is a 400 `invalid_parameter`
    /// naming each bad parameter.
    #[test]
    fn parse_query_is_total(raw in query(vec![])) {
        for route in all() {
            if let Err(e) = query::parse_query(route, raw.as_deref()) {
                check_error(&e, "r")?;
                prop_assert_eq!(e.code, code::INVALID_PARAMETER);
                prop_assert!(!e.details.is_empty());
            }
        }
    }
}

// ───────────────────────────── properties: percent-decoding ─────────────────────────────

/// Percent-encodes every byte of `s` that is not unreserved, with the given hex case; spaces
/// become `+` when `plus` (form encoding).
fn percent_encode(s: &str, upper: bool, plus: bool) -> String {
    s.bytes()
        .map(|b| match b {
            b' ' if plus => "+".to_string(),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ if upper => format!("%{b:02X}"),
            _ => format!("%{b:02x}"),
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// No panic on any input; text without `%` or `+` is returned as it is.
    #[test]
    fn percent_decode_is_total(s in any::<String>()) {
        let decoded = query::percent_decode(&s);
        if !s.contains(['%', '+']) {
            prop_assert_eq!(decoded.as_deref(), Some(s.as_str()));
        }
    }

    /// Decoding undoes encoding, for any text, either hex case, `+` or `%20` for spaces.
    #[test]
    fn percent_decode_round_trips(s in any::<String>(), upper in any::<bool>(), plus in any::<bool>()) {
        prop_assert_eq!(query::percent_decode(&percent_encode(&s, upper, plus)), Some(s));
    }

    /// Escaped bytes decode to text exactly when they are UTF-8.
    #[test]
    fn percent_decode_accepts_exactly_utf8(bytes in prop::collection::vec(any::<u8>(), 0..24)) {
        let escaped: String = bytes.iter().map(|b| format!("%{b:02X}")).collect();
        prop_assert_eq!(query::percent_decode(&escaped), String::from_utf8(bytes).ok());
    }

    /// A `%` not followed by two hex digits makes the whole value invalid.
    #[test]
    fn percent_decode_rejects_bad_escapes(prefix in "[a-z%0-9]{0,6}", bad in "(|[g-zG-Z%]|[0-9a-f][g-z]|[g-z][0-9a-f])") {
        let s = format!("{}%{bad}", percent_encode(&prefix, true, false));
        prop_assert_eq!(query::percent_decode(&s), None, "{}", s);
    }
}

// ───────────────────────────── properties: tokens ─────────────────────────────

proptest! {
    #![proptest_config(config())]

    /// `Verifier::verify` on any header at any time: no panic, and a refusal is a 401 with one
    /// of the three token codes.
    #[test]
    fn verify_is_total(header in authorization(), now in prop_oneof![4 => Just(NOW), 1 => any::<i64>()]) {
        if let Err(e) = GATE.verifier.verify(header.as_deref(), now) {
            check_error(&e, "r")?;
            prop_assert_eq!(e.status, 401);
            prop_assert!([code::MISSING_TOKEN, code::INVALID_TOKEN, code::EXPIRED_TOKEN].contains(&e.code));
        }
    }

    /// A token we signed verifies to exactly its claims whenever they are valid at `now`, and
    /// changing any one byte of it makes it invalid.
    #[test]
    fn signed_tokens_verify_and_any_change_breaks_them(claims in claims(), at in any::<Index>(), byte in 0x21u8..0x7f) {
        let token = sign(&claims, keys(SECRET).signing_key());
        let valid_now = !claims.sub.is_empty()
            && claims.tenant_id.as_deref() != Some("")
            && NOW <= claims.exp.saturating_add(30)
            && claims.nbf.is_none_or(|nbf| nbf <= NOW + 30);
        match GATE.verifier.verify_token(&token, NOW) {
            Ok(verified) => {
                prop_assert!(valid_now, "accepted {:?}", claims);
                prop_assert_eq!(verified, claims);
            }
            Err(e) => prop_assert!(!valid_now, "refused {:?}: {}", claims, e),
        }
        let mut changed = token.clone().into_bytes();
        let at = at.index(changed.len());
        prop_assume!(changed[at] != byte);
        changed[at] = byte;
        let changed = String::from_utf8(changed).expect("ASCII");
        prop_assert!(GATE.verifier.verify_token(&changed, NOW).is_err(), "{} accepted", changed);
    }
}

proptest! {
    #![proptest_config(config())]

    /// Correctly signed tokens with any header and payload: no panic; a refusal is a 401; an
    /// accepted token has a header that says HS256 and claims that are what `serde_json` reads
    /// from the same payload (so the hand-written parsers agree with a standard one).
    ///
    /// Known bug (regression `tokens_with_non_utf8_json_are_refused` below): members the
    /// parsers skip are not checked to be UTF-8, so a header or payload that is not JSON can
    /// be accepted. Until that is fixed such texts are not compared here.
    #[test]
    fn signed_headers_and_claims_are_parsed_strictly(
        header in jose_text(&["alg", "kid", "typ", "crit"], serde_json::json!({"alg": "HS256"})),
        payload in jose_text(
            &["sub", "tenant_id", "role", "exp", "nbf", "iat", "aud"],
            serde_json::json!({"sub": "u", "role": "owner", "exp": NOW + 60}),
        ),
    ) {
        let result = GATE.verifier.verify_token(&forge(&header, &payload), NOW);
        let claims = match result {
            Err(e) => {
                check_error(&e, "r")?;
                prop_assert_eq!(e.status, 401);
                return Ok(());
            }
            Ok(claims) => claims,
        };
        prop_assert!(!claims.sub.is_empty() && claims.tenant_id.as_deref() != Some(""));
        prop_assert!(NOW <= claims.exp.saturating_add(30), "expired claims accepted: {:?}", claims);
        // Accepted means UTF-8 JSON all through (regression `tokens_with_non_utf8_json_are_refused`).
        prop_assert!(std::str::from_utf8(&header).is_ok() && std::str::from_utf8(&payload).is_ok());
        let (Some(header), Some(payload)) = (accepted_json(&header)?, accepted_json(&payload)?) else { return Ok(()) };
        prop_assert_eq!(header.get("alg").and_then(Json::as_str), Some("HS256"));
        prop_assert_eq!(payload.get("sub").and_then(Json::as_str), Some(claims.sub.as_str()));
        prop_assert_eq!(payload.get("role").and_then(Json::as_str), Some(claims.role.as_str()));
        prop_assert_eq!(payload.get("tenant_id").and_then(Json::as_str), claims.tenant_id.as_deref());
        if let Some(exp) = payload.get("exp").and_then(Json::as_i64) {
            prop_assert_eq!(exp, claims.exp);
        }
    }
}

// ───────────────────────────── properties: timestamps ─────────────────────────────

/// The instant `t` truncated to whole milliseconds, toward the past (what `to_iso8601` keeps).
fn millis(t: Timestamp) -> Timestamp {
    Timestamp(t.0.div_euclid(1_000) * 1_000)
}

/// Whether `t` falls in years 0001–9999 UTC, the range `Timestamp::parse` reads back.
fn in_parse_range(t: Timestamp) -> bool {
    let first = Timestamp::parse("0001-01-01T00:00:00Z").expect("valid");
    let last = Timestamp::parse("9999-12-31T23:59:59.999999Z").expect("valid");
    (first..=last).contains(&t)
}

proptest! {
    #![proptest_config(config())]

    /// `Timestamp::parse` never panics; whatever it accepts lies in years 0001–9999 UTC and
    /// renders to text that parses back to the same instant, truncated to milliseconds.
    #[test]
    fn timestamps_round_trip(s in prop_oneof![3 => timestamp_like(), 1 => any::<String>(), 1 => "[0-9T:.Z+-]{0,40}"]) {
        if let Some(t) = Timestamp::parse(&s) {
            prop_assert!(in_parse_range(t), "{} parsed to an instant outside 0001-9999", s);
            let text = t.to_iso8601();
            prop_assert_eq!(Timestamp::parse(&text), Some(millis(t)), "{} → {}", s, text);
        }
    }

    /// Valid dates and times parse to the instant their UTC rendering names, fraction truncated
    /// to milliseconds, and an offset shifts the instant by exactly that offset.
    #[test]
    fn timestamps_parse_their_fields(
        (year, month, day) in (1i64..=9999, 1i64..=12).prop_flat_map(|(y, m)| {
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            let days = match m { 2 if leap => 29, 2 => 28, 4 | 6 | 9 | 11 => 30, _ => 31 };
            (Just(y), Just(m), 1..=days)
        }),
        (hour, minute, second) in (0i64..24, 0i64..60, 0i64..60),
        fraction in "[0-9]{0,9}",
        (sign, oh, om, colon) in (any::<bool>(), 0i64..24, 0i64..60, any::<bool>()),
    ) {
        let base = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}");
        let dotted = if fraction.is_empty() { String::new() } else { format!(".{fraction}") };
        let utc = Timestamp::parse(&format!("{base}{dotted}Z")).ok_or_else(|| TestCaseError::fail(format!("{base}{dotted}Z")))?;
        let ms = format!("{fraction:0<3}");
        prop_assert_eq!(utc.to_iso8601(), format!("{base}.{}Z", &ms[..3]));
        let offset = format!("{}{oh:02}{}{om:02}", if sign { '+' } else { '-' }, if colon { ":" } else { "" });
        let shifted = Timestamp::parse(&format!("{base}{dotted}{offset}"));
        let seconds = (oh * 60 + om) * 60 * if sign { 1 } else { -1 };
        prop_assert_eq!(shifted, Some(Timestamp(utc.0 - seconds * 1_000_000)));
    }
}

// ───────────────────────────── properties: validation and errors ─────────────────────────────

proptest! {
    #![proptest_config(config())]

    /// `validate` over arbitrary JSON against every schema the gate uses, in both modes: no
    /// panic; an accepted body sets only client-writable fields and has every required one; a
    /// refusal lists errors with documented codes and JSON-pointer paths into the body.
    #[test]
    fn validation_is_total_on_every_schema(
        body in prop_oneof![
            2 => table_object().prop_map(|(_, v)| v),
            1 => json_value(),
            1 => prop::collection::vec((json_key(), field_value()), 0..12)
                .prop_map(|members| Json::Object(members.into_iter().collect())),
        ],
    ) {
        for (name, columns) in schemas() {
            for mode in [Mode::Insert, Mode::Patch] {
                let result = validate::validate(columns, mode, &body);
                check_validation(columns, mode, &body, &result)
                    .map_err(|e| TestCaseError::fail(format!("{name} {mode:?}: {e}")))?;
            }
        }
    }

    /// `ApiError::to_json` for every kind of error, with any message, details and request id:
    /// valid JSON of the documented shape, `Allow` on 405 and `Retry-After` on 503.
    #[test]
    fn every_error_renders_as_documented(
        kind in 0u8..18,
        message in any::<String>(),
        details in prop::collection::vec(
            (any::<String>(), select(FIELD_CODES), any::<String>()).prop_map(|(p, c, m)| FieldError::new(p, c, m)),
            0..4,
        ),
        allow in prop::sample::subsequence(vec!["GET", "POST", "PUT", "PATCH", "DELETE"], 1..=5),
        number in any::<u32>(),
        id in any::<String>(),
    ) {
        let e = match kind {
            0 => ApiError::malformed_json(&message),
            1 => ApiError::invalid_parameters(details),
            2 => ApiError::validation(details),
            3 => ApiError::unauthorized(code::MISSING_TOKEN, message),
            4 => ApiError::unauthorized(code::INVALID_TOKEN, message),
            5 => ApiError::unauthorized(code::EXPIRED_TOKEN, message),
            6 => ApiError::forbidden(message),
            7 => ApiError::route_not_found(),
            8 => ApiError::not_found(&message),
            9 => ApiError::method_not_allowed(allow.join(", ")),
            10 => ApiError::conflict(details),
            11 => ApiError::reference_violation(message),
            12 => ApiError::invalid_state(message),
            13 => ApiError::payload_too_large(number as usize),
            14 => ApiError::unsupported_media_type(),
            15 => ApiError::unavailable(message, number),
            16 => ApiError::timeout(message),
            _ => ApiError::internal(),
        };
        check_error(&e, &id)?;
    }
}

// ───────────────────────────── regressions ─────────────────────────────
//
// Inputs these properties found that broke a documented promise, kept so the bugs stay fixed.

/// REGRESSION (found by `timestamps_round_trip`): `Timestamp::parse` accepted inputs whose
/// offset puts the instant before 0001-01-01 or after 9999-12-31 UTC, and then could not parse
/// its own rendering of that instant (`0000-12-31T23:00:00.000Z`, `+010000-01-01T00:59:00.000Z`):
/// a `timestamp` column would have stored a value the API renders as text it rejects. Such
/// inputs are refused now; the ends of the range still parse and round-trip.
#[test]
fn timestamp_round_trip_at_the_ends_of_the_year_range() {
    // The first input is the minimal case proptest shrank to.
    for input in ["0001-01-01t00:00:00+0001", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:00-01:00"] {
        assert_eq!(Timestamp::parse(input), None, "{input} lies outside 0001-9999 UTC");
    }
    for input in ["0001-01-01T00:00:00Z", "0001-01-01T01:00:00+01:00", "9999-12-31T23:59:59.999Z"] {
        let parsed = Timestamp::parse(input).expect("in range");
        assert_eq!(Timestamp::parse(&parsed.to_iso8601()), Some(parsed), "{input}");
    }
}

/// REGRESSION (found by the `token` fuzz target): the JOSE header and the claims
/// must be UTF-8 JSON (RFC 7515 §5.2, RFC 7519 §7.2), but `auth.rs` skipped members it does not
/// use with `IgnoredAny`, and `serde_json` skips strings without checking their UTF-8. So a
/// correctly signed token whose header or payload holds invalid UTF-8 in such a member is
/// accepted. Not exploitable without the secret; a strictness gap all the same (another JWT
/// library would refuse the same token); fixed by checking the whole JSON text is UTF-8. The fuzzer's input was the header
/// `{"alg":"HS256","typ":"J<0x98 × 22>WT"}` with payload `{"sub":"u","role":"owner","exp":1900000000}`.
#[test]
fn tokens_with_non_utf8_json_are_refused() {
    let good_header: &[u8] = br#"{"alg":"HS256"}"#;
    let good_payload = format!(r#"{{"sub":"u","role":"owner","exp":{}}}"#, NOW + 60);
    assert!(GATE.verifier.verify_token(&forge(good_header, good_payload.as_bytes()), NOW).is_ok());
    let bad_header = b"{\"alg\":\"HS256\",\"typ\":\"J\x98WT\"}";
    // The payload's unknown claim `x` holds the byte 0x98 (in place of the `?`).
    let mut bad_payload = format!(r#"{{"sub":"u","role":"owner","exp":{},"x":"?"}}"#, NOW + 60).into_bytes();
    let at = bad_payload.iter().position(|&b| b == b'?').expect("a placeholder");
    bad_payload[at] = 0x98;
    let cases = [("header", &bad_header[..], good_payload.as_bytes()), ("payload", good_header, &bad_payload[..])];
    let accepted: Vec<&str> = cases
        .into_iter()
        .filter(|(_, header, payload)| GATE.verifier.verify_token(&forge(header, payload), NOW).is_ok())
        .map(|(which, _, _)| which)
        .collect();
    assert!(accepted.is_empty(), "accepted tokens whose {accepted:?} JSON is not UTF-8");
}
