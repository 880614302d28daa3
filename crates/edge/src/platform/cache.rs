//! Binding: the Cache API (`caches.default`), the edge cache of cacheable routes.
//!
//! Platform semantics this relies on:
//! - the cache is local to one Cloudflare data center (nothing is replicated), and on
//!   `*.workers.dev` hostnames `put` and `match` do nothing — deploy on a custom domain;
//! - `put` honours the stored response's `Cache-Control`: `private` or `no-store` would make it
//!   refuse to store, and `max-age` is how long the entry lives. So the stored copy carries
//!   `cache-control: public, max-age=<ttl>` and keeps the origin's own value in
//!   [`ORIGIN_CACHE_CONTROL`], which a hit restores for the client;
//! - `match` is keyed by URL only (the key is tenant + URL, see [`crate::cache_key`]).
//!
//! Cache failures are never the client's problem: a failed lookup is a miss, a failed store is
//! logged and the answer still goes out.

use crate::platform::response;
use crate::request_id;
use worker::{Cache, Headers, Response};

/// Header of a stored entry keeping the origin's `Cache-Control` (never sent to clients).
pub const ORIGIN_CACHE_CONTROL: &str = "x-salesgate-origin-cache-control";
/// Response header telling the client whether the edge cache answered.
pub const STATUS_HEADER: &str = "x-salesgate-cache";

/// The stored answer for `key`, made ready for this request (its own request id, the origin's
/// `Cache-Control`, `x-salesgate-cache: hit`).
pub async fn lookup(key: &str, request_id: &str) -> Option<Response> {
    let stored = match Cache::default().get(key, false).await {
        Ok(found) => found?,
        Err(e) => {
            worker::console_warn!("salesgate-edge: cache lookup failed: {e}");
            return None;
        }
    };
    let mut hit = response::mutable(stored);
    let origin_cc = hit.headers().get(ORIGIN_CACHE_CONTROL).ok().flatten();
    let _ = hit.headers_mut().delete(ORIGIN_CACHE_CONTROL);
    match origin_cc {
        Some(cc) => response::set(&mut hit, "cache-control", &cc),
        None => {
            let _ = hit.headers_mut().delete("cache-control");
        }
    }
    response::set(&mut hit, request_id::HEADER, request_id);
    response::set(&mut hit, STATUS_HEADER, "hit");
    Some(hit)
}

/// Stores a 200 answer (`headers` as the origin sent them, `body` read in full) for `ttl` s.
pub async fn store(key: &str, headers: &Headers, body: &[u8], ttl: u32) {
    let stored = headers.clone();
    if let Some(cc) = headers.get("cache-control").ok().flatten() {
        let _ = stored.set(ORIGIN_CACHE_CONTROL, &cc);
    }
    let _ = stored.set("cache-control", &format!("public, max-age={ttl}"));
    // Cookies are never stored (the origin sets none; this is the guard if it ever does).
    let _ = stored.delete("set-cookie");
    let _ = stored.delete(STATUS_HEADER);
    if let Err(e) = Cache::default().put(key, response::fixed(200, stored, body.to_vec())).await {
        worker::console_warn!("salesgate-edge: cache store failed: {e}");
    }
}
