//! The API error model: one JSON shape for every error, with stable codes.
//!
//! ```json
//! {"error":{"code":"validation_failed","message":"…","details":[{"path":"/content","code":"required","message":"…"}],"requestId":"…"}}
//! ```
//!
//! The edge and the server render errors with [`ApiError::to_json`], so the same bad request
//! gets byte-identical bodies from both (apart from the request id). `details` is present only
//! when there are field errors; a detail's `path` is a JSON pointer into the request body, or
//! the parameter name for query and path parameters (`invalid_parameter`).

use std::fmt;

/// Stable error codes (the `code` member). Clients may branch on these.
pub mod code {
    /// 400: the body is not valid JSON (or nests too deeply).
    pub const MALFORMED_JSON: &str = "malformed_json";
    /// 400: a path or query parameter is missing or invalid.
    pub const INVALID_PARAMETER: &str = "invalid_parameter";
    /// 401: no `Authorization: Bearer` token.
    pub const MISSING_TOKEN: &str = "missing_token";
    /// 401: the token is malformed, has a bad signature, an unknown key id, a wrong audience or
    /// is not valid yet.
    pub const INVALID_TOKEN: &str = "invalid_token";
    /// 401: the token's `exp` has passed.
    pub const EXPIRED_TOKEN: &str = "expired_token";
    /// 403: the token is valid but may not do this (other tenant, read-only role, …).
    pub const FORBIDDEN: &str = "forbidden";
    /// 404: no such route.
    pub const ROUTE_NOT_FOUND: &str = "route_not_found";
    /// 404: no such resource in this tenant.
    pub const NOT_FOUND: &str = "not_found";
    /// 405: the path exists, the method does not (see the `Allow` header).
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// 409: a unique key is taken (`details` names the fields).
    pub const CONFLICT: &str = "conflict";
    /// 409: a referenced row does not exist (or another row still references this one).
    pub const REFERENCE_VIOLATION: &str = "reference_violation";
    /// 409: the change is not allowed from the current state (e.g. a conversation status
    /// transition).
    pub const INVALID_STATE: &str = "invalid_state";
    /// 413: the body is larger than the limit.
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    /// 415: a body that is not `application/json`.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    /// 422: the body is JSON but breaks the schema (`details` lists every bad field).
    pub const VALIDATION_FAILED: &str = "validation_failed";
    /// 500: a bug or an unexpected failure; details are in the server log under the request id.
    pub const INTERNAL: &str = "internal";
    /// 502: the edge could not reach the origin.
    pub const BAD_GATEWAY: &str = "bad_gateway";
    /// 503: the database is unreachable or busy (see `Retry-After`).
    pub const UNAVAILABLE: &str = "unavailable";
    /// 504: the database (or the origin, at the edge) did not answer in time.
    pub const TIMEOUT: &str = "timeout";

    /// Every code with the status it is answered with.
    pub const ALL: &[(&str, u16)] = &[
        (MALFORMED_JSON, 400),
        (INVALID_PARAMETER, 400),
        (MISSING_TOKEN, 401),
        (INVALID_TOKEN, 401),
        (EXPIRED_TOKEN, 401),
        (FORBIDDEN, 403),
        (ROUTE_NOT_FOUND, 404),
        (NOT_FOUND, 404),
        (METHOD_NOT_ALLOWED, 405),
        (CONFLICT, 409),
        (REFERENCE_VIOLATION, 409),
        (INVALID_STATE, 409),
        (PAYLOAD_TOO_LARGE, 413),
        (UNSUPPORTED_MEDIA_TYPE, 415),
        (VALIDATION_FAILED, 422),
        (INTERNAL, 500),
        (BAD_GATEWAY, 502),
        (UNAVAILABLE, 503),
        (TIMEOUT, 504),
    ];

    /// Every code of a field error ([`super::FieldError::code`]).
    pub const FIELD: &[&str] = &[
        "required",
        "unknown_field",
        "read_only",
        "invalid_type",
        "too_short",
        "too_long",
        "out_of_range",
        "not_allowed",
        "invalid_format",
        "not_null",
        "too_deep",
        "not_found",
        "unknown_parameter",
        "repeated",
        "conflict",
        "invalid_transition",
        "invalid",
    ];
}

