//! Request metrics in Prometheus' text format, lock-free on the request path: one slot of
//! atomic counters per route of the table (plus slots for unrouted requests and the operational
//! endpoints), a fixed set of status codes, and a latency histogram per slot.

use salesgate_core::routes::{all, index_of};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// Status codes counted individually; anything else counts as `other`.
const STATUSES: [u16; 19] =
    [200, 201, 204, 400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 431, 500, 502, 503, 504, 0];
/// Histogram upper bounds, seconds.
const BUCKETS: [f64; 14] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Label of requests that matched no route (404/405, or rejected before routing).
pub const UNMATCHED: &str = "unmatched";
/// Labels of the endpoints outside the route table.
pub const OPS_ENDPOINTS: [&str; 3] = ["GET /healthz", "GET /readyz", "GET /metrics"];

struct Slot {
    label: String,
    statuses: [AtomicU64; STATUSES.len()],
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Slot {
    fn new(label: String) -> Slot {
        Slot {
            label,
            statuses: std::array::from_fn(|_| AtomicU64::new(0)),
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            count: AtomicU64::new(0),
            sum_micros: AtomicU64::new(0),
        }
    }
}

/// All request metrics of the process.
pub struct Metrics {
    slots: Vec<Slot>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut slots: Vec<Slot> =
            all().iter().map(|r| Slot::new(format!("{} {}", r.method.as_str(), r.path))).collect();
        slots.push(Slot::new(UNMATCHED.to_string()));
        slots.extend(OPS_ENDPOINTS.iter().map(|l| Slot::new(l.to_string())));
        Metrics { slots }
    }

    /// The slot of a route of the table (by its position in the table; every route the router
    /// returns is in it, anything else counts as unmatched).
    pub fn route_slot(route: &'static salesgate_core::route::Route) -> usize {
        index_of(route).unwrap_or(all().len())
    }

    /// The slot of a label ([`UNMATCHED`] or one of [`OPS_ENDPOINTS`]).
    pub fn slot(&self, label: &str) -> usize {
        self.slots.iter().position(|s| s.label == label).unwrap_or(all().len())
    }

    /// The label of a slot (`GET /v1/tenants/{tenantId}/customers`, `unmatched`, …).
    pub fn label(&self, slot: usize) -> &str {
        self.slots.get(slot).map_or(UNMATCHED, |s| s.label.as_str())
    }

    /// Counts one answered request.
    pub fn record(&self, slot: usize, status: u16, elapsed: Duration) {
        let Some(s) = self.slots.get(slot) else { return };
        let i = STATUSES.iter().position(|c| *c == status).unwrap_or(STATUSES.len() - 1);
        s.statuses[i].fetch_add(1, Relaxed);
        let secs = elapsed.as_secs_f64();
        if let Some(b) = BUCKETS.iter().position(|le| secs <= *le) {
            s.buckets[b].fetch_add(1, Relaxed);
        }
        s.count.fetch_add(1, Relaxed);
        s.sum_micros.fetch_add(elapsed.as_micros() as u64, Relaxed);
    }

    /// Requests counted for a label and status (tests and the edge e2e check use this).
    pub fn count(&self, label: &str, status: u16) -> u64 {
        let Some(s) = self.slots.iter().find(|s| s.label == label) else { return 0 };
        STATUSES.iter().position(|c| *c == status).map_or(0, |i| s.statuses[i].load(Relaxed))
    }

