//! `salesgate serve`: configuration, the local default database, migrations, the pool, the
//! HTTP server, and an orderly shutdown.

use crate::app::App;
use crate::config::parse_duration;
use crate::http::{self, Limits};
use crate::local::{self, LocalDatabase};
use crate::migrate::{self, Event};
use crate::pg::{self, Lane, Settings};
use crate::storage::secrets::{MASTER_KEY_SETTING, MasterKey};
use crate::token_cache::CachedVerifier;
use clap::{Args, ValueEnum};
use salesgate_core::auth::{Keys, Verifier};
use salesgate_core::gate::Gate;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Every knob of the server; each flag also reads the environment variable named beside it.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SALESGATE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// PostgreSQL connection string. Without it, a local cluster under --data-dir is used.
    #[arg(long = "database-url", env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Do not apply pending migrations before serving.
    #[arg(long)]
    pub no_migrate: bool,
    /// Directory of the local database and its development JWT secret.
    #[arg(long, env = "SALESGATE_DATA_DIR", default_value = ".salesgate")]
    pub data_dir: PathBuf,
    /// JWT HS256 secrets: one secret, or a comma-separated list of kid:secret (rotation).
    /// Required with DATABASE_URL; without it a generated secret in --data-dir is used.
    #[arg(long, env = "SALESGATE_JWT_SECRETS", hide_env_values = true)]
    pub jwt_secrets: Option<String>,
    /// Required `aud` claim, if any.
    #[arg(long, env = "SALESGATE_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,
    /// Clock skew tolerated on exp and nbf.
    #[arg(long, env = "SALESGATE_JWT_LEEWAY", default_value = "30s", value_parser = parse_duration)]
    pub jwt_leeway: Duration,
    /// Runtimes (threads serving requests, each with its own listener and connections)
    /// [default: one per CPU core].
    #[arg(long, env = "SALESGATE_RUNTIMES")]
    pub runtimes: Option<usize>,
    /// Database connections of this process, all runtimes together [default: 8 per CPU core, 8
    /// to 64]. Each runtime gets an equal share: its shared pipelined connections
    /// (--shared-connections) and, for transactions, the rest (at least one).
    #[arg(long, env = "SALESGATE_POOL_SIZE")]
    pub pool_size: Option<usize>,
    /// Shared pipelined connections per runtime (single statements of all requests).
    #[arg(long, env = "SALESGATE_SHARED_CONNECTIONS", default_value_t = 1)]
    pub shared_connections: usize,
    /// Named prepared statements. Set to false behind a pooler in transaction mode (PgBouncer,
    /// Hyperdrive): statements are then sent unnamed with their types.
    #[arg(long, env = "SALESGATE_DB_PREPARED_STATEMENTS", default_value_t = true, action = clap::ArgAction::Set)]
    pub db_prepared_statements: bool,
    /// How long a request waits for a free connection (or room in a pipeline) before a 503.
    #[arg(long, env = "SALESGATE_POOL_TIMEOUT", default_value = "2s", value_parser = parse_duration)]
    pub pool_timeout: Duration,
    /// Open client connections at most; past it, new connections wait in the accept backlog.
    #[arg(long, env = "SALESGATE_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,
    /// Timeout of opening a database connection.
    #[arg(long, env = "SALESGATE_CONNECT_TIMEOUT", default_value = "3s", value_parser = parse_duration)]
    pub connect_timeout: Duration,
    /// Connections older than this are replaced.
    #[arg(long, env = "SALESGATE_POOL_MAX_LIFETIME", default_value = "30m", value_parser = parse_duration)]
    pub pool_max_lifetime: Duration,
    /// PostgreSQL statement_timeout of every statement (504 when exceeded).
    #[arg(long, env = "SALESGATE_STATEMENT_TIMEOUT", default_value = "5s", value_parser = parse_duration)]
    pub statement_timeout: Duration,
    /// Upper bound of one request, body reading included (504 when exceeded).
    #[arg(long, env = "SALESGATE_REQUEST_TIMEOUT", default_value = "15s", value_parser = parse_duration)]
    pub request_timeout: Duration,
    /// Largest accepted request body, bytes (413 above).
    #[arg(long, env = "SALESGATE_BODY_LIMIT", default_value_t = salesgate_core::gate::DEFAULT_BODY_LIMIT)]
    pub body_limit: usize,
    /// Time allowed to send the request headers (slow clients are disconnected).
    #[arg(long, env = "SALESGATE_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: Duration,
    /// Largest request head (request line + headers), bytes (431 above).
    #[arg(long, env = "SALESGATE_MAX_HEADER_BYTES", default_value_t = 16 * 1024)]
    pub max_header_bytes: usize,
    /// On SIGTERM/SIGINT, time given to in-flight requests.
    #[arg(long, env = "SALESGATE_SHUTDOWN_GRACE", default_value = "10s", value_parser = parse_duration)]
    pub shutdown_grace: Duration,
    /// Log format.
    #[arg(long, env = "SALESGATE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Key of the values stored encrypted (integration secrets, Telegram session strings):
    /// base64 of 32 bytes, the old system's key. Without it those values cannot be written
    /// (503) and stored ones read as null.
    #[arg(long, env = "INTEGRATION_SECRETS_MASTER_KEY", hide_env_values = true)]
    pub integration_secrets_master_key: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A reason `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Local(#[from] local::LocalError),
    #[error("{0}")]
    Config(String),
    #[error("migrations failed: {0}")]
    Migrate(#[from] migrate::MigrateError),
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
}

/// The JWT keys from `SALESGATE_JWT_SECRETS`, or the local development secret when serving the
/// local database.
pub fn keys(secrets: Option<&str>, data_dir: &std::path::Path, local: bool) -> Result<Keys, ServeError> {
    let spec = match secrets {
        Some(s) => s.to_string(),
        None if local => local::dev_secret(data_dir).map_err(|e| {
            ServeError::Config(format!("cannot create the local JWT secret in {}: {e}", data_dir.display()))
        })?,
        None => {
            return Err(ServeError::Config(
                "SALESGATE_JWT_SECRETS is not set: give the HS256 secret(s) that sign your tokens \
                 (one secret of at least 32 bytes, or kid:secret,kid:secret for rotation)"
                    .into(),
            ));
        }
    };
    Keys::parse(&spec).map_err(|e| ServeError::Config(format!("SALESGATE_JWT_SECRETS: {e}")))
}

/// The master key of the encrypted values, if set; a value that is not base64 of 32 bytes stops
/// the start (better than failing on the first secret).
pub fn master_key(value: Option<&str>) -> Result<Option<MasterKey>, ServeError> {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) => MasterKey::from_base64(v).map(Some).map_err(ServeError::Config),
        None => {
            tracing::warn!(
                "{MASTER_KEY_SETTING} is not set: integration secrets and Telegram session strings can be neither \
                 written nor read"
            );
            Ok(None)
        }
    }
}

/// 8 connections per CPU core (8 to 64). Reads do not depend on it (they share one pipelined
/// connection per runtime); transactions do: on 2 cores, W2 with 32 clients ran 5-10% faster
/// at 16 than at 8, at 40 instead of 53 µs of server CPU per request (fewer requests queue
/// for a connection), and no better at 32 (docs/performance.md, 2026-12-02 night). The
/// transaction connections open when first needed.
pub fn default_pool_size() -> usize {
    (8 * cores()).clamp(8, 64)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// How `pool_size` connections split over `runtimes` runtimes of `shared` pipelined connections
/// each: `(runtimes, shared per runtime, transaction connections per runtime)`. Each runtime
/// keeps at least one of each; a pool too small for that is raised (and said in the log).
pub fn split_connections(pool_size: usize, runtimes: usize, shared: usize) -> (usize, usize, usize) {
    let runtimes = runtimes.max(1);
    let shared = shared.max(1);
    let per_runtime = pool_size / runtimes;
    (runtimes, shared, per_runtime.saturating_sub(shared).max(1))
}

/// Runs the server until SIGTERM/SIGINT. Returns whether the shutdown was clean.
pub async fn run(args: ServeArgs) -> Result<bool, ServeError> {
    let local = match &args.database_url {
        Some(_) => None,
        None => Some(LocalDatabase::open(&args.data_dir).await?),
    };
    let result = serve_with(&args, local.as_ref()).await;
    if let Some(local) = &local {
        local.close();
    }
    result
}

async fn serve_with(args: &ServeArgs, local: Option<&LocalDatabase>) -> Result<bool, ServeError> {
    let url = match (&args.database_url, local) {
        (Some(url), _) => url.clone(),
        (None, Some(l)) => l.url.clone(),
        (None, None) => return Err(ServeError::Config("no database".into())),
    };
    let keys = keys(args.jwt_secrets.as_deref(), &args.data_dir, local.is_some())?;
    let master_key = master_key(args.integration_secrets_master_key.as_deref())?;
    if !args.no_migrate {
        let log = |e: Event| tracing::info!(target: "salesgate::migrate", "{e}");
        migrate::run(&url, &migrate::Options::default(), &log).await?;
    }
    let runtimes = args.runtimes.unwrap_or_else(cores).max(1);
    let pool_size = args.pool_size.unwrap_or_else(default_pool_size).max(1);
    let (runtimes, shared, exclusive) = split_connections(pool_size, runtimes, args.shared_connections);
    if runtimes * (shared + exclusive) > pool_size {
        tracing::warn!(
            pool_size,
            runtimes,
            opened = runtimes * (shared + exclusive),
            "SALESGATE_POOL_SIZE is below two connections per runtime; each runtime opens one shared and one transaction connection"
        );
    }
    let settings = Settings {
        config: pg::config(&url, args.connect_timeout, args.statement_timeout, args.db_prepared_statements)
            .map_err(ServeError::Config)?,
        shared,
        exclusive,
        acquire_timeout: args.pool_timeout,
        connect_timeout: args.connect_timeout,
        max_lifetime: args.pool_max_lifetime,
        max_in_flight: pg::MAX_IN_FLIGHT,
        prepared: args.db_prepared_statements,
    };
    let lanes = (0..runtimes).map(|_| Lane::new(&settings)).collect();
    let listeners = http::bind_listeners(args.listen, runtimes)
        .map_err(|source| ServeError::Listen { addr: args.listen, source })?;
    let addr = listeners.first().and_then(|l| l.local_addr().ok()).unwrap_or(args.listen);
    let gate = Gate {
        verifier: CachedVerifier::new(Verifier::new(keys, args.jwt_audience.clone(), args.jwt_leeway.as_secs() as i64)),
        body_limit: args.body_limit,
    };
    let app = Arc::new(App::new(gate, lanes, args.request_timeout).with_master_key(master_key));
    tracing::info!(%addr, runtimes, shared, exclusive, prepared = args.db_prepared_statements, "salesgate listening");
    if let Some(l) = local {
        println!("salesgate: serving http://{addr} on the local database {}", l.url);
        println!("salesgate: the API is described at http://{addr}/v1/openapi.json");
        println!(
            "salesgate: mint a token with `salesgate token --tenant <tenant id> --role owner` \
             (`cargo run -q -p salesgate-server -- token …` from a checkout; `--role platform_admin` to create tenants)"
        );
    } else {
        println!("salesgate: serving http://{addr}");
    }
    let limits = Limits {
        header_timeout: args.header_timeout,
        max_header_bytes: args.max_header_bytes,
        grace: args.shutdown_grace,
        max_connections: args.max_connections,
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let servers = http::serve_runtimes(listeners, app, limits, stopped)
        .map_err(|source| ServeError::Listen { addr: args.listen, source })?;
    http::shutdown_signal().await;
    let _ = stop.send(true);
    let clean = tokio::task::spawn_blocking(move || servers.join().unwrap_or(false)).await.unwrap_or(false);
    Ok(clean)
}
