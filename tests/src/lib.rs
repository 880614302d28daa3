//! Harness of the end-to-end tests: real processes — the `salesgate` binary, and `wrangler dev`
//! running the built edge Worker in workerd — each in its own process group, stopped (the whole
//! group) when its guard is dropped, so nothing outlives a passing or a failing test.
//!
//! Prerequisites, built by `cargo make e2e`: the Worker bundle (`crates/edge/build`, by
//! worker-build) and the `salesgate` binary of the same profile as the test. Wrangler comes from
//! the committed npm lockfile (`npm ci`); nothing here touches the network.

use std::fs::{self, File};
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use salesgate_server::testing::client::{self, Response};

/// The workspace root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0)).and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// The `salesgate` binary: `$SALESGATE_BIN`, else the one next to this test's own profile dir
/// (`target/<profile>/salesgate`).
pub fn salesgate_bin() -> PathBuf {
    let path = std::env::var_os("SALESGATE_BIN").map(PathBuf::from).unwrap_or_else(|| {
        let exe = std::env::current_exe().expect("test executable");
        // target/<profile>/deps/<test> → target/<profile>/salesgate
        exe.parent().and_then(Path::parent).map(|dir| dir.join("salesgate")).unwrap_or_default()
    });
    assert!(
        path.is_file(),
        "{} does not exist: run `cargo make e2e` (or `cargo build -p salesgate-server` first)",
        path.display()
    );
    path
}

/// The built Worker's entry point.
pub fn worker_bundle() -> PathBuf {
    let path = repo_root().join("crates/edge/build/index.js");
    assert!(path.is_file(), "{} does not exist: run `cargo make edge-build` (or `cargo make e2e`)", path.display());
    path
}

/// A child process leading its own process group, its output in a log file.
pub struct Process {
    name: String,
    child: Child,
    log: PathBuf,
    stopped: bool,
}

impl Process {
    /// Starts `command` in a new process group (like `setsid`: a terminal's Ctrl-C does not reach
    /// it, and one signal to the group stops it with everything it started), stdin closed,
    /// stdout and stderr appended to `log`.
    pub fn spawn(name: &str, mut command: Command, log: &Path) -> io::Result<Process> {
        let out = File::create(log)?;
        let err = out.try_clone()?;
        let child = command.process_group(0).stdin(Stdio::null()).stdout(out).stderr(err).spawn()?;
        Ok(Process { name: name.to_string(), child, log: log.to_path_buf(), stopped: false })
    }

    /// Everything it printed so far.
    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Whether it has exited (and how).
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// SIGTERM to the whole group, SIGKILL to it after `grace`; reaps the leader.
    pub fn stop(&mut self, grace: Duration) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        let group = -(self.child.id() as libc::pid_t);
        // SAFETY: kill has no memory-safety preconditions.
        unsafe { libc::kill(group, libc::SIGTERM) };
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if self.exited().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        // Stragglers of the group (workerd under wrangler) go too, even if the leader exited.
        // SAFETY: as above.
        unsafe { libc::kill(group, libc::SIGKILL) };
        let _ = self.child.wait();
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.stop(Duration::from_secs(3));
    }
}

