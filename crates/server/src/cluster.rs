//! Run a PostgreSQL cluster from the system's PostgreSQL binaries.
//!
//! Used for the throwaway cluster of the test suites (`crate::testing`) and for the persistent
//! local cluster of `salesgate serve`. Everything here is synchronous (`std::process`): starting
//! and stopping a cluster is a handful of short-lived `initdb`/`pg_ctl` calls.
//!
//! `initdb`, `pg_ctl` and `postgres` refuse to run as root. When the current process is root
//! (CI containers are), the directories the server writes are handed to the `postgres` system
//! user and the binaries are run through `runuser -u postgres --`; otherwise they run directly
//! as the current user. In both cases the database superuser is `postgres` with `trust`
//! authentication, so only local processes can reach the cluster and no password is needed.
//!
//! ```no_run
//! use salesgate_server::cluster::{Cluster, ClusterConfig, StopMode};
//! # fn main() -> Result<(), salesgate_server::cluster::ClusterError> {
//! let cluster = Cluster::new(ClusterConfig::in_dir(".salesgate", 5432))?;
//! cluster.init()?; // no-op when already initialised
//! cluster.start()?; // no-op when already running
//! println!("{}", cluster.url("postgres"));
//! cluster.stop(StopMode::Fast)?;
//! # Ok(())
//! # }
//! ```

use std::ffi::{CString, OsString};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The database superuser (and, when running as root, the system user running the server).
pub const SUPERUSER: &str = "postgres";

/// The longest unix socket path the kernel accepts (`sun_path` is 108 bytes including the NUL).
const MAX_SOCKET_PATH: usize = 107;

/// How many lines of the server log to quote when the server fails to start.
const LOG_TAIL_LINES: usize = 30;

/// An error while locating, initialising, starting or stopping a cluster. The message says what
/// went wrong and, where possible, what to do about it.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ClusterError(#[from] Repr);

#[derive(Debug, thiserror::Error)]
enum Repr {
    #[error("PostgreSQL binaries not found: install postgresql or set PG_BINDIR")]
    BinariesNotFound,
    #[error("PG_BINDIR={0:?} does not contain initdb and pg_ctl: point it at PostgreSQL's bin directory")]
    BadBinDir(PathBuf),
    #[error(
        "running as root, but there is no `postgres` system user to run PostgreSQL as: \
         create it (installing the postgresql package does) or run as a non-root user"
    )]
    NoPostgresUser,
    #[error("running as root requires `runuser` (util-linux) to run PostgreSQL as user postgres")]
    NoRunuser,
    #[error(
        "unix socket path {path:?} is {len} bytes, longer than the {MAX_SOCKET_PATH} the OS allows: \
         use a shorter socket directory (or a shorter TMPDIR)"
    )]
    SocketPathTooLong { path: PathBuf, len: usize },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: io::Error,
    },
    #[error("{what} failed ({status}){hint}:\n{output}")]
    Command { what: String, status: String, output: String, hint: &'static str },
    #[error("PostgreSQL failed to start ({status}):\n{output}\nlast lines of the server log {log:?}:\n{log_tail}")]
    StartFailed { status: String, output: String, log: PathBuf, log_tail: String },
}

impl ClusterError {
    /// An I/O failure while doing `what` (for helpers built on top of [`Cluster`]).
    pub fn from_io(what: &str, source: io::Error) -> ClusterError {
        Repr::Io { what: what.to_owned(), source }.into()
    }
}

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> ClusterError {
    let what = what.into();
    move |source| Repr::Io { what, source }.into()
}

/// Where a cluster lives and how its server is started.
///
/// `data_dir`, `socket_dir` and the log file's directory are dedicated to the cluster: when
/// running as root they are created if missing and handed to the `postgres` user (shared
/// sticky directories such as `/tmp` are left alone, `postgres` can already write there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterConfig {
    /// The cluster's data directory (`PGDATA`).
    pub data_dir: PathBuf,
    /// Directory of the unix socket `.s.PGSQL.<port>`; keep it short (the socket path must fit
    /// in 107 bytes).
    pub socket_dir: PathBuf,
    /// The server log (`pg_ctl -l`); appended to on every start.
    pub log_file: PathBuf,
    /// Port of the unix socket and, with `tcp`, of the TCP listener.
    pub port: u16,
    /// Also listen on `127.0.0.1:port` (for tools and processes that cannot use the socket).
    pub tcp: bool,
    /// `false` turns fsync, synchronous commit and full-page writes off: much faster, but a
    /// crash of the machine can corrupt the cluster. Only for throwaway clusters.
    pub durable: bool,
    /// Further server settings, passed as `-c name=value`.
    pub extra_settings: Vec<(String, String)>,
}

