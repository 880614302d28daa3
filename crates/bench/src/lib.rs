//! The per-request work of the edge, measured as the Worker does it: the isolate's cached
//! configuration ([`ConfigCache`]: the env's values read and fingerprinted, the config built
//! once), then `Gate::admit` of a typical W2 request (`POST /v1/tenants/{t}/inbound-messages`
//! with an operator's HS256 token and a message with an attachment) — routing, the token
//! verified in full (core's verifier caches nothing), scope and role, and body parsing +
//! validation.
//!
//! The same workload is timed natively (`src/main.rs`, `std::time::Instant`, the env a Rust
//! lookup) and on wasm32 in Node (`tests/wasm.rs`, `performance.now()`, the env a JS object read
//! by the Worker's own binding `salesgate_edge::platform::env::config`). `cargo make bench-core`
//! runs both, in release mode. Beside the edge's path each run times its parts and what the
//! Worker did before it kept its config (a config built per request), for comparison.

use salesgate_core::auth::{Claims, Keys, Role, sign};
use salesgate_core::gate::{Request, RequestBody};
use salesgate_edge::config::{self, Config, ConfigCache};
use std::hint::black_box;
use std::rc::Rc;

const SECRET: &str = "bench-secret-0123456789abcdef-0123456789";
const NOW: i64 = 1_800_000_000;
const TENANT: &str = "3f1c9a8e-5b7d-4e2a-9c61-0d8f7a6b5e43";
const PATH: &str = "/v1/tenants/3f1c9a8e-5b7d-4e2a-9c61-0d8f7a6b5e43/inbound-messages";

/// The Worker's env: wrangler.toml's `[vars]` and the secret.
pub const ENV: [(&str, &str); 6] = [
    (config::ORIGIN_URL, "https://origin.example.com"),
    (config::ORIGIN_TIMEOUT_MS, "10000"),
    (config::BODY_LIMIT, "1048576"),
    (config::JWT_LEEWAY, "30s"),
    (config::CORS_ALLOWED_ORIGINS, ""),
    (config::JWT_SECRETS, SECRET),
];

/// `ENV` as a lookup, the way [`ConfigCache::get`] reads it.
pub fn lookup(name: &str) -> Option<String> {
    ENV.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
}

/// A W2 request as the Worker receives it.
pub struct Workload {
    authorization: String,
    body: Vec<u8>,
}

impl Default for Workload {
    fn default() -> Self {
        Workload::w2()
    }
}

impl Workload {
    pub fn w2() -> Workload {
        let keys = Keys::parse(SECRET).expect("bench secret");
        let claims = Claims::new("user-42", Some(TENANT), Role::Operator, NOW, 3600);
        let authorization = format!("Bearer {}", sign(&claims, keys.signing_key()));
        let body = br#"{"channel":"telegram","externalId":"518273645","name":"Ivan Petrov","content":"Hello! I need a gearbox for a 2008 VW Golf, VIN WVWZZZ1KZ8W000001. Do you have it in stock and what is the price?","attachments":[{"type":"image","url":"https://cdn.example.com/u/518273645/photo-1.jpg","metadata":{"width":1280,"height":960}}],"metadata":{"messageId":90817,"chatId":518273645}}"#.to_vec();
        Workload { authorization, body }
    }

    /// `config.gate.admit` of the request; panics if it is not admitted (the benchmark would be
    /// void).
    pub fn admit(&self, config: &Config) {
        let request = Request {
            method: "POST",
            path: PATH,
            query: None,
            authorization: Some(&self.authorization),
            content_type: Some("application/json"),
            body: RequestBody::Bytes(&self.body),
        };
        let admitted = config.gate.admit(black_box(&request), NOW).expect("the W2 request is admitted");
        black_box(admitted);
    }

    /// Just the token's verification (HS256 with the prepared key, base64url, the claims' JSON).
    pub fn verify(&self, config: &Config) {
        let claims = config.gate.verifier.verify(black_box(Some(&self.authorization)), NOW).expect("a valid token");
        black_box(claims);
    }
}

