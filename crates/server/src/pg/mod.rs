//! PostgreSQL connections of the server: one [`Lane`] per runtime (issue 12).
//!
//! The server runs one current-thread tokio runtime per core, each with its own listener
//! (`SO_REUSEPORT`) and its own lane, so a request never leaves the thread that accepted it:
//!
//! - **single statements** (every read, every one-statement write) go to the lane's *shared*
//!   clients ([`Shared`]): tokio-postgres pipelines the statements of all concurrent requests
//!   on one connection — written together, answered in order — so a few busy backends receive
//!   batches instead of many pooled ones taking turns;
//! - **transactions** (the inbound message, deleting a conversation) take a connection of their
//!   own from the lane's small pool ([`Exclusive`]), never shared with another request's
//!   statements while they hold it.
//!
//! Statements are prepared once per connection, with their parameter types, and looked up by
//! the address of their declaration on the hot paths ([`Hot`]) — no hashing of statement text
//! per request. Behind a pooler in transaction mode (PgBouncer, Hyperdrive), which swaps server
//! connections under a client, named prepared statements break: with `prepared = false` every
//! statement is sent unnamed with its types (`query_typed`), one round trip as well.

mod exclusive;
mod shared;
mod statements;

pub use exclusive::{Exclusive, Streamed, TxPool};
pub use shared::Shared;
pub use statements::Hot;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Config, Row};

/// Statements in flight on one shared connection at most (a bound on what one connection's
/// pipeline holds; past it requests wait for room, up to the acquire timeout).
pub const MAX_IN_FLIGHT: usize = 256;

/// How the lanes connect and how much they may hold.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Connection settings, with `TimeZone=UTC` and `statement_timeout` as startup options.
    pub config: Config,
    /// Shared pipelined connections per lane.
    pub shared: usize,
    /// Transaction connections per lane.
    pub exclusive: usize,
    /// How long a request waits for a transaction connection (or for room in a shared one's
    /// pipeline) before a 503.
    pub acquire_timeout: Duration,
    pub connect_timeout: Duration,
    /// Connections older than this are replaced (in-flight statements finish on the old one).
    pub max_lifetime: Duration,
    /// Statements in flight on one shared connection at most (past it, requests wait up to
    /// `acquire_timeout`).
    pub max_in_flight: usize,
    /// Named prepared statements (`true`), or unnamed typed statements for poolers in
    /// transaction mode (`false`).
    pub prepared: bool,
}

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error(transparent)]
    Db(#[from] tokio_postgres::Error),
    /// No connection could be made (refused, timed out, or backing off after a failure).
    #[error("the database is unreachable: {0}")]
    Unreachable(String),
    /// Every connection is busy for longer than the acquire timeout.
    #[error("all database connections are busy")]
    Busy,
    /// A statement declared without what its connection mode needs (a bug of salesgate).
    #[error("{0}")]
    Declaration(String),
    /// The server refused the startup options: a pooler in transaction mode (PgBouncer) is in
    /// front of PostgreSQL and salesgate is not configured for one.
    #[error("{0}")]
    Pooler(String),
}

/// Builds the connection settings of `url`: `TimeZone=UTC` and `statement_timeout` as startup
/// options (no round trip), keepalives, the application name.
///
/// A pooler in transaction mode does not pass startup options on to PostgreSQL (PgBouncer
/// refuses them), so for one (`prepared = false`) they are left out: set both on the role or
/// the database instead (`ALTER ROLE … SET timezone = 'UTC'`, `… SET statement_timeout = '5s'`).
pub fn config(
    url: &str,
    connect_timeout: Duration,
    statement_timeout: Duration,
    prepared: bool,
) -> Result<Config, String> {
    let mut config: Config = url.parse().map_err(|e: tokio_postgres::Error| format!("invalid DATABASE_URL: {e}"))?;
    if prepared {
        let options = format!(
            "{} -c TimeZone=UTC -c statement_timeout={}",
            config.get_options().unwrap_or(""),
            statement_timeout.as_millis()
        );
        config.options(options.trim());
    }
    config
        .application_name("salesgate")
        .connect_timeout(connect_timeout)
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30));
    Ok(config)
}

