//! The shared throwaway PostgreSQL cluster for tests of every crate in the workspace.
//!
//! Each test process gets ONE cluster ([`cluster()`]), started lazily on first use in a fresh
//! short temp dir (`/tmp/sg-XXXXXX`), with fsync off, a unix socket in that dir and TCP on a
//! free loopback port (so pgbench and other processes can connect too). Each test creates its
//! own database ([`TestCluster::create_database`]), usually cloned from a template database
//! prepared once per process ([`TestCluster::template`]), so tests run in parallel.
//!
//! ```no_run
//! # async fn example() -> Result<(), salesgate_server::testing::TestDbError> {
//! let pg = salesgate_server::testing::cluster();
//! let template = pg
//!     .template("schema", |url| async move {
//!         let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await?;
//!         tokio::spawn(conn);
//!         client.batch_execute("CREATE TABLE t (x int)").await
//!     })
//!     .await?;
//! let db = pg.create_database("my_test", Some(template)).await?;
//! // connect to db.url …
//! # Ok(())
//! # }
//! ```
//!
//! Cleanup is guaranteed two ways, because a test process does not always end normally:
//! - an `atexit` handler stops the server and removes the dir: the test harness returns from
//!   `main` or calls `process::exit`, both of which run it, whether tests passed or failed;
//! - a watchdog shell process, started before the server, notices at once when the test process
//!   is gone (a pipe it reads closes) and does the same — this covers SIGKILL, abort and Ctrl-C,
//!   where `atexit` never runs. It runs in its own process group (so Ctrl-C does not kill it
//!   first), and its stdout/stderr are null (so it never holds cargo's output pipes open).

use std::collections::HashMap;
use std::fmt::Display;
use std::fs;
use std::io;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;
use tokio_postgres::NoTls;

use crate::cluster::{Cluster, ClusterConfig, ClusterError, StopMode, free_port, shell_quote};

/// PostgreSQL's limit on identifier length, in bytes; longer names are silently truncated.
const MAX_IDENTIFIER: usize = 63;

/// An error from the test cluster: a database operation or a template's `prepare` failed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TestDbError(String);

impl TestDbError {
    /// `context: err`, followed by `err`'s sources (tokio-postgres puts the server's message
    /// there: its own Display is just "db error").
    fn new(context: &str, err: impl std::error::Error) -> TestDbError {
        let mut message = format!("{context}: {err}");
        let mut source = err.source();
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        TestDbError(message)
    }
}

/// A database created for one test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestDb {
    /// The database name (unique within the test process).
    pub name: String,
    /// A connection string for it, as the superuser `postgres` (see [`Cluster::url`]).
    pub url: String,
}

/// The per-process test cluster. Get it with [`cluster()`].
pub struct TestCluster {
    cluster: Cluster,
    dir: PathBuf,
    watchdog: Watchdog,
    counter: AtomicU64,
    templates: Mutex<HashMap<String, &'static Template>>,
}

/// A template database; leaked so [`TestCluster::template`] can hand out `&'static str` names
/// (there are only a handful per process).
struct Template {
    name: String,
    ready: OnceCell<Result<(), String>>,
}

static CLUSTER: OnceLock<Result<TestCluster, String>> = OnceLock::new();

/// The test process's cluster, initialised and started on first use (about 2 s; this blocks
/// the calling thread, and is deliberately not tied to any tokio runtime since every
/// `#[tokio::test]` has its own). Panics, with the reason, if it cannot be started.
pub fn cluster() -> &'static TestCluster {
    let result = CLUSTER.get_or_init(|| {
        let started = TestCluster::start(Vec::new()).map_err(|e| e.to_string());
        if started.is_ok() {
            static REGISTER: Once = Once::new();
            REGISTER.call_once(|| {
                // SAFETY: registers a plain `extern "C" fn()` that never unwinds.
                unsafe { libc::atexit(cleanup_at_exit) };
            });
        }
        started
    });
    match result {
        Ok(cluster) => cluster,
        Err(e) => panic!("cannot start the test PostgreSQL cluster: {e}"),
    }
}

extern "C" fn cleanup_at_exit() {
    let _ = std::panic::catch_unwind(|| {
        if let Some(Ok(cluster)) = CLUSTER.get() {
            cluster.cleanup();
        }
    });
}

impl TestCluster {
    /// A connection string for database `db` (TCP on 127.0.0.1, user `postgres`, no password).
    pub fn url(&self, db: &str) -> String {
        self.cluster.url(db)
    }

