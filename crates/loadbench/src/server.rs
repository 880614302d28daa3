//! The `salesgate serve` process under test: started on a free loopback port, waited for on
//! `/readyz`, watched (it must not die), scraped (`/metrics`, `/proc`) and stopped.
//!
//! It is started with `PR_SET_PDEATHSIG`, so it dies with the benchmark whatever way the
//! benchmark ends (a Ctrl-C, a SIGKILL); normally it is stopped with SIGTERM.

use crate::BenchError;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper_util::rt::TokioIo;
use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Launch {
    pub bin: PathBuf,
    pub database_url: String,
    pub jwt_secret: String,
    /// `--pool-size`; `None` keeps the server's default.
    pub pool_size: Option<usize>,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
    /// Where its stdout and stderr go.
    pub log: PathBuf,
}

pub struct Server {
    child: Child,
    pub pid: u32,
    pub addr: SocketAddr,
    log: PathBuf,
}

/// Lines of the server log quoted in errors.
const LOG_TAIL: usize = 20;

impl Server {
    /// Starts the server and waits (up to `ready_timeout`) until `/readyz` answers 200. A port
    /// taken between choosing and binding it is retried with another one.
    pub async fn start(launch: &Launch, ready_timeout: Duration) -> Result<Server, BenchError> {
        if !launch.bin.is_file() {
            return Err(BenchError::NoServer(launch.bin.clone()));
        }
        let mut attempt = 1;
        loop {
            let port = salesgate_server::cluster::free_port()
                .map_err(|e| BenchError::io("choosing a free loopback port for the server", e))?;
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            let mut server = Server::spawn(launch, addr)?;
            match server.wait_ready(ready_timeout).await {
                Ok(()) => return Ok(server),
                Err(e) if attempt < 3 && server.log_tail().contains("cannot listen") => {
                    attempt += 1;
                    server.kill().await;
                    eprintln!("  the server's port {port} was taken meanwhile; retrying on another ({e})");
                }
                Err(e) => {
                    server.kill().await;
                    return Err(e);
                }
            }
        }
    }

    fn spawn(launch: &Launch, addr: SocketAddr) -> Result<Server, BenchError> {
        let log =
            File::create(&launch.log).map_err(|e| BenchError::io(format!("creating {}", launch.log.display()), e))?;
        let log_err = log.try_clone().map_err(|e| BenchError::io("duplicating the server log handle", e))?;
        let mut cmd = Command::new(&launch.bin);
        cmd.arg("serve").arg("--no-migrate").arg("--listen").arg(addr.to_string());
        if let Some(size) = launch.pool_size {
            cmd.arg("--pool-size").arg(size.to_string());
        }
        cmd.env("DATABASE_URL", &launch.database_url)
            .env("SALESGATE_JWT_SECRETS", &launch.jwt_secret)
            .env("SALESGATE_LOG", "warn")
            .env_remove("SALESGATE_POOL_SIZE")
            .env_remove("SALESGATE_LISTEN")
            .envs(launch.env.iter().map(|(n, v)| (n, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log_err))
            .kill_on_drop(true);
        die_with_parent(&mut cmd);
        let child = cmd.spawn().map_err(|e| BenchError::io(format!("starting {}", launch.bin.display()), e))?;
        let pid = child.id().ok_or_else(|| BenchError::ServerStart {
            reason: "it exited at once".into(),
            log: launch.log.clone(),
            tail: String::new(),
        })?;
        Ok(Server { child, pid, addr, log: launch.log.clone() })
    }

    async fn wait_ready(&mut self, limit: Duration) -> Result<(), BenchError> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().map_err(|e| BenchError::io("watching the server", e))? {
                return Err(self.start_error(format!("it exited with {status} before becoming ready")));
            }
            let last = match get(self.addr, "/readyz", Duration::from_secs(2)).await {
                Ok((200, _)) => return Ok(()),
                Ok((status, body)) => format!("/readyz answered {status}: {}", String::from_utf8_lossy(&body)),
                Err(e) => e,
            };
            if Instant::now() >= deadline {
                return Err(self.start_error(format!("not ready after {} s ({last})", limit.as_secs())));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn start_error(&self, reason: String) -> BenchError {
        BenchError::ServerStart { reason, log: self.log.clone(), tail: self.log_tail() }
    }

    /// The end of the server's log.
    pub fn log_tail(&self) -> String {
        tail(&self.log, LOG_TAIL)
    }

    /// An error if the server has exited.
    pub fn check_alive(&mut self, during: &str) -> Result<(), BenchError> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(BenchError::ServerDied {
                during: during.to_string(),
                status: status.to_string(),
                log: self.log.clone(),
                tail: self.log_tail(),
            }),
            Err(e) => Err(BenchError::io("watching the server", e)),
        }
    }

    /// `VmHWM` (peak resident set) or `VmRSS`, bytes.
    pub fn memory(&self, field: &str) -> Option<u64> {
        crate::stats::status_bytes(self.pid, field)
    }

    /// SIGTERM, then up to `grace` for a clean exit, then SIGKILL.
    pub async fn stop(mut self, grace: Duration) -> Option<ExitStatus> {
        // SAFETY: kill has no memory-safety preconditions; the pid is our unreaped child.
        unsafe { libc::kill(self.pid as libc::pid_t, libc::SIGTERM) };
        match tokio::time::timeout(grace, self.child.wait()).await {
            Ok(Ok(status)) => Some(status),
            _ => {
                self.kill().await;
                None
            }
        }
    }

