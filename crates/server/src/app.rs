//! One request, end to end: request id, the gate (core's routing, auth and validation — run
//! here on every request, whatever an edge in front already checked), the storage operation,
//! the answer, metrics and the access log.

use crate::balance::Balance;
use crate::deadline::{self, Deadlines};
use crate::dispatch;
use crate::errors::{self, Severity};
use crate::metrics::{self, Metrics};
use crate::migrations::embedded;
use crate::pg::Lane;
use crate::storage::secrets::MasterKey;
use crate::token_cache::CachedVerifier;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Body, Incoming};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Request, Response, StatusCode};
use salesgate_core::error::ApiError;
use salesgate_core::gate::{self, Gate, RequestBody};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Header carrying the request id, accepted from the client or generated.
pub use salesgate_core::request_id::HEADER as REQUEST_ID;
/// Header carrying the cursor of a list's next page.
pub const NEXT_CURSOR: &str = "x-next-cursor";

/// Everything a request needs, shared by all runtimes; each runtime has its own [`Lane`] of
/// database connections (`lanes[i]` for runtime `i`).
pub struct App {
    pub gate: Gate<CachedVerifier>,
    pub lanes: Vec<Lane>,
    pub metrics: Metrics,
    /// Client connections per runtime, and the handing over of new ones (one runtime per lane).
    pub balance: Balance,
    /// Upper bound on one request, body reading included (504 past it).
    pub request_timeout: Duration,
    /// `INTEGRATION_SECRETS_MASTER_KEY`, for the values stored encrypted (integration secrets,
    /// Telegram session strings); without it they are not written and read as unreadable.
    pub master_key: Option<MasterKey>,
    /// The OpenAPI document, rendered on its first request: building it (a JSON tree of every
    /// route) takes ~9 MiB that glibc keeps after it is freed, so a server nobody asks for its
    /// document should not pay that at start (idle RSS 18 → 8 MiB, docs/performance.md).
    openapi: OnceLock<Bytes>,
}

impl App {
    /// An app with one lane per runtime (at least one).
    pub fn new(gate: Gate<CachedVerifier>, lanes: Vec<Lane>, request_timeout: Duration) -> App {
        let balance = Balance::new(lanes.len());
        App {
            gate,
            lanes,
            metrics: Metrics::new(),
            balance,
            request_timeout,
            master_key: None,
            openapi: OnceLock::new(),
        }
    }

    /// The same app with the master key of the encrypted values.
    pub fn with_master_key(mut self, key: Option<MasterKey>) -> App {
        self.master_key = key;
        self
    }

    /// The lane of runtime `i` (runtimes past the lanes share the last one).
    pub fn lane(&self, i: usize) -> &Lane {
        &self.lanes[i.min(self.lanes.len().saturating_sub(1))]
    }

    /// Answers one request on runtime `lane`'s connections, its timeout on the runtime's
    /// `deadlines`. Never fails: every error becomes an error response.
    pub async fn handle(
        &self,
        request: Request<Incoming>,
        lane: usize,
        deadlines: &Deadlines,
    ) -> Response<Full<Bytes>> {
        let started = Instant::now();
        let request_id = request_id(request.headers());
        let lane = self.lane(lane);
        let deadline = deadlines.at(started + self.request_timeout);
        let (slot, response) = match deadline::timeout(deadline, self.answer(request, &request_id, lane)).await {
            Some(answer) => answer,
            None => (
                self.metrics.slot(metrics::UNMATCHED),
                error_response(&ApiError::timeout("The request took too long"), &request_id),
            ),
        };
        let status = response.status().as_u16();
        let elapsed = started.elapsed();
        self.metrics.record(slot, status, elapsed);
        tracing::info!(
            request_id = %request_id,
            route = self.metrics.label(slot),
            status,
            micros = elapsed.as_micros() as u64,
            "request"
        );
        let mut response = response;
        // From the String itself: no copy.
        if let Ok(value) = HeaderValue::try_from(request_id) {
            response.headers_mut().insert(REQUEST_ID, value);
        }
        response
    }

