//! The gate's decisions — routing, auth, validation and the rendered error bytes — as one set of
//! cases that runs on both tiers' targets:
//!
//! - natively (`cargo test -p salesgate-core`), as the server runs them;
//! - on `wasm32-unknown-unknown` in Node (`cargo make test-wasm`), as the edge Worker runs them.
//!
//! The same source on both targets is the proof that the edge and the origin decide identically:
//! any divergence (float formatting, hashing, integer width, time) fails one of the two runs.
//! Everything here is deterministic: a fixed clock, fixed secrets, no I/O.

use salesgate_core::auth::{Claims, Key, Keys, Role, Verifier, sign};
use salesgate_core::error::{ApiError, FieldError, code};
use salesgate_core::gate::{Admitted, DEFAULT_BODY_LIMIT, Gate, Request, RequestBody};
use salesgate_core::routes::INBOUND_MESSAGE;
use salesgate_core::validate::{self, Mode, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

const SECRET: &str = "decisions-secret-0123456789abcdef-0123";
const OTHER_SECRET: &str = "some-other-secret-0123456789abcdef-012";
const NOW: i64 = 1_800_000_000;
const LIMIT: usize = 2048;

fn gate() -> Gate {
    Gate { verifier: Verifier::new(Keys::parse(SECRET).expect("keys"), None, 30), body_limit: LIMIT }
}

fn claims(tenant: Option<&str>, role: Role) -> Claims {
    Claims::new("user-1", tenant, role, NOW, 3600)
}

fn bearer_signed(claims: &Claims, secret: &str) -> String {
    format!("Bearer {}", sign(claims, Keys::parse(secret).expect("keys").signing_key()))
}

fn bearer(tenant: Option<&str>, role: Role) -> String {
    bearer_signed(&claims(tenant, role), SECRET)
}

fn req<'a>(
    method: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    auth: Option<&'a str>,
    body: &'a [u8],
) -> Request<'a> {
    Request {
        method,
        path,
        query,
        authorization: auth,
        content_type: Some("application/json"),
        body: RequestBody::Bytes(body),
    }
}

fn refused(result: Result<Admitted<'_>, ApiError>) -> ApiError {
    match result {
        Ok(a) => panic!("admitted {}", a.route.id),
        Err(e) => e,
    }
}

fn details(e: &ApiError) -> Vec<(&str, &str)> {
    e.details.iter().map(|d| (d.path.as_str(), d.code)).collect()
}

const INBOUND: &[u8] = br#"{"channel":"telegram","externalId":"42","name":"Ivan","content":"Need a gearbox for VIN WVWZZZ1JZXW000001","attachments":[{"type":"image","url":"https://cdn.example/p.jpg"}],"metadata":{"messageId":17}}"#;

