//! The request gate: everything decided about a request before it touches data.
//!
//! The edge runs it to answer bad requests itself; the server runs it again on every request
//! (it never trusts that an edge checked). Both call this one function, in this order, so both
//! give the same answer to the same bad request:
//!
//! 1. route: unknown path 404, wrong method 405, malformed path id 400;
//! 2. token (unless the route is public): 401;
//! 3. scope and role: 403;
//! 4. query parameters: 400;
//! 5. body (routes that take one): too large 413, not JSON content type 415, malformed JSON 400,
//!    schema 422.

use crate::auth::{Authenticate, Claims, Verifier};
use crate::error::ApiError;
use crate::query::{self, Query};
use crate::route::{Body, Route, Scope};
use crate::router::{self, Matched, PathParams};
use crate::validate::{self, Mode, Validated};

/// Default body limit: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;
/// `serde_json`'s own nesting limit is 128; bodies nesting deeper are malformed to us too.
const MAX_BODY_DEPTH: usize = 64;

/// A request as the gate sees it: borrowed parts, no transport types.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The method as sent (`GET`).
    pub method: &'a str,
    /// The path, without the query string.
    pub path: &'a str,
    /// The raw query string, without `?`, still percent-encoded.
    pub query: Option<&'a str>,
    /// The `Authorization` header value.
    pub authorization: Option<&'a str>,
    /// The `Content-Type` header value (checked only on routes that take a body).
    pub content_type: Option<&'a str>,
    /// The body, or the fact that it was too large to read.
    pub body: RequestBody<'a>,
}

/// The body as received.
#[derive(Debug, Clone, Copy)]
pub enum RequestBody<'a> {
    /// The whole body (empty when none was sent).
    Bytes(&'a [u8]),
    /// Longer than the limit (the transport stopped reading it).
    TooLarge,
}

/// A request that passed the gate.
#[derive(Debug, Clone)]
pub struct Admitted<'a> {
    /// The matched route.
    pub route: &'static Route,
    /// Its path parameters, each checked against its kind.
    pub params: PathParams<'a>,
    /// Its query parameters, checked, typed and defaulted.
    pub query: Query,
    /// `None` only on public routes.
    pub claims: Option<Claims>,
    /// The checked body, for routes that take one (empty for an array body).
    pub body: Option<Validated>,
    /// The checked items of an array body ([`Body::Array`]), in order; empty otherwise.
    pub items: Vec<Validated>,
}

impl Admitted<'_> {
    /// A path parameter of the matched route; `None` only for a name the route's path does not
    /// have (a bug the caller reports, never a silent `""`).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name)
    }

    /// The tenant of a tenant route (its `{tenantId}`, already checked against the token);
    /// `None` on cross-tenant and public routes.
    pub fn tenant(&self) -> Option<&str> {
        match self.route.scope {
            Scope::Tenant => self.params.get("tenantId"),
            _ => None,
        }
    }

    /// The columns the caller's role may read ([`crate::schema::Read::All`] on public routes).
    pub fn reads(&self) -> crate::schema::Read {
        self.claims.as_ref().map_or(crate::schema::Read::All, |c| c.role.reads())
    }
}

/// The gate's configuration. `A` turns the `Authorization` header into claims: core's
/// [`Verifier`], or the server's cache of verified tokens in front of one.
pub struct Gate<A = Verifier> {
    /// Turns the `Authorization` header into claims.
    pub verifier: A,
    /// Largest accepted body in bytes, 413 above it (usually [`DEFAULT_BODY_LIMIT`]).
    pub body_limit: usize,
}

impl<A: Authenticate> Gate<A> {
    /// Decides about `request` at unix time `now`.
    pub fn admit<'a>(&self, request: &Request<'a>, now: i64) -> Result<Admitted<'a>, ApiError> {
        let Matched { route, params } = router::resolve(request.method, request.path)?;
        let claims = match route.scope {
            Scope::Public => None,
            _ => Some(self.verifier.authenticate(request.authorization, now)?),
        };
        if let Some(claims) = &claims {
            authorize(route, claims, params.get("tenantId"))?;
        }
        let query = query::parse_query(route, request.query)?;
        let bound = route.binds;
        let mut items = Vec::new();
        let body = match route.body {
            Body::None => None,
            Body::Insert(table) => Some(check_body(request, self.body_limit, table.columns, Mode::Insert, bound)?),
            Body::Patch(table) => Some(check_body(request, self.body_limit, table.columns, Mode::Patch, bound)?),
            Body::Custom(schema) => Some(check_body(request, self.body_limit, schema.fields, Mode::Insert, bound)?),
            Body::Array(schema) => {
                let json = parse_body(request, self.body_limit)?;
                items = validate::validate_items(schema.fields, &json).map_err(ApiError::validation)?;
                Some(Validated::default())
            }
        };
        Ok(Admitted { route, params, query, claims, body, items })
    }
}