/// Polls `probe` every 100 ms until it is true; panics after `timeout` with `what` and `log`.
pub async fn wait_for(what: &str, timeout: Duration, process: &mut Process, mut probe: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    loop {
        if probe().await {
            return;
        }
        if let Some(status) = process.exited() {
            panic!("{} exited ({status}) before {what}; its output:\n{}", process.name(), process.log());
        }
        if Instant::now() > deadline {
            panic!("no {what} within {timeout:?}; {}'s output:\n{}", process.name(), process.log());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `salesgate serve` on a free loopback port.
pub struct Origin {
    pub addr: SocketAddr,
    pub process: Process,
}

impl Origin {
    /// Starts the real binary on `database_url` (migrated), with `env` on top, and waits until
    /// `/readyz` says ready.
    pub async fn start(database_url: &str, jwt_secrets: &str, env: &[(&str, String)], dir: &Path) -> Origin {
        let addr: SocketAddr = ([127, 0, 0, 1], free_port()).into();
        let mut command = Command::new(salesgate_bin());
        command
            .args(["serve", "--listen", &addr.to_string()])
            .env("DATABASE_URL", database_url)
            .env("SALESGATE_JWT_SECRETS", jwt_secrets)
            .env("SALESGATE_LOG", "info")
            .env("SALESGATE_DATA_DIR", dir.join("data"))
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        let mut process = Process::spawn("salesgate serve", command, &dir.join("origin.log")).expect("spawn salesgate");
        wait_for(
            "/readyz 200",
            Duration::from_secs(30),
            &mut process,
            async || matches!(get(addr, "/readyz").await, Ok(r) if r.status == 200),
        )
        .await;
        Origin { addr, process }
    }
}

/// The Worker in workerd through `wrangler dev`, on a free loopback port.
pub struct Edge {
    pub addr: SocketAddr,
    pub process: Process,
    _dir: tempfile::TempDir,
}

impl Edge {
    /// Runs the built Worker with the repository's wrangler.toml (its name, compatibility date
    /// and `[vars]`) minus the `[build]` step (the bundle is built already), `vars` on top
    /// (`--var`), and `SALESGATE_JWT_SECRETS` as a local secret (`.dev.vars`). Waits until the
    /// edge answers.
    pub async fn start(vars: &[(&str, String)], jwt_secrets: &str) -> Edge {
        let dir = tempfile::Builder::new().prefix("sg-edge-").tempdir().expect("temp dir");
        let repo_config = fs::read_to_string(repo_root().join("wrangler.toml")).expect("wrangler.toml");
        let config = local_config(&repo_config, &worker_bundle());
        fs::write(dir.path().join("wrangler.toml"), config).expect("write wrangler.toml");
        fs::write(dir.path().join(".dev.vars"), format!("SALESGATE_JWT_SECRETS={jwt_secrets}\n")).expect(".dev.vars");
        let addr: SocketAddr = ([127, 0, 0, 1], free_port()).into();
        let mut command = Command::new(repo_root().join("node_modules/.bin/wrangler"));
        command
            .current_dir(dir.path())
            .args(["dev", "--config", "wrangler.toml", "--ip", "127.0.0.1"])
            .args(["--port", &addr.port().to_string(), "--inspector-port", &free_port().to_string()])
            .args(["--show-interactive-dev-session=false", "--persist-to", "state", "--log-level", "warn"])
            .env("WRANGLER_SEND_METRICS", "false")
            .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
            .env("WRANGLER_LOG_PATH", dir.path().join("logs"));
        for (name, value) in vars {
            command.arg("--var").arg(format!("{name}:{value}"));
        }
        let mut process =
            Process::spawn("wrangler dev", command, &dir.path().join("wrangler.log")).expect("spawn wrangler");
        // An unknown route is answered by the edge itself: ready when that comes back.
        wait_for(
            "edge answer",
            Duration::from_secs(60),
            &mut process,
            async || matches!(get(addr, "/.ready").await, Ok(r) if r.status == 404),
        )
        .await;
        Edge { addr, process, _dir: dir }
    }
}

/// The repository's wrangler.toml for a local run of the built bundle: `main` set to `bundle`
/// (absolute) and the `[build]` table dropped.
pub fn local_config(repo_config: &str, bundle: &Path) -> String {
    let mut out = String::new();
    let mut in_build = false;
    for line in repo_config.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_build = trimmed == "[build]";
        }
        if in_build {
            continue;
        }
        if trimmed.starts_with("main") && trimmed.contains('=') {
            out.push_str(&format!("main = {:?}\n", bundle.display().to_string()));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A plain `GET` (`Connection: close`), 10 s at most.
pub async fn get(addr: SocketAddr, path: &str) -> io::Result<Response> {
    send(addr, "GET", path, &[], None).await
}

/// One request with exactly these headers (plus `Host`, `Connection: close` and, with a body,
/// `Content-Length`), 10 s at most.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> io::Result<Response> {
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        raw.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    raw.push_str("\r\n");
    let mut raw = raw.into_bytes();
    raw.extend_from_slice(body.unwrap_or_default());
    tokio::time::timeout(Duration::from_secs(10), exchange(addr, &raw))
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, format!("no complete response from {addr} in 10 s")))?
}

/// Writes `raw`, then reads one response and stops as soon as it is complete. (Waiting for the
/// peer to close is not enough: wrangler's local proxy keeps connections open a few seconds
/// despite `Connection: close`.)
async fn exchange(addr: SocketAddr, raw: &[u8]) -> io::Result<Response> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    // The peer may answer (413) and close before reading a large body: that is not an error.
    if let Err(e) = stream.write_all(raw).await
        && !matches!(e.kind(), io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset)
    {
        return Err(e);
    }
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if complete(&buf) {
            break;
        }
        match stream.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset && !buf.is_empty() => break,
            Err(e) => return Err(e),
        }
    }
    client::parse(&buf)
}

/// Whether `buf` holds a whole HTTP/1.1 response (by `Content-Length`, or the last chunk).
fn complete(buf: &[u8]) -> bool {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else { return false };
    let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
    let body = &buf[end + 4..];
    let status: u16 = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    if status == 204 || status == 304 || (100..200).contains(&status) {
        return true;
    }
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.split_once(':').filter(|(n, _)| n.trim() == name).map(|(_, v)| v.trim().to_string()))
    };
    if let Some(length) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        return body.len() >= length;
    }
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        return body.ends_with(b"0\r\n\r\n");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_config_drops_the_build_and_pins_main() {
        let repo = "name = \"x\"\nmain = \"crates/edge/build/index.js\"\n[build]\ncommand = \"worker-build\"\n\n[vars]\nA = \"1\"\n";
        let local = local_config(repo, Path::new("/abs/index.js"));
        assert_eq!(local, "name = \"x\"\nmain = \"/abs/index.js\"\n[vars]\nA = \"1\"\n");
    }
}
