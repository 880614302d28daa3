//! Connections of their own, for transactions: a small pool per lane. A transaction never
//! shares its connection with another request's statements (the shared connections would run
//! them inside it).

use super::statements::{Hot, Key, Statements};
use super::{PgError, Settings, connect};
use futures_util::StreamExt;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, Row, RowStream, Statement};

struct Conn {
    client: Client,
    statements: Statements,
    born: Instant,
}

struct Idle {
    conns: Mutex<Vec<Conn>>,
    open: AtomicUsize,
    waiting: AtomicUsize,
}

/// The transaction connections of a lane: at most `exclusive` at once.
pub struct TxPool {
    settings: Settings,
    permits: Arc<Semaphore>,
    idle: Arc<Idle>,
}

impl TxPool {
    pub fn new(settings: &Settings) -> TxPool {
        TxPool {
            settings: settings.clone(),
            permits: Arc::new(Semaphore::new(settings.exclusive.max(1))),
            idle: Arc::new(Idle {
                conns: Mutex::new(Vec::new()),
                open: AtomicUsize::new(0),
                waiting: AtomicUsize::new(0),
            }),
        }
    }

    /// A connection for the caller alone (waits up to the acquire timeout, then `Busy`).
    pub async fn get(&self) -> Result<Exclusive, PgError> {
        self.idle.waiting.fetch_add(1, Ordering::Relaxed);
        let permit = tokio::time::timeout(self.settings.acquire_timeout, self.permits.clone().acquire_owned()).await;
        self.idle.waiting.fetch_sub(1, Ordering::Relaxed);
        let permit = match permit {
            Ok(Ok(p)) => p,
            _ => return Err(PgError::Busy),
        };
        let reused = loop {
            let next = self.idle.conns.lock().unwrap_or_else(|p| p.into_inner()).pop();
            match next {
                Some(c) if c.client.is_closed() || c.born.elapsed() >= self.settings.max_lifetime => {
                    self.idle.open.fetch_sub(1, Ordering::Relaxed);
                }
                other => break other,
            }
        };
        let conn = match reused {
            Some(c) => c,
            None => {
                let client = connect(&self.settings).await?;
                self.idle.open.fetch_add(1, Ordering::Relaxed);
                Conn { client, statements: Statements::default(), born: Instant::now() }
            }
        };
        Ok(Exclusive { conn: Some(conn), idle: self.idle.clone(), prepared: self.settings.prepared, _permit: permit })
    }

    pub(crate) fn gauges(&self) -> super::Gauges {
        let open = self.idle.open.load(Ordering::Relaxed);
        let idle = self.idle.conns.lock().map(|c| c.len()).unwrap_or(0);
        super::Gauges {
            max_connections: self.settings.exclusive.max(1),
            connections: open,
            in_use: open.saturating_sub(idle),
            waiting: self.idle.waiting.load(Ordering::Relaxed),
            shared_in_flight: 0,
        }
    }
}

/// A transaction connection, returned to its pool when dropped (closed or expired ones are not).
pub struct Exclusive {
    conn: Option<Conn>,
    idle: Arc<Idle>,
    prepared: bool,
    _permit: OwnedSemaphorePermit,
}

impl Exclusive {
    fn conn(&self) -> &Conn {
        // Present from construction until drop.
        self.conn.as_ref().unwrap_or_else(|| unreachable!("an Exclusive holds its connection until dropped"))
    }

    /// The client, for pipelined statements of one transaction.
    pub fn client(&self) -> &Client {
        &self.conn().client
    }

    /// The client, for `transaction()`.
    pub fn client_mut(&mut self) -> &mut Client {
        match self.conn.as_mut() {
            Some(c) => &mut c.client,
            None => unreachable!("an Exclusive holds its connection until dropped"),
        }
    }

    /// Whether statements are prepared (or sent unnamed, for poolers).
    pub fn prepared(&self) -> bool {
        self.prepared
    }

    /// The prepared statement of `hot` on this connection (prepared on first use).
    pub async fn statement(&self, hot: &'static Hot) -> Result<Statement, PgError> {
        let conn = self.conn();
        if let Some(s) = conn.statements.get(Key::Hot(hot)) {
            return Ok(s);
        }
        let s = conn.client.prepare_typed(hot.text, hot.types).await?;
        conn.statements.put(Key::Hot(hot), s.clone());
        Ok(s)
    }

    /// Runs a statement built for this request (unnamed with its types behind a pooler).
    pub async fn query(&self, text: &str, types: &[Type], params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, PgError> {
        let conn = self.conn();
        if !self.prepared {
            return super::shared::unnamed(&conn.client, text, types, params).await;
        }
        let s = match conn.statements.get(Key::Text(text)) {
            Some(s) => s,
            None => {
                let s = conn.client.prepare_typed(text, types).await?;
                conn.statements.put(Key::Text(text), s.clone());
                s
            }
        };
        Ok(conn.client.query(&s, params).await?)
    }

    /// Runs a statement whose rows are read one by one as they arrive ([`Streamed`]), holding
    /// this connection until the last one. (On a shared connection a slowly read stream would
    /// hold up every statement pipelined behind it: tokio-postgres stops reading the socket
    /// while a row waits to be taken.)
    pub async fn stream(self, text: &str, types: &[Type], params: &[&(dyn ToSql + Sync)]) -> Result<Streamed, PgError> {
        let client = &self.conn().client;
        let rows = if self.prepared {
            let s = match self.conn().statements.get(Key::Text(text)) {
                Some(s) => s,
                None => {
                    let s = client.prepare_typed(text, types).await?;
                    self.conn().statements.put(Key::Text(text), s.clone());
                    s
                }
            };
            client.query_raw(&s, params.iter().copied()).await?
        } else {
            if types.len() != params.len() {
                return Err(PgError::Declaration(format!(
                    "a statement without the types of its parameters cannot be sent unnamed ({} types for {} \
                     parameters): {text}",
                    types.len(),
                    params.len()
                )));
            }
            client.query_typed_raw(text, params.iter().copied().zip(types.iter().cloned())).await?
        };
        Ok(Streamed { rows: Box::pin(rows), _conn: self })
    }
}

/// The rows of one statement as PostgreSQL sends them ([`Exclusive::stream`]): only the rows
/// not yet taken are held (a few network reads' worth), however many the statement returns.
/// Dropped before its end, the connection reads and discards the rest before its next statement.
pub struct Streamed {
    rows: Pin<Box<RowStream>>,
    _conn: Exclusive,
}

impl Streamed {
    /// The next row; `None` after the last.
    pub async fn next(&mut self) -> Result<Option<Row>, PgError> {
        match self.rows.next().await {
            Some(Ok(row)) => Ok(Some(row)),
            Some(Err(e)) => Err(e.into()),
            None => Ok(None),
        }
    }
}

impl Drop for Exclusive {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            if conn.client.is_closed() {
                self.idle.open.fetch_sub(1, Ordering::Relaxed);
            } else {
                self.idle.conns.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
            }
        }
    }
}