/// Scope and role checks (403). A tenant route needs the token's tenant to be the path's,
/// unless the role crosses tenants (platform staff, `service`); then the role must be one of
/// the route's.
pub fn authorize(route: &Route, claims: &Claims, path_tenant: Option<&str>) -> Result<(), ApiError> {
    let role = claims.role;
    if route.scope == Scope::Tenant && !role.crosses_tenants() {
        match (claims.tenant_id.as_deref(), path_tenant) {
            (Some(mine), Some(path)) if mine == path => {}
            (None, _) => return Err(ApiError::forbidden("The token has no tenant_id and its role is bound to one")),
            _ => return Err(ApiError::forbidden("The token is for another tenant")),
        }
    }
    if route.scope == Scope::Public || route.roles.contains(role) {
        return Ok(());
    }
    let allowed: Vec<&str> = route.roles.iter().map(|r| r.as_str()).collect();
    Err(ApiError::forbidden(format!(
        "The role {} may not call {}; allowed: {}",
        role.as_str(),
        route.id,
        allowed.join(", ")
    )))
}

fn check_body(
    request: &Request<'_>,
    limit: usize,
    columns: &'static [crate::schema::Column],
    mode: Mode,
    bound: &[(&str, &str)],
) -> Result<Validated, ApiError> {
    let json = parse_body(request, limit)?;
    validate::validate_bound(columns, mode, &json, bound).map_err(ApiError::validation)
}

/// The body as JSON: size (413), content type (415), then well-formed and not too deep (400).
fn parse_body(request: &Request<'_>, limit: usize) -> Result<serde_json::Value, ApiError> {
    let bytes = match request.body {
        RequestBody::TooLarge => return Err(ApiError::payload_too_large(limit)),
        RequestBody::Bytes(b) if b.len() > limit => return Err(ApiError::payload_too_large(limit)),
        RequestBody::Bytes(b) => b,
    };
    if !request.content_type.is_some_and(is_json) {
        return Err(ApiError::unsupported_media_type());
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::malformed_json("the body is empty"));
    }
    // Parsed first (serde_json stops at its own limit of 128 levels, so nothing deep is built),
    // the depth read from the value: scanning the bytes up front cost every body a pass over
    // its strings. A malformed body is scanned, so that one nesting too deep gets that answer.
    let too_deep = || ApiError::malformed_json(format!("it nests deeper than {MAX_BODY_DEPTH} levels"));
    // One SIMD UTF-8 check of the whole body, then the parser takes it as `str` and skips its
    // own check of every string (a body that is not UTF-8 goes to the byte parser, for its
    // error message).
    let parsed = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    };
    match parsed {
        Ok(value) if nesting_of(&value) > MAX_BODY_DEPTH => Err(too_deep()),
        Ok(value) => Ok(value),
        Err(_) if nesting(bytes) > MAX_BODY_DEPTH => Err(too_deep()),
        Err(e) => Err(ApiError::malformed_json(e)),
    }
}

/// Deepest nesting of arrays and objects in a parsed value (a scalar is 0, `[]` is 1): what
/// [`nesting`] counts in its text. Without recursion, bounded by serde_json's limit.
fn nesting_of(value: &serde_json::Value) -> usize {
    use serde_json::Value;
    let mut max = 0;
    let mut stack = vec![(value, 0usize)];
    while let Some((v, d)) = stack.pop() {
        let children: &mut dyn Iterator<Item = &Value> = match v {
            Value::Array(items) => &mut items.iter(),
            Value::Object(map) => &mut map.values(),
            _ => continue,
        };
        max = max.max(d + 1);
        stack.extend(children.filter(|c| c.is_array() || c.is_object()).map(|c| (c, d + 1)));
    }
    max
}

/// `application/json`, with or without parameters such as `charset=utf-8`.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
}