// ───────────────────────────── good requests: the four benchmark routes ─────────────────────────────

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn admits_the_benchmark_routes() {
    let g = gate();
    let operator = bearer(Some("t1"), Role::Operator);
    let viewer = bearer(Some("t1"), Role::Viewer);

    let w1 = g
        .admit(
            &req(
                "GET",
                "/v1/tenants/t1/customers/lookup",
                Some("channel=telegram&externalId=42%2B1"),
                Some(&viewer),
                b"",
            ),
            NOW,
        )
        .expect("W1");
    assert_eq!(w1.route.id, "getCustomerByExternalId");
    assert_eq!(w1.param("tenantId"), Some("t1"));
    assert_eq!(w1.query.text("channel"), Some("telegram"));
    assert_eq!(w1.query.text("externalId"), Some("42+1"), "percent-decoded");
    assert_eq!(w1.claims.as_ref().map(|c| c.role), Some(Role::Viewer));
    assert!(w1.body.is_none());

    let w2 = g.admit(&req("POST", "/v1/tenants/t1/inbound-messages", None, Some(&operator), INBOUND), NOW).expect("W2");
    assert_eq!(w2.route.id, "receiveInboundMessage");
    assert_eq!(w2.route.status, 201);
    let body = w2.body.expect("body");
    assert_eq!(body.text("channel"), Some("telegram"));
    assert_eq!(body.text("external_id"), Some("42"));
    assert_eq!(body.text("content"), Some("Need a gearbox for VIN WVWZZZ1JZXW000001"));

    let w3 = g
        .admit(&req("GET", "/v1/tenants/t1/conversations/c-9/messages", Some("limit=50"), Some(&viewer), b""), NOW)
        .expect("W3");
    assert_eq!(w3.route.id, "getMessagesByConversationPaginated");
    assert_eq!((w3.param("tenantId"), w3.param("conversationId")), (Some("t1"), Some("c-9")));
    assert_eq!(w3.query.int("limit"), Some(50));
    let default_limit =
        g.admit(&req("GET", "/v1/tenants/t1/conversations/c-9/messages", None, Some(&viewer), b""), NOW).expect("W3");
    assert_eq!(default_limit.query.int("limit"), Some(50), "the route's default");

    let w4 = g.admit(&req("GET", "/v1/tenants/t1/feature-flags", None, Some(&viewer), b""), NOW).expect("W4");
    assert_eq!(w4.route.id, "getEffectiveFeatureFlags");
    assert_eq!(w4.route.cache_ttl, Some(30), "the edge caches W4");
    assert_eq!(w1.route.cache_ttl, None);
    assert_eq!(w2.route.cache_ttl, None);
    assert_eq!(w3.route.cache_ttl, None);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn platform_roles_public_routes_and_literal_segments() {
    let g = gate();
    let platform = bearer(None, Role::PlatformAdmin);
    let a = g.admit(&req("GET", "/v1/tenants/t9/feature-flags", None, Some(&platform), b""), NOW).expect("any tenant");
    assert_eq!(a.param("tenantId"), Some("t9"));
    assert_eq!(a.claims.and_then(|c| c.tenant_id), None);
    let public = g.admit(&req("GET", "/v1/openapi.json", None, None, b""), NOW).expect("public");
    assert!(public.claims.is_none());
    // `lookup` is a literal segment, not a customer id.
    let owner = bearer(Some("t1"), Role::Owner);
    let get = g.admit(&req("GET", "/v1/tenants/t1/customers/lookup-1", None, Some(&owner), b""), NOW).expect("get");
    assert_eq!((get.route.id, get.param("customerId")), ("getCustomer", Some("lookup-1")));
}

// ───────────────────────────── 404 / 405 / 400 parameters ─────────────────────────────

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn unknown_routes_are_404_before_anything_else() {
    let g = gate();
    for path in
        ["/nope", "/v1/tenants/t1/nope", "/v1/tenants/t1/feature-flags/", "v1/openapi.json", "/", "", "/healthz"]
    {
        let e = refused(g.admit(&req("GET", path, None, None, b"{"), NOW));
        assert_eq!((e.status, e.code), (404, code::ROUTE_NOT_FOUND), "{path}");
        assert_eq!(e.allow, None);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn wrong_methods_are_405_with_allow() {
    let g = gate();
    let cases = [
        ("DELETE", "/v1/tenants/t1/customers", "GET, POST"),
        ("POST", "/v1/tenants/t1/feature-flags", "GET"),
        ("GET", "/v1/tenants/t1/inbound-messages", "POST"),
        ("OPTIONS", "/v1/tenants/t1/conversations/c1", "GET, PATCH, DELETE"),
        ("get", "/v1/openapi.json", "GET"),
    ];
    for (method, path, allow) in cases {
        let e = refused(g.admit(&req(method, path, None, None, b""), NOW));
        assert_eq!((e.status, e.code), (405, code::METHOD_NOT_ALLOWED), "{method} {path}");
        assert_eq!(e.allow.as_deref(), Some(allow), "{method} {path}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn bad_path_and_query_parameters_are_400() {
    let g = gate();
    let owner = bearer(Some("t1"), Role::Owner);
    let platform = bearer(None, Role::PlatformOwner);
    let bad_id = refused(g.admit(&req("GET", "/v1/tenants/t%201/feature-flags", None, None, b""), NOW));
    assert_eq!((bad_id.status, bad_id.code), (400, code::INVALID_PARAMETER));
    assert_eq!(details(&bad_id), [("tenantId", "invalid_format")]);
    let long = format!("/v1/tenants/{}/feature-flags", "x".repeat(65));
    assert_eq!(details(&refused(g.admit(&req("GET", &long, None, None, b""), NOW))), [("tenantId", "invalid_format")]);

    let lookup = "/v1/tenants/t1/customers/lookup";
    let cases: [(&str, &[(&str, &str)]); 6] = [
        ("", &[("channel", "required"), ("externalId", "required")]),
        ("channel=fax&externalId=1", &[("channel", "not_allowed")]),
        ("channel=telegram&externalId=1&x=2", &[("x", "unknown_parameter")]),
        ("channel=telegram&channel=max&externalId=1", &[("channel", "repeated")]),
        ("channel=telegram&externalId=", &[("externalId", "too_short")]),
        ("channel=telegram&externalId=%FF", &[("externalId=%FF", "invalid_format"), ("externalId", "required")]),
    ];
    for (query, expected) in cases {
        let e = refused(g.admit(&req("GET", lookup, Some(query), Some(&owner), b""), NOW));
        assert_eq!((e.status, e.code), (400, code::INVALID_PARAMETER), "{query}");
        assert_eq!(details(&e), expected, "{query}");
    }
    let messages = "/v1/tenants/t1/conversations/c1/messages";
    for query in ["limit=0", "limit=201", "limit=5x", "limit=-1"] {
        let e = refused(g.admit(&req("GET", messages, Some(query), Some(&owner), b""), NOW));
        assert_eq!(details(&e), [("limit", "out_of_range")], "{query}");
    }
    let flag = refused(
        g.admit(&req("PUT", "/v1/tenants/t1/feature-flags/NOPE", None, Some(&platform), br#"{"enabled":true}"#), NOW),
    );
    assert_eq!(details(&flag), [("flagName", "not_allowed")]);
}

// ───────────────────────────── 401 ─────────────────────────────

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn tokens_missing_expired_forged_and_malformed_are_401() {
    let g = gate();
    let path = "/v1/tenants/t1/feature-flags";
    let expired = bearer_signed(&Claims { exp: NOW - 31, ..claims(Some("t1"), Role::Owner) }, SECRET);
    let in_leeway = bearer_signed(&Claims { exp: NOW - 30, ..claims(Some("t1"), Role::Owner) }, SECRET);
    let forged = bearer_signed(&claims(Some("t1"), Role::Owner), OTHER_SECRET);
    let token = bearer(Some("t1"), Role::Owner);
    let raw = token.trim_start_matches("Bearer ");
    let (header_payload, _) = raw.rsplit_once('.').expect("jwt");
    let alg_none = format!("Bearer {header_payload}.");
    let cases: [(Option<&str>, &str, &str); 9] = [
        (None, code::MISSING_TOKEN, "No token; send Authorization: Bearer <token>"),
        (Some("  "), code::MISSING_TOKEN, "No token; send Authorization: Bearer <token>"),
        (Some("Bearer "), code::MISSING_TOKEN, "No token after Bearer; send Authorization: Bearer <token>"),
        (Some("Basic dXNlcjpwYXNz"), code::INVALID_TOKEN, "The Authorization header must be `Bearer <token>`"),
        (Some("Bearer a.b"), code::INVALID_TOKEN, "The token is not a JWT (three base64url parts separated by dots)"),
        (Some(&expired), code::EXPIRED_TOKEN, "The token has expired; get a new one"),
        (Some(&forged), code::INVALID_TOKEN, "The token's signature is invalid"),
        (Some(&alg_none), code::INVALID_TOKEN, "The token's signature is not a base64url HS256 signature"),
        (Some("Bearerx.y.z"), code::INVALID_TOKEN, "The Authorization header must be `Bearer <token>` with one space"),
    ];
    for (auth, expected_code, message) in cases {
        let e = refused(g.admit(&req("GET", path, None, auth, b""), NOW));
        assert_eq!((e.status, e.code, e.message.as_str()), (401, expected_code, message), "{auth:?}");
    }
    assert!(g.admit(&req("GET", path, None, Some(&in_leeway), b""), NOW).is_ok(), "30 s leeway");
    assert!(g.admit(&req("GET", path, None, Some(&token.replacen("Bearer", "bEaReR", 1)), b""), NOW).is_ok());

    // A required audience.
    let strict = Gate {
        verifier: Verifier::new(Keys::parse(SECRET).expect("keys"), Some("salesgate".into()), 30),
        body_limit: LIMIT,
    };
    let e = refused(strict.admit(&req("GET", path, None, Some(&token), b""), NOW));
    assert_eq!(e.message, "The token has no `aud` claim; expected \"salesgate\"");
    let with_aud = bearer_signed(&Claims { aud: vec!["salesgate".into()], ..claims(Some("t1"), Role::Owner) }, SECRET);
    assert!(strict.admit(&req("GET", path, None, Some(&with_aud), b""), NOW).is_ok());
}

// ───────────────────────────── 403 ─────────────────────────────

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn other_tenants_and_insufficient_roles_are_403() {
    let g = gate();
    let cases: [(String, &str, &str, &[u8], &str); 6] = [
        (
            bearer(Some("t2"), Role::Owner),
            "GET",
            "/v1/tenants/t1/feature-flags",
            b"",
            "The token is for another tenant",
        ),
        (
            bearer(None, Role::Owner),
            "GET",
            "/v1/tenants/t1/feature-flags",
            b"",
            "The token has no tenant_id and its role is bound to one",
        ),
        (
            bearer(Some("t1"), Role::Viewer),
            "POST",
            "/v1/tenants/t1/inbound-messages",
            INBOUND,
            "The role viewer may not call receiveInboundMessage; allowed: owner, admin, operator, platform_admin, platform_owner, service",
        ),
        (
            bearer(Some("t1"), Role::Operator),
            "PATCH",
            "/v1/tenants/t1",
            br#"{"name":"x"}"#,
            "The role operator may not call updateTenant; allowed: owner, admin, platform_admin, platform_owner, service",
        ),
        (
            bearer(Some("t1"), Role::Owner),
            "GET",
            "/v1/platform/feature-flags",
            b"",
            "The role owner may not call getGlobalFeatureFlags; allowed: platform_admin, platform_owner",
        ),
        (
            bearer(Some("t1"), Role::Owner),
            "PUT",
            "/v1/tenants/t1/feature-flags/RAG_ENABLED",
            br#"{"enabled":true}"#,
            "The role owner may not call setTenantFeatureFlag; allowed: platform_admin, platform_owner",
        ),
    ];
    for (auth, method, path, body, message) in cases {
        let e = refused(g.admit(&req(method, path, None, Some(&auth), body), NOW));
        assert_eq!((e.status, e.code, e.message.as_str()), (403, code::FORBIDDEN, message), "{method} {path}");
    }
}

/// The backend's `service` identity has no tenant and reaches every tenant's routes, but not
/// the platform staff's own routes.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_service_role_crosses_tenants_but_is_not_platform_staff() {
    let g = gate();
    let service = bearer(None, Role::Service);
    let a = g.admit(&req("GET", "/v1/tenants/t7/customers", None, Some(&service), b""), NOW).expect("any tenant");
    assert_eq!(a.tenant(), Some("t7"));
    assert!(g.admit(&req("GET", "/v1/platform/channels", Some("type=telegram"), Some(&service), b""), NOW).is_ok());
    let e = refused(g.admit(&req("GET", "/v1/platform/feature-flags", None, Some(&service), b""), NOW));
    assert_eq!(e.status, 403, "flag values are platform staff's");
}

/// D1 and D4 are decided here, so the edge refuses them as the origin does: a NUL character in
/// any text, JSON string or key is a 422, `before` with `after` a 400.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn nul_characters_and_exclusive_parameters_are_refused() {
    let g = gate();
    let auth = bearer(Some("t1"), Role::Operator);
    let path = "/v1/tenants/t1/inbound-messages";
    for (body, at) in [
        (br#"{"channel":"telegram","externalId":"4\u00002","content":"x"}"#.as_slice(), "/externalId"),
        (br#"{"channel":"telegram","externalId":"1","content":"x","metadata":{"a":["\u0000"]}}"#, "/metadata/a/0"),
        (br#"{"channel":"telegram","externalId":"1","content":"x","metadata":{"k\u0000":1}}"#, "/metadata/k\u{0}"),
    ] {
        let e = refused(g.admit(&req("POST", path, None, Some(&auth), body), NOW));
        assert_eq!((e.status, e.details[0].path.as_str(), e.details[0].code), (422, at, "invalid_format"));
    }
    let messages = "/v1/tenants/t1/conversations/c1/messages";
    let e = refused(g.admit(&req("GET", messages, Some("before=m1&after=m2"), Some(&auth), b""), NOW));
    assert_eq!((e.status, e.details[0].code), (400, "conflict"));
    let e = refused(g.admit(&req("GET", "/v1/tenants/t1/customers", Some("q=%00"), Some(&auth), b""), NOW));
    assert_eq!((e.status, e.details[0].code), (400, "invalid_format"));
}

/// References follow the id rule like path ids (a 10,000-character "id" never reaches SQL).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn reference_fields_are_ids() {
    let g = gate();
    let auth = bearer(Some("t1"), Role::Owner);
    let long = format!(r#"{{"customerId":"{}"}}"#, "c".repeat(65));
    for body in [long.as_bytes(), br#"{"customerId":"a b"}"#.as_slice()] {
        let e = refused(g.admit(&req("POST", "/v1/tenants/t1/conversations", None, Some(&auth), body), NOW));
        assert_eq!((e.status, e.details[0].path.as_str(), e.details[0].code), (422, "/customerId", "invalid_format"));
    }
}

// ───────────────────────────── bodies: 413 / 415 / 400 / 422 ─────────────────────────────

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn bodies_too_large_wrong_type_or_malformed() {
    let g = gate();
    let auth = bearer(Some("t1"), Role::Operator);
    let path = "/v1/tenants/t1/inbound-messages";
    let mut too_large = req("POST", path, None, Some(&auth), b"");
    too_large.body = RequestBody::TooLarge;
    let e = refused(g.admit(&too_large, NOW));
    assert_eq!(
        (e.status, e.code, e.message.as_str()),
        (413, code::PAYLOAD_TOO_LARGE, "The request body is larger than 2048 bytes")
    );
    let big = vec![b' '; LIMIT + 1];
    assert_eq!(refused(g.admit(&req("POST", path, None, Some(&auth), &big), NOW)).status, 413);
    let exact = format!("{}{}", String::from_utf8_lossy(INBOUND), " ".repeat(LIMIT - INBOUND.len()));
    assert!(g.admit(&req("POST", path, None, Some(&auth), exact.as_bytes()), NOW).is_ok(), "exactly the limit");

    for content_type in [None, Some("text/plain"), Some("application/jsonx"), Some("multipart/form-data")] {
        let mut r = req("POST", path, None, Some(&auth), INBOUND);
        r.content_type = content_type;
        let e = refused(g.admit(&r, NOW));
        assert_eq!((e.status, e.code), (415, code::UNSUPPORTED_MEDIA_TYPE), "{content_type:?}");
    }
    let mut charset = req("POST", path, None, Some(&auth), INBOUND);
    charset.content_type = Some("Application/JSON; charset=utf-8");
    assert!(g.admit(&charset, NOW).is_ok());

    let deep = "[".repeat(65);
    let malformed: [(&[u8], &str); 5] = [
        (b"", "The request body is not valid JSON: the body is empty"),
        (b" \n", "The request body is not valid JSON: the body is empty"),
        (b"{\"channel\":", "The request body is not valid JSON: EOF while parsing a value at line 1 column 11"),
        (b"{\"a\":1}}", "The request body is not valid JSON: trailing characters at line 1 column 8"),
        (deep.as_bytes(), "The request body is not valid JSON: it nests deeper than 64 levels"),
    ];
    for (body, message) in malformed {
        let e = refused(g.admit(&req("POST", path, None, Some(&auth), body), NOW));
        assert_eq!((e.status, e.code, e.message.as_str()), (400, code::MALFORMED_JSON, message));
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn schema_violations_are_422_with_every_path() {
    let g = gate();
    let auth = bearer(Some("t1"), Role::Operator);
    let body = br#"{"channel":"fax","externalId":"","content":7,"attachments":[{"url":"x"},"y"],"metadata":[],"tenantId":"t2","extra":1}"#;
    let e = refused(g.admit(&req("POST", "/v1/tenants/t1/inbound-messages", None, Some(&auth), body), NOW));
    assert_eq!((e.status, e.code), (422, code::VALIDATION_FAILED));
    assert_eq!(e.message, "The request body has 8 invalid fields");
    assert_eq!(
        details(&e),
        [
            // Members in key order: serde_json's map is sorted, on both targets.
            ("/extra", "unknown_field"),
            ("/tenantId", "unknown_field"),
            ("/channel", "not_allowed"),
            ("/externalId", "too_short"),
            ("/content", "invalid_type"),
            ("/attachments/0/type", "required"),
            ("/attachments/1", "invalid_type"),
            ("/metadata", "invalid_type"),
        ]
    );
    let not_object = refused(g.admit(&req("POST", "/v1/tenants/t1/inbound-messages", None, Some(&auth), b"[1]"), NOW));
    assert_eq!(details(&not_object), [("", "invalid_type")]);
}

// ───────────────────────────── error bytes ─────────────────────────────

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn error_bodies_render_to_the_same_bytes() {
    let g = gate();
    let rendered = |r: Request<'_>| refused(g.admit(&r, NOW)).to_json("req-1");
    assert_eq!(
        rendered(req("GET", "/nope", None, None, b"")),
        r#"{"error":{"code":"route_not_found","message":"No such route; GET /v1/openapi.json lists them","requestId":"req-1"}}"#
    );
    assert_eq!(
        rendered(req("DELETE", "/v1/tenants/t1/customers", None, None, b"")),
        r#"{"error":{"code":"method_not_allowed","message":"Method not allowed here; allowed: GET, POST","requestId":"req-1"}}"#
    );
    assert_eq!(
        rendered(req("GET", "/v1/tenants/t1/feature-flags", None, None, b"")),
        r#"{"error":{"code":"missing_token","message":"No token; send Authorization: Bearer <token>","requestId":"req-1"}}"#
    );
    let auth = bearer(Some("t1"), Role::Operator);
    assert_eq!(
        rendered(req(
            "POST",
            "/v1/tenants/t1/inbound-messages",
            None,
            Some(&auth),
            br#"{"channel":"fax","content":"hi"}"#
        )),
        concat!(
            r#"{"error":{"code":"validation_failed","message":"The request body has 2 invalid fields","details":["#,
            r#"{"path":"/channel","code":"not_allowed","message":"channel must be one of: "#,
            r#"mock, telegram, telegram_personal, whatsapp, whatsapp_personal, max, max_personal"},"#,
            r#"{"path":"/externalId","code":"required","message":"externalId is required"}],"requestId":"req-1"}}"#
        )
    );
    assert_eq!(
        rendered(req("GET", "/v1/tenants/t1/conversations/c1/messages", Some("limit=0&%E2%9C%93=1"), Some(&auth), b"")),
        concat!(
            r#"{"error":{"code":"invalid_parameter","message":"Invalid parameter(s): ✓, limit","details":["#,
            r#"{"path":"✓","code":"unknown_parameter","message":"✓ is not a parameter of this route"},"#,
            r#"{"path":"limit","code":"out_of_range","message":"limit must be an integer from 1 to 200"}],"requestId":"req-1"}}"#
        )
    );
    // Escaping: quotes, backslashes and control characters in messages and request ids.
    let e = ApiError::new(502, code::BAD_GATEWAY, "origin \"down\"\\\n")
        .with_details(vec![FieldError::new("/a\tb", "x", "\u{1}")]);
    assert_eq!(
        e.to_json("id\"\u{7f}"),
        "{\"error\":{\"code\":\"bad_gateway\",\"message\":\"origin \\\"down\\\"\\\\\\n\",\"details\":[{\"path\":\"/a\\tb\",\"code\":\"x\",\"message\":\"\\u0001\"}],\"requestId\":\"id\\\"\u{7f}\"}}"
    );
    assert_eq!(
        ApiError::payload_too_large(DEFAULT_BODY_LIMIT).message,
        "The request body is larger than 1048576 bytes"
    );
}

// ───────────────────────────── tokens and bodies directly ─────────────────────────────

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn tokens_round_trip_and_rotate() {
    let keys = Keys::parse(&format!("new:{SECRET}, old:{OTHER_SECRET}")).expect("keys");
    let verifier = Verifier::new(keys.clone(), Some("api".into()), 0);
    let c = Claims {
        sub: "user \"7\"".into(),
        tenant_id: Some("t1".into()),
        role: Role::Admin,
        exp: NOW + 60,
        nbf: Some(NOW - 5),
        iat: Some(NOW),
        aud: vec!["web".into(), "api".into()],
    };
    let token = sign(&c, keys.signing_key());
    assert_eq!(token.split('.').count(), 3);
    assert_eq!(verifier.verify_token(&token, NOW).expect("valid"), c);
    assert_eq!(verifier.verify(Some(&format!("Bearer {token}")), NOW).expect("valid"), c);
    // Deterministic: both targets produce the same token for the same claims and key.
    let fixed = sign(&claims(Some("t1"), Role::Owner), Keys::parse(SECRET).expect("keys").signing_key());
    assert_eq!(
        fixed,
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
         eyJzdWIiOiJ1c2VyLTEiLCJ0ZW5hbnRfaWQiOiJ0MSIsInJvbGUiOiJvd25lciIsImV4cCI6MTgwMDAwMzYwMCwiaWF0IjoxODAwMDAwMDAwfQ.\
         jD8_U3-jdWAbZWYehfqi-QT4hckmH21ZnhETkWfeC6U"
    );
    // The old key still verifies during rotation; an unknown kid does not.
    let old = Key::new(Some("old"), OTHER_SECRET.as_bytes()).expect("key");
    assert!(verifier.verify_token(&sign(&Claims { aud: vec!["api".into()], ..c.clone() }, &old), NOW).is_ok());
    let gone = Key::new(Some("gone"), SECRET.as_bytes()).expect("key");
    assert_eq!(verifier.verify_token(&sign(&c, &gone), NOW).expect_err("unknown kid").code, code::INVALID_TOKEN);
    assert_eq!(verifier.verify_token(&token, NOW + 61).expect_err("expired").code, code::EXPIRED_TOKEN);
    // Short secrets are refused where they are configured, on both tiers alike.
    assert!(Keys::parse("short").is_err());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn inbound_message_bodies_validate() {
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("json");
    let ok =
        validate::validate(INBOUND_MESSAGE.fields, Mode::Insert, &parse(std::str::from_utf8(INBOUND).expect("utf8")))
            .expect("valid");
    let names: Vec<&str> = ok.entries.iter().map(|e| e.column.name).collect();
    assert_eq!(names, ["channel", "external_id", "name", "content", "attachments", "metadata"]);
    assert_eq!(ok.get("metadata"), Some(&Value::Json(parse(r#"{"messageId":17}"#))));
    let minimal = validate::validate(
        INBOUND_MESSAGE.fields,
        Mode::Insert,
        &parse(r#"{"channel":"max","externalId":"1","content":"привет","name":null}"#),
    )
    .expect("valid");
    assert_eq!(minimal.get("name"), Some(&Value::Null));
    assert_eq!(minimal.text("content"), Some("привет"));

    let codes = |s: &str| -> Vec<(String, &'static str)> {
        validate::validate(INBOUND_MESSAGE.fields, Mode::Insert, &parse(s))
            .expect_err(s)
            .into_iter()
            .map(|e| (e.path, e.code))
            .collect()
    };
    let long = "я".repeat(4001);
    assert_eq!(
        codes(&format!(r#"{{"channel":"telegram","externalId":"1","content":"{long}"}}"#)),
        [("/content".to_string(), "too_long")]
    );
    let eleven = [r#"{"type":"image","url":"u"}"#; 11].join(",");
    assert_eq!(
        codes(&format!(r#"{{"channel":"telegram","externalId":"1","content":"x","attachments":[{eleven}]}}"#)),
        [("/attachments".to_string(), "too_long")]
    );
    assert_eq!(
        codes(
            r#"{"channel":null,"externalId":"1","content":"x","attachments":[{"type":"","url":"u","metadata":1,"a/b":0}]}"#
        ),
        [
            ("/channel".to_string(), "not_null"),
            ("/attachments/0/type".to_string(), "too_short"),
            ("/attachments/0/metadata".to_string(), "invalid_type"),
            ("/attachments/0/a~1b".to_string(), "unknown_field"),
        ]
    );
}
