//! The managed local database of `salesgate serve` without `DATABASE_URL`: a PostgreSQL
//! cluster under `./.salesgate/` (data survives restarts), started from the system's binaries
//! if it is not running, with a database `salesgate` in it.

use crate::cluster::{Cluster, ClusterConfig, ClusterError, StopMode, free_port};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Name of the database the local cluster serves.
pub const DATABASE: &str = "salesgate";

/// A failure to set up the local database.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error("local PostgreSQL: {0}")]
    Cluster(#[from] ClusterError),
    #[error("local PostgreSQL in {dir}: {what}: {source}")]
    Io { dir: PathBuf, what: &'static str, source: std::io::Error },
    #[error("local PostgreSQL: cannot create database {DATABASE}: {0}")]
    Create(String),
}

/// The running local cluster.
pub struct LocalDatabase {
    pub url: String,
    pub dir: PathBuf,
    cluster: Cluster,
    started_here: bool,
}

impl LocalDatabase {
    /// Opens (initialising and starting as needed) the cluster in `dir`.
    pub async fn open(dir: &Path) -> Result<LocalDatabase, LocalError> {
        let io = |what: &'static str| move |source| LocalError::Io { dir: dir.to_path_buf(), what, source };
        fs::create_dir_all(dir).map_err(io("cannot create the directory"))?;
        let dir = dir.canonicalize().map_err(io("cannot resolve the directory"))?;
        let port = port(&dir).map_err(io("cannot choose a port"))?;
        let mut config = ClusterConfig::in_dir(&dir, port);
        config.data_dir = dir.join("pgdata");
        config.tcp = true;
        // The socket path must be short; TCP is what salesgate uses, the socket goes to /tmp.
        config.socket_dir = std::env::temp_dir();
        let cluster = Cluster::new(config)?;
        if !cluster.is_initialized() {
            eprintln!("salesgate: creating a local PostgreSQL cluster in {}", dir.join("pgdata").display());
            cluster.init()?;
        }
        let started_here = !cluster.is_running();
        if started_here {
            // Reap our postmaster when we stop it (no zombie for pid 1 to collect).
            crate::cluster::become_subreaper();
            eprintln!("salesgate: starting the local PostgreSQL on 127.0.0.1:{port}");
            cluster.start()?;
        }
        create_database(&cluster).await?;
        Ok(LocalDatabase { url: cluster.url(DATABASE), dir, cluster, started_here })
    }

    /// Stops the cluster if this process started it (a cluster that was already running, e.g.
    /// for another `salesgate serve`, is left alone).
    pub fn close(&self) {
        if self.started_here
            && let Err(e) = self.cluster.stop(StopMode::Fast)
        {
            eprintln!("salesgate: stopping the local PostgreSQL failed: {e}");
        }
    }
}

/// The port recorded in `dir/port`, or a free one, recorded.
fn port(dir: &Path) -> std::io::Result<u16> {
    let file = dir.join("port");
    if let Some(port) = fs::read_to_string(&file).ok().and_then(|s| s.trim().parse().ok()) {
        return Ok(port);
    }
    let port = free_port()?;
    fs::write(&file, format!("{port}\n"))?;
    Ok(port)
}

async fn create_database(cluster: &Cluster) -> Result<(), LocalError> {
    let fail = |e: tokio_postgres::Error| LocalError::Create(crate::db::describe(&e));
    let (client, connection) =
        tokio_postgres::connect(&cluster.url("postgres"), tokio_postgres::NoTls).await.map_err(fail)?;
    let task = tokio::spawn(connection);
    let exists = client.query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&DATABASE]).await.map_err(fail)?;
    if exists.is_none() {
        client.batch_execute(&format!("CREATE DATABASE {DATABASE}")).await.map_err(fail)?;
    }
    drop(client);
    let _ = task.await;
    Ok(())
}

/// The JWT secret of local use: `dir/jwt-secret`, created with 32 random bytes (hex) and mode
/// 0600 on first use, so `salesgate serve` and `salesgate token` agree without configuration.
pub fn dev_secret(dir: &Path) -> std::io::Result<String> {
    let file = dir.join("jwt-secret");
    if let Ok(secret) = fs::read_to_string(&file) {
        let secret = secret.trim().to_string();
        if !secret.is_empty() {
            return Ok(secret);
        }
    }
    fs::create_dir_all(dir)?;
    let mut bytes = [0u8; 32];
    fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    {
        use std::io::Write as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        let mut f = fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&file)?;
        f.write_all(secret.as_bytes())?;
        f.write_all(b"\n")?;
    }
    Ok(secret)
}
