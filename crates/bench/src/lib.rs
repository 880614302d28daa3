//! The per-request work of the edge, measured: `Gate::admit` of a typical W2 request
//! (`POST /v1/tenants/{t}/inbound-messages` with an operator's HS256 token and a message with an
//! attachment) — routing, token verification, scope and role, and body parsing + validation.
//!
//! The same workload is timed natively (`src/main.rs`, `std::time::Instant`) and on wasm32 in
//! Node (`tests/wasm.rs`, `performance.now()`); only the clock differs. `cargo make bench-core`
//! runs both, in release mode.

use salesgate_core::auth::{Claims, Keys, Role, Verifier, sign};
use salesgate_core::gate::{DEFAULT_BODY_LIMIT, Gate, Request, RequestBody};
use std::hint::black_box;

const SECRET: &str = "bench-secret-0123456789abcdef-0123456789";
const NOW: i64 = 1_800_000_000;

/// A W2 request and the gate that admits it.
pub struct Workload {
    gate: Gate,
    authorization: String,
    body: Vec<u8>,
}

impl Workload {
    pub fn w2() -> Workload {
        let keys = Keys::parse(SECRET).expect("bench secret");
        let claims = Claims::new("user-42", Some("3f1c9a8e-5b7d-4e2a-9c61-0d8f7a6b5e43"), Role::Operator, NOW, 3600);
        let authorization = format!("Bearer {}", sign(&claims, keys.signing_key()));
        let body = br#"{"channel":"telegram","externalId":"518273645","name":"Ivan Petrov","content":"Hello! I need a gearbox for a 2008 VW Golf, VIN WVWZZZ1KZ8W000001. Do you have it in stock and what is the price?","attachments":[{"type":"image","url":"https://cdn.example.com/u/518273645/photo-1.jpg","metadata":{"width":1280,"height":960}}],"metadata":{"messageId":90817,"chatId":518273645}}"#.to_vec();
        Workload {
            gate: Gate { verifier: Verifier::new(keys, None, 30), body_limit: DEFAULT_BODY_LIMIT },
            authorization,
            body,
        }
    }

    /// One `Gate::admit`; panics if the request is not admitted (the benchmark would be void).
    pub fn admit(&self) {
        let request = Request {
            method: "POST",
            path: "/v1/tenants/3f1c9a8e-5b7d-4e2a-9c61-0d8f7a6b5e43/inbound-messages",
            query: None,
            authorization: Some(&self.authorization),
            content_type: Some("application/json"),
            body: RequestBody::Bytes(&self.body),
        };
        let admitted = self.gate.admit(black_box(&request), NOW).expect("the W2 request is admitted");
        black_box(admitted);
    }
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
            "{:.2} µs/request (median of rounds; best {:.2}; {} requests)",
            self.median_us, self.best_us, self.requests
        )
    }
}

/// Times `rounds` rounds of `per_round` admissions after a warm-up; `now_ms` is the clock
/// (milliseconds, any origin, sub-millisecond resolution).
pub fn measure(rounds: u32, per_round: u32, now_ms: impl Fn() -> f64) -> Report {
    let workload = Workload::w2();
    for _ in 0..per_round {
        workload.admit();
    }
    let mut means: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = now_ms();
            for _ in 0..per_round {
                workload.admit();
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

/// Rounds and requests per round of both runs.
pub const ROUNDS: u32 = 15;
pub const PER_ROUND: u32 = 2_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_is_admitted() {
        Workload::w2().admit();
        let report = measure(3, 10, || 0.0);
        assert_eq!(report.requests, 30);
    }
}
