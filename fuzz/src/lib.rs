//! What the fuzz targets share: the gate configured like the server, tokens, and the invariants
//! every answer must keep. They are the ones `crates/core/tests/properties.rs` checks as
//! property tests; here a broken invariant is a panic, which libFuzzer reports as a crash and
//! saves under `fuzz/artifacts/<target>/`.

use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use salesgate_core::auth::{Claims, Keys, Role, Verifier, sign};
use salesgate_core::error::{ApiError, FieldError, code};
use salesgate_core::gate::{Admitted, Gate, Request};
use salesgate_core::route::{self, Method, Scope};
use salesgate_core::schema::{Access, Column};
use salesgate_core::validate::{Mode, Validated};
use serde_json::Value as Json;
use sha2::Sha256;

/// 32+ bytes, like the server's `SALESGATE_JWT_SECRETS`.
pub const SECRET: &str = "fuzz-secret-0123456789abcdef-0123456789";
pub const NOW: i64 = 1_800_000_000;
/// The body limit: small, so the fuzzer reaches 413 with short inputs.
pub const LIMIT: usize = 4096;

/// The gate as the server configures it (one per process).
pub fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| Gate { verifier: Verifier::new(keys(), None, 30), body_limit: LIMIT })
}

pub fn keys() -> Keys {
    Keys::parse(SECRET).expect("a valid key spec")
}

/// `Bearer <token>` of a valid token for `tenant` and `role`, expiring in an hour.
pub fn bearer(tenant: Option<&str>, role: Role) -> String {
    let claims = Claims::new("user-1", tenant, role, NOW, 3600);
    format!("Bearer {}", sign(&claims, keys().signing_key()))
}

/// Unpadded base64url (RFC 4648 §5).
pub fn b64(bytes: &[u8]) -> String {
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

/// A compact JWT of any header and payload bytes, correctly signed (HS256) with `secret`, so
/// the verifier gets past the signature to the header and claim parsers.
pub fn forge(header: &[u8], payload: &[u8], secret: &[u8]) -> String {
    let mut token = format!("{}.{}", b64(header), b64(payload));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key");
    mac.update(token.as_bytes());
    token.push('.');
    token.push_str(&b64(&mac.finalize().into_bytes()));
    token
}

/// Every documented error code with its status.
const CODES: &[(&str, u16)] = code::ALL;

/// The codes the gate itself answers with.
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

/// RFC 6901: empty, or `/`-separated segments where `~` is only `~0` or `~1`.
pub fn is_json_pointer(p: &str) -> bool {
    p.is_empty() || (p.starts_with('/') && p.split('~').skip(1).all(|rest| rest.starts_with(['0', '1'])))
}

/// Any API error: a documented code with its status, `Allow` on 405, `Retry-After` on 503, and a
/// body of the documented JSON shape carrying exactly the error's fields.
pub fn check_error(e: &ApiError, request_id: &str) {
    assert!((400..=599).contains(&e.status), "status outside 400..=599: {e}");
    let documented = CODES.iter().find(|(c, _)| *c == e.code).map(|(_, status)| *status);
    assert_eq!(documented, Some(e.status), "undocumented code/status: {e}");
    if e.status == 405 {
        let allow = e.allow.as_deref().expect("405 has Allow");
        assert!(allow.split(", ").all(|m| Method::parse(m).is_some()), "Allow: {allow:?}");
    }
    if e.status == 503 {
        assert!(e.retry_after.is_some(), "503 has Retry-After");
    }
    for d in &e.details {
        assert!(FIELD_CODES.contains(&d.code), "undocumented field code: {e}");
    }
    let text = e.to_json(request_id);
    let json: Json = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}: {text}"));
    let root = json.as_object().expect("an object");
    assert_eq!(root.len(), 1, "{text}");
    let error = root.get("error").and_then(Json::as_object).expect("an error object");
    assert!(error.keys().all(|k| matches!(k.as_str(), "code" | "message" | "details" | "requestId")), "{text}");
    assert_eq!(error.get("code").and_then(Json::as_str), Some(e.code), "{text}");
    assert_eq!(error.get("message").and_then(Json::as_str), Some(e.message.as_str()), "{text}");
    assert_eq!(error.get("requestId").and_then(Json::as_str), Some(request_id), "{text}");
    match error.get("details").map(|d| d.as_array().expect("details is an array")) {
        None => assert!(e.details.is_empty(), "details dropped: {text}"),
        Some(details) => {
            assert!(!details.is_empty() && details.len() == e.details.len(), "{text}");
            for (rendered, d) in details.iter().zip(&e.details) {
                let obj = rendered.as_object().expect("a detail object");
                assert_eq!(obj.len(), 3, "{text}");
                assert_eq!(obj.get("path").and_then(Json::as_str), Some(d.path.as_str()), "{text}");
                assert_eq!(obj.get("code").and_then(Json::as_str), Some(d.code), "{text}");
                assert_eq!(obj.get("message").and_then(Json::as_str), Some(d.message.as_str()), "{text}");
            }
        }
    }
}