    async fn answer(
        &self,
        request: Request<Incoming>,
        request_id: &str,
        lane: &Lane,
    ) -> (usize, Response<Full<Bytes>>) {
        let (parts, body) = request.into_parts();
        let path = parts.uri.path();
        if parts.method == hyper::Method::GET {
            match path {
                "/healthz" => {
                    return (
                        self.metrics.slot("GET /healthz"),
                        json(StatusCode::OK, Bytes::from_static(b"{\"status\":\"ok\"}")),
                    );
                }
                "/readyz" => return (self.metrics.slot("GET /readyz"), self.ready(request_id, lane).await),
                "/metrics" => return (self.metrics.slot("GET /metrics"), self.render_metrics()),
                _ => {}
            }
        }
        let body = match read_body(&parts.headers, body, self.gate.body_limit).await {
            Ok(bytes) => Some(bytes),
            Err(BodyError::TooLarge) => None,
            Err(BodyError::Broken) => {
                let e = ApiError::new(
                    400,
                    salesgate_core::error::code::MALFORMED_JSON,
                    "The request body could not be read",
                );
                return (self.metrics.slot(metrics::UNMATCHED), error_response(&e, request_id));
            }
        };
        let header = |name: header::HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let gate_request = gate::Request {
            method: parts.method.as_str(),
            path,
            query: parts.uri.query(),
            authorization: header(header::AUTHORIZATION),
            content_type: header(header::CONTENT_TYPE),
            body: match &body {
                Some(bytes) => RequestBody::Bytes(bytes),
                None => RequestBody::TooLarge,
            },
        };
        let admitted = match self.gate.admit(&gate_request, unix_now()) {
            Ok(a) => a,
            Err(e) => {
                let slot = salesgate_core::router::resolve(parts.method.as_str(), path)
                    .map_or(self.metrics.slot(metrics::UNMATCHED), |m| Metrics::route_slot(m.route));
                return (slot, error_response(&e, request_id));
            }
        };
        let route = admitted.route;
        let slot = Metrics::route_slot(route);
        if route.action == salesgate_core::route::Action::Document {
            let document = self.openapi.get_or_init(|| Bytes::from(salesgate_core::openapi::document().to_string()));
            return (slot, json(StatusCode::OK, document.clone()));
        }
        // Boxed: the operation's future is large (kilobytes), and would otherwise be moved into
        // every enclosing future of the request.
        match Box::pin(dispatch::dispatch(lane, &admitted, self.master_key.as_ref())).await {
            Ok(reply) => {
                let status = StatusCode::from_u16(route.status).unwrap_or(StatusCode::OK);
                let mut response = if status == StatusCode::NO_CONTENT {
                    Response::new(Full::new(Bytes::new()))
                } else {
                    json(status, Bytes::from(reply.body))
                };
                *response.status_mut() = status;
                let headers = response.headers_mut();
                if let Some(cursor) = reply.next_cursor.and_then(|c| HeaderValue::from_str(&c).ok()) {
                    headers.insert(NEXT_CURSOR, cursor);
                }
                let cache = match route.cache_ttl {
                    Some(ttl) => HeaderValue::from_str(&format!("private, max-age={ttl}")).ok(),
                    None => Some(HeaderValue::from_static("no-store")),
                };
                if let Some(value) = cache {
                    headers.insert(header::CACHE_CONTROL, value);
                }
                (slot, response)
            }
            Err(e) => {
                let (api, severity) = errors::to_api(&e);
                match severity {
                    Severity::Error => tracing::error!(request_id, error = ?e, "request failed"),
                    Severity::Warn => tracing::warn!(request_id, error = ?e, "request failed"),
                    Severity::None => {}
                }
                (slot, error_response(&api, request_id))
            }
        }
    }