    /// The Prometheus text exposition; `connections[i]`: client connections open on runtime `i`.
    pub fn render(&self, pool: crate::pg::Gauges, connections: &[usize]) -> String {
        let mut out = String::with_capacity(16 * 1024);
        out.push_str("# HELP salesgate_http_requests_total HTTP requests answered, by route and status.\n");
        out.push_str("# TYPE salesgate_http_requests_total counter\n");
        for s in &self.slots {
            for (i, status) in STATUSES.iter().enumerate() {
                let n = s.statuses[i].load(Relaxed);
                if n > 0 {
                    let status = if *status == 0 { "other".to_string() } else { status.to_string() };
                    let _ =
                        writeln!(out, "salesgate_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}", s.label);
                }
            }
        }
        out.push_str("# HELP salesgate_http_request_duration_seconds Time from request received to response ready.\n");
        out.push_str("# TYPE salesgate_http_request_duration_seconds histogram\n");
        for s in self.slots.iter().filter(|s| s.count.load(Relaxed) > 0) {
            let mut cumulative = 0;
            for (i, le) in BUCKETS.iter().enumerate() {
                cumulative += s.buckets[i].load(Relaxed);
                let _ = writeln!(
                    out,
                    "salesgate_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{le}\"}} {cumulative}",
                    s.label
                );
            }
            let count = s.count.load(Relaxed);
            let _ = writeln!(
                out,
                "salesgate_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {count}",
                s.label
            );
            let sum = s.sum_micros.load(Relaxed) as f64 / 1e6;
            let _ = writeln!(out, "salesgate_http_request_duration_seconds_sum{{route=\"{}\"}} {sum}", s.label);
            let _ = writeln!(out, "salesgate_http_request_duration_seconds_count{{route=\"{}\"}} {count}", s.label);
        }
        let gauges = [
            (
                "salesgate_db_pool_max_connections",
                "Database connections the process may open (shared pipelined ones and transaction ones, all runtimes).",
                pool.max_connections,
            ),
            ("salesgate_db_pool_connections", "Open database connections.", pool.connections),
            (
                "salesgate_db_pool_in_use",
                "Connections busy: transaction connections lent out, shared ones with statements in flight.",
                pool.in_use,
            ),
            (
                "salesgate_db_pool_idle",
                "Open connections with nothing to do.",
                pool.connections.saturating_sub(pool.in_use),
            ),
            ("salesgate_db_pool_waiting", "Requests waiting for a transaction connection.", pool.waiting),
            (
                "salesgate_db_shared_in_flight",
                "Statements in flight on the shared pipelined connections.",
                pool.shared_in_flight,
            ),
        ];
        for (name, help, value) in gauges {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
        }
        out.push_str("# HELP salesgate_http_connections Open client connections, by runtime.\n");
        out.push_str("# TYPE salesgate_http_connections gauge\n");
        for (runtime, n) in connections.iter().enumerate() {
            let _ = writeln!(out, "salesgate_http_connections{{runtime=\"{runtime}\"}} {n}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_renders_by_route_and_status() {
        let m = Metrics::new();
        let lookup = all().iter().position(|r| r.path.ends_with("/customers/lookup")).expect("route");
        m.record(lookup, 200, Duration::from_micros(700));
        m.record(lookup, 200, Duration::from_millis(30));
        m.record(m.slot(UNMATCHED), 404, Duration::from_micros(10));
        m.record(lookup, 418, Duration::from_secs(20));
        let label = "GET /v1/tenants/{tenantId}/customers/lookup";
        assert_eq!(m.count(label, 200), 2);
        let text = m.render(
            crate::pg::Gauges { max_connections: 8, connections: 3, in_use: 2, waiting: 0, shared_in_flight: 5 },
            &[4, 3],
        );
        assert!(text.contains(&format!("salesgate_http_requests_total{{route=\"{label}\",status=\"200\"}} 2")));
        assert!(text.contains(&format!("salesgate_http_requests_total{{route=\"{label}\",status=\"other\"}} 1")));
        assert!(
            text.contains(&format!(
                "salesgate_http_request_duration_seconds_bucket{{route=\"{label}\",le=\"0.001\"}} 1"
            ))
        );
        assert!(
            text.contains(&format!(
                "salesgate_http_request_duration_seconds_bucket{{route=\"{label}\",le=\"+Inf\"}} 3"
            ))
        );
        assert!(text.contains("salesgate_http_requests_total{route=\"unmatched\",status=\"404\"} 1"));
        assert!(text.contains("salesgate_db_pool_in_use 2"));
        assert!(text.contains("salesgate_http_connections{runtime=\"1\"} 3"));
    }
}