    async fn kill(&mut self) {
        let _ = self.child.start_kill();
        let _ = tokio::time::timeout(Duration::from_secs(5), self.child.wait()).await;
    }
}

/// Makes the child receive SIGKILL when this process's main thread ends, so no server or
/// pgbench outlives the benchmark. (Children must be spawned from the main thread: the signal
/// follows the thread that forked.)
pub fn die_with_parent(cmd: &mut Command) {
    // SAFETY: the closure runs between fork and exec and only calls async-signal-safe prctl.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

/// The last `n` lines of a file (or why it cannot be read).
pub fn tail(path: &Path, n: usize) -> String {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(n)..].join("\n")
        }
        Err(e) => format!("(cannot read {}: {e})", path.display()),
    }
}

/// One `GET` on a fresh connection, bounded by `limit`: (status, body) or what went wrong.
pub async fn get(addr: SocketAddr, path: &str, limit: Duration) -> Result<(u16, Bytes), String> {
    let exchange = async {
        let stream = TcpStream::connect(addr).await.map_err(|e| format!("cannot connect to {addr}: {e}"))?;
        let _ = stream.set_nodelay(true);
        let (mut sender, conn) = hyper::client::conn::http1::handshake::<_, Empty<Bytes>>(TokioIo::new(stream))
            .await
            .map_err(|e| format!("HTTP handshake with {addr}: {e}"))?;
        let driver = tokio::spawn(conn);
        let request = Request::get(path)
            .header(hyper::header::HOST, addr.to_string())
            .body(Empty::new())
            .map_err(|e| format!("building GET {path}: {e}"))?;
        let response = sender.send_request(request).await.map_err(|e| format!("GET {path}: {e}"))?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await.map_err(|e| format!("reading GET {path}: {e}"))?.to_bytes();
        drop(sender);
        driver.abort();
        Ok((status, body))
    };
    tokio::time::timeout(limit, exchange).await.map_err(|_| format!("GET {path}: no answer within {limit:?}"))?
}

/// The figures of the server's `/metrics` the benchmark uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scrape {
    /// Per route label: (requests, sum of seconds) of `salesgate_http_request_duration_seconds`.
    pub durations: Vec<(String, u64, f64)>,
    pub pool_max: u64,
    pub pool_connections: u64,
    pub pool_in_use: u64,
    pub pool_waiting: u64,
}

impl Scrape {
    pub fn parse(text: &str) -> Scrape {
        let mut s = Scrape::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((name, value)) = line.rsplit_once(' ') else { continue };
            let Ok(v) = value.parse::<f64>() else { continue };
            let route = || name.split_once("route=\"").and_then(|(_, r)| r.split_once('"')).map(|(r, _)| r.to_string());
            if name.starts_with("salesgate_http_request_duration_seconds_count{") {
                if let Some(r) = route() {
                    s.entry(r).1 = v as u64;
                }
            } else if name.starts_with("salesgate_http_request_duration_seconds_sum{") {
                if let Some(r) = route() {
                    s.entry(r).2 = v;
                }
            } else {
                match name {
                    "salesgate_db_pool_max_connections" => s.pool_max = v as u64,
                    "salesgate_db_pool_connections" => s.pool_connections = v as u64,
                    "salesgate_db_pool_in_use" => s.pool_in_use = v as u64,
                    "salesgate_db_pool_waiting" => s.pool_waiting = v as u64,
                    _ => {}
                }
            }
        }
        s
    }

    fn entry(&mut self, route: String) -> &mut (String, u64, f64) {
        let i = match self.durations.iter().position(|(r, _, _)| *r == route) {
            Some(i) => i,
            None => {
                self.durations.push((route, 0, 0.0));
                self.durations.len() - 1
            }
        };
        &mut self.durations[i]
    }

    /// (requests, seconds) recorded for a route.
    pub fn route(&self, label: &str) -> (u64, f64) {
        self.durations.iter().find(|(r, _, _)| r == label).map_or((0, 0.0), |(_, n, s)| (*n, *s))
    }
}

/// Fetches and parses `/metrics`.
pub async fn scrape(addr: SocketAddr) -> Result<Scrape, String> {
    match get(addr, "/metrics", Duration::from_secs(5)).await? {
        (200, body) => Ok(Scrape::parse(&String::from_utf8_lossy(&body))),
        (status, _) => Err(format!("/metrics answered {status}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_metrics_the_bench_needs() {
        let text = "# HELP x\n\
            salesgate_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"0.001\"} 3\n\
            salesgate_http_request_duration_seconds_sum{route=\"GET /a\"} 0.25\n\
            salesgate_http_request_duration_seconds_count{route=\"GET /a\"} 100\n\
            salesgate_db_pool_max_connections 16\n\
            salesgate_db_pool_connections 12\n\
            salesgate_db_pool_in_use 9\n\
            salesgate_db_pool_waiting 4\n";
        let s = Scrape::parse(text);
        assert_eq!(s.route("GET /a"), (100, 0.25));
        assert_eq!(s.route("GET /b"), (0, 0.0));
        assert_eq!((s.pool_max, s.pool_connections, s.pool_in_use, s.pool_waiting), (16, 12, 9, 4));
    }
}
