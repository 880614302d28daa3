//! The migrator: applies the embedded migration files to a database, once each, in order.
//!
//! - **History** lives in `salesgate.schema_migrations` (file name, SHA-256, applied_at, duration,
//!   and whether the file ran or was adopted from the old system — see [`crate::adopt`]).
//! - **One transaction per file**, the history row written in the same transaction; files marked
//!   `-- salesgate:no-transaction` run statement by statement and are recorded after their last
//!   statement (they are written to be re-runnable if interrupted).
//! - **Many replicas may start at once**: the one that gets the advisory lock applies, the others
//!   wait, then find nothing pending. The lock is taken by *polling* `pg_try_advisory_lock` from
//!   an idle session: a session blocked in `pg_advisory_lock` keeps a transaction open, which
//!   `CREATE INDEX CONCURRENTLY` in the lock holder would wait for — a deadlock.
//! - **Refuses** (before changing anything) when an applied file's checksum changed, an applied
//!   file is no longer embedded, or a pending file sorts before an applied one. [`verify_history`]
//!   is the pure decision; its tests sit beside it.

use crate::adopt::{self, Adoption, Decision, OldDatabase};
use crate::db;
use crate::introspect::introspect;
use crate::migrations::{Migration, embedded};
use crate::statements;
use std::fmt;
use std::time::{Duration, Instant};
use tokio_postgres::Client;
use tokio_postgres::error::ErrorPosition;

/// Advisory-lock key held while migrating ("salesgat" in ASCII).
pub const LOCK_KEY: i64 = 0x7361_6c65_7367_6174;

const HISTORY_DDL: &str = "
    CREATE SCHEMA IF NOT EXISTS salesgate;
    CREATE TABLE IF NOT EXISTS salesgate.schema_migrations (
        name        text PRIMARY KEY,
        checksum    text NOT NULL,
        applied_at  timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
        duration_ms bigint NOT NULL,
        method      text NOT NULL CHECK (method IN ('applied', 'adopted'))
    );";

const RECORD: &str =
    "INSERT INTO salesgate.schema_migrations (name, checksum, duration_ms, method) VALUES ($1, $2, $3, $4)";

/// How a migrator run behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Report what would happen; change nothing.
    pub dry_run: bool,
    /// How long to wait for another migrator holding the lock.
    pub lock_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options { dry_run: false, lock_timeout: Duration::from_secs(600) }
    }
}

/// Progress of a run, for the CLI and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Another migrator holds the lock; we keep polling.
    Waiting {
        waited: Duration,
    },
    /// An adoption decision for a database of the old system.
    Adoption {
        name: String,
        decision: Decision,
    },
    /// A drizzle history row that matches no known file (ignored).
    UnknownDrizzleRow {
        when: i64,
    },
    Applying {
        name: String,
    },
    Applied {
        name: String,
        duration: Duration,
    },
    /// A `NOTICE` raised by a migration (e.g. the duplicate-e-mail diagnostics of 0000).
    Notice {
        message: String,
    },
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Waiting { waited } => write!(
                f,
                "waiting for another `salesgate migrate` to finish (advisory lock {LOCK_KEY:#x}, {}s so far)",
                waited.as_secs()
            ),
            Event::Adoption { name, decision } => write!(f, "{name}: {decision}"),
            Event::UnknownDrizzleRow { when } => {
                write!(f, "drizzle.__drizzle_migrations row with created_at = {when} matches no known file; ignored")
            }
            Event::Applying { name } => write!(f, "applying {name} …"),
            Event::Applied { name, duration } => {
                write!(f, "applied {name} in {} ms", duration.as_millis())
            }
            Event::Notice { message } => write!(f, "notice: {message}"),
        }
    }
}

/// What a run did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub adopted: Vec<String>,
    /// Applied in this run, or pending in a dry run.
    pub applied: Vec<String>,
}

/// How a file was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Applied,
    Adopted,
}

/// One row of the history table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    pub checksum: String,
    /// `YYYY-MM-DD HH:MM:SS` UTC.
    pub applied_at: String,
    pub duration_ms: i64,
    pub method: Method,
}

