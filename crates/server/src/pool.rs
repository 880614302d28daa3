//! The request connection pool (deadpool-postgres over tokio-postgres).
//!
//! Every connection is opened with `TimeZone=UTC` (timestamps are naive UTC, schema.md §0) and
//! the configured `statement_timeout`, set as startup options so they cost no round trip.
//! Prepared statements are cached per connection. Connections older than `max_lifetime` are
//! closed when they come back (a replica behind PgBouncer or after a failover re-balances).

use deadpool_postgres::{Hook, HookError, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use std::time::Duration;
use tokio_postgres::NoTls;

/// Pool settings.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub max_size: usize,
    /// How long a request waits for a free connection before answering 503.
    pub acquire_timeout: Duration,
    pub connect_timeout: Duration,
    pub max_lifetime: Duration,
    pub statement_timeout: Duration,
}

/// An invalid database URL.
#[derive(Debug, thiserror::Error)]
#[error("invalid DATABASE_URL: {0}")]
pub struct PoolError(String);

/// Builds the pool; connections are opened on first use.
pub fn build(url: &str, o: &PoolOptions) -> Result<Pool, PoolError> {
    let mut config: tokio_postgres::Config =
        url.parse().map_err(|e: tokio_postgres::Error| PoolError(e.to_string()))?;
    let options = format!(
        "{} -c TimeZone=UTC -c statement_timeout={}",
        config.get_options().unwrap_or(""),
        o.statement_timeout.as_millis()
    );
    config
        .application_name("salesgate")
        .options(options.trim())
        .connect_timeout(o.connect_timeout)
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30));
    let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    let max_lifetime = o.max_lifetime;
    Pool::builder(manager)
        .max_size(o.max_size)
        .wait_timeout(Some(o.acquire_timeout))
        .create_timeout(Some(o.connect_timeout))
        .recycle_timeout(Some(o.connect_timeout))
        .runtime(Runtime::Tokio1)
        .pre_recycle(Hook::sync_fn(move |_, metrics| {
            if metrics.age() > max_lifetime { Err(HookError::message("max lifetime reached")) } else { Ok(()) }
        }))
        .build()
        .map_err(|e| PoolError(e.to_string()))
}
