//! The figures of a run: the printed table and `results.json`.

use crate::Args;
use crate::ceiling::Measured;
use crate::dataset::Counts;
use crate::rag::{RagResult, TOP};
use crate::stats::Latency;
use crate::workload::{P99_TARGET, RSS_TARGET, Workload};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// Cores used (CPU seconds per second) during a measured window.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cpu {
    pub server: f64,
    pub postgres: f64,
    /// The load generator (this process) or pgbench.
    pub client: f64,
    /// Every other process of the machine: more than a little means the figures are disturbed.
    pub others: f64,
}

#[derive(Debug, Clone, Default)]
pub struct ServerSide {
    pub rps: f64,
    pub latency: Latency,
    /// Failed requests completed in the window.
    pub errors: u64,
    /// Failed requests, warm-up included.
    pub total_errors: u64,
    pub error_samples: Vec<String>,
    pub warmup_requests: u64,
    /// Mean time inside the server (request received → response ready), from its /metrics.
    pub handler_mean_us: Option<f64>,
    pub pool_in_use_avg: f64,
    pub pool_in_use_max: u64,
    pub pool_waiting_avg: f64,
    pub pool_waiting_max: u64,
    pub rss_after: Option<u64>,
    pub cpu: Cpu,
}

#[derive(Debug, Clone, Default)]
pub struct CeilingSide {
    pub measured: Measured,
    pub cpu: Cpu,
}

#[derive(Debug, Clone)]
pub struct WorkloadResult {
    pub workload: Workload,
    pub server: ServerSide,
    pub ceiling: Option<CeilingSide>,
}

impl WorkloadResult {
    /// Server throughput / ceiling throughput.
    pub fn throughput_ratio(&self) -> Option<f64> {
        self.ceiling.as_ref().filter(|c| c.measured.tps > 0.0).map(|c| self.server.rps / c.measured.tps)
    }

