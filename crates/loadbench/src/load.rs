//! The load generator: a fixed number of keep-alive HTTP/1.1 connections (hyper 1 client
//! connections over `TcpStream` with `TCP_NODELAY`), each sending its next request as soon as the
//! previous answer is read (closed loop, like pgbench's clients). A request counts when it
//! completes inside the measured window; its latency is from just before sending to the last
//! byte of the body.

use crate::workload::{
    CHANNELS, CUSTOMERS, INBOUND_CONTENT, INBOUND_NAME, NEW_CUSTOMER_PERCENT, NEW_EXTERNAL_ID_SERVER, PAGE_LIMIT, Rng,
    TENANTS, Workload, channel_of, conversation_id, external_id, tenant_id,
};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// How many error answers are kept to show.
const ERROR_SAMPLES: usize = 5;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// What every connection shares: the target and the pre-minted tokens.
pub struct Target {
    pub addr: SocketAddr,
    host: HeaderValue,
    /// `Bearer <token>` of tenant `t` at index `t - 1`.
    auth: Vec<HeaderValue>,
    /// Numbers new W2 customers (unique external ids).
    new_customers: AtomicU64,
    pub request_timeout: Duration,
}

impl Target {
    pub fn new(addr: SocketAddr, tokens: &[String], request_timeout: Duration) -> Result<Target, String> {
        let auth = tokens
            .iter()
            .map(|t| HeaderValue::from_str(&format!("Bearer {t}")).map_err(|e| format!("a token is not a header: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let host = HeaderValue::from_str(&addr.to_string()).map_err(|e| format!("host header: {e}"))?;
        Ok(Target { addr, host, auth, new_customers: AtomicU64::new(0), request_timeout })
    }

    /// The next request of `workload`, with its random choices drawn from `rng`.
    pub fn request(&self, workload: Workload, rng: &mut Rng) -> Request<Full<Bytes>> {
        let t = 1 + rng.below(TENANTS);
        let tenant = tenant_id(t);
        let (method, uri, body) = match workload {
            Workload::W1 => {
                let c = rng.below(CUSTOMERS);
                let uri = format!(
                    "/v1/tenants/{tenant}/customers/lookup?channel={}&externalId={}",
                    CHANNELS[channel_of(c)],
                    external_id(t, c)
                );
                (Method::GET, uri, None)
            }
            Workload::W2 => {
                let (channel, external) = if rng.below(100) < NEW_CUSTOMER_PERCENT {
                    // The new customer's channel follows the existing customers' mix (67/67/66).
                    let n = self.new_customers.fetch_add(1, Relaxed);
                    (CHANNELS[channel_of(rng.below(CUSTOMERS))], (NEW_EXTERNAL_ID_SERVER + n).to_string())
                } else {
                    let c = rng.below(CUSTOMERS);
                    (CHANNELS[channel_of(c)], external_id(t, c))
                };
                let body = serde_json::json!({
                    "channel": channel,
                    "externalId": external,
                    "name": INBOUND_NAME,
                    "content": INBOUND_CONTENT,
                });
                (Method::POST, format!("/v1/tenants/{tenant}/inbound-messages"), Some(body.to_string()))
            }
            Workload::W3 => {
                let c = rng.below(CUSTOMERS);
                let uri =
                    format!("/v1/tenants/{tenant}/conversations/{}/messages?limit={PAGE_LIMIT}", conversation_id(t, c));
                (Method::GET, uri, None)
            }
            Workload::W4 => (Method::GET, format!("/v1/tenants/{tenant}/feature-flags"), None),
        };
        let has_body = body.is_some();
        let mut request = Request::new(Full::new(body.map(Bytes::from).unwrap_or_default()));
        *request.method_mut() = method;
        *request.uri_mut() = uri.parse().unwrap_or_default();
        let headers = request.headers_mut();
        headers.insert(HOST, self.host.clone());
        headers.insert(AUTHORIZATION, self.auth[(t - 1) as usize].clone());
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        request
    }
}

/// One keep-alive client connection.
pub struct Conn {
    sender: SendRequest<Full<Bytes>>,
    driver: tokio::task::JoinHandle<()>,
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

impl Conn {
    pub async fn open(addr: SocketAddr) -> Result<Conn, String> {
        let connect = async {
            let stream = TcpStream::connect(addr).await.map_err(|e| format!("cannot connect to {addr}: {e}"))?;
            stream.set_nodelay(true).map_err(|e| format!("TCP_NODELAY: {e}"))?;
            let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
                .await
                .map_err(|e| format!("HTTP handshake with {addr}: {e}"))?;
            let driver = tokio::spawn(async move {
                let _ = conn.await;
            });
            Ok(Conn { sender, driver })
        };
        tokio::time::timeout(CONNECT_TIMEOUT, connect)
            .await
            .map_err(|_| format!("connecting to {addr} took over {CONNECT_TIMEOUT:?}"))?
    }

    /// Sends one request and reads the whole answer: (status, body).
    pub async fn send(&mut self, request: Request<Full<Bytes>>) -> Result<(u16, Bytes), String> {
        let (status, _, body) = self.send_with_headers(request).await?;
        Ok((status, body))
    }

    /// [`Conn::send`], keeping the answer's headers (a list's `x-next-cursor`).
    pub async fn send_with_headers(
        &mut self,
        request: Request<Full<Bytes>>,
    ) -> Result<(u16, hyper::HeaderMap, Bytes), String> {
        self.sender.ready().await.map_err(|e| format!("connection not usable: {e}"))?;
        let response = self.sender.send_request(request).await.map_err(|e| format!("sending: {e}"))?;
        let status = response.status().as_u16();
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(|e| format!("reading the body: {e}"))?.to_bytes();
        Ok((status, parts.headers, body))
    }
}

/// Counters shared by the connections, readable while the load runs.
#[derive(Default)]
pub struct Live {
    /// Answers (any status) so far, warm-up included.
    pub completed: AtomicU64,
    pub errors: AtomicU64,
    samples: Mutex<Vec<String>>,
}

impl Live {
    fn sample(&self, what: String) {
        let mut samples = self.samples.lock().unwrap_or_else(PoisonError::into_inner);
        if samples.len() < ERROR_SAMPLES {
            samples.push(what);
        }
    }

    pub fn samples(&self) -> Vec<String> {
        self.samples.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// What one connection measured inside the window.
#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    errors: u64,
    warmup_requests: u64,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Latencies of the 2xx answers completed in the window, µs.
    pub latencies_us: Vec<u32>,
    /// Failed requests completed in the window (non-2xx, I/O error, timeout).
    pub errors: u64,
    pub warmup_requests: u64,
    /// Errors during warm-up and measurement.
    pub total_errors: u64,
    pub error_samples: Vec<String>,
}

/// Runs `workload` on `conns` until `window_end`, measuring from `window_start`.
pub async fn run(
    target: Arc<Target>,
    workload: Workload,
    conns: Vec<Conn>,
    seed: u64,
    window_start: Instant,
    window_end: Instant,
    live: Arc<Live>,
) -> Outcome {
    let mut tasks = Vec::with_capacity(conns.len());
    for (i, conn) in conns.into_iter().enumerate() {
        let (target, live) = (target.clone(), live.clone());
        let rng = Rng::new(seed ^ (i as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
        tasks.push(tokio::spawn(drive(target, workload, conn, rng, window_start, window_end, live)));
    }
    let mut outcome = Outcome::default();
    for task in tasks {
        // A task that panicked contributes nothing (and cannot happen short of a bug).
        if let Ok(tally) = task.await {
            outcome.latencies_us.extend(tally.latencies_us);
            outcome.errors += tally.errors;
            outcome.warmup_requests += tally.warmup_requests;
        }
    }
    outcome.total_errors = live.errors.load(Relaxed);
    outcome.error_samples = live.samples();
    outcome
}

async fn drive(
    target: Arc<Target>,
    workload: Workload,
    conn: Conn,
    mut rng: Rng,
    window_start: Instant,
    window_end: Instant,
    live: Arc<Live>,
) -> Tally {
    let mut tally = Tally { latencies_us: Vec::with_capacity(16 * 1024), ..Tally::default() };
    let mut conn = Some(conn);
    loop {
        let Some(c) = conn.as_mut() else {
            if Instant::now() >= window_end {
                break;
            }
            match Conn::open(target.addr).await {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    live.errors.fetch_add(1, Relaxed);
                    live.sample(format!("reconnecting: {e}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            continue;
        };
        let request = target.request(workload, &mut rng);
        let (method, uri) = (request.method().clone(), request.uri().clone());
        let started = Instant::now();
        let result = match tokio::time::timeout(target.request_timeout, c.send(request)).await {
            Ok(r) => r,
            Err(_) => Err(format!("no answer within {:?}", target.request_timeout)),
        };
        let done = Instant::now();
        live.completed.fetch_add(1, Relaxed);
        let in_window = done >= window_start && done < window_end;
        match result {
            Ok((status, _)) if (200..300).contains(&status) => {
                if in_window {
                    let us = done.duration_since(started).as_micros().min(u128::from(u32::MAX)) as u32;
                    tally.latencies_us.push(us);
                } else if done < window_start {
                    tally.warmup_requests += 1;
                }
            }
            Ok((status, body)) => {
                live.errors.fetch_add(1, Relaxed);
                live.sample(format!("{method} {uri} → {status}: {}", String::from_utf8_lossy(&body)));
                tally.errors += u64::from(in_window);
            }
            Err(e) => {
                live.errors.fetch_add(1, Relaxed);
                live.sample(format!("{method} {uri} → {e}"));
                tally.errors += u64::from(in_window);
                conn = None; // the connection's state is unknown: open a new one
            }
        }
        if done >= window_end {
            break;
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        let tokens: Vec<String> = (1..=TENANTS).map(|t| format!("token-{t}")).collect();
        Target::new("127.0.0.1:9".parse().expect("addr"), &tokens, Duration::from_secs(1)).expect("target")
    }

    #[test]
    fn requests_carry_the_tenants_token_and_existing_ids() {
        let target = target();
        let mut rng = Rng::new(1);
        for w in Workload::ALL {
            for _ in 0..200 {
                let r = target.request(w, &mut rng);
                let path = r.uri().path().to_string();
                let tenant = path.split('/').nth(3).expect("tenant").to_string();
                let t: u64 = tenant.parse::<u64>().expect("numeric") - crate::workload::TENANT_ID_BASE;
                assert!((1..=TENANTS).contains(&t));
                assert_eq!(r.headers()[AUTHORIZATION], format!("Bearer token-{t}").as_str());
                assert_eq!(r.method() == Method::POST, w == Workload::W2);
            }
        }
    }

    #[test]
    fn a_fifth_of_inbound_messages_are_from_new_customers() {
        let target = target();
        let mut rng = Rng::new(2);
        for _ in 0..10_000 {
            let _ = target.request(Workload::W2, &mut rng);
        }
        let new = target.new_customers.load(Relaxed);
        assert!((1_800..2_200).contains(&new), "{new}");
    }
}