/// Something about the history that stops the migrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Changed { name: String, recorded: String, current: String },
    Missing { name: String },
    OutOfOrder { name: String, last_applied: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Changed { name, recorded, current } => write!(
                f,
                "{name} was applied, but the file changed since (checksum recorded {}…, now {}…). \
                 Applied migrations must not be edited: restore the file and put the change in a new migration file",
                &recorded[..recorded.len().min(12)],
                &current[..current.len().min(12)]
            ),
            Problem::Missing { name } => write!(
                f,
                "{name} is recorded as applied, but this salesgate binary does not contain it. \
                 Run the salesgate version that applied it (or a newer one), or restore the file if it was renamed"
            ),
            Problem::OutOfOrder { name, last_applied } => write!(
                f,
                "{name} is pending but sorts before {last_applied}, which is already applied. \
                 Rename it so it sorts after {last_applied}"
            ),
        }
    }
}

/// Errors of the migrator.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("cannot connect to the database: {}. Check DATABASE_URL and that PostgreSQL is running", db::describe(.0))]
    Connect(#[source] tokio_postgres::Error),
    #[error(
        "gave up after {}s waiting for another `salesgate migrate` (it holds advisory lock {LOCK_KEY:#x}); \
         if none is running, look for the session holding it in pg_locks", .0.as_secs()
    )]
    LockTimeout(Duration),
    #[error("refusing to migrate:\n{}", list(.0))]
    Inconsistent(Vec<Problem>),
    #[error(
        "migration {name} failed at line {line}: {message}\nNothing of this file was recorded; fix the cause and run `salesgate migrate` again"
    )]
    Failed { name: String, line: usize, message: String },
    #[error("database error while {doing}: {}", db::describe(.source))]
    Database { doing: &'static str, source: tokio_postgres::Error },
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
}

fn database(doing: &'static str) -> impl FnOnce(tokio_postgres::Error) -> MigrateError {
    move |source| MigrateError::Database { doing, source }
}

/// Checks the recorded history against the available files. Returns the pending files in run
/// order, or every problem found. `allow_out_of_order` is for the run that adopts an old
/// database, where adopted and re-run files interleave by design.
pub fn verify_history<'a>(
    history: &[Record],
    available: &'a [Migration],
    allow_out_of_order: bool,
) -> Result<Vec<&'a Migration>, Vec<Problem>> {
    let mut problems = Vec::new();
    for record in history {
        match available.iter().find(|m| m.name == record.name) {
            None => problems.push(Problem::Missing { name: record.name.clone() }),
            Some(m) if m.checksum != record.checksum => problems.push(Problem::Changed {
                name: record.name.clone(),
                recorded: record.checksum.clone(),
                current: m.checksum.clone(),
            }),
            Some(_) => {}
        }
    }
    let pending: Vec<&Migration> = available.iter().filter(|m| !history.iter().any(|r| r.name == m.name)).collect();
    let last_applied = history.iter().map(|r| r.name.as_str()).max_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    if let (false, Some(last)) = (allow_out_of_order, last_applied) {
        for m in pending.iter().filter(|m| m.name.as_bytes() < last.as_bytes()) {
            problems.push(Problem::OutOfOrder { name: m.name.clone(), last_applied: last.to_string() });
        }
    }
    if problems.is_empty() { Ok(pending) } else { Err(problems) }
}

/// The state of one file, for `salesgate migrate status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Applied {
        at: String,
        duration_ms: i64,
    },
    Adopted {
        at: String,
    },
    Pending,
    /// Pending, and a run would adopt it from the old system's history.
    Adoptable,
    Changed,
    Missing,
    OutOfOrder,
}

impl State {
    /// Whether this state needs no action.
    pub fn is_current(&self) -> bool {
        matches!(self, State::Applied { .. } | State::Adopted { .. })
    }

    pub fn label(&self) -> &'static str {
        match self {
            State::Applied { .. } => "applied",
            State::Adopted { .. } => "adopted",
            State::Pending => "pending",
            State::Adoptable => "adoptable",
            State::Changed => "CHANGED",
            State::Missing => "MISSING",
            State::OutOfOrder => "OUT OF ORDER",
        }
    }
}

