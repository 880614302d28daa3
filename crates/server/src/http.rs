//! The HTTP/1.1 server: one current-thread runtime per core (issue 12), each with its own
//! `SO_REUSEPORT` listener on the same address and its own database lane, so a request is
//! answered and sent to PostgreSQL on one thread, with no hop between threads. A new connection
//! accepted by a runtime that serves more connections than another moves to the least loaded
//! one, once ([`crate::balance`]): the kernel's spreading is uneven.
//!
//! - Headers must arrive within `header_timeout` (slow-header clients are cut off) and fit in
//!   `max_header_bytes` (431 otherwise); bodies are bounded by the gate's limit (413, after
//!   reading a bounded rest of the body so a client still sending it can read the answer).
//! - At most `max_connections` client connections are open per process (split over the
//!   runtimes); past it, new connections wait in the kernel's accept backlog, so thousands of
//!   idle or half-open connections cannot grow the server's memory without bound.
//! - On shutdown each listener is closed first (new connections are refused), in-flight requests
//!   finish, idle keep-alive connections close; after `grace` the rest are dropped.

use crate::app::App;
use crate::balance::Handoff;
use crate::deadline::Deadlines;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Connection-level limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub max_header_bytes: usize,
    pub grace: Duration,
    /// Open client connections at most (of this accept loop).
    pub max_connections: usize,
}

/// Depth of each listener's accept backlog (connections past the cap wait there).
const BACKLOG: u32 = 1024;

/// A listener on `addr` that other runtimes may bind too (`SO_REUSEPORT`: the kernel spreads
/// new connections over them).
pub fn reuseport_listener(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.set_reuseport(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves `app` on `listener`, with the database lane `lane`, until `shutdown` resolves, then
/// drains. Returns whether every connection finished within the grace period.
pub async fn serve(
    listener: TcpListener,
    app: Arc<App>,
    lane: usize,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> bool {
    // The header-read and request timeouts of this runtime's connections (crate::deadline).
    let (deadlines, _sweeper) = Deadlines::start();
    let mut builder = http1::Builder::new();
    builder
        .timer(deadlines.clone())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let Some(mut inbox) = app.balance.take_inbox(lane) else {
        tracing::error!(lane, "a second accept loop for this runtime: each runtime serves one listener");
        return false;
    };
    // A connection slot, held before accepting: at the cap, new connections wait in the backlog.
    let mut free_slot: Option<OwnedSemaphorePermit> = None;
    tokio::pin!(shutdown);
    loop {
        let (stream, slot, open) = tokio::select! {
            permit = slots.clone().acquire_owned(), if free_slot.is_none() => match permit {
                Ok(permit) => {
                    free_slot = Some(permit);
                    continue;
                }
                Err(_) => break,
            },
            accepted = listener.accept(), if free_slot.is_some() => {
                let (stream, _) = match accepted {
                    Ok(s) => s,
                    Err(e) => {
                        // e.g. EMFILE: back off instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let Some(slot) = free_slot.take() else { continue };
                let open = app.balance.place(lane);
                if open.runtime == lane {
                    (stream, slot, open)
                } else {
                    match hand_over(&app, lane, stream, slot, open) {
                        Some(local) => local,
                        None => continue,
                    }
                }
            }
            Some(handed) = inbox.recv() => match TcpStream::from_std(handed.stream) {
                Ok(stream) => (stream, handed.slot, handed.open),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot serve a connection handed over by another runtime");
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let deadlines = deadlines.clone();
        let service = service_fn(move |request| {
            let app = app.clone();
            let deadlines = deadlines.clone();
            async move { Ok::<_, Infallible>(app.handle(request, lane, &deadlines).await) }
        });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop((slot, open));
        });
    }
    drop(listener);
    tracing::info!(connections = graceful.count(), lane, "shutting down: finishing in-flight requests");
    tokio::select! {
        () = graceful.shutdown() => true,
        () = tokio::time::sleep(limits.grace) => {
            tracing::warn!(grace_secs = limits.grace.as_secs(), "grace period over; dropping unfinished connections");
            false
        }
    }
}

/// Hands a connection accepted on runtime `lane` to the runtime `open` counts it on
/// (crate::balance). Returns it to be served here when that runtime has stopped; `None` when it
/// is handed over or cannot be moved (then it closes).
fn hand_over(
    app: &App,
    lane: usize,
    stream: TcpStream,
    slot: OwnedSemaphorePermit,
    open: crate::balance::Open,
) -> Option<(TcpStream, OwnedSemaphorePermit, crate::balance::Open)> {
    let stream = match stream.into_std() {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "cannot hand a connection to another runtime");
            return None;
        }
    };
    match app.balance.send(Handoff { stream, slot, open }) {
        Ok(()) => None,
        Err(back) => {
            let here = app.balance.open(lane);
            match TcpStream::from_std(back.stream) {
                Ok(stream) => Some((stream, back.slot, here)),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot serve a connection its runtime could not take");
                    None
                }
            }
        }
    }
}

/// `n` listeners on `addr` sharing its port (`SO_REUSEPORT`), as std listeners for the runtime
/// threads to adopt. Binding here, before any thread starts, makes an unusable address an error
/// of the caller; with port 0 the first listener picks the port and the others take it. Call it
/// within a tokio runtime (registering a listener needs one).
pub fn bind_listeners(addr: SocketAddr, n: usize) -> std::io::Result<Vec<std::net::TcpListener>> {
    let mut listeners = Vec::with_capacity(n.max(1));
    let mut bound = addr;
    for _ in 0..n.max(1) {
        let listener = reuseport_listener(bound)?;
        bound = listener.local_addr()?;
        listeners.push(listener.into_std()?);
    }
    Ok(listeners)
}

/// Serves `app` with one current-thread runtime per listener (listener `i` with lane `i`), each
/// on its own thread, until `shutdown` turns true. Returns the thread that waits for them all;
/// it yields whether every runtime drained within the grace period.
pub fn serve_runtimes(
    listeners: Vec<std::net::TcpListener>,
    app: Arc<App>,
    limits: Limits,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<std::thread::JoinHandle<bool>> {
    let runtimes = listeners.len().max(1);
    let per_runtime = Limits { max_connections: (limits.max_connections / runtimes).max(1), ..limits };
    let mut threads = Vec::with_capacity(runtimes);
    for (lane, listener) in listeners.into_iter().enumerate() {
        let app = app.clone();
        let mut shutdown = shutdown.clone();
        threads.push(std::thread::Builder::new().name(format!("salesgate-rt-{lane}")).spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(rt) => rt,
                Err(e) => {
                    tracing::error!(error = %e, lane, "cannot start a runtime");
                    return false;
                }
            };
            runtime.block_on(async move {
                let listener = match TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => {
                        tracing::error!(error = %e, lane, "cannot use the listener");
                        return false;
                    }
                };
                let stop = async move {
                    while !*shutdown.borrow_and_update() {
                        if shutdown.changed().await.is_err() {
                            break;
                        }
                    }
                };
                serve(listener, app, lane, per_runtime, stop).await
            })
        })?);
    }
    std::thread::Builder::new().name("salesgate-http".into()).spawn(move || {
        // Every runtime is joined, also after one that did not drain cleanly.
        let mut clean = true;
        for t in threads {
            clean &= t.join().unwrap_or(false);
        }
        clean
    })
}

/// Resolves on SIGTERM or SIGINT.
pub async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let term = async {
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = term => tracing::info!("SIGTERM received"),
        _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received"),
    }
}
