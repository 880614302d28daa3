//! Binding: the Worker's `fetch` event — the per-request pipeline.
//!
//! 0. the isolate's configuration ([`env::config`]: cached, rebuilt only when the env changes);
//! 1. request id: the client's sane `x-request-id`, else a new UUID;
//! 2. CORS preflight, answered here;
//! 3. the body, read with the limit, then core's gate (route, token, scope and role, query,
//!    body) — every refusal is answered here with the origin's exact status, headers and bytes;
//! 4. cacheable routes: the edge cache (after the gate, so every hit is still authenticated);
//! 5. otherwise forward to `ORIGIN_URL` and stream the answer back (502/504 if it fails).
//!
//! CORS headers are added to whatever comes out. The handler never returns `Err` (the runtime
//! would turn it into an HTML 500): every failure is an API error JSON.

use crate::cache_key;
use crate::config::Config;
use crate::cors;
use crate::forward::{self, Incoming};
use crate::platform::body::{self, Body};
use crate::platform::{cache, env, origin, response};
use crate::request_id;
use salesgate_core::error::ApiError;
use salesgate_core::gate::{self, RequestBody};
use worker::{Context, Env, Request, Response, event};

#[event(fetch)]
pub async fn fetch(mut request: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let header = |name: &str| request.headers().get(name).ok().flatten();
    let request_id = request_id::for_header(header(request_id::HEADER).as_deref());
    let origin = header("origin");
    let preflight_method = header("access-control-request-method");
    let config = match env::config(&env) {
        Ok(config) => config,
        Err(reason) => {
            worker::console_error!("salesgate-edge: configuration: {reason}");
            return Ok(response::error(&ApiError::internal(), &request_id));
        }
    };
    let method = request.inner().method();
    if cors::is_preflight(&method, origin.as_deref(), preflight_method.as_deref()) {
        return Ok(response::empty(204, &config.cors.preflight_headers(origin.as_deref())));
    }
    let mut answer = match handle(&mut request, &method, &config, &request_id).await {
        Ok(answer) => answer,
        Err(e) => response::error(&e, &request_id),
    };
    response::set_all(&mut answer, &config.cors.response_headers(origin.as_deref()));
    Ok(answer)
}

async fn handle(request: &mut Request, method: &str, config: &Config, request_id: &str) -> Result<Response, ApiError> {
    let url = request.url().map_err(|_| ApiError::route_not_found())?;
    let header = |name: &str| request.headers().get(name).ok().flatten();
    let (authorization, content_type, client_ip, length) =
        (header("authorization"), header("content-type"), header("cf-connecting-ip"), header("content-length"));
    let body = body::read(request, length.as_deref(), config.gate.body_limit).await?;
    let gate_request = gate::Request {
        method,
        path: url.path(),
        query: url.query(),
        authorization: authorization.as_deref(),
        content_type: content_type.as_deref(),
        body: match &body {
            Body::Bytes(bytes) => RequestBody::Bytes(bytes),
            Body::TooLarge => RequestBody::TooLarge,
        },
    };
    let now = (worker::js_sys::Date::now() / 1000.0).floor() as i64;
    let admitted = config.gate.admit(&gate_request, now)?;

    let host = &url[worker::url::Position::BeforeHost..worker::url::Position::AfterPort];
    let incoming = Incoming {
        authorization: authorization.as_deref(),
        content_type: content_type.as_deref(),
        client_ip: client_ip.as_deref(),
        scheme: url.scheme(),
        host,
    };
    let upstream = Upstream {
        url: forward::origin_url(&config.origin, url.path(), url.query()),
        method,
        headers: forward::headers(&incoming, request_id),
        // fetch() refuses a body on GET; the gate ignores bodies of routes without one anyway.
        body: match &body {
            Body::Bytes(bytes) if !bytes.is_empty() && method != "GET" => Some(bytes.as_slice()),
            _ => None,
        },
        timeout_ms: config.origin_timeout_ms,
    };
    let key = match admitted.route.cache_ttl {
        Some(route_ttl) if cache_key::cacheable(admitted.route) => {
            cache_key::owner(&admitted).and_then(|owner| cache_key::key(url.as_str(), owner)).map(|k| (k, route_ttl))
        }
        _ => None,
    };
    match key {
        Some((key, route_ttl)) => cached(&upstream, &key, route_ttl, config.cache_ttl, request_id).await,
        None => upstream.send().await.map(response::mutable),
    }
}

/// The forwarded request.
struct Upstream<'a> {
    url: String,
    method: &'a str,
    headers: Vec<(&'static str, &'a str)>,
    body: Option<&'a [u8]>,
    timeout_ms: u32,
}

impl Upstream<'_> {
    async fn send(&self) -> Result<Response, ApiError> {
        origin::send(&self.url, self.method, &self.headers, self.body, self.timeout_ms).await
    }
}

/// A cacheable GET: the stored answer, or the origin's (stored when it is a 200 the origin lets
/// us keep). The store is awaited before answering, so the very next request can hit; the body
/// of a cacheable answer is small (flags), and a miss happens once per tenant and TTL.
async fn cached(
    upstream: &Upstream<'_>,
    key: &str,
    route_ttl: u32,
    bound: Option<u32>,
    request_id: &str,
) -> Result<Response, ApiError> {
    if let Some(hit) = cache::lookup(key, request_id).await {
        return Ok(hit);
    }
    let mut answer = response::mutable(upstream.send().await?);
    if answer.status_code() == 200 {
        let origin_cc = answer.headers().get("cache-control").ok().flatten();
        let ttl = cache_key::ttl(route_ttl, origin_cc.as_deref(), bound);
        if ttl > 0 {
            let bytes = answer.bytes().await.map_err(|e| {
                worker::console_warn!("salesgate-edge: origin body broke: {e}");
                crate::errors::bad_gateway()
            })?;
            cache::store(key, answer.headers(), &bytes, ttl).await;
            answer = response::fixed(200, answer.headers().clone(), bytes);
        }
    }
    response::set(&mut answer, cache::STATUS_HEADER, "miss");
    Ok(answer)
}
