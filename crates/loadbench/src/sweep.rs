//! The connection and runtime sweep (issue 12): the read workloads again, short, for each
//! number of server runtimes (a fresh server per value, `SALESGATE_RUNTIMES`) and each number of
//! load-generator connections, with the server's and PostgreSQL's CPU µs per request beside each
//! throughput — so a change that costs CPU, or one that only helps at one concurrency, shows.
//!
//! W2 is left out: it writes, so each point would measure a bigger dataset than the last.

use crate::report::Cpu;
use crate::workload::Workload;
use crate::{Args, BenchError, Progress, server};
use std::sync::Arc;

/// One point of the sweep.
#[derive(Debug, Clone)]
pub struct Point {
    pub runtimes: usize,
    pub connections: usize,
    pub workload: Workload,
    pub rps: f64,
    pub p99_us: u64,
    pub errors: u64,
    pub cpu: Cpu,
}

/// The runtime counts to sweep: the given ones, else 1 and the machine's cores.
pub fn runtimes(args: &Args, cores: usize) -> Vec<usize> {
    let mut values = if args.sweep_runtimes.is_empty() { vec![1, cores.max(1)] } else { args.sweep_runtimes.clone() };
    values.retain(|&r| r > 0);
    values.dedup();
    values
}

/// The read workloads of the run, in its order.
pub fn workloads(order: &[Workload]) -> Vec<Workload> {
    order.iter().copied().filter(|w| *w != Workload::W2).collect()
}

/// Runs the sweep: a server per runtime count (started from `launch`, stopped after its points).
pub async fn run(
    args: &Args,
    progress: &Progress,
    launch: &server::Launch,
    tokens: &[String],
    order: &[Workload],
    cores: usize,
    postmaster: i32,
) -> Result<Vec<Point>, BenchError> {
    let workloads = workloads(order);
    let mut points = Vec::new();
    if workloads.is_empty() {
        return Ok(points);
    }
    let short = Args { warmup: args.sweep_warmup, window: args.sweep_window, ..args.clone() };
    for runtimes in runtimes(args, cores) {
        let mut launch = launch.clone();
        launch.env.retain(|(name, _)| name != "SALESGATE_RUNTIMES");
        launch.env.push(("SALESGATE_RUNTIMES".into(), runtimes.to_string()));
        progress.note(&format!("sweep: a server with {runtimes} runtime(s)"));
        let mut srv = server::Server::start(&launch, std::time::Duration::from_secs(30)).await?;
        let target =
            Arc::new(crate::load::Target::new(srv.addr, tokens, args.request_timeout).map_err(BenchError::Load)?);
        for &connections in &args.sweep_connections {
            let at = Args { connections, ..short.clone() };
            for &w in &workloads {
                let s = crate::measure_server(&at, progress, &mut srv, &target, w, args.seed, postmaster).await?;
                points.push(Point {
                    runtimes,
                    connections,
                    workload: w,
                    rps: s.rps,
                    p99_us: s.latency.p99_us,
                    errors: s.errors,
                    cpu: s.cpu,
                });
            }
        }
        srv.stop(std::time::Duration::from_secs(15)).await;
    }
    Ok(points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn runtimes_default_to_one_and_the_cores() {
        let args = Args::parse_from(["bench"]);
        assert_eq!(runtimes(&args, 2), vec![1, 2]);
        assert_eq!(runtimes(&args, 1), vec![1]);
        let args = Args::parse_from(["bench", "--sweep-runtimes", "4,0,2"]);
        assert_eq!(runtimes(&args, 2), vec![4, 2]);
    }

    #[test]
    fn the_sweep_reads_only() {
        assert_eq!(workloads(&Workload::ALL), vec![Workload::W1, Workload::W3, Workload::W4]);
    }
}
