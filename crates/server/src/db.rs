//! Connections outside the request pool: the migrator's and `schema verify`'s sessions.

use futures_util::future::poll_fn;
use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, Client, NoTls};

/// `NOTICE`s raised on a session, as text.
pub type Notices = mpsc::UnboundedReceiver<String>;

/// Opens one session to `url` for administrative work: UTC, no statement timeout (an index
/// build may take long), and `application_name` so it is recognisable in `pg_stat_activity`.
/// The connection task forwards `NOTICE`s to the returned channel.
pub async fn connect_admin(url: &str, application_name: &str) -> Result<(Client, Notices), tokio_postgres::Error> {
    let mut config: tokio_postgres::Config = url.parse()?;
    config.application_name(application_name);
    let (client, mut connection) = config.connect(NoTls).await?;
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(message) = poll_fn(|cx| connection.poll_message(cx)).await {
            match message {
                Ok(AsyncMessage::Notice(notice)) => {
                    let _ = tx.send(notice.message().to_string());
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::debug!(error = %e, "admin connection closed");
                    break;
                }
            }
        }
    });
    client.batch_execute("SET TimeZone = 'UTC'; SET statement_timeout = 0").await?;
    Ok((client, rx))
}

/// A one-line description of a database error: PostgreSQL's message with its detail and hint
/// (tokio-postgres' own `Display` says only "db error").
pub fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut out = db.message().to_string();
            if let Some(detail) = db.detail() {
                out.push_str(" — ");
                out.push_str(detail);
            }
            if let Some(hint) = db.hint() {
                out.push_str(" (hint: ");
                out.push_str(hint);
                out.push(')');
            }
            out
        }
        None => {
            // e.g. "error connecting to server: Connection refused (os error 111)"
            let mut out = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(cause) = source {
                out.push_str(": ");
                out.push_str(&cause.to_string());
                source = cause.source();
            }
            out
        }
    }
}
