//! What an admitted request looks like when it is forwarded to the origin.
//!
//! Method, path, query and body are kept as received. Of the client's headers only those the
//! origin uses are passed on — `authorization` (the origin re-runs the gate; it never trusts the
//! edge), `content-type` and `x-request-id` (the edge's id, so both tiers log the same one).
//! The `x-forwarded-*` headers are the edge's own: `x-forwarded-for` is Cloudflare's
//! `cf-connecting-ip`, never a client-supplied `x-forwarded-for`, which anyone can forge.

use crate::request_id;

/// The origin URL for a request: `ORIGIN_URL` (no trailing `/`) + path + `?query`.
pub fn origin_url(origin: &str, path: &str, query: Option<&str>) -> String {
    let mut url = String::with_capacity(origin.len() + path.len() + query.map_or(0, |q| q.len() + 1));
    url.push_str(origin);
    url.push_str(path);
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

/// The client's view of the request, as the Worker received it.
pub struct Incoming<'a> {
    pub authorization: Option<&'a str>,
    pub content_type: Option<&'a str>,
    /// Cloudflare's `cf-connecting-ip` (absent in some local runs).
    pub client_ip: Option<&'a str>,
    /// `https` or `http`, from the request URL.
    pub scheme: &'a str,
    /// Host and port, from the request URL.
    pub host: &'a str,
}

/// The headers sent to the origin.
pub fn headers<'a>(incoming: &Incoming<'a>, request_id: &'a str) -> Vec<(&'static str, &'a str)> {
    let mut out = Vec::with_capacity(6);
    if let Some(v) = incoming.authorization {
        out.push(("authorization", v));
    }
    if let Some(v) = incoming.content_type {
        out.push(("content-type", v));
    }
    out.push((request_id::HEADER, request_id));
    if let Some(ip) = incoming.client_ip {
        out.push(("x-forwarded-for", ip));
    }
    out.push(("x-forwarded-proto", incoming.scheme));
    out.push(("x-forwarded-host", incoming.host));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_path_and_query() {
        assert_eq!(origin_url("http://o:8080", "/v1/a", Some("x=1&y=%20")), "http://o:8080/v1/a?x=1&y=%20");
        assert_eq!(origin_url("https://o/base", "/v1/a", None), "https://o/base/v1/a");
    }

    #[test]
    fn only_the_relevant_headers() {
        let incoming = Incoming {
            authorization: Some("Bearer t"),
            content_type: None,
            client_ip: Some("203.0.113.7"),
            scheme: "https",
            host: "api.example",
        };
        assert_eq!(
            headers(&incoming, "req-1"),
            [
                ("authorization", "Bearer t"),
                ("x-request-id", "req-1"),
                ("x-forwarded-for", "203.0.113.7"),
                ("x-forwarded-proto", "https"),
                ("x-forwarded-host", "api.example"),
            ]
        );
    }
}
