//! Error answers of the edge, header for header what the origin sends
//! (`salesgate_server::app::error_response`), so a client cannot tell which tier refused it:
//! core's error JSON ([`ApiError::to_json`]) with the error's status, `content-type:
//! application/json`, `cache-control: no-store`, `allow` on 405, `retry-after` when set,
//! `www-authenticate: Bearer` on 401, and the request id.

use salesgate_core::error::{ApiError, code};

/// Status, headers and body of the answer for `e`.
pub struct ErrorReply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

pub fn reply(e: &ApiError, request_id: &str) -> ErrorReply {
    ErrorReply { status: e.http_status(), headers: e.headers(request_id), body: e.to_json(request_id) }
}

/// 502: the origin could not be reached (connection refused, DNS, TLS, reset).
pub fn bad_gateway() -> ApiError {
    ApiError::new(502, code::BAD_GATEWAY, "The edge could not reach the origin; try again shortly")
}

/// 504: the origin did not start answering within `ORIGIN_TIMEOUT_MS`.
pub fn origin_timeout(ms: u32) -> ApiError {
    ApiError::timeout(format!("The origin did not answer within {ms} ms"))
}

/// 400: the body stream broke while the edge read it (the server's words for the same case).
pub fn unreadable_body() -> ApiError {
    ApiError::new(400, code::MALFORMED_JSON, "The request body could not be read")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_with_cores_status_headers_and_body() {
        let e = ApiError::method_not_allowed("GET, POST".into());
        let r = reply(&e, "req-1");
        assert_eq!((r.status, r.headers, r.body), (405, e.headers("req-1"), e.to_json("req-1")));
        let r = reply(&bad_gateway(), "req-9");
        assert_eq!(r.status, 502);
        assert_eq!(
            r.body,
            r#"{"error":{"code":"bad_gateway","message":"The edge could not reach the origin; try again shortly","requestId":"req-9"}}"#
        );
        assert!(reply(&origin_timeout(250), "r").body.contains("within 250 ms"));
        assert_eq!(reply(&ApiError::new(42, "x", "y"), "r").status, 500);
    }
}
