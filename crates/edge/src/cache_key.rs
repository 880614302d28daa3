//! What the edge cache stores under which key, and for how long.
//!
//! Only routes whose [`Route::cache_ttl`] is `Some` are cached (today the effective feature
//! flags, `GET /v1/tenants/{tenantId}/feature-flags`), and only their 200 answers. Their answer
//! depends on nothing but the tenant and the URL, so the key is exactly that:
//!
//! `{scheme}://{host}/.salesgate-edge-cache/{tenant}{path}?{query}`
//!
//! The tenant comes from the token the gate has just VERIFIED (or, for the roles that cross
//! tenants — platform staff and `service` — from the path: the gate has checked the role). It is never taken from an
//! unverified part of the request, so no request can name a key holding another tenant's answer.
//! The request's own host is kept because Cloudflare recommends Cache API keys on the Worker's
//! own hostname (other hostnames cost DNS lookups), and `.salesgate-edge-cache` is a path no API
//! route has, so keys never collide with real URLs.

use salesgate_core::gate::Admitted;
use salesgate_core::route::{Method, Route, Scope};

/// Path prefix of every cache key.
pub const PREFIX: &str = "/.salesgate-edge-cache/";

/// Whether the edge caches this route's answers at all.
pub fn cacheable(route: &Route) -> bool {
    route.method == Method::Get && route.cache_ttl.is_some_and(|ttl| ttl > 0)
}

/// The key part naming whose data this is: the verified tenant, or the path's tenant for roles
/// that cross tenants (their tokens have no `tenant_id`). Routes outside a tenant get a name no tenant id can have (`~` is not an id character).
pub fn owner<'a>(admitted: &'a Admitted<'_>) -> Option<&'a str> {
    match admitted.route.scope {
        Scope::Public => Some("~public"),
        Scope::Platform => Some("~platform"),
        Scope::Tenant => {
            let claims = admitted.claims.as_ref()?;
            if claims.role.crosses_tenants() { admitted.tenant() } else { claims.tenant_id.as_deref() }
        }
    }
}

/// The cache key for `request_url` (absolute, as the Worker received it) owned by `owner`.
/// `None` if the URL is not absolute.
pub fn key(request_url: &str, owner: &str) -> Option<String> {
    let scheme_end = request_url.find("://")? + 3;
    let authority_end = request_url[scheme_end..].find('/').map_or(request_url.len(), |i| scheme_end + i);
    let (origin, rest) = request_url.split_at(authority_end);
    let rest = rest.split('#').next().unwrap_or("");
    let rest = if rest.is_empty() { "/" } else { rest };
    let mut key = String::with_capacity(origin.len() + PREFIX.len() + owner.len() + rest.len());
    key.push_str(origin);
    key.push_str(PREFIX);
    for b in owner.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~' | b'.') {
            key.push(char::from(b));
        } else {
            key.push_str(&format!("%{b:02X}"));
        }
    }
    key.push_str(rest);
    Some(key)
}

/// Seconds to keep an answer: the least of the route's TTL, what the origin allows
/// (`s-maxage`, else `max-age`; `no-store`/`no-cache` mean 0) and the `EDGE_CACHE_TTL` bound.
/// The origin's `private` is deliberately not a veto: it keeps tenant data out of caches shared
/// between tenants, and this cache is partitioned by tenant.
pub fn ttl(route_ttl: u32, origin_cache_control: Option<&str>, configured: Option<u32>) -> u32 {
    let mut ttl = route_ttl.min(configured.unwrap_or(u32::MAX));
    if let Some(cc) = origin_cache_control {
        let directive = |name: &str| {
            cc.split(',').map(str::trim).find_map(|d| {
                let (k, v) = d.split_once('=').unwrap_or((d, ""));
                k.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        if directive("no-store").is_some() || directive("no-cache").is_some() {
            return 0;
        }
        if let Some(age) = directive("s-maxage").or_else(|| directive("max-age")) {
            ttl = ttl.min(age.parse().unwrap_or(0));
        }
    }
    ttl
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::auth::{Claims, Keys, Role, Verifier, sign};
    use salesgate_core::gate::{Gate, Request, RequestBody};

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn admit(path: &str, tenant: Option<&str>, role: Role, f: impl FnOnce(&Admitted<'_>)) {
        let claims = Claims::new("u", tenant, role, 1_800_000_000, 3600);
        let token = sign(&claims, Keys::parse(SECRET).expect("keys").signing_key());
        let auth = format!("Bearer {token}");
        let gate = Gate { verifier: Verifier::new(Keys::parse(SECRET).expect("keys"), None, 30), body_limit: 1024 };
        let request = Request {
            method: "GET",
            path,
            query: None,
            authorization: Some(&auth),
            content_type: None,
            body: RequestBody::Bytes(b""),
        };
        f(&gate.admit(&request, 1_800_000_000).expect("admitted"));
    }

    #[test]
    fn the_owner_is_the_verified_tenant_or_the_path_for_cross_tenant_roles() {
        admit("/v1/tenants/t1/feature-flags", Some("t1"), Role::Viewer, |a| {
            assert!(cacheable(a.route));
            assert_eq!(owner(a), Some("t1"));
        });
        admit("/v1/tenants/t2/feature-flags", None, Role::PlatformAdmin, |a| assert_eq!(owner(a), Some("t2")));
        admit("/v1/tenants/t3/feature-flags", None, Role::Service, |a| assert_eq!(owner(a), Some("t3")));
        admit("/v1/tenants/t1/customers", Some("t1"), Role::Owner, |a| assert!(!cacheable(a.route)));
        admit("/v1/platform/feature-flags", None, Role::PlatformOwner, |a| assert_eq!(owner(a), Some("~platform")));
    }

    #[test]
    fn keys_separate_tenants_and_urls() {
        let url = "https://api.example/v1/tenants/t1/feature-flags?x=1";
        assert_eq!(
            key(url, "t1").as_deref(),
            Some("https://api.example/.salesgate-edge-cache/t1/v1/tenants/t1/feature-flags?x=1")
        );
        assert_ne!(key(url, "t1"), key(url, "t2"));
        assert_ne!(key(url, "t1"), key("https://api.example/v1/tenants/t1/feature-flags?x=2", "t1"));
        assert_ne!(key(url, "t1"), key("http://api.example/v1/tenants/t1/feature-flags?x=1", "t1"));
        // An owner cannot smuggle path segments into the key.
        assert_eq!(
            key("http://h:8787/a", "t/../x y").as_deref(),
            Some("http://h:8787/.salesgate-edge-cache/t%2F..%2Fx%20y/a")
        );
        assert_eq!(key("http://h", "t").as_deref(), Some("http://h/.salesgate-edge-cache/t/"));
        assert_eq!(key("/relative", "t"), None);
    }

    #[test]
    fn ttl_is_the_least_of_route_origin_and_config() {
        assert_eq!(ttl(30, None, None), 30);
        assert_eq!(ttl(30, Some("private, max-age=10"), None), 10);
        assert_eq!(ttl(30, Some("max-age=60"), Some(5)), 5);
        assert_eq!(ttl(30, Some("max-age=60, s-maxage=3"), None), 3);
        assert_eq!(ttl(30, Some("no-store"), None), 0);
        assert_eq!(ttl(30, Some("No-Cache"), None), 0);
        assert_eq!(ttl(30, Some("max-age=junk"), None), 0);
        assert_eq!(ttl(30, Some("public"), Some(0)), 0);
    }
}
