//! The HTTP/1.1 server: accept loop, per-connection limits, graceful shutdown.
//!
//! - Headers must arrive within `header_timeout` (slow-header clients are cut off) and fit in
//!   `max_header_bytes` (431 otherwise); bodies are bounded by the gate's limit (413, after
//!   reading a bounded rest of the body so a client still sending it can read the answer).
//! - On shutdown the listener is closed first (new connections are refused), in-flight requests
//!   finish, idle keep-alive connections close; after `grace` the rest are dropped.

use crate::app::App;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// Connection-level limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub max_header_bytes: usize,
    pub grace: Duration,
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains. Returns whether every
/// connection finished within the grace period.
pub async fn serve(listener: TcpListener, app: Arc<App>, limits: Limits, shutdown: impl Future<Output = ()>) -> bool {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
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
                let app = app.clone();
                let service = service_fn(move |request| {
                    let app = app.clone();
                    async move { Ok::<_, Infallible>(app.handle(request).await) }
                });
                let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tracing::info!(connections = graceful.count(), "shutting down: finishing in-flight requests");
    tokio::select! {
        () = graceful.shutdown() => true,
        () = tokio::time::sleep(limits.grace) => {
            tracing::warn!(grace_secs = limits.grace.as_secs(), "grace period over; dropping unfinished connections");
            false
        }
    }
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