    /// Ready when the database answers and every embedded migration is recorded as applied.
    async fn ready(&self, request_id: &str, lane: &Lane) -> Response<Full<Bytes>> {
        let check = async {
            let rows =
                lane.query("SELECT name, checksum FROM salesgate.schema_migrations", &[], &[]).await.map_err(|e| {
                    match e {
                        crate::pg::PgError::Db(e) => {
                            format!("cannot read the migration history: {}", crate::db::describe(&e))
                        }
                        other => other.to_string(),
                    }
                })?;
            let pending: Vec<&str> = embedded()
                .iter()
                .filter(|m| !rows.iter().any(|r| r.get::<_, &str>(0) == m.name && r.get::<_, &str>(1) == m.checksum))
                .map(|m| m.name.as_str())
                .collect();
            if pending.is_empty() { Ok(()) } else { Err(format!("migrations not applied: {}", pending.join(", "))) }
        };
        match check.await {
            Ok(()) => json(StatusCode::OK, Bytes::from_static(b"{\"status\":\"ready\"}")),
            Err(reason) => error_response(&ApiError::unavailable(format!("Not ready: {reason}"), 1), request_id),
        }
    }

    fn render_metrics(&self) -> Response<Full<Bytes>> {
        let mut gauges = crate::pg::Gauges::default();
        for lane in &self.lanes {
            gauges += lane.gauges();
        }
        let mut response = Response::new(Full::new(Bytes::from(self.metrics.render(gauges, &self.balance.counts()))));
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
        response
    }
}

enum BodyError {
    TooLarge,
    Broken,
}

/// How far past the limit an oversized body is read (and dropped) before the 413, and for how
/// long. hyper closes a connection whose request body is left unread, and closing a socket with
/// unread data resets it: a client still writing its body (one that does not wait for
/// `100 Continue`, e.g. Python's urllib) then gets a broken pipe instead of the 413. Reading the
/// rest lets it finish writing and read the answer; the bounds keep a client that sends far
/// more, or stalls, from holding the connection.
const DRAIN_BYTES: u64 = 4 << 20;
const DRAIN_TIME: Duration = Duration::from_secs(2);

/// Reads the body up to `limit` bytes. An oversized body is drained within [`DRAIN_BYTES`] and
/// [`DRAIN_TIME`] before answering; one declared too large to drain, or sent only after
/// `100 Continue`, is refused without reading (hyper then closes the connection).
async fn read_body(headers: &HeaderMap, mut body: Incoming, limit: usize) -> Result<Bytes, BodyError> {
    let max = limit as u64;
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let size = declared.unwrap_or(0).max(body.size_hint().lower());
    if size > max {
        // Reading would make hyper send the `100 Continue` such a client waits for.
        let expects_continue =
            headers.get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        if !expects_continue && size - max <= DRAIN_BYTES {
            discard(&mut body, size).await;
        }
        return Err(BodyError::TooLarge);
    }
    match Limited::new(&mut body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            discard(&mut body, DRAIN_BYTES).await;
            Err(BodyError::TooLarge)
        }
        Err(_) => Err(BodyError::Broken),
    }
}

/// Reads and drops the rest of `body`: about `budget` bytes at most (the last frame may pass
/// it), for [`DRAIN_TIME`] at most. A broken body ends it too: the connection closes anyway.
async fn discard(body: &mut Incoming, budget: u64) {
    let drain = async {
        let mut left = budget;
        while let Some(Ok(frame)) = body.frame().await {
            let n = frame.data_ref().map_or(0, |d| d.len() as u64);
            match left.checked_sub(n) {
                Some(rest) => left = rest,
                None => break,
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIME, drain).await;
}

/// The client's `x-request-id` when core accepts it, else a new id.
fn request_id(headers: &HeaderMap) -> String {
    let given = headers.get(REQUEST_ID).and_then(|v| v.to_str().ok());
    salesgate_core::request_id::accept(given).map_or_else(new_request_id, str::to_string)
}

/// A new request id in UUID form: a random value drawn once per process plus a counter, so
/// ids are unique across replicas without a `getrandom` system call per request.
fn new_request_id() -> String {
    static BASE: std::sync::OnceLock<(u64, u64)> = std::sync::OnceLock::new();
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let (high, low) = *BASE.get_or_init(|| uuid::Uuid::new_v4().as_u64_pair());
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    uuid::Uuid::from_u64_pair(high, low.wrapping_add(n)).to_string()
}

fn json(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// core's error JSON with the status and headers core prescribes (the edge sends the same).
pub fn error_response(e: &ApiError, request_id: &str) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Full::new(Bytes::from(e.to_json(request_id))));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for (name, value) in e.headers(request_id) {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}