/// The database of one runtime.
pub struct Lane {
    shared: Vec<Shared>,
    next: AtomicUsize,
    tx: TxPool,
    prepared: bool,
}

impl Lane {
    /// A lane; connections are opened on first use.
    pub fn new(settings: &Settings) -> Lane {
        let shared = (0..settings.shared.max(1)).map(|_| Shared::new(settings)).collect();
        Lane { shared, next: AtomicUsize::new(0), tx: TxPool::new(settings), prepared: settings.prepared }
    }

    /// The next shared connection (round robin).
    fn shared(&self) -> &Shared {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.shared.len();
        &self.shared[i]
    }

    /// Runs a single statement of a fixed declaration on a shared connection.
    pub async fn query_hot(&self, hot: &'static Hot, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, PgError> {
        self.shared().query(statements::Key::Hot(hot), hot.text, hot.types, params).await
    }

    /// Runs a single statement built for this request on a shared connection (prepared once
    /// per connection, found again by its text).
    pub async fn query(&self, text: &str, types: &[Type], params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, PgError> {
        self.shared().query(statements::Key::Text(text), text, types, params).await
    }

    /// A connection of the request's own, for a transaction.
    pub async fn exclusive(&self) -> Result<Exclusive, PgError> {
        self.tx.get().await
    }

    /// Runs a statement whose rows are read one at a time as they arrive, on a connection of
    /// its own (see [`Exclusive::stream`]): for scans whose rows are too many to hold at once.
    pub async fn stream(
        &self,
        text: &str,
        types: &[Type],
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Streamed, PgError> {
        self.tx.get().await?.stream(text, types, params).await
    }

    /// Whether statements are prepared (or sent unnamed, for poolers).
    pub fn prepared(&self) -> bool {
        self.prepared
    }

    /// Gauges for `/metrics`.
    pub fn gauges(&self) -> Gauges {
        let mut g = self.tx.gauges();
        for s in &self.shared {
            let (open, in_flight) = s.gauges();
            g.max_connections += 1;
            g.connections += open;
            g.in_use += in_flight.min(1);
            g.shared_in_flight += in_flight;
        }
        g
    }
}

/// Connection gauges of a lane (summed over lanes for `/metrics`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gauges {
    /// Connections the lane may open.
    pub max_connections: usize,
    /// Connections open now.
    pub connections: usize,
    /// Connections busy now (a shared one with statements in flight counts once).
    pub in_use: usize,
    /// Requests waiting for a transaction connection.
    pub waiting: usize,
    /// Statements in flight on the shared connections.
    pub shared_in_flight: usize,
}

impl std::ops::AddAssign for Gauges {
    fn add_assign(&mut self, o: Gauges) {
        self.max_connections += o.max_connections;
        self.connections += o.connections;
        self.in_use += o.in_use;
        self.waiting += o.waiting;
        self.shared_in_flight += o.shared_in_flight;
    }
}

/// Opens one connection with `settings`, spawning its connection task on the current runtime.
async fn connect(settings: &Settings) -> Result<tokio_postgres::Client, PgError> {
    let connecting = settings.config.connect(tokio_postgres::NoTls);
    let (client, connection) = match tokio::time::timeout(settings.connect_timeout, connecting).await {
        Ok(Ok(pair)) => pair,
        Ok(Err(e)) if e.as_db_error().is_some_and(|db| db.message().contains("unsupported startup parameter")) => {
            return Err(PgError::Pooler(format!("{}: {}", crate::db::describe(&e), crate::errors::POOLER_HINT)));
        }
        Ok(Err(e)) => return Err(PgError::Unreachable(crate::db::describe(&e))),
        Err(_) => return Err(PgError::Unreachable(format!("no answer within {:?}", settings.connect_timeout))),
    };
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::debug!(error = %e, "database connection closed");
        }
    });
    Ok(client)
}