    /// Server p99 / ceiling p99.
    pub fn p99_ratio(&self) -> Option<f64> {
        self.ceiling
            .as_ref()
            .filter(|c| c.measured.latency.p99_us > 0)
            .map(|c| self.server.latency.p99_us as f64 / c.measured.latency.p99_us as f64)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Machine {
    pub cores: usize,
    pub cpu_model: String,
    pub memory_bytes: Option<u64>,
    pub kernel: String,
    pub postgres: String,
    pub pgbench: String,
    pub commit: String,
}

impl Machine {
    pub fn detect(pgbench: Option<&Path>) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let field = |name: &str| {
            cpuinfo
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        };
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_bytes = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024);
        let output = |cmd: &mut Command| {
            cmd.output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        };
        let commit = output(Command::new("git").args(["rev-parse", "--short", "HEAD"]))
            .map(|c| {
                let dirty = output(Command::new("git").args(["status", "--porcelain", "--untracked-files=no"]))
                    .is_some_and(|s| !s.is_empty());
                if dirty { format!("{c} (with uncommitted changes)") } else { c }
            })
            .unwrap_or_else(|| "unknown".into());
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu_model: field("model name").or_else(|| field("Hardware")).unwrap_or_else(|| "unknown CPU".into()),
            memory_bytes,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map_or_else(|_| "unknown".into(), |s| s.trim().into()),
            postgres: String::new(),
            pgbench: pgbench
                .and_then(|p| output(Command::new(p).arg("--version")))
                .unwrap_or_else(|| "not used".into()),
            commit,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub counts: Counts,
    pub load_secs: f64,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub machine: Machine,
    pub args: Args,
    pub pool_size: usize,
    pub dataset: Dataset,
    pub workloads: Vec<WorkloadResult>,
    /// The RAG search figure (`None` with `--no-rag`).
    pub rag: Option<RagResult>,
    /// The connection and runtime sweep (empty with `--no-sweep`).
    pub sweep: Vec<crate::sweep::Point>,
    /// The server's peak RSS after W1-W4 (before the RAG step).
    pub peak_rss: Option<u64>,
    pub server_exit: Option<String>,
    pub out_dir: PathBuf,
}

/// Other processes using more than this many cores during a window make the figures suspect.
pub const DISTURBED_CORES: f64 = 0.15;

fn ms(us: u64) -> String {
    format!("{:.2}", us as f64 / 1000.0)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

/// The printed table.
pub fn table(r: &Report) -> String {
    let mut out = String::new();
    let a = &r.args;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "salesgate bench: {} cores ({}), PostgreSQL {}, {} connections, warm-up {} s + window {} s, server pool {}",
        r.machine.cores,
        r.machine.cpu_model,
        r.machine.postgres,
        a.connections,
        a.warmup.as_secs_f64(),
        a.window.as_secs_f64(),
        r.pool_size
    );
    if a.pg_socket {
        let _ = writeln!(out, "server and pgbench reach PostgreSQL over its unix socket (--pg-socket)");
    }
    if !a.server_env.is_empty() {
        let env: Vec<String> = a.server_env.iter().map(|(n, v)| format!("{n}={v}")).collect();
        let _ = writeln!(out, "server environment: {}", env.join(" "));
    }
    if r.workloads.is_empty() {
        let _ = writeln!(out, "W1-W4: not run (--rag-only)");
    } else {
        let _ = writeln!(
            out,
            "dataset: {} tenants, {} customers, {} conversations, {} messages, {} flag rows; loaded in {:.1} s",
            r.dataset.counts.tenants,
            r.dataset.counts.customers,
            r.dataset.counts.conversations,
            r.dataset.counts.messages,
            r.dataset.counts.feature_flags,
            r.dataset.load_secs
        );
    }
    let _ = writeln!(out);
    if !r.workloads.is_empty() {
        workload_table(&mut out, r);
    }
    if let Some(rag) = &r.rag {
        rag_lines(&mut out, rag);
    }
    match r.peak_rss {
        Some(b) => {
            let _ = writeln!(
                out,
                "server peak RSS (VmHWM): {:.1} MiB   target < {:.0} MiB: {}",
                mib(b),
                mib(RSS_TARGET),
                verdict(b < RSS_TARGET)
            );
        }
        None => {
            let _ = writeln!(out, "server peak RSS: unknown (/proc/<pid>/status unreadable)");
        }
    }
    let _ = writeln!(out);
    if !r.workloads.is_empty() {
        workload_details(&mut out, r);
    }
    if !r.sweep.is_empty() {
        sweep_table(&mut out, r);
    }
    let disturbed = disturbance(r);
    if disturbed > DISTURBED_CORES {
        let _ = writeln!(
            out,
            "WARNING: other processes used up to {disturbed:.2} cores during a measured window: these figures are \
             disturbed; run again on a quiet machine"
        );
    }
    let _ = writeln!(out, "targets are printed, not asserted (issues 5, 12); machine: {}", machine_line(&r.machine));
    out
}

/// The RAG search figure: one top-10 search against fetching every embedding.
fn rag_lines(out: &mut String, g: &RagResult) {
    let d = &g.dataset;
    let _ = writeln!(
        out,
        "RAG search: {} chunks × {} dimensions in one tenant ({:.1} MiB of embedding text, loaded in {:.1} s)",
        d.chunks,
        d.dimensions,
        mib(d.embedding_bytes.max(0) as u64),
        d.load_secs
    );
    let _ = writeln!(
        out,
        "  searchRagChunks, top {TOP} (computed in the server)      median {:>9} ms  (min {}, max {}; {} runs)",
        ms(g.search.p50_us),
        ms(g.search_min_us),
        ms(g.search.max_us),
        g.search.count
    );
    let _ = writeln!(
        out,
        "  getAllRagChunksWithEmbedding, every embedding   median {:>9} ms  (min {}, max {}; {} runs; {} pages, {:.1} MiB)",
        ms(g.fetch_all.p50_us),
        ms(g.fetch_min_us),
        ms(g.fetch_all.max_us),
        g.fetch_all.count,
        g.fetch_pages,
        mib(g.fetch_bytes as u64)
    );
    let _ = writeln!(
        out,
        "    then, in the application: parsing them and every cosine (once)  {} ms: the old way takes {} ms in all",
        ms(g.app_compare_us),
        ms(g.fetch_all.p50_us + g.app_compare_us)
    );
    match g.speedup() {
        Some(x) => {
            let _ = writeln!(
                out,
                "  one search takes {:.1}% of the time of fetching every embedding ({x:.1}× less); same top {TOP} as \
                 the application's: {}",
                100.0 / x,
                if g.same_top { "yes" } else { "NO" }
            );
        }
        None => {
            let _ = writeln!(out, "  (no search time measured)");
        }
    }
    if let (Some(search), Some(all)) = (g.peak_rss_after_search, g.peak_rss_after) {
        let _ = writeln!(
            out,
            "  server peak RSS (VmHWM) after the searches {:.1} MiB, after fetching every embedding too {:.1} MiB",
            mib(search),
            mib(all)
        );
    }
    let _ = writeln!(out);
}

fn rag_json(g: &RagResult) -> Value {
    json!({
        "chunks": g.dataset.chunks,
        "dimensions": g.dataset.dimensions,
        "tenants": 1,
        "embedding_text_bytes": g.dataset.embedding_bytes,
        "load_seconds": round(g.dataset.load_secs, 2),
        "search": {
            "operation": "searchRagChunks",
            "top": TOP,
            "latency": latency_json(&g.search),
            "min_us": g.search_min_us,
        },
        "fetch_all": {
            "operation": "getAllRagChunksWithEmbedding",
            "latency": latency_json(&g.fetch_all),
            "min_us": g.fetch_min_us,
            "pages": g.fetch_pages,
            "bytes": g.fetch_bytes,
            "application_compare_us": g.app_compare_us,
        },
        "fetch_all_over_search": g.speedup().map(|x| round(x, 2)),
        "old_way_median_us": g.fetch_all.p50_us + g.app_compare_us,
        "same_top": g.same_top,
        "server_peak_rss_after_search_bytes": g.peak_rss_after_search,
        "server_peak_rss_after_fetch_all_bytes": g.peak_rss_after,
    })
}

/// The W1-W4 table.
fn workload_table(out: &mut String, r: &Report) {
    const ROW: usize = 29 + 35 + 28 + 44;
    let _ = writeln!(
        out,
        "{:<29}|{:<35}|{:<28}| server / ceiling (target)",
        "", " server (HTTP load generator)", " ceiling (pgbench, same SQL)"
    );
    let _ = writeln!(
        out,
        "{:<29}|{:>9} {:>8} {:>8} {:>6} |{:>9} {:>8} {:>8} | {:<20} | {:<20}",
        "workload", "req/s", "p50 ms", "p99 ms", "errors", "tps", "p50 ms", "p99 ms", "throughput", "p99"
    );
    let _ = writeln!(out, "{}", "-".repeat(ROW));
    for w in &r.workloads {
        let s = &w.server;
        let (tps, cp50, cp99) = match &w.ceiling {
            Some(c) => (format!("{:.0}", c.measured.tps), ms(c.measured.latency.p50_us), ms(c.measured.latency.p99_us)),
            None => ("-".into(), "-".into(), "-".into()),
        };
        let target = w.workload.throughput_target();
        let thru = match w.throughput_ratio() {
            Some(x) => format!("{:>4.0}% (≥{:.0}%) {}", x * 100.0, target * 100.0, verdict(x >= target)),
            None => format!("   - (≥{:.0}%)", target * 100.0),
        };
        let p99 = match w.p99_ratio() {
            Some(x) => format!("{x:>4.2}× (≤{P99_TARGET:.0}×) {}", verdict(x <= P99_TARGET)),
            None => format!("   - (≤{P99_TARGET:.0}×)"),
        };
        let _ = writeln!(
            out,
            "{:<29}|{:>9.0} {:>8} {:>8} {:>6} |{:>9} {:>8} {:>8} | {:<20} | {:<20}",
            format!("{} {}", w.workload.id(), w.workload.title()),
            s.rps,
            ms(s.latency.p50_us),
            ms(s.latency.p99_us),
            s.errors,
            tps,
            cp50,
            cp99,
            thru,
            p99
        );
    }
    let _ = writeln!(out);
}

/// W1-W4's CPU per request and what the server's /metrics said during their windows.
fn workload_details(out: &mut String, r: &Report) {
    let cores = r.machine.cores as f64;
    let idle = |c: &Cpu| (cores - c.server - c.postgres - c.client - c.others).max(0.0);
    // CPU µs per request (or transaction), with the cores busy in brackets.
    let per = |busy: f64, rate: f64| format!("{:>5.0} ({busy:.2})", per_request(busy, rate));
    let _ = writeln!(
        out,
        "CPU per request, µs (cores busy), during each window; idle and other processes in cores (of {})",
        r.machine.cores
    );
    let _ = writeln!(
        out,
        "{:<4}|{:>13} {:>13} {:>13} {:>5} {:>5} |{:>13} {:>13} {:>5} {:>5} | server / postgres (target)",
        "", "server", "postgres", "load gen", "idle", "other", "postgres", "pgbench", "idle", "other"
    );
    for w in &r.workloads {
        let s = &w.server;
        let ceiling = match &w.ceiling {
            Some(c) => format!(
                "{:>13} {:>13} {:>5.2} {:>5.2}",
                per(c.cpu.postgres, c.measured.tps),
                per(c.cpu.client, c.measured.tps),
                idle(&c.cpu),
                c.cpu.others
            ),
            None => format!("{:>13} {:>13} {:>5} {:>5}", "-", "-", "-", "-"),
        };
        let ratio = cpu_ratio(&s.cpu);
        let cpu_verdict = match (ratio, w.workload.cpu_ratio_target()) {
            (Some(x), Some(t)) => format!("{x:.2}× (≤{t}×) {}", verdict(x <= t)),
            (Some(x), None) => format!("{x:.2}×"),
            (None, _) => "-".into(),
        };
        let _ = writeln!(
            out,
            "{:<4}|{:>13} {:>13} {:>13} {:>5.2} {:>5.2} |{ceiling} | {cpu_verdict}",
            w.workload.id(),
            per(s.cpu.server, s.rps),
            per(s.cpu.postgres, s.rps),
            per(s.cpu.client, s.rps),
            idle(&s.cpu),
            s.cpu.others,
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "inside the server (its /metrics, sampled every second): mean time from request received to response ready; \
         pool connections lent out; requests waiting for one"
    );
    for w in &r.workloads {
        let s = &w.server;
        let _ = writeln!(
            out,
            "{:<4}| in-server mean {:>6} ms | pool in use {:>5.1} of {} (max {}) | waiting {:>5.1} (max {})",
            w.workload.id(),
            s.handler_mean_us.map_or("-".into(), |us| format!("{:.2}", us / 1000.0)),
            s.pool_in_use_avg,
            r.pool_size,
            s.pool_in_use_max,
            s.pool_waiting_avg,
            s.pool_waiting_max,
        );
    }
    let _ = writeln!(out);
}

/// The server's CPU over PostgreSQL's in one window (both per request of the same requests).
fn cpu_ratio(c: &Cpu) -> Option<f64> {
    (c.postgres > 0.0).then(|| c.server / c.postgres)
}

/// The sweep: per runtime and connection count, throughput, p99 and CPU µs per request.
fn sweep_table(out: &mut String, r: &Report) {
    let a = &r.args;
    let _ = writeln!(
        out,
        "sweep (read workloads; warm-up {} s + window {} s per point; a fresh server per runtime count): \
         CPU µs per request",
        a.sweep_warmup.as_secs_f64(),
        a.sweep_window.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "{:<4} {:>8} {:>5} |{:>9} {:>8} {:>6} |{:>7} {:>9} {:>9} {:>7} {:>6}",
        "", "runtimes", "conns", "req/s", "p99 ms", "errors", "server", "postgres", "load gen", "srv/pg", "other"
    );
    for p in &r.sweep {
        let _ = writeln!(
            out,
            "{:<4} {:>8} {:>5} |{:>9.0} {:>8} {:>6} |{:>7.0} {:>9.0} {:>9.0} {:>7} {:>6.2}",
            p.workload.id(),
            p.runtimes,
            p.connections,
            p.rps,
            ms(p.p99_us),
            p.errors,
            per_request(p.cpu.server, p.rps),
            per_request(p.cpu.postgres, p.rps),
            per_request(p.cpu.client, p.rps),
            cpu_ratio(&p.cpu).map_or("-".into(), |x| format!("{x:.2}×")),
            p.cpu.others
        );
    }
    let _ = writeln!(out);
}

fn sweep_json(p: &crate::sweep::Point) -> Value {
    json!({
        "workload": p.workload.id(),
        "runtimes": p.runtimes,
        "connections": p.connections,
        "requests_per_second": round(p.rps, 1),
        "p99_us": p.p99_us,
        "errors": p.errors,
        "cpu_us_per_request": {
            "server": round(per_request(p.cpu.server, p.rps), 1),
            "postgres": round(per_request(p.cpu.postgres, p.rps), 1),
            "load_generator": round(per_request(p.cpu.client, p.rps), 1),
        },
        "other_processes_cores": round(p.cpu.others, 3),
    })
}

fn machine_line(m: &Machine) -> String {
    format!(
        "{} cores, {}, {} RAM, Linux {}, PostgreSQL {}, commit {}",
        m.cores,
        m.cpu_model,
        m.memory_bytes.map_or("?".into(), |b| format!("{:.0} GiB", b as f64 / (1u64 << 30) as f64)),
        m.kernel,
        m.postgres,
        m.commit
    )
}

fn latency_json(l: &Latency) -> Value {
    json!({
        "count": l.count,
        "mean_us": (l.mean_us * 10.0).round() / 10.0,
        "p50_us": l.p50_us,
        "p90_us": l.p90_us,
        "p99_us": l.p99_us,
        "p999_us": l.p999_us,
        "max_us": l.max_us,
    })
}

/// CPU µs per request from cores busy and requests per second.
fn per_request(cores: f64, rate: f64) -> f64 {
    if rate > 0.0 { cores * 1e6 / rate } else { 0.0 }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// All figures as JSON.
pub fn to_json(r: &Report, timestamp: &str) -> Value {
    let a = &r.args;
    let workloads: Vec<Value> = r
        .workloads
        .iter()
        .map(|w| {
            let s = &w.server;
            let target = w.workload.throughput_target();
            json!({
                "id": w.workload.id(),
                "name": w.workload.title(),
                "route": w.workload.metrics_route(),
                "server": {
                    "requests_per_second": round(s.rps, 1),
                    "latency": latency_json(&s.latency),
                    "errors": s.errors,
                    "errors_including_warmup": s.total_errors,
                    "error_samples": s.error_samples,
                    "warmup_requests": s.warmup_requests,
                    "server_side_mean_us": s.handler_mean_us.map(|x| round(x, 1)),
                    "pool_in_use_avg": round(s.pool_in_use_avg, 2),
                    "pool_in_use_max": s.pool_in_use_max,
                    "pool_waiting_avg": round(s.pool_waiting_avg, 2),
                    "pool_waiting_max": s.pool_waiting_max,
                    "rss_after_bytes": s.rss_after,
                    "cpu_cores": {
                        "server": round(s.cpu.server, 3),
                        "postgres": round(s.cpu.postgres, 3),
                        "load_generator": round(s.cpu.client, 3),
                        "other_processes": round(s.cpu.others, 3),
                    },
                    "cpu_us_per_request": {
                        "server": round(per_request(s.cpu.server, s.rps), 1),
                        "postgres": round(per_request(s.cpu.postgres, s.rps), 1),
                        "load_generator": round(per_request(s.cpu.client, s.rps), 1),
                    },
                },
                "ceiling": w.ceiling.as_ref().map(|c| json!({
                    "tool": "pgbench -M prepared",
                    "transactions_per_second": round(c.measured.tps, 1),
                    "transactions": c.measured.transactions,
                    "failed": c.measured.failed,
                    "latency": latency_json(&c.measured.latency),
                    "wall_seconds": round(c.measured.wall_secs, 2),
                    "cpu_cores": {
                        "postgres": round(c.cpu.postgres, 3),
                        "pgbench": round(c.cpu.client, 3),
                        "other_processes": round(c.cpu.others, 3),
                    },
                    "cpu_us_per_transaction": {
                        "postgres": round(per_request(c.cpu.postgres, c.measured.tps), 1),
                        "pgbench": round(per_request(c.cpu.client, c.measured.tps), 1),
                    },
                })),
                "ratios": {
                    "throughput": w.throughput_ratio().map(|x| round(x, 4)),
                    "p99": w.p99_ratio().map(|x| round(x, 4)),
                },
                "targets": {
                    "throughput_min_ratio": target,
                    "throughput_met": w.throughput_ratio().map(|x| x >= target),
                    "p99_max_ratio": P99_TARGET,
                    "p99_met": w.p99_ratio().map(|x| x <= P99_TARGET),
                    "server_cpu_max_share_of_postgres": w.workload.cpu_ratio_target(),
                    "server_cpu_met": match (cpu_ratio(&s.cpu), w.workload.cpu_ratio_target()) {
                        (Some(x), Some(t)) => Some(x <= t),
                        _ => None,
                    },
                },
            })
        })
        .collect();
    json!({
        "timestamp": timestamp,
        "machine": {
            "cores": r.machine.cores,
            "cpu_model": r.machine.cpu_model,
            "memory_bytes": r.machine.memory_bytes,
            "kernel": r.machine.kernel,
            "postgres": r.machine.postgres,
            "pgbench": r.machine.pgbench,
            "commit": r.machine.commit,
        },
        "config": {
            "connections": a.connections,
            "warmup_seconds": a.warmup.as_secs_f64(),
            "window_seconds": a.window.as_secs_f64(),
            "pool_size": r.pool_size,
            "pool_size_is_server_default": a.pool_size.is_none(),
            "server_env": a.server_env.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>(),
            "pgbench_threads": a.pgbench_threads,
            "postgres_connection": if a.pg_socket { "unix socket" } else { "tcp 127.0.0.1" },
            "client_threads": a.client_threads,
            "seed": a.seed,
            "max_error_rate": a.max_error_rate,
        },
        "dataset": {
            "tenants": r.dataset.counts.tenants,
            "customers": r.dataset.counts.customers,
            "conversations": r.dataset.counts.conversations,
            "messages": r.dataset.counts.messages,
            "feature_flag_rows": r.dataset.counts.feature_flags,
            "load_seconds": round(r.dataset.load_secs, 2),
        },
        "workloads": workloads,
        "rag": r.rag.as_ref().map(rag_json),
        "sweep": r.sweep.iter().map(sweep_json).collect::<Vec<_>>(),
        "other_processes_max_cores": round(disturbance(r), 3),
        "disturbed": disturbance(r) > DISTURBED_CORES,
        "server": {
            "peak_rss_bytes": r.peak_rss,
            "rss_target_bytes": RSS_TARGET,
            "rss_met": r.peak_rss.map(|b| b < RSS_TARGET),
            "exit": r.server_exit,
        },
    })
}

/// The most cores other processes of the machine used during any measured window.
pub fn disturbance(r: &Report) -> f64 {
    r.workloads
        .iter()
        .flat_map(|w| std::iter::once(w.server.cpu.others).chain(w.ceiling.as_ref().map(|c| c.cpu.others)))
        .fold(0.0, f64::max)
}

/// Writes `results.json` and a timestamped copy; returns their paths.
pub fn write_json(r: &Report) -> Result<Vec<String>, crate::BenchError> {
    let (stamp, iso) = utc_now();
    let text = serde_json::to_string_pretty(&to_json(r, &iso)).unwrap_or_default() + "\n";
    let mut paths = Vec::new();
    for name in ["results.json".to_string(), format!("results-{stamp}.json")] {
        let path = r.out_dir.join(name);
        std::fs::write(&path, &text).map_err(|e| crate::BenchError::io(format!("writing {}", path.display()), e))?;
        paths.push(path.display().to_string());
    }
    Ok(paths)
}

/// (`20260509T120102Z`, `2026-05-09T12:01:02Z`) for now.
fn utc_now() -> (String, String) {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (y, mo, d, h, mi, s) = civil(secs);
    (format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z"), format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

/// Unix seconds → UTC (year, month, day, hour, minute, second) (H. Hinnant's civil_from_days).
fn civil(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil(1_778_328_062), (2026, 5, 9, 12, 1, 2));
        assert_eq!(civil(951_782_400), (2000, 2, 29, 0, 0, 0));
    }
}