/// Deepest bracket nesting outside strings: a cheap scan before parsing, so a body of a
/// million `[` is refused without building anything.
fn nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Keys, Role, sign};
    use crate::error::code;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";
    const NOW: i64 = 1_800_000_000;

    fn gate() -> Gate {
        let keys = Keys::parse(SECRET).expect("keys");
        Gate { verifier: Verifier::new(keys, None, 30), body_limit: 1024 }
    }

    fn token(tenant: Option<&str>, role: Role) -> String {
        let claims = Claims::new("user-1", tenant, role, NOW, 3600);
        format!("Bearer {}", sign(&claims, Keys::parse(SECRET).expect("keys").signing_key()))
    }

    fn request<'a>(method: &'a str, path: &'a str, auth: Option<&'a str>, body: &'a [u8]) -> Request<'a> {
        Request {
            method,
            path,
            query: None,
            authorization: auth,
            content_type: Some("application/json; charset=utf-8"),
            body: RequestBody::Bytes(body),
        }
    }

    fn status(result: Result<Admitted<'_>, ApiError>) -> (u16, &'static str) {
        match result {
            Ok(_) => (200, "ok"),
            Err(e) => (e.status, e.code),
        }
    }

    #[test]
    fn admits_a_good_request_with_its_body() {
        let auth = token(Some("t1"), Role::Operator);
        let body = br#"{"channel":"telegram","externalId":"42","content":"hello"}"#;
        let admitted = gate()
            .admit(&request("POST", "/v1/tenants/t1/inbound-messages", Some(&auth), body), NOW)
            .expect("admitted");
        assert_eq!(admitted.param("tenantId"), Some("t1"));
        assert_eq!(admitted.tenant(), Some("t1"));
        assert_eq!(admitted.param("nope"), None);
        assert_eq!(admitted.body.expect("body").text("external_id"), Some("42"));
    }

    #[test]
    fn bodies_in_utf8_are_parsed_and_bad_bytes_answered_as_malformed() {
        let auth = token(Some("t1"), Role::Operator);
        let path = "/v1/tenants/t1/inbound-messages";
        let good = r#"{"channel":"telegram","externalId":"42","content":"Нужна коробка 🚗 \u00e9"}"#;
        let admitted = gate().admit(&request("POST", path, Some(&auth), good.as_bytes()), NOW).expect("admitted");
        assert_eq!(admitted.body.expect("body").text("content"), Some("Нужна коробка 🚗 é"));
        // Bytes that are not UTF-8, in a string and outside one: the parser's own messages.
        for (bad, at) in [(&b"{\"channel\":\"tele\xffgram\"}"[..], "column 17"), (b"{\xff}", "column 2")] {
            let e = gate().admit(&request("POST", path, Some(&auth), bad), NOW).expect_err("refused");
            assert_eq!((e.status, e.code), (400, crate::error::code::MALFORMED_JSON));
            assert!(e.message.contains(at), "{}", e.message);
        }
    }

    #[test]
    fn checks_happen_in_the_documented_order() {
        let g = gate();
        let viewer = token(Some("t1"), Role::Viewer);
        let other = token(Some("t2"), Role::Owner);
        let owner = token(Some("t1"), Role::Owner);
        let bad_body = br#"{"channel":"fax"}"#;
        let path = "/v1/tenants/t1/inbound-messages";
        // Unknown route beats a missing token, a missing token beats a bad body…
        assert_eq!(status(g.admit(&request("POST", "/v1/nope", None, bad_body), NOW)), (404, code::ROUTE_NOT_FOUND));
        assert_eq!(status(g.admit(&request("POST", path, None, bad_body), NOW)), (401, code::MISSING_TOKEN));
        assert_eq!(status(g.admit(&request("POST", path, Some(&other), bad_body), NOW)), (403, code::FORBIDDEN));
        assert_eq!(status(g.admit(&request("POST", path, Some(&viewer), bad_body), NOW)), (403, code::FORBIDDEN));
        assert_eq!(
            status(g.admit(&request("POST", path, Some(&owner), bad_body), NOW)),
            (422, code::VALIDATION_FAILED)
        );
        let mut large = request("POST", path, Some(&owner), bad_body);
        large.body = RequestBody::TooLarge;
        assert_eq!(status(g.admit(&large, NOW)), (413, code::PAYLOAD_TOO_LARGE));
        let mut text = request("POST", path, Some(&owner), bad_body);
        text.content_type = Some("text/plain");
        assert_eq!(status(g.admit(&text, NOW)), (415, code::UNSUPPORTED_MEDIA_TYPE));
        assert_eq!(status(g.admit(&request("POST", path, Some(&owner), b"{\"a\":"), NOW)), (400, code::MALFORMED_JSON));
        assert_eq!(status(g.admit(&request("POST", path, Some(&owner), b"  "), NOW)), (400, code::MALFORMED_JSON));
        let deep = "[".repeat(100);
        assert_eq!(
            status(g.admit(&request("POST", path, Some(&owner), deep.as_bytes()), NOW)),
            (400, code::MALFORMED_JSON)
        );
    }

    #[test]
    fn scope_and_roles() {
        let g = gate();
        let platform = token(None, Role::PlatformAdmin);
        let owner = token(Some("t1"), Role::Owner);
        let nobody = token(None, Role::Owner);
        let operator = token(Some("t1"), Role::Operator);
        let get = |auth: &str, path: &'static str| status(g.admit(&request("GET", path, Some(auth), b""), NOW));
        assert_eq!(get(&platform, "/v1/tenants/t9/customers").0, 200, "platform roles reach any tenant");
        assert_eq!(get(&owner, "/v1/platform/channels").0, 403);
        assert_eq!(get(&nobody, "/v1/tenants/t1/customers").0, 403);
        let patch =
            |auth: &str| status(g.admit(&request("PATCH", "/v1/tenants/t1", Some(auth), br#"{"name":"New"}"#), NOW)).0;
        assert_eq!(patch(&operator), 403, "operators cannot change tenant settings");
        assert_eq!(patch(&owner), 200);
        let public = request("GET", "/v1/openapi.json", None, b"");
        assert_eq!(status(g.admit(&public, NOW)).0, 200);
    }

    #[test]
    fn feature_flag_names_are_checked() {
        let platform = token(None, Role::PlatformOwner);
        let ok = request("PUT", "/v1/platform/feature-flags/RAG_ENABLED", Some(&platform), br#"{"enabled":true}"#);
        assert_eq!(status(gate().admit(&ok, NOW)).0, 200);
        let bad = request("PUT", "/v1/platform/feature-flags/NOPE", Some(&platform), br#"{"enabled":true}"#);
        assert_eq!(status(gate().admit(&bad, NOW)), (400, code::INVALID_PARAMETER));
    }

    #[test]
    fn array_bodies_are_checked_item_by_item() {
        let owner = token(Some("t1"), Role::Owner);
        let path = "/v1/tenants/t1/payment-methods/reorder";
        let body = br#"[{"id":"a","order":1},{"id":"b","order":0}]"#;
        let admitted = gate().admit(&request("POST", path, Some(&owner), body), NOW).expect("admitted");
        assert_eq!(admitted.items.len(), 2);
        assert_eq!(admitted.items[1].text("id"), Some("b"));
        assert!(admitted.body.is_some_and(|b| b.is_empty()), "an array body has no fields of its own");
        let details = |body: &[u8]| match gate().admit(&request("POST", path, Some(&owner), body), NOW) {
            Err(e) => (e.status, e.details.into_iter().map(|d| (d.path, d.code)).collect::<Vec<_>>()),
            Ok(_) => (200, Vec::new()),
        };
        assert_eq!(details(br#"{"id":"a","order":1}"#), (422, vec![(String::new(), "invalid_type")]));
        assert_eq!(
            details(br#"[{"id":"a","order":1},{"id":"a b"}]"#),
            (422, vec![("/1/id".into(), "invalid_format"), ("/1/order".into(), "required")])
        );
        assert_eq!(details(b"[]").0, 200, "an empty list is a valid (empty) reorder");
        let inbound = request("POST", "/v1/tenants/t1/inbound-messages", Some(&owner), b"[]");
        assert_eq!(status(gate().admit(&inbound, NOW)).0, 422, "object bodies stay objects");
    }

    #[test]
    fn nesting_ignores_brackets_in_strings() {
        assert_eq!(nesting(br#"{"a":"[[[[\"[["}"#), 1);
        assert_eq!(nesting(b"[[[]]]"), 3);
        for text in [r#"{"a":"[[[[\"[["}"#, "[[[]]]", "[1]", "1", "{}", r#"{"a":[{"b":[]},[[1]]],"c":{}}"#] {
            let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
            assert_eq!(nesting_of(&value), nesting(text.as_bytes()), "{text}");
        }
        assert!(is_json("Application/JSON") && !is_json("application/jsonx"));
    }
}
