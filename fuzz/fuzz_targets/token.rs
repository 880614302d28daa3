//! `Verifier::verify` on any bytes, two ways:
//! - as they are: the raw `Authorization` header, `Bearer ` + the bytes, and the bare token;
//! - as a header and a payload (split at the first newline), base64url-encoded and correctly
//!   signed, so the header and claim parsers behind the signature check get fuzzed too.
//!
//! A refusal is a well-formed 401 with a token code; an accepted token's claims agree with what
//! `serde_json` reads from the same payload, and its header says HS256.
#![no_main]

use libfuzzer_sys::fuzz_target;
use salesgate_core::auth::Claims;
use salesgate_core::error::{ApiError, code};
use salesgate_fuzz::{NOW, SECRET, check_error, forge, gate};
use serde_json::Value as Json;

/// A refusal is a well-formed 401 with one of the three token codes.
fn check_refusal(result: &Result<Claims, ApiError>) {
    if let Err(e) = result {
        check_error(e, "req-1");
        assert!([code::MISSING_TOKEN, code::INVALID_TOKEN, code::EXPIRED_TOKEN].contains(&e.code), "{e}");
    }
}

/// The JSON value of an accepted header or payload. `None` for valid JSON that `serde_json::Value`
/// cannot hold: a number beyond `f64` in a member the verifier skips (RFC 8259 allows it).
fn json(text: &[u8]) -> Option<Json> {
    match serde_json::from_slice(text) {
        Ok(json) => Some(json),
        Err(e) if e.to_string().starts_with("number out of range") => None,
        Err(e) => panic!("an accepted header or payload is not JSON: {e}"),
    }
}

/// Accepted claims are valid at `NOW` (with the 30 s leeway).
fn check_claims(claims: &Claims) {
    assert!(!claims.sub.is_empty());
    assert_ne!(claims.tenant_id.as_deref(), Some(""));
    assert!(NOW <= claims.exp.saturating_add(30), "expired claims accepted: {claims:?}");
    assert!(claims.nbf.is_none_or(|nbf| nbf <= NOW + 30), "not-yet-valid claims accepted: {claims:?}");
}

fuzz_target!(|data: &[u8]| {
    let verifier = &gate().verifier;
    if let Ok(text) = std::str::from_utf8(data) {
        for result in [
            verifier.verify(Some(text), NOW),
            verifier.verify(Some(&format!("Bearer {text}")), NOW),
            verifier.verify_token(text, NOW),
        ] {
            check_refusal(&result);
            if let Ok(claims) = &result {
                check_claims(claims);
            }
        }
    }

    let (header, payload) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&br#"{"alg":"HS256","typ":"JWT"}"#[..], data),
    };
    let result = verifier.verify_token(&forge(header, payload, SECRET.as_bytes()), NOW);
    check_refusal(&result);
    if let Ok(claims) = &result {
        check_claims(claims);
        // An accepted token is UTF-8 JSON all through (regression
        // `tokens_with_non_utf8_json_are_refused` in crates/core/tests/properties.rs).
        assert!(std::str::from_utf8(header).is_ok() && std::str::from_utf8(payload).is_ok());
        let (Some(header), Some(payload)) = (json(header), json(payload)) else { return };
        assert_eq!(header.get("alg").and_then(Json::as_str), Some("HS256"));
        assert_eq!(payload.get("sub").and_then(Json::as_str), Some(claims.sub.as_str()));
        assert_eq!(payload.get("role").and_then(Json::as_str), Some(claims.role.as_str()));
        assert_eq!(payload.get("tenant_id").and_then(Json::as_str), claims.tenant_id.as_deref());
    }
});