/// The gate's answer: an admission coherent with its route, or a well-formed refusal with one
/// of the gate's codes (details where promised; body details are JSON pointers).
pub fn check_gate(result: &Result<Admitted<'_>, ApiError>, request: &Request<'_>) {
    match result {
        Ok(admitted) => {
            assert_eq!(admitted.route.method.as_str(), request.method);
            assert_eq!(admitted.claims.is_none(), admitted.route.scope == Scope::Public);
            assert_eq!(admitted.body.is_some(), admitted.route.body != route::Body::None);
            assert!(admitted.params.iter().all(|(_, v)| route::is_id(v)));
        }
        Err(e) => {
            check_error(e, "req-\u{1}\"\\");
            assert!(GATE_CODES.contains(&e.code), "the gate answered {e}");
            assert!(!e.message.is_empty());
            if e.code == code::INVALID_PARAMETER || e.code == code::VALIDATION_FAILED {
                assert!(!e.details.is_empty(), "{e}");
            }
            if e.code == code::VALIDATION_FAILED {
                assert!(e.details.iter().all(|d| is_json_pointer(&d.path)), "{e}");
            }
        }
    }
}

/// `validate`'s answer for `body` against `columns` in `mode`: an accepted body sets only
/// client-writable fields and has every required one; errors have documented codes and
/// JSON-pointer paths naming a key of the body or a column.
pub fn check_validation(
    columns: &'static [Column],
    mode: Mode,
    body: &Json,
    result: &Result<Validated, Vec<FieldError>>,
) {
    let Some(object) = body.as_object() else {
        let errors = result.as_ref().expect_err("a non-object body passed");
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].path.as_str(), errors[0].code), ("", "invalid_type"));
        return;
    };
    match result {
        Ok(valid) => {
            for key in object.keys() {
                let column = columns.iter().find(|c| c.field == key);
                assert!(column.is_some_and(|c| c.access != Access::Server), "{key:?} accepted");
                assert!(mode == Mode::Insert || column.is_some_and(|c| c.access == Access::Write), "{key:?}");
            }
            for entry in &valid.entries {
                assert!(object.contains_key(entry.column.field));
            }
            if mode == Mode::Insert {
                for c in columns.iter().filter(|c| c.access != Access::Server && c.required_on_insert()) {
                    assert!(object.contains_key(c.field), "required {} missing but accepted", c.field);
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(FIELD_CODES.contains(&e.code), "{e:?}");
                assert!(!e.message.is_empty() && !e.path.is_empty() && is_json_pointer(&e.path), "{e:?}");
                let first = e.path[1..].split('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~");
                assert!(object.contains_key(&first) || columns.iter().any(|c| c.field == first), "{e:?}");
            }
        }
    }
}