impl ClusterConfig {
    /// The conventional layout under one directory: `dir/data`, the socket in `dir`, the log
    /// in `dir/postgres.log`; durable, unix socket only.
    pub fn in_dir(dir: impl Into<PathBuf>, port: u16) -> ClusterConfig {
        let dir = dir.into();
        ClusterConfig {
            data_dir: dir.join("data"),
            log_file: dir.join("postgres.log"),
            socket_dir: dir,
            port,
            tcp: false,
            durable: true,
            extra_settings: Vec::new(),
        }
    }
}

/// How [`Cluster::stop`] shuts the server down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopMode {
    /// Disconnect clients, checkpoint, exit: the next start needs no recovery.
    Fast,
    /// Kill the server without a checkpoint: quickest, the next start runs crash recovery.
    /// Right for throwaway clusters.
    Immediate,
}

impl StopMode {
    fn as_arg(self) -> &'static str {
        match self {
            StopMode::Fast => "fast",
            StopMode::Immediate => "immediate",
        }
    }
}

/// The system user the server runs as when we are root.
#[derive(Clone, Debug)]
struct RunAs {
    uid: u32,
    gid: u32,
    runuser: PathBuf,
}

/// A PostgreSQL cluster: a data directory plus the server that runs on it.
///
/// Dropping a `Cluster` does not stop its server; call [`Cluster::stop`].
#[derive(Clone, Debug)]
pub struct Cluster {
    config: ClusterConfig,
    bin_dir: PathBuf,
    run_as: Option<RunAs>,
}

impl Cluster {
    /// PostgreSQL's bin directory: `$PG_BINDIR` if set, else the newest
    /// `/usr/lib/postgresql/<version>/bin` (Debian/Ubuntu layout), else `pg_config --bindir`.
    pub fn bin_dir() -> Result<PathBuf, ClusterError> {
        if let Some(dir) = std::env::var_os("PG_BINDIR").filter(|d| !d.is_empty()) {
            let dir = PathBuf::from(dir);
            return if has_binaries(&dir) { Ok(dir) } else { Err(Repr::BadBinDir(dir).into()) };
        }
        if let Some(dir) = newest_debian_bin_dir(Path::new("/usr/lib/postgresql")) {
            return Ok(dir);
        }
        let from_pg_config = Command::new("pg_config")
            .arg("--bindir")
            .stdin(Stdio::null())
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
        match from_pg_config {
            Some(dir) if has_binaries(&dir) => Ok(dir),
            _ => Err(Repr::BinariesNotFound.into()),
        }
    }

    /// Describes a cluster: locates the binaries (and, as root, the `postgres` user and
    /// `runuser`) and makes the paths absolute. Touches nothing on disk.
    pub fn new(mut config: ClusterConfig) -> Result<Cluster, ClusterError> {
        for path in [&mut config.data_dir, &mut config.socket_dir, &mut config.log_file] {
            *path = std::path::absolute(&*path).map_err(io_err(format!("cannot make {path:?} absolute")))?;
        }
        let socket = config.socket_dir.join(format!(".s.PGSQL.{}", config.port));
        let len = socket.as_os_str().len();
        if len > MAX_SOCKET_PATH {
            return Err(Repr::SocketPathTooLong { path: socket, len }.into());
        }
        let bin_dir = Cluster::bin_dir()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let run_as = if unsafe { libc::geteuid() } == 0 {
            let (uid, gid) = lookup_user(SUPERUSER)?.ok_or(Repr::NoPostgresUser)?;
            let runuser = find_runuser().ok_or(Repr::NoRunuser)?;
            Some(RunAs { uid, gid, runuser })
        } else {
            None
        };
        Ok(Cluster { config, bin_dir, run_as })
    }