    /// The underlying cluster. It is shared by all tests of the process: stopping it breaks
    /// the tests running in parallel, so reliability tests that stop/start a server should run
    /// their own [`Cluster`].
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Creates an empty database (from `template1`) or a copy of `template`, named
    /// `<name_prefix>_<pid>_<n>` (the prefix is shortened to fit PostgreSQL's 63 bytes).
    pub async fn create_database(&self, name_prefix: &str, template: Option<&str>) -> Result<TestDb, TestDbError> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let suffix = format!("_{}_{n}", std::process::id());
        let mut end = name_prefix.len().min(MAX_IDENTIFIER - suffix.len());
        while !name_prefix.is_char_boundary(end) {
            end -= 1;
        }
        let name = format!("{}{suffix}", &name_prefix[..end]);
        let mut sql = format!("CREATE DATABASE {}", quote_ident(&name));
        if let Some(template) = template {
            sql.push_str(" TEMPLATE ");
            sql.push_str(&quote_ident(template));
        }
        self.admin(&sql).await.map_err(|e| TestDbError::new(&format!("creating database {name}"), e))?;
        Ok(TestDb { url: self.url(&name), name })
    }

    /// Creates database `name` and runs `prepare(url)` on it, once per process: the first
    /// caller runs it, concurrent callers (from any runtime) wait for it, later callers get the
    /// stored outcome (including a failure, which is not retried). Returns `name` for
    /// [`TestCluster::create_database`]'s `template`.
    ///
    /// `prepare` must close its connections; sessions it leaves open are waited for briefly and
    /// then terminated, because `CREATE DATABASE … TEMPLATE` fails while the template has
    /// sessions. Afterwards connections to the template are disallowed for the same reason.
    pub async fn template<F, Fut, E>(&self, name: &str, prepare: F) -> Result<&'static str, TestDbError>
    where
        F: FnOnce(String) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        let template: &'static Template = {
            let mut templates = self.templates.lock().unwrap_or_else(PoisonError::into_inner);
            templates
                .entry(name.to_owned())
                .or_insert_with(|| Box::leak(Box::new(Template { name: name.to_owned(), ready: OnceCell::new() })))
        };
        let outcome = template
            .ready
            .get_or_init(|| async { self.prepare_template(name, prepare).await.map_err(|e| e.to_string()) })
            .await;
        match outcome {
            Ok(()) => Ok(&template.name),
            Err(e) => Err(TestDbError(e.clone())),
        }
    }

    async fn prepare_template<F, Fut, E>(&self, name: &str, prepare: F) -> Result<(), TestDbError>
    where
        F: FnOnce(String) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        let context = format!("preparing template database {name}");
        let quoted = quote_ident(name);
        // Start from scratch in case an earlier attempt was cancelled halfway.
        // (Two statements: DROP/CREATE DATABASE cannot share an implicit transaction.)
        for sql in [format!("DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"), format!("CREATE DATABASE {quoted}")] {
            self.admin(&sql).await.map_err(|e| TestDbError::new(&context, e))?;
        }
        prepare(self.url(name)).await.map_err(|e| TestDbError(format!("{context}: {e}")))?;
        self.close_sessions(name).await.map_err(|e| TestDbError::new(&context, e))
    }

    /// Waits for the sessions on database `name` to end (a dropped tokio-postgres client
    /// disconnects asynchronously), terminates stragglers, and disallows new connections.
    async fn close_sessions(&self, name: &str) -> Result<(), tokio_postgres::Error> {
        let (client, conn) = tokio_postgres::connect(&self.url("postgres"), NoTls).await?;
        let conn = tokio::spawn(conn);
        let result = async {
            client.batch_execute(&format!("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false", quote_ident(name))).await?;
            let count_sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = $1";
            let deadline = Instant::now() + Duration::from_secs(2);
            loop {
                let sessions: i64 = client.query_one(count_sql, &[&name]).await?.get(0);
                if sessions == 0 {
                    return Ok(());
                }
                if Instant::now() > deadline {
                    client
                        .execute(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                             WHERE datname = $1",
                            &[&name],
                        )
                        .await?;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        .await;
        drop(client);
        let _ = conn.await;
        result
    }

    /// Runs `sql` in the `postgres` database on a connection that is closed before returning.
    async fn admin(&self, sql: &str) -> Result<(), tokio_postgres::Error> {
        let (client, conn) = tokio_postgres::connect(&self.url("postgres"), NoTls).await?;
        let conn = tokio::spawn(conn);
        let result = client.batch_execute(sql).await;
        drop(client);
        let _ = conn.await;
        result
    }

    fn start(extra_settings: Vec<(String, String)>) -> Result<TestCluster, ClusterError> {
        let dir = make_temp_dir().map_err(|e| ClusterError::from_io("cannot create a temp dir for PostgreSQL", e))?;
        let started = Self::start_in(&dir, extra_settings);
        if started.is_err() {
            let _ = fs::remove_dir_all(&dir);
        }
        started
    }

    fn start_in(dir: &Path, extra_settings: Vec<(String, String)>) -> Result<TestCluster, ClusterError> {
        let new_cluster = || -> Result<Cluster, ClusterError> {
            Cluster::new(ClusterConfig {
                data_dir: dir.join("data"),
                socket_dir: dir.to_path_buf(),
                log_file: dir.join("postgres.log"),
                port: free_port().map_err(cluster_io_error)?,
                tcp: true,
                durable: false,
                extra_settings: extra_settings.clone(),
            })
        };
        let mut cluster = new_cluster()?;
        crate::cluster::become_subreaper();
        let watchdog = Watchdog::spawn(&cluster, dir).map_err(cluster_io_error)?;
        cluster.init()?;
        let mut attempt = 1;
        loop {
            match cluster.start() {
                Ok(()) => break,
                // Another process took the port between free_port() and the server's bind.
                Err(e) if attempt < 3 && e.to_string().contains("already in use") => {
                    attempt += 1;
                    cluster = new_cluster()?;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(TestCluster {
            cluster,
            dir: dir.to_path_buf(),
            watchdog,
            counter: AtomicU64::new(0),
            templates: Mutex::new(HashMap::new()),
        })
    }

    fn cleanup(&self) {
        let postmaster = self.cluster.postmaster_pid();
        let _ = self.cluster.stop(StopMode::Immediate);
        let _ = fs::remove_dir_all(&self.dir);
        // Nothing is left for the watchdog to do. It leads its own process group.
        // SAFETY: kill has no memory-safety preconditions.
        unsafe { libc::kill(-(self.watchdog.pid as libc::pid_t), libc::SIGTERM) };
        reap(postmaster.into_iter().chain([self.watchdog.pid as libc::pid_t]));
    }

    /// A cluster of its own, for tests that stop and start PostgreSQL (the shared one must
    /// keep running for the tests beside them). Same set-up and cleanup guarantees as the
    /// shared one; it is stopped and removed when dropped. Unlike the shared one it commits
    /// synchronously: a test that kills PostgreSQL must not lose acknowledged commits (fsync
    /// stays off — the machine does not crash, only the server).
    pub fn private() -> Result<TestCluster, ClusterError> {
        TestCluster::start(vec![("synchronous_commit".into(), "on".into())])
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        self.cleanup();
    }
}

/// Reaps the given exited children (the stopped server, the watchdog), waiting up to a second.
/// Only these: a blanket `waitpid(-1)` would steal the exit status of processes other tests of
/// this binary are waiting for.
fn reap(pids: impl Iterator<Item = libc::pid_t>) {
    let deadline = Instant::now() + Duration::from_secs(1);
    for pid in pids {
        loop {
            let mut status = 0;
            // SAFETY: waitpid writes only to `status`.
            let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
            if r != 0 || Instant::now() >= deadline {
                break; // reaped, not our child (-1), or out of time
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn cluster_io_error(e: io::Error) -> ClusterError {
    ClusterError::from_io("starting the test cluster", e)
}

/// Creates `sg-XXXXXX` in the temp dir, or in `/tmp` when `$TMPDIR` is too long for the
/// server's unix socket path.
fn make_temp_dir() -> io::Result<PathBuf> {
    // "/sg-XXXXXX/.s.PGSQL.65535"
    const SUFFIX_LEN: usize = 26;
    let tmp = std::env::temp_dir();
    let base = if tmp.as_os_str().len() + SUFFIX_LEN <= 100 { tmp } else { PathBuf::from("/tmp") };
    Ok(tempfile::Builder::new().prefix("sg-").tempdir_in(base)?.keep())
}

/// The watchdog process (see the module docs): a shell blocked reading a pipe whose only write
/// end is `lifeline`, held by this process (close-on-exec, so no child inherits it). When this
/// process dies in any way the kernel closes it, the read returns, and the shell stops the
/// server and removes the cluster dir. (Polling the pid instead would miss a killed process
/// that stays a zombie until its parent reaps it.)
struct Watchdog {
    pid: u32,
    _lifeline: io::PipeWriter,
}

impl Watchdog {
    fn spawn(cluster: &Cluster, dir: &Path) -> io::Result<Watchdog> {
        let stop: Vec<String> = cluster
            .stop_command_line(StopMode::Immediate)
            .iter()
            .map(|arg| shell_quote(&arg.to_string_lossy()))
            .collect();
        let script = format!(
            "while read -r _; do :; done; {stop} >/dev/null 2>&1; rm -rf -- {dir}",
            stop = stop.join(" "),
            dir = shell_quote(&dir.to_string_lossy()),
        );
        let (reader, lifeline) = io::pipe()?;
        let child = Command::new("/bin/sh")
            .arg("-c")
            .arg(script)
            .current_dir("/")
            .stdin(reader)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()?;
        Ok(Watchdog { pid: child.id(), _lifeline: lifeline })
    }
}

/// Quotes an SQL identifier.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}

/// A salesgate server for tests: the real HTTP stack on a free loopback port, in this process.
pub mod server {
    use crate::app::App;
    use crate::http::{self, Limits};
    use crate::pg::{self, Lane, Settings};
    use crate::storage::secrets::MasterKey;
    use salesgate_core::auth::{Claims, Keys, Role, Verifier, sign};
    use salesgate_core::gate::Gate;
    use std::net::SocketAddr;
    use std::sync::Arc;
    use std::time::Duration;
    use tokio::sync::oneshot;
    use tokio::task::JoinHandle;

    /// The HS256 secret test servers accept.
    pub const SECRET: &str = "test-secret-0123456789abcdef-0123456789";
    /// The `INTEGRATION_SECRETS_MASTER_KEY` of test servers (base64 of the bytes 0…31).
    pub const MASTER_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// Knobs tests change; everything else is the production default.
    #[derive(Debug, Clone)]
    pub struct Options {
        /// Transaction connections of the server's one lane.
        pub pool_size: usize,
        /// Shared pipelined connections of the lane.
        pub shared: usize,
        /// Named prepared statements (false: unnamed, as behind a transaction-mode pooler).
        pub prepared: bool,
        /// Open client connections at most.
        pub max_connections: usize,
        /// Statements in flight on a shared connection at most.
        pub max_in_flight: usize,
        pub pool_timeout: Duration,
        pub statement_timeout: Duration,
        pub request_timeout: Duration,
        pub body_limit: usize,
        pub header_timeout: Duration,
        pub grace: Duration,
        /// `INTEGRATION_SECRETS_MASTER_KEY` ([`MASTER_KEY`]; `None`: a server without one).
        pub master_key: Option<String>,
    }

    impl Default for Options {
        fn default() -> Self {
            Options {
                pool_size: 8,
                shared: 1,
                prepared: true,
                max_connections: 1024,
                max_in_flight: crate::pg::MAX_IN_FLIGHT,
                pool_timeout: Duration::from_secs(2),
                statement_timeout: Duration::from_secs(5),
                request_timeout: Duration::from_secs(15),
                body_limit: salesgate_core::gate::DEFAULT_BODY_LIMIT,
                header_timeout: Duration::from_secs(10),
                grace: Duration::from_secs(10),
                master_key: Some(MASTER_KEY.to_string()),
            }
        }
    }

    /// A running test server; stopped (gracefully) when dropped or by [`TestServer::stop`].
    pub struct TestServer {
        pub addr: SocketAddr,
        pub app: Arc<App>,
        shutdown: Option<oneshot::Sender<()>>,
        task: Option<JoinHandle<bool>>,
    }

    impl TestServer {
        pub async fn start(database_url: &str) -> TestServer {
            Self::start_with(database_url, Options::default()).await
        }

        pub async fn start_with(database_url: &str, o: Options) -> TestServer {
            // `SALESGATE_TEST_LOG=debug cargo test … -- --nocapture` shows the server's log.
            if let Ok(filter) = std::env::var("SALESGATE_TEST_LOG") {
                let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
            }
            let settings = Settings {
                config: pg::config(database_url, Duration::from_secs(2), o.statement_timeout, o.prepared)
                    .expect("database url"),
                shared: o.shared,
                exclusive: o.pool_size,
                acquire_timeout: o.pool_timeout,
                connect_timeout: Duration::from_secs(2),
                max_lifetime: Duration::from_secs(1800),
                max_in_flight: o.max_in_flight,
                prepared: o.prepared,
            };
            let lanes = vec![Lane::new(&settings)];
            let keys = Keys::parse(SECRET).expect("test secret");
            let gate = Gate {
                verifier: crate::token_cache::CachedVerifier::new(Verifier::new(keys, None, 30)),
                body_limit: o.body_limit,
            };
            let key = o.master_key.as_deref().map(|k| MasterKey::from_base64(k).expect("master key"));
            let app = Arc::new(App::new(gate, lanes, o.request_timeout).with_master_key(key));
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let addr = listener.local_addr().expect("addr");
            let (tx, rx) = oneshot::channel::<()>();
            let limits = Limits {
                header_timeout: o.header_timeout,
                max_header_bytes: 16 * 1024,
                grace: o.grace,
                max_connections: o.max_connections,
            };
            let task = tokio::spawn(http::serve(listener, app.clone(), 0, limits, async move {
                let _ = rx.await;
            }));
            TestServer { addr, app, shutdown: Some(tx), task: Some(task) }
        }

        /// Stops accepting, drains, and reports whether draining finished within the grace.
        pub async fn stop(mut self) -> bool {
            if let Some(tx) = self.shutdown.take() {
                let _ = tx.send(());
            }
            match self.task.take() {
                Some(task) => task.await.unwrap_or(false),
                None => true,
            }
        }
    }

    impl Drop for TestServer {
        fn drop(&mut self) {
            if let Some(tx) = self.shutdown.take() {
                let _ = tx.send(());
            }
        }
    }

    /// A bearer token for `tenant` with `role`, valid for an hour.
    pub fn token(tenant: Option<&str>, role: Role) -> String {
        token_with(tenant, role, 3600, SECRET)
    }

    /// A bearer token expiring `ttl` seconds from now (negative = already expired), signed
    /// with `secret`.
    pub fn token_with(tenant: Option<&str>, role: Role, ttl: i64, secret: &str) -> String {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let claims = Claims::new("test-user", tenant, role, now, ttl);
        let keys = Keys::parse(secret).expect("secret");
        sign(&claims, keys.signing_key())
    }
}

/// A deliberately small HTTP/1.1 client for tests: one request per connection
/// (`Connection: close`), raw bytes in and out, so tests can also send what real clients would
/// not (malformed framing, huge headers, slow writes).
pub mod client {
    use std::net::SocketAddr;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    /// A parsed response.
    #[derive(Debug, Clone)]
    pub struct Response {
        pub status: u16,
        pub headers: Vec<(String, String)>,
        pub body: Vec<u8>,
    }

    impl Response {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
        }

        /// The body as JSON (`Null` when it is not JSON).
        pub fn json(&self) -> serde_json::Value {
            serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
        }

        pub fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }
    }

    /// Sends `method path` with an optional bearer token and JSON body.
    pub async fn request(
        addr: SocketAddr,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> std::io::Result<Response> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
        if let Some(t) = token {
            head.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        if !body.is_empty() || matches!(method, "POST" | "PUT" | "PATCH") {
            head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut raw = head.into_bytes();
        raw.extend_from_slice(body.as_bytes());
        send_raw(addr, &raw, Duration::from_secs(30)).await
    }

    /// Writes `raw` and reads the response until the server closes the connection.
    pub async fn send_raw(addr: SocketAddr, raw: &[u8], timeout: Duration) -> std::io::Result<Response> {
        let exchange = async {
            let mut stream = TcpStream::connect(addr).await?;
            stream.write_all(raw).await?;
            let mut buf = Vec::new();
            stream.read_to_end(&mut buf).await?;
            parse(&buf)
        };
        tokio::time::timeout(timeout, exchange)
            .await
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "no response in time"))?
    }

    /// Parses one HTTP/1.1 response (Content-Length or chunked or until close).
    pub fn parse(buf: &[u8]) -> std::io::Result<Response> {
        let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| bad("no header end"))?;
        let head = std::str::from_utf8(&buf[..end]).map_err(|_| bad("head not UTF-8"))?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next().ok_or_else(|| bad("empty"))?;
        let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| bad("status"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_string(), v.trim().to_string())))
            .collect();
        let rest = &buf[end + 4..];
        let chunked = headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
        let body = if chunked { dechunk(rest).ok_or_else(|| bad("chunked body"))? } else { rest.to_vec() };
        Ok(Response { status, headers, body })
    }

    fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let line_end = data.windows(2).position(|w| w == b"\r\n")?;
            let size = usize::from_str_radix(std::str::from_utf8(&data[..line_end]).ok()?.trim(), 16).ok()?;
            data = &data[line_end + 2..];
            if size == 0 {
                return Some(out);
            }
            out.extend_from_slice(data.get(..size)?);
            data = data.get(size + 2..)?;
        }
    }
}
