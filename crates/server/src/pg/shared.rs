//! A shared connection: the single statements of every concurrent request of a runtime,
//! pipelined on one PostgreSQL connection (tokio-postgres writes queued requests together and
//! matches the answers in order).
//!
//! It (re)connects on demand: when PostgreSQL restarted, or the connection outlived its
//! lifetime, the next request opens a new one (in-flight statements finish on the old one). A
//! failed connect is not retried for a short while, so while the database is down requests get
//! a fast 503 instead of each waiting for a connect timeout.

use super::statements::{Key, Statements};
use super::{PgError, Settings, connect};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, Row};

/// How long a failed connect is not retried.
const RETRY_AFTER_FAILURE: Duration = Duration::from_millis(250);

struct Live {
    client: Client,
    statements: Statements,
    born: Instant,
    /// Room in the pipeline: statements in flight are bounded.
    room: Semaphore,
}

/// One shared connection of a lane.
pub struct Shared {
    settings: Settings,
    live: Mutex<Option<Arc<Live>>>,
    connecting: tokio::sync::Mutex<()>,
    retry_at: Mutex<Option<Instant>>,
}

impl Shared {
    pub fn new(settings: &Settings) -> Shared {
        Shared {
            settings: settings.clone(),
            live: Mutex::new(None),
            connecting: tokio::sync::Mutex::new(()),
            retry_at: Mutex::new(None),
        }
    }

    /// The open connection, if it is usable (open and within its lifetime).
    fn current(&self) -> Option<Arc<Live>> {
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        live.as_ref().filter(|l| !l.client.is_closed() && l.born.elapsed() < self.settings.max_lifetime).cloned()
    }

    async fn live(&self) -> Result<Arc<Live>, PgError> {
        if let Some(live) = self.current() {
            return Ok(live);
        }
        let _one_connect = self.connecting.lock().await;
        if let Some(live) = self.current() {
            return Ok(live);
        }
        if let Some(at) = *self.retry_at.lock().unwrap_or_else(|p| p.into_inner())
            && Instant::now() < at
        {
            return Err(PgError::Unreachable("the last connection attempt failed; retrying shortly".into()));
        }
        match connect(&self.settings).await {
            Ok(client) => {
                let live = Arc::new(Live {
                    client,
                    statements: Statements::default(),
                    born: Instant::now(),
                    room: Semaphore::new(self.settings.max_in_flight.max(1)),
                });
                *self.live.lock().unwrap_or_else(|p| p.into_inner()) = Some(live.clone());
                *self.retry_at.lock().unwrap_or_else(|p| p.into_inner()) = None;
                Ok(live)
            }
            Err(e) => {
                *self.retry_at.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now() + RETRY_AFTER_FAILURE);
                Err(e)
            }
        }
    }

    /// Runs one statement on this connection (preparing it on first use when statements are
    /// prepared).
    pub(crate) async fn query(
        &self,
        key: Key<'_>,
        text: &str,
        types: &[Type],
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, PgError> {
        let live = self.live().await?;
        // Room is there but for a pipeline at its bound: take it without building a timeout.
        let _room = match live.room.try_acquire() {
            Ok(permit) => permit,
            Err(_) => match tokio::time::timeout(self.settings.acquire_timeout, live.room.acquire()).await {
                Ok(Ok(permit)) => permit,
                _ => return Err(PgError::Busy),
            },
        };
        if !self.settings.prepared {
            return unnamed(&live.client, text, types, params).await;
        }
        let statement = match live.statements.get(key) {
            Some(s) => s,
            None => {
                let s = live.client.prepare_typed(text, types).await?;
                live.statements.put(key, s.clone());
                s
            }
        };
        Ok(live.client.query(&statement, params).await?)
    }

    /// `(open, statements in flight)`.
    pub(crate) fn gauges(&self) -> (usize, usize) {
        match self.current() {
            Some(live) => (1, self.settings.max_in_flight.max(1) - live.room.available_permits()),
            None => (0, 0),
        }
    }
}

/// An unnamed statement with its types: what a pooler in transaction mode can carry.
pub(crate) async fn unnamed(
    client: &Client,
    text: &str,
    types: &[Type],
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<Row>, PgError> {
    if types.len() != params.len() {
        return Err(PgError::Declaration(format!(
            "a statement without the types of its parameters cannot be sent unnamed ({} types for {} parameters): {text}",
            types.len(),
            params.len()
        )));
    }
    let typed: Vec<(&(dyn ToSql + Sync), Type)> = params.iter().copied().zip(types.iter().cloned()).collect();
    Ok(client.query_typed(text, &typed).await?)
}