    /// The configuration, with absolute paths.
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.config.port
    }

    /// The directory holding the server's unix socket.
    pub fn socket_dir(&self) -> &Path {
        &self.config.socket_dir
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.config.data_dir
    }

    /// A connection string for database `dbname` as the superuser, understood by libpq and
    /// tokio-postgres: `postgres://postgres@127.0.0.1:PORT/dbname` when the cluster listens on
    /// TCP, else the key/value form `host=<socket dir> port=PORT user=postgres dbname=dbname`.
    pub fn url(&self, dbname: &str) -> String {
        let port = self.config.port;
        if self.config.tcp {
            format!("postgres://{SUPERUSER}@127.0.0.1:{port}/{}", percent_encode(dbname))
        } else {
            format!(
                "host={} port={port} user={SUPERUSER} dbname={}",
                conninfo_value(&self.config.socket_dir.to_string_lossy()),
                conninfo_value(dbname)
            )
        }
    }

    /// Whether `initdb` has run on the data directory.
    pub fn is_initialized(&self) -> bool {
        self.config.data_dir.join("PG_VERSION").is_file()
    }

    /// Creates the directories (handing them to `postgres` when root) and runs `initdb` with
    /// superuser `postgres`, trust authentication, UTF8, the C collation (byte order, the fast
    /// path for every text comparison and index) and the C.UTF-8 character classes, so that
    /// `lower()`, `ILIKE` and case-insensitive searches fold Cyrillic as they do ASCII (the C
    /// locale folded ASCII only). Does nothing when the data directory is already initialised.
    pub fn init(&self) -> Result<(), ClusterError> {
        if self.is_initialized() {
            return Ok(());
        }
        self.prepare_dirs()?;
        let mut cmd = self.command("initdb");
        cmd.arg("-D").arg(&self.config.data_dir).args([
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--lc-ctype=C.UTF-8",
        ]);
        if !self.config.durable {
            cmd.arg("--no-sync");
        }
        let out = run(&mut cmd, "initdb")?;
        self.check(out, "initdb")
    }

    /// Starts the server and waits until it accepts connections. Does nothing when it is
    /// already running. On failure the error quotes the end of the server log.
    pub fn start(&self) -> Result<(), ClusterError> {
        if self.is_running() {
            return Ok(());
        }
        // The socket and log directories may have been removed since init (e.g. a tmpfs).
        self.prepare_dirs()?;
        let mut cmd = self.command("pg_ctl");
        cmd.args(["-w", "-t", "60", "-D"])
            .arg(&self.config.data_dir)
            .arg("-l")
            .arg(&self.config.log_file)
            .arg("-o")
            .arg(self.server_options())
            .arg("start");
        let out = run(&mut cmd, "pg_ctl start")?;
        if out.status.success() {
            return Ok(());
        }
        Err(Repr::StartFailed {
            status: out.status.to_string(),
            output: output_text(&out),
            log: self.config.log_file.clone(),
            log_tail: log_tail(&self.config.log_file, LOG_TAIL_LINES),
        }
        .into())
    }

    /// Whether a server is running on the data directory (`pg_ctl status`).
    pub fn is_running(&self) -> bool {
        if !self.is_initialized() {
            return false;
        }
        let mut cmd = self.command("pg_ctl");
        cmd.arg("status").arg("-D").arg(&self.config.data_dir);
        // Exit status 0: running; 3: not running; anything else: cannot tell, say no.
        run(&mut cmd, "pg_ctl status").is_ok_and(|out| out.status.success())
    }

    /// Stops the server and waits until it has exited. Does nothing when it is not running.
    ///
    /// When this process is the server's reaper (a child subreaper, as test processes are), the
    /// exited postmaster is reaped here; otherwise it would linger as a zombie that
    /// `pgrep postgres` still lists.
    pub fn stop(&self, mode: StopMode) -> Result<(), ClusterError> {
        if !self.is_running() {
            return Ok(());
        }
        let postmaster = self.postmaster_pid();
        let mut cmd = self.command("pg_ctl");
        cmd.args(self.stop_args(mode));
        let out = run(&mut cmd, "pg_ctl stop")?;
        if let Some(pid) = postmaster {
            let mut status = 0;
            // SAFETY: waitpid writes only to `status`; WNOHANG never blocks, and a pid that is
            // not our child just yields ECHILD.
            unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        }
        if out.status.success() || !self.is_running() { Ok(()) } else { self.check(out, "pg_ctl stop") }
    }

    /// The running postmaster's pid (first line of `postmaster.pid`).
    pub fn postmaster_pid(&self) -> Option<libc::pid_t> {
        fs::read_to_string(self.config.data_dir.join("postmaster.pid")).ok()?.lines().next()?.trim().parse().ok()
    }

    /// The full command line (program first) that stops the server, for callers that must stop
    /// it from outside this process (the test watchdog). Includes `runuser` when root.
    pub fn stop_command_line(&self, mode: StopMode) -> Vec<OsString> {
        let mut line = self.program_prefix();
        line.push(self.bin_dir.join("pg_ctl").into());
        line.extend(self.stop_args(mode));
        line
    }

    /// `pg_ctl`'s arguments for stopping the server.
    fn stop_args(&self, mode: StopMode) -> Vec<OsString> {
        vec![
            "-w".into(),
            "-D".into(),
            self.config.data_dir.clone().into(),
            "-m".into(),
            mode.as_arg().into(),
            "stop".into(),
        ]
    }

    /// `runuser -u postgres --` when root, else nothing.
    fn program_prefix(&self) -> Vec<OsString> {
        match &self.run_as {
            Some(run_as) => vec![run_as.runuser.clone().into(), "-u".into(), SUPERUSER.into(), "--".into()],
            None => Vec::new(),
        }
    }

    /// A command running PostgreSQL binary `program`, as `postgres` when we are root.
    fn command(&self, program: &str) -> Command {
        let program = self.bin_dir.join(program);
        let mut cmd = match &self.run_as {
            Some(run_as) => {
                let mut cmd = Command::new(&run_as.runuser);
                cmd.args(["-u", SUPERUSER, "--"]).arg(program);
                cmd
            }
            None => Command::new(program),
        };
        // Run from a directory the server user can enter (as root our own working directory
        // may not be), and keep the caller's PG* variables from redirecting pg_ctl.
        if self.config.data_dir.is_dir() {
            cmd.current_dir(&self.config.data_dir);
        }
        for var in ["PGDATA", "PGHOST", "PGHOSTADDR", "PGPORT", "PGOPTIONS"] {
            cmd.env_remove(var);
        }
        cmd.stdin(Stdio::null());
        cmd
    }

    /// The `postgres` options passed through `pg_ctl -o`, which pg_ctl hands to a shell: every
    /// value is shell-quoted.
    fn server_options(&self) -> String {
        let c = &self.config;
        let mut opts = String::new();
        if !c.durable {
            opts.push_str("-F -c synchronous_commit=off -c full_page_writes=off ");
        }
        let listen = if c.tcp { "127.0.0.1" } else { "" };
        let _ = write!(
            opts,
            "-k {} -h {} -p {}",
            shell_quote(&c.socket_dir.to_string_lossy()),
            shell_quote(listen),
            c.port
        );
        for (name, value) in &c.extra_settings {
            let _ = write!(opts, " -c {}", shell_quote(&format!("{name}={value}")));
        }
        opts
    }

    /// Creates the cluster's directories and, when root, hands them to `postgres`.
    fn prepare_dirs(&self) -> Result<(), ClusterError> {
        let c = &self.config;
        let log_dir = c.log_file.parent().unwrap_or(Path::new("/"));
        for dir in [c.socket_dir.as_path(), log_dir, c.data_dir.as_path()] {
            fs::create_dir_all(dir).map_err(io_err(format!("cannot create {dir:?}")))?;
            self.hand_over(dir)?;
        }
        if c.log_file.exists() {
            self.hand_over(&c.log_file)?;
        }
        Ok(())
    }

    /// When root, makes `path` owned by `postgres` unless it already is or it is a shared
    /// sticky directory like `/tmp` (which postgres can write to anyway and must not own).
    fn hand_over(&self, path: &Path) -> Result<(), ClusterError> {
        let Some(run_as) = &self.run_as else {
            return Ok(());
        };
        let meta = fs::metadata(path).map_err(io_err(format!("cannot stat {path:?}")))?;
        if meta.uid() == run_as.uid || (meta.is_dir() && meta.mode() & 0o1000 != 0) {
            return Ok(());
        }
        std::os::unix::fs::chown(path, Some(run_as.uid), Some(run_as.gid))
            .map_err(io_err(format!("cannot chown {path:?} to user postgres")))
    }

    fn check(&self, out: Output, what: &str) -> Result<(), ClusterError> {
        if out.status.success() {
            return Ok(());
        }
        let hint = if self.run_as.is_some() {
            " (running as root, so as user postgres: it needs to be able to enter every parent \
             directory of the cluster's directories)"
        } else {
            ""
        };
        Err(Repr::Command { what: what.to_owned(), status: out.status.to_string(), output: output_text(&out), hint }
            .into())
    }
}