/// The state of every file: available ones in run order, then recorded ones no longer present.
pub fn states(history: &[Record], available: &[Migration], adoption: Option<&Adoption>) -> Vec<(String, State)> {
    let problems = verify_history(history, available, false).err().unwrap_or_default();
    let mut out = Vec::new();
    for m in available {
        let flagged = |p: &Problem| match p {
            Problem::Changed { name, .. } | Problem::OutOfOrder { name, .. } => name == &m.name,
            Problem::Missing { .. } => false,
        };
        let state = match (history.iter().find(|r| r.name == m.name), problems.iter().find(|p| flagged(p))) {
            (_, Some(Problem::Changed { .. })) => State::Changed,
            (_, Some(Problem::OutOfOrder { .. })) => State::OutOfOrder,
            (Some(r), _) if r.method == Method::Adopted => State::Adopted { at: r.applied_at.clone() },
            (Some(r), _) => State::Applied { at: r.applied_at.clone(), duration_ms: r.duration_ms },
            (None, _) if adoption.is_some_and(|a| a.adopted().any(|n| n == m.name)) => State::Adoptable,
            (None, _) => State::Pending,
        };
        out.push((m.name.clone(), state));
    }
    for r in history.iter().filter(|r| !available.iter().any(|m| m.name == r.name)) {
        out.push((r.name.clone(), State::Missing));
    }
    out
}

/// Migrates the database at `url` with the embedded files.
pub async fn run(url: &str, options: &Options, on_event: &(dyn Fn(Event) + Sync)) -> Result<Report, MigrateError> {
    run_with(url, embedded(), options, on_event).await
}