/// One bad field of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// JSON pointer into the body (`/attachments/0/url`), or a parameter name.
    pub path: String,
    /// What is wrong: one of [`code::FIELD`] — `required`, `unknown_field`, `read_only`,
    /// `invalid_type`, `too_short`, `too_long`, `out_of_range`, `not_allowed`, `invalid_format`,
    /// `not_null`, `too_deep`, `not_found`; for parameters also `unknown_parameter` and
    /// `repeated`; `conflict` and `invalid_transition` in 409 answers; `invalid` for a value the
    /// database refused.
    pub code: &'static str,
    /// For people: what to change (clients branch on `code`, not on this text).
    pub message: String,
}

impl FieldError {
    /// `path`: a JSON pointer or a parameter name; `code`: one of [`code::FIELD`].
    pub fn new(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> FieldError {
        FieldError { path: path.into(), code, message: message.into() }
    }
}

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status ([`ApiError::http_status`] guards against an impossible one).
    pub status: u16,
    /// One of the stable codes of [`code`], what clients branch on.
    pub code: &'static str,
    /// For people: what is wrong, often how to fix it (clients branch on `code`).
    pub message: String,
    /// Every bad field or parameter; serialized only when not empty.
    pub details: Vec<FieldError>,
    /// Seconds for a `Retry-After` header (503).
    pub retry_after: Option<u32>,
    /// Methods for an `Allow` header (405).
    pub allow: Option<String>,
}