/// A config built from [`ENV`] (what the Worker did per request before it kept one).
pub fn fresh_config() -> Config {
    Config::from_lookup(lookup).expect("the bench env is valid")
}

/// Timing of one run.
#[derive(Debug, Clone, Copy)]
pub struct Report {
    pub requests: u32,
    /// Median over the rounds of the mean time per request, microseconds.
    pub median_us: f64,
    /// Fastest round's mean, microseconds.
    pub best_us: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>6.2} µs/request (median of rounds; best {:.2}; {} requests)",
            self.median_us, self.best_us, self.requests
        )
    }
}

/// Times `rounds` rounds of `per_round` calls of `work` after a warm-up round; `now_ms` is the
/// clock (milliseconds, any origin, sub-millisecond resolution).
pub fn measure(rounds: u32, per_round: u32, now_ms: &impl Fn() -> f64, mut work: impl FnMut()) -> Report {
    for _ in 0..per_round {
        work();
    }
    let mut means: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = now_ms();
            for _ in 0..per_round {
                work();
            }
            (now_ms() - start) * 1000.0 / f64::from(per_round)
        })
        .collect();
    means.sort_by(f64::total_cmp);
    Report {
        requests: rounds * per_round,
        median_us: means.get(means.len() / 2).copied().unwrap_or(0.0),
        best_us: means.first().copied().unwrap_or(0.0),
    }
}

/// Rounds and requests per round of every figure.
pub const ROUNDS: u32 = 15;
pub const PER_ROUND: u32 = 2_000;

/// How a target gets its config: the isolate's cached one (as the Worker does now), one built
/// from the env (as the Worker did per request before D8), and the count of configs built.
pub struct Env<C, F, B> {
    pub cached: C,
    pub fresh: F,
    pub builds: B,
}

/// Times the edge's path, its parts, and the path before D8, returning one line each prefixed
/// by `target`. The edge's path must have built exactly one config.
pub fn run<C, F, B>(target: &str, now_ms: impl Fn() -> f64, env: Env<C, F, B>) -> Vec<String>
where
    C: Fn() -> Rc<Config>,
    F: Fn() -> Config,
    B: Fn() -> u64,
{
    let Env { cached: config, fresh, builds } = env;
    let workload = Workload::w2();
    let cached = config();
    let figures = [
        (
            "edge path: cached config + full token verification + route + validate W2",
            measure(ROUNDS, PER_ROUND, &now_ms, || workload.admit(&config())),
        ),
        ("  of which the cached config (env read + compare)", measure(ROUNDS, PER_ROUND, &now_ms, || drop(config()))),
        ("  of which the token verification", measure(ROUNDS, PER_ROUND, &now_ms, || workload.verify(&cached))),
        (
            "before D8: a config built from the env per request + the same gate",
            measure(ROUNDS, PER_ROUND, &now_ms, || workload.admit(&fresh())),
        ),
    ];
    assert_eq!(builds(), 1, "the edge's path built its config more than once");
    figures.iter().map(|(what, report)| format!("{target}: {what:<70} {report}")).collect()
}

/// The native edge path: a [`ConfigCache`] over [`lookup`].
pub fn run_native(target: &str, now_ms: impl Fn() -> f64) -> Vec<String> {
    let cache = std::cell::RefCell::new(ConfigCache::new());
    let env = Env {
        cached: || cache.borrow_mut().get(lookup).expect("the bench env is valid"),
        fresh: fresh_config,
        builds: || cache.borrow().builds(),
    };
    run(target, now_ms, env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_is_admitted_and_the_config_built_once() {
        let workload = Workload::w2();
        let mut cache = ConfigCache::new();
        for _ in 0..3 {
            workload.admit(&cache.get(lookup).expect("config"));
        }
        workload.verify(&fresh_config());
        assert_eq!(cache.builds(), 1);
        let mut calls = 0;
        let report = measure(3, 10, &|| 0.0, || calls += 1);
        assert_eq!((report.requests, calls), (30, 40));
    }
}