/// A currently free TCP port on 127.0.0.1 (bound to port 0, read back, released). Another
/// process may take it before it is used; callers that start a server on it should retry with
/// a new port when binding fails.
pub fn free_port() -> io::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

fn run(cmd: &mut Command, what: &str) -> Result<Output, ClusterError> {
    cmd.output().map_err(io_err(format!("cannot run {what} ({:?})", cmd.get_program())))
}

fn output_text(out: &Output) -> String {
    let mut text = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !stdout.trim().is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(stdout.trim());
    }
    text
}

fn log_tail(path: &Path, lines: usize) -> String {
    match fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(e) => format!("(cannot read the log: {e})"),
    }
}

fn has_binaries(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("pg_ctl").is_file()
}

/// The bin directory of the highest numeric version under `root` (`15`, `16`, `9.6`, …).
fn newest_debian_bin_dir(root: &Path) -> Option<PathBuf> {
    let version = |name: &str| -> Option<Vec<u32>> { name.split('.').map(|part| part.parse().ok()).collect() };
    fs::read_dir(root)
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let v = version(entry.file_name().to_str()?)?;
            let bin = entry.path().join("bin");
            has_binaries(&bin).then_some((v, bin))
        })
        .max()
        .map(|(_, bin)| bin)
}

/// uid and gid of system user `name`, `None` if there is no such user.
fn lookup_user(name: &str) -> Result<Option<(u32, u32)>, ClusterError> {
    let cname = CString::new(name).map_err(|e| io_err("bad user name")(io::Error::other(e)))?;
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    loop {
        // SAFETY: `passwd` is plain data; getpwnam_r fills it and points its strings into
        // `buf`, which outlives every use; `result` is set to null or to `&mut pwd`.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe { libc::getpwnam_r(cname.as_ptr(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
        if rc == libc::ERANGE && buf.len() < 1024 * 1024 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 {
            return Err(io_err(format!("cannot look up user {name}"))(io::Error::from_raw_os_error(rc)));
        }
        return Ok((!result.is_null()).then_some((pwd.pw_uid, pwd.pw_gid)));
    }
}