impl ApiError {
    /// An error without details or headers; prefer the constructors below, which pair each
    /// code with its status.
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), details: Vec::new(), retry_after: None, allow: None }
    }

    /// The same error with these field errors.
    pub fn with_details(mut self, details: Vec<FieldError>) -> ApiError {
        self.details = details;
        self
    }

    /// 400 `malformed_json`; `reason` is the parser's message.
    pub fn malformed_json(reason: impl fmt::Display) -> ApiError {
        ApiError::new(400, code::MALFORMED_JSON, format!("The request body is not valid JSON: {reason}"))
    }

    /// 400 `invalid_parameter`, naming every bad path or query parameter.
    pub fn invalid_parameters(details: Vec<FieldError>) -> ApiError {
        let names: Vec<&str> = details.iter().map(|d| d.path.as_str()).collect();
        ApiError::new(400, code::INVALID_PARAMETER, format!("Invalid parameter(s): {}", names.join(", ")))
            .with_details(details)
    }

    /// 422 `validation_failed` with every bad field of the body.
    pub fn validation(details: Vec<FieldError>) -> ApiError {
        let message = match details.len() {
            1 => "The request body has 1 invalid field".to_string(),
            n => format!("The request body has {n} invalid fields"),
        };
        ApiError::new(422, code::VALIDATION_FAILED, message).with_details(details)
    }

    /// 401 with `code` ([`code::MISSING_TOKEN`], [`code::INVALID_TOKEN`] or
    /// [`code::EXPIRED_TOKEN`]).
    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(401, code, message)
    }

    /// 403 `forbidden`: a valid token that may not do this.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(403, code::FORBIDDEN, message)
    }

    /// 404 `route_not_found`, pointing to the OpenAPI document.
    pub fn route_not_found() -> ApiError {
        ApiError::new(404, code::ROUTE_NOT_FOUND, "No such route; GET /v1/openapi.json lists them")
    }

    /// A resource that does not exist *in this tenant* (whether or not another tenant has it:
    /// the answer must not tell).
    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(404, code::NOT_FOUND, format!("{what} not found"))
    }

    /// 405 with the `Allow` header value `allow` (`GET, POST`).
    pub fn method_not_allowed(allow: String) -> ApiError {
        let mut e = ApiError::new(405, code::METHOD_NOT_ALLOWED, format!("Method not allowed here; allowed: {allow}"));
        e.allow = Some(allow);
        e
    }

    /// 409 `conflict`: a unique key is taken; `details` name its fields when known.
    pub fn conflict(details: Vec<FieldError>) -> ApiError {
        let fields: Vec<&str> = details.iter().map(|d| d.path.as_str()).collect();
        let message = if fields.is_empty() {
            "A row with the same unique key already exists".to_string()
        } else {
            format!("A row with the same {} already exists", fields.join(", "))
        };
        ApiError::new(409, code::CONFLICT, message).with_details(details)
    }

    /// 409 `reference_violation`: a referenced row is missing, or a row is still referenced.
    pub fn reference_violation(message: impl Into<String>) -> ApiError {
        ApiError::new(409, code::REFERENCE_VIOLATION, message)
    }

    /// 409 `invalid_state`: not allowed from the row's current state.
    pub fn invalid_state(message: impl Into<String>) -> ApiError {
        ApiError::new(409, code::INVALID_STATE, message)
    }

    /// 413 `payload_too_large`, stating the limit in bytes.
    pub fn payload_too_large(limit: usize) -> ApiError {
        ApiError::new(413, code::PAYLOAD_TOO_LARGE, format!("The request body is larger than {limit} bytes"))
    }

    /// 415 `unsupported_media_type`: a body that is not `application/json`.
    pub fn unsupported_media_type() -> ApiError {
        ApiError::new(415, code::UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json")
    }

    /// 503 `unavailable`, with a `Retry-After` of `retry_after` seconds.
    pub fn unavailable(message: impl Into<String>, retry_after: u32) -> ApiError {
        let mut e = ApiError::new(503, code::UNAVAILABLE, message);
        e.retry_after = Some(retry_after);
        e
    }

    /// 504 `timeout`.
    pub fn timeout(message: impl Into<String>) -> ApiError {
        ApiError::new(504, code::TIMEOUT, message)
    }

    /// Says nothing about the cause: that goes to the log, under the request id.
    pub fn internal() -> ApiError {
        ApiError::new(500, code::INTERNAL, "Internal error; the server log has the details under this request id")
    }

    /// The HTTP status to answer with (an impossible status becomes 500).
    pub fn http_status(&self) -> u16 {
        if (100..=999).contains(&self.status) { self.status } else { 500 }
    }

    /// The headers of the error answer, in order, as both tiers send them: the JSON content
    /// type, `cache-control: no-store`, `allow` on 405, `retry-after` when set,
    /// `www-authenticate: Bearer` on 401, and the request id.
    pub fn headers(&self, request_id: &str) -> Vec<(&'static str, String)> {
        let mut headers =
            vec![("content-type", "application/json".to_string()), ("cache-control", "no-store".to_string())];
        if let Some(allow) = &self.allow {
            headers.push(("allow", allow.clone()));
        }
        if let Some(seconds) = self.retry_after {
            headers.push(("retry-after", seconds.to_string()));
        }
        if self.http_status() == 401 {
            headers.push(("www-authenticate", "Bearer".to_string()));
        }
        headers.push((crate::request_id::HEADER, request_id.to_string()));
        headers
    }

    /// The error body. Deterministic: the same error renders to the same bytes everywhere.
    pub fn to_json(&self, request_id: &str) -> String {
        let mut out = String::with_capacity(128 + self.message.len() + 96 * self.details.len());
        out.push_str("{\"error\":{\"code\":");
        push_json_string(&mut out, self.code);
        out.push_str(",\"message\":");
        push_json_string(&mut out, &self.message);
        if !self.details.is_empty() {
            out.push_str(",\"details\":[");
            for (i, d) in self.details.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str("{\"path\":");
                push_json_string(&mut out, &d.path);
                out.push_str(",\"code\":");
                push_json_string(&mut out, d.code);
                out.push_str(",\"message\":");
                push_json_string(&mut out, &d.message);
                out.push('}');
            }
            out.push(']');
        }
        out.push_str(",\"requestId\":");
        push_json_string(&mut out, request_id);
        out.push_str("}}");
        out
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)?;
        for d in &self.details {
            write!(f, "; {} {}: {}", d.path, d.code, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// Appends `s` as a JSON string literal. Runs of characters that need no escape are copied as
/// whole slices, found eight bytes at a time: this writes every string of every response, and
/// the byte-by-byte scan was 7% of the server's CPU on W3's 50 messages (issue 12).
pub fn push_json_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes[i..].first_chunk::<8>()
            && !needs_escape(u64::from_le_bytes(*word))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // Every byte matched above is ASCII, so `i` is a char boundary.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Whether any byte of `w` must be escaped in a JSON string: a control character (< 0x20), `"`
/// or `\`. Exact, with no false positives (the "has a zero byte" and "has a byte less than n"
/// tests of Bit Twiddling Hacks, n ≤ 128).
const fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ (ONES * b'"' as u64);
    let quote = q.wrapping_sub(ONES) & !q;
    let b = w ^ (ONES * b'\\' as u64);
    let backslash = b.wrapping_sub(ONES) & !b;
    (control | quote | backslash) & HIGH != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escapes one byte at a time: what the word-at-a-time scan must write.
    fn byte_by_byte(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// Every ASCII byte at every position of strings around the word size, and multi-byte
    /// characters: the same escapes as one byte at a time, and JSON that reads back as the
    /// string.
    #[test]
    fn json_strings_match_serde_json() {
        let mut cases: Vec<String> = vec![String::new(), "абв\"где\\жз\u{1}ийк".into(), "日本語テキスト\n".into()];
        for len in 0..20 {
            for pos in 0..len {
                for b in 0u8..128 {
                    let mut v = vec![b'a'; len];
                    v[pos] = b;
                    cases.push(String::from_utf8(v).expect("ASCII"));
                }
            }
        }
        for s in cases {
            let mut out = String::new();
            push_json_string(&mut out, &s);
            assert_eq!(out, byte_by_byte(&s), "{s:?}");
            assert_eq!(serde_json::from_str::<String>(&out).expect("valid JSON"), s);
        }
    }

    #[test]
    fn renders_the_documented_shape() {
        let e = ApiError::validation(vec![FieldError::new("/content", "required", "content is required")]);
        assert_eq!(
            e.to_json("req-1"),
            r#"{"error":{"code":"validation_failed","message":"The request body has 1 invalid field","details":[{"path":"/content","code":"required","message":"content is required"}],"requestId":"req-1"}}"#
        );
        let parsed: serde_json::Value = serde_json::from_str(&e.to_json("x")).expect("valid JSON");
        assert_eq!(parsed["error"]["details"][0]["path"], "/content");
    }

    #[test]
    fn omits_empty_details_and_escapes_strings() {
        let e = ApiError::not_found("Customer \"a\"\n");
        let json = e.to_json("id\u{1}");
        assert_eq!(
            json,
            "{\"error\":{\"code\":\"not_found\",\"message\":\"Customer \\\"a\\\"\\n not found\",\"requestId\":\"id\\u0001\"}}"
        );
        serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
    }

    #[test]
    fn json_strings_escape_exactly_what_json_requires() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"b\\c\nd\re\tf\u{1}g\u{7f}Яё€😀");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\u{7f}Яё€😀\"");
        let back: String = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(back, "a\"b\\c\nd\re\tf\u{1}g\u{7f}Яё€😀");
    }

    #[test]
    fn headers_are_the_documented_set() {
        let names = |e: &ApiError| e.headers("r").into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(
            names(&ApiError::method_not_allowed("GET, POST".into())),
            ["content-type", "cache-control", "allow", "x-request-id"]
        );
        assert_eq!(
            names(&ApiError::unauthorized(code::MISSING_TOKEN, "x")),
            ["content-type", "cache-control", "www-authenticate", "x-request-id"]
        );
        assert_eq!(
            names(&ApiError::unavailable("x", 1)),
            ["content-type", "cache-control", "retry-after", "x-request-id"]
        );
        assert_eq!(ApiError::new(42, "x", "y").http_status(), 500);
    }

    #[test]
    fn every_constructor_uses_a_listed_code_and_status() {
        let errors = [
            ApiError::malformed_json("x"),
            ApiError::invalid_parameters(vec![]),
            ApiError::validation(vec![]),
            ApiError::unauthorized(code::EXPIRED_TOKEN, "x"),
            ApiError::forbidden("x"),
            ApiError::route_not_found(),
            ApiError::not_found("x"),
            ApiError::method_not_allowed("GET".into()),
            ApiError::conflict(vec![]),
            ApiError::reference_violation("x"),
            ApiError::invalid_state("x"),
            ApiError::payload_too_large(1),
            ApiError::unsupported_media_type(),
            ApiError::unavailable("x", 1),
            ApiError::timeout("x"),
            ApiError::internal(),
        ];
        for e in errors {
            assert!(code::ALL.contains(&(e.code, e.status)), "{e}");
        }
    }

    #[test]
    fn statuses_match_codes() {
        assert_eq!(ApiError::malformed_json("x").status, 400);
        assert_eq!(ApiError::unavailable("db down", 1).retry_after, Some(1));
        assert_eq!(ApiError::method_not_allowed("GET".into()).allow.as_deref(), Some("GET"));
        assert_eq!(ApiError::payload_too_large(10).status, 413);
        assert_eq!(ApiError::internal().status, 500);
    }
}