/// [`run`] with an explicit set of files (tests use edited copies).
pub async fn run_with(
    url: &str,
    available: &[Migration],
    options: &Options,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Report, MigrateError> {
    let (mut client, mut notices) = db::connect_admin(url, "salesgate migrate").await.map_err(MigrateError::Connect)?;
    let result = session(&mut client, available, options, &mut notices, on_event).await;
    drain_notices(&mut notices, on_event);
    // Closing the session releases the advisory lock too; unlocking first is just tidy.
    let _ = client.execute("SELECT pg_advisory_unlock_all()", &[]).await;
    result
}

async fn session(
    client: &mut Client,
    available: &[Migration],
    options: &Options,
    notices: &mut db::Notices,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Report, MigrateError> {
    if !options.dry_run {
        lock(client, options.lock_timeout, on_event).await?;
        client.batch_execute(HISTORY_DDL).await.map_err(database("creating the history table"))?;
    }
    let mut history = read_history(client).await?;
    let mut report = Report::default();
    let adopting = history.is_empty() && has_drizzle_history(client).await?;
    if adopting {
        let adoption = adoption(client, available).await?;
        for (name, decision) in &adoption.decisions {
            on_event(Event::Adoption { name: name.clone(), decision: decision.clone() });
        }
        for when in &adoption.unknown_rows {
            on_event(Event::UnknownDrizzleRow { when: *when });
        }
        report.adopted = adoption.adopted().map(str::to_string).collect();
        if !options.dry_run {
            record_adopted(client, available, &report.adopted).await?;
            history = read_history(client).await?;
        }
    }
    let recorded: Vec<Record> = if options.dry_run && adopting {
        // Nothing was written; pretend the adopted files are recorded.
        let mut h = history.clone();
        h.extend(available.iter().filter(|m| report.adopted.contains(&m.name)).map(|m| Record {
            name: m.name.clone(),
            checksum: m.checksum.clone(),
            applied_at: String::new(),
            duration_ms: 0,
            method: Method::Adopted,
        }));
        h
    } else {
        history
    };
    let pending = verify_history(&recorded, available, adopting).map_err(MigrateError::Inconsistent)?;
    for m in pending {
        report.applied.push(m.name.clone());
        if !options.dry_run {
            on_event(Event::Applying { name: m.name.clone() });
            let duration = apply(client, m, notices, on_event).await?;
            on_event(Event::Applied { name: m.name.clone(), duration });
        }
    }
    Ok(report)
}

/// The state of every migration file for the database at `url` (read-only).
pub async fn status(url: &str) -> Result<Vec<(String, State)>, MigrateError> {
    let (client, _notices) = db::connect_admin(url, "salesgate migrate status").await.map_err(MigrateError::Connect)?;
    let history = read_history(&client).await?;
    let adoption = if history.is_empty() && has_drizzle_history(&client).await? {
        Some(adoption(&client, embedded()).await?)
    } else {
        None
    };
    Ok(states(&history, embedded(), adoption.as_ref()))
}

async fn lock(client: &Client, timeout: Duration, on_event: &(dyn Fn(Event) + Sync)) -> Result<(), MigrateError> {
    let started = Instant::now();
    let mut next_report = Duration::ZERO;
    loop {
        let row = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&LOCK_KEY])
            .await
            .map_err(database("taking the migration lock"))?;
        if row.get::<_, bool>(0) {
            return Ok(());
        }
        let waited = started.elapsed();
        if waited >= timeout {
            return Err(MigrateError::LockTimeout(timeout));
        }
        if waited >= next_report {
            on_event(Event::Waiting { waited });
            next_report = waited + Duration::from_secs(5);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn read_history(client: &Client) -> Result<Vec<Record>, MigrateError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('salesgate.schema_migrations') IS NOT NULL", &[])
        .await
        .map_err(database("reading the migration history"))?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    let rows = client
        .query(
            "SELECT name, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS'), duration_ms, method
             FROM salesgate.schema_migrations",
            &[],
        )
        .await
        .map_err(database("reading the migration history"))?;
    Ok(rows
        .iter()
        .map(|r| Record {
            name: r.get(0),
            checksum: r.get(1),
            applied_at: r.get(2),
            duration_ms: r.get(3),
            method: if r.get::<_, &str>(4) == "adopted" { Method::Adopted } else { Method::Applied },
        })
        .collect())
}

async fn has_drizzle_history(client: &Client) -> Result<bool, MigrateError> {
    Ok(client
        .query_one("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL", &[])
        .await
        .map_err(database("looking for the old system's history"))?
        .get(0))
}

async fn adoption(client: &Client, available: &[Migration]) -> Result<Adoption, MigrateError> {
    let doing = "inspecting the old system's database";
    let recorded = client
        .query("SELECT created_at FROM drizzle.__drizzle_migrations WHERE created_at IS NOT NULL", &[])
        .await
        .map_err(database(doing))?
        .iter()
        .map(|r| r.get::<_, i64>(0))
        .collect();
    let live = introspect(client).await.map_err(database(doing))?;
    let unnormalized_emails = if live.column("users", "email").is_some() {
        client
            .query_one("SELECT count(*) FROM users WHERE email IS NOT NULL AND email <> lower(trim(email))", &[])
            .await
            .map_err(database(doing))?
            .get(0)
    } else {
        0
    };
    Ok(adopt::plan(available, &OldDatabase { recorded, live, unnormalized_emails }))
}

async fn record_adopted(client: &mut Client, available: &[Migration], adopted: &[String]) -> Result<(), MigrateError> {
    let doing = "recording adopted migrations";
    let tx = client.transaction().await.map_err(database(doing))?;
    for m in available.iter().filter(|m| adopted.contains(&m.name)) {
        tx.execute(RECORD, &[&m.name, &m.checksum, &0i64, &"adopted"]).await.map_err(database(doing))?;
    }
    tx.commit().await.map_err(database(doing))
}

async fn apply(
    client: &mut Client,
    m: &Migration,
    notices: &mut db::Notices,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Duration, MigrateError> {
    let started = Instant::now();
    let failed = |line: usize, sql: &str, e: tokio_postgres::Error| MigrateError::Failed {
        name: m.name.clone(),
        line: line + error_line_offset(sql, &e),
        message: db::describe(&e),
    };
    if m.transactional {
        let tx = client.transaction().await.map_err(database("starting a migration transaction"))?;
        let result = tx.batch_execute(&m.sql).await;
        drain_notices(notices, on_event);
        result.map_err(|e| failed(1, &m.sql, e))?;
        let elapsed = started.elapsed();
        record(&tx, m, elapsed).await?;
        tx.commit().await.map_err(database("committing a migration"))?;
        Ok(elapsed)
    } else {
        for statement in statements::split(&m.sql) {
            let result = client.batch_execute(statement.text).await;
            drain_notices(notices, on_event);
            result.map_err(|e| failed(statement.line, statement.text, e))?;
        }
        let elapsed = started.elapsed();
        let tx = client.transaction().await.map_err(database("recording a migration"))?;
        record(&tx, m, elapsed).await?;
        tx.commit().await.map_err(database("recording a migration"))?;
        Ok(elapsed)
    }
}

async fn record(tx: &tokio_postgres::Transaction<'_>, m: &Migration, elapsed: Duration) -> Result<(), MigrateError> {
    let ms = i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX);
    tx.execute(RECORD, &[&m.name, &m.checksum, &ms, &"applied"]).await.map_err(database("recording a migration"))?;
    Ok(())
}

/// Lines into `sql` where PostgreSQL says the error is (0 when it does not say).
fn error_line_offset(sql: &str, e: &tokio_postgres::Error) -> usize {
    match e.as_db_error().and_then(|d| d.position()) {
        Some(ErrorPosition::Original(pos)) => {
            // `pos` counts characters, 1-based.
            sql.chars().take((*pos as usize).saturating_sub(1)).filter(|c| *c == '\n').count()
        }
        _ => 0,
    }
}

fn drain_notices(notices: &mut db::Notices, on_event: &(dyn Fn(Event) + Sync)) {
    while let Ok(message) = notices.try_recv() {
        on_event(Event::Notice { message });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<Migration> {
        names.iter().map(|n| Migration::new(n, &format!("-- {n}"))).collect()
    }

    fn applied(m: &Migration) -> Record {
        Record {
            name: m.name.clone(),
            checksum: m.checksum.clone(),
            applied_at: "2026-01-01 00:00:00".into(),
            duration_ms: 1,
            method: Method::Applied,
        }
    }

    #[test]
    fn pending_files_are_the_unrecorded_ones_in_order() {
        let all = files(&["0001_a.sql", "0002_b.sql", "0003_c.sql"]);
        let pending = verify_history(&[applied(&all[0])], &all, false).expect("consistent");
        let names: Vec<&str> = pending.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["0002_b.sql", "0003_c.sql"]);
        let everything: Vec<Record> = all.iter().map(applied).collect();
        assert!(verify_history(&everything, &all, false).expect("consistent").is_empty());
    }

    #[test]
    fn a_changed_checksum_is_refused() {
        let all = files(&["0001_a.sql"]);
        let mut record = applied(&all[0]);
        record.checksum = "0".repeat(64);
        let problems = verify_history(&[record], &all, false).expect_err("changed");
        assert!(matches!(&problems[..], [Problem::Changed { name, .. }] if name == "0001_a.sql"));
        assert!(problems[0].to_string().contains("must not be edited"));
    }

    #[test]
    fn an_applied_file_missing_from_the_binary_is_refused() {
        let all = files(&["0001_a.sql"]);
        let gone = applied(&Migration::new("0000_gone.sql", ""));
        let problems = verify_history(&[gone, applied(&all[0])], &all, false).expect_err("missing");
        assert_eq!(problems, [Problem::Missing { name: "0000_gone.sql".into() }]);
    }

    #[test]
    fn a_pending_file_before_an_applied_one_is_refused_unless_adopting() {
        let all = files(&["0001_a.sql", "0001b_late.sql", "0002_b.sql"]);
        let history = [applied(&all[0]), applied(&all[2])];
        let problems = verify_history(&history, &all, false).expect_err("out of order");
        assert_eq!(
            problems,
            [Problem::OutOfOrder { name: "0001b_late.sql".into(), last_applied: "0002_b.sql".into() }]
        );
        assert_eq!(verify_history(&history, &all, true).expect("adopting").len(), 1);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let all = files(&["0001_a.sql", "0002_b.sql", "0003_c.sql"]);
        let mut changed = applied(&all[0]);
        changed.checksum = "x".into();
        let history = [changed, applied(&Migration::new("0009_gone.sql", ""))];
        assert_eq!(verify_history(&history, &all, false).expect_err("bad").len(), 4);
    }

    #[test]
    fn states_label_every_file() {
        let all = files(&["0001_a.sql", "0002_b.sql", "0003_c.sql"]);
        let mut changed = applied(&all[1]);
        changed.checksum = "x".into();
        let mut adopted = applied(&all[0]);
        adopted.method = Method::Adopted;
        let history = [adopted, changed, applied(&Migration::new("0004_gone.sql", ""))];
        let labels: Vec<(String, &str)> =
            states(&history, &all, None).into_iter().map(|(n, s)| (n, s.label())).collect();
        assert_eq!(
            labels,
            [
                ("0001_a.sql".to_string(), "adopted"),
                ("0002_b.sql".to_string(), "CHANGED"),
                ("0003_c.sql".to_string(), "OUT OF ORDER"),
                ("0004_gone.sql".to_string(), "MISSING"),
            ]
        );
    }

    #[test]
    fn lock_key_is_stable() {
        // Changing it would let an old and a new salesgate migrate at the same time.
        assert_eq!(LOCK_KEY, 8_314_045_570_086_297_972);
    }
}