fn find_runuser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|dir| dir.join("runuser"))
        .find(|p| p.is_file())
}

/// Quotes `s` for a POSIX shell.
pub(crate) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A libpq key/value connection-string value, quoted when needed.
fn conninfo_value(s: &str) -> String {
    if !s.is_empty() && !s.contains(|c: char| c.is_whitespace() || c == '\'' || c == '\\') {
        return s.to_owned();
    }
    format!("'{}'", s.replace('\\', r"\\").replace('\'', r"\'"))
}

/// Percent-encodes everything but unreserved URL characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Makes this process the reaper of its orphaned descendants. `pg_ctl start` daemonizes the
/// server; without this its parent becomes pid 1, which may take a second or more to reap it
/// after it stops, and until then `pgrep -u postgres postgres` still lists it (`<defunct>`).
/// [`Cluster::stop`] reaps the server when this process is its reaper.
pub fn become_subreaper() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_CHILD_SUBREAPER) only sets a flag on this process.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
        assert_eq!(conninfo_value("/tmp/x"), "/tmp/x");
        assert_eq!(conninfo_value("a b'c"), r"'a b\'c'");
        assert_eq!(percent_encode("db_1-x"), "db_1-x");
        assert_eq!(percent_encode("a b/c"), "a%20b%2Fc");
    }

    #[test]
    fn socket_path_length_is_checked() {
        let long = format!("/tmp/{}", "x".repeat(100));
        let err = Cluster::new(ClusterConfig::in_dir(long, 5432)).unwrap_err();
        assert!(err.to_string().contains("shorter socket directory"), "{err}");
    }

    #[test]
    fn newest_version_wins() {
        let root = tempfile::tempdir().unwrap();
        for v in ["9.6", "15", "13"] {
            let bin = root.path().join(v).join("bin");
            fs::create_dir_all(&bin).unwrap();
            fs::write(bin.join("initdb"), "").unwrap();
            fs::write(bin.join("pg_ctl"), "").unwrap();
        }
        fs::create_dir_all(root.path().join("16/bin")).unwrap(); // no binaries: skipped
        assert_eq!(newest_debian_bin_dir(root.path()), Some(root.path().join("15/bin")));
    }
}
