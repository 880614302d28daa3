//! CORS for browser clients, answered entirely at the edge: the origin knows nothing of CORS.
//!
//! Preflights (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) never reach the gate
//! or the origin. An allowed origin gets the allow headers; any other origin gets a 204 without
//! them, which the browser treats as a refusal. Every other response — forwarded, cached or an
//! edge error — carries `Access-Control-Allow-Origin` for an allowed origin, so browsers can read
//! error bodies too. Tokens travel in `Authorization`, never in cookies, so credentials mode is
//! not needed and `*` is safe to offer.

/// Methods the API uses (every route's method is one of them).
pub const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE";
/// Request headers a browser may send: the token, the JSON content type, the request id.
pub const ALLOW_HEADERS: &str = "authorization, content-type, x-request-id";
/// Response headers scripts may read besides the CORS-safelisted ones.
pub const EXPOSE_HEADERS: &str = "x-request-id, x-next-cursor, x-salesgate-cache, retry-after, allow, www-authenticate";
/// Seconds a browser may reuse a preflight answer.
pub const MAX_AGE: &str = "600";

/// The configured allow-list (`CORS_ALLOWED_ORIGINS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowList {
    /// No CORS headers at all (the default: API clients are servers and bots, not browsers).
    None,
    /// `*`: any origin.
    Any,
    /// Exact origins (`scheme://host[:port]`), compared ASCII case-insensitively.
    Origins(Vec<String>),
}

impl AllowList {
    /// Parses a comma-separated list; `*` anywhere in it allows any origin.
    pub fn parse(spec: &str) -> AllowList {
        let items: Vec<String> = spec
            .split(',')
            .map(|s| s.trim().trim_end_matches('/'))
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        if items.iter().any(|s| s == "*") {
            AllowList::Any
        } else if items.is_empty() {
            AllowList::None
        } else {
            AllowList::Origins(items)
        }
    }

    /// The `Access-Control-Allow-Origin` value for a request's `Origin`, if it is allowed.
    pub fn allow(&self, origin: Option<&str>) -> Option<String> {
        match (self, origin) {
            (AllowList::None, _) | (AllowList::Origins(_), None) => None,
            (AllowList::Any, _) => Some("*".to_string()),
            (AllowList::Origins(list), Some(o)) => {
                list.iter().any(|a| a.eq_ignore_ascii_case(o)).then(|| o.to_string())
            }
        }
    }

    /// Headers for a normal (non-preflight) response. `Vary: Origin` whenever the answer depends
    /// on the `Origin` header, so shared caches and browsers do not reuse it across origins.
    pub fn response_headers(&self, origin: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if matches!(self, AllowList::Origins(_)) {
            headers.push(("vary", "Origin".to_string()));
        }
        if let Some(allowed) = self.allow(origin) {
            headers.push(("access-control-allow-origin", allowed));
            headers.push(("access-control-expose-headers", EXPOSE_HEADERS.to_string()));
        }
        headers
    }

    /// Headers of the 204 answer to a preflight.
    pub fn preflight_headers(&self, origin: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = vec![("vary", "Origin".to_string())];
        if let Some(allowed) = self.allow(origin) {
            headers.push(("access-control-allow-origin", allowed));
            headers.push(("access-control-allow-methods", ALLOW_METHODS.to_string()));
            headers.push(("access-control-allow-headers", ALLOW_HEADERS.to_string()));
            headers.push(("access-control-max-age", MAX_AGE.to_string()));
        }
        headers
    }
}

/// Whether a request is a CORS preflight (a plain `OPTIONS` goes to the gate: 405 like the origin).
pub fn is_preflight(method: &str, origin: Option<&str>, request_method: Option<&str>) -> bool {
    method.eq_ignore_ascii_case("OPTIONS") && origin.is_some() && request_method.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_and_wildcards() {
        assert_eq!(AllowList::parse(""), AllowList::None);
        assert_eq!(AllowList::parse(" , "), AllowList::None);
        assert_eq!(AllowList::parse("https://a.example, *"), AllowList::Any);
        assert_eq!(
            AllowList::parse("https://a.example/, http://localhost:3000"),
            AllowList::Origins(vec!["https://a.example".into(), "http://localhost:3000".into()])
        );
    }

    #[test]
    fn allows_only_listed_origins() {
        let list = AllowList::parse("https://a.example");
        assert_eq!(list.allow(Some("https://a.example")).as_deref(), Some("https://a.example"));
        assert_eq!(list.allow(Some("HTTPS://A.EXAMPLE")).as_deref(), Some("HTTPS://A.EXAMPLE"));
        assert_eq!(list.allow(Some("https://a.example.evil")), None);
        assert_eq!(list.allow(Some("http://a.example")), None);
        assert_eq!(list.allow(None), None);
        assert_eq!(AllowList::Any.allow(Some("https://x")).as_deref(), Some("*"));
        assert_eq!(AllowList::None.allow(Some("https://x")), None);
    }

    #[test]
    fn headers() {
        let list = AllowList::parse("https://a.example");
        let names = |h: Vec<(&'static str, String)>| h.into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names(list.response_headers(Some("https://b.example"))), ["vary"]);
        assert_eq!(
            names(list.response_headers(Some("https://a.example"))),
            ["vary", "access-control-allow-origin", "access-control-expose-headers"]
        );
        assert!(AllowList::None.response_headers(Some("https://a.example")).is_empty());
        assert_eq!(names(list.preflight_headers(Some("https://b.example"))), ["vary"]);
        assert_eq!(names(list.preflight_headers(Some("https://a.example"))).len(), 5);
        assert!(is_preflight("OPTIONS", Some("https://a"), Some("POST")));
        assert!(!is_preflight("OPTIONS", Some("https://a"), None));
        assert!(!is_preflight("GET", Some("https://a"), Some("POST")));
    }
}
