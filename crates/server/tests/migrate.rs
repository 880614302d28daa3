//! The migrator and `schema verify` against a real PostgreSQL (issue: foundation).

use salesgate_core::tables::TABLES;
use salesgate_server::adopt;
use salesgate_server::introspect::introspect;
use salesgate_server::migrate::{self, Event, MigrateError, Options, Problem};
use salesgate_server::migrations::{Migration, embedded};
use salesgate_server::testing::{TestDb, cluster};
use salesgate_server::verify::{self, Drift};
use std::process::Command;
use std::sync::Mutex;
use tokio_postgres::{Client, NoTls};

async fn empty_db() -> TestDb {
    cluster().create_database("migrate", None).await.expect("create database")
}

async fn connect(db: &TestDb) -> Client {
    let (client, connection) = tokio_postgres::connect(&db.url, NoTls).await.expect("connect");
    tokio::spawn(connection);
    client
}

/// Runs the migrator, collecting its events.
async fn migrate(db: &TestDb, files: &[Migration]) -> (Result<migrate::Report, MigrateError>, Vec<Event>) {
    let events = Mutex::new(Vec::new());
    let record = |e: Event| events.lock().expect("events").push(e);
    let result = migrate::run_with(&db.url, files, &Options::default(), &record).await;
    (result, events.into_inner().expect("events"))
}

async fn drift(db: &TestDb) -> Vec<Drift> {
    let client = connect(db).await;
    verify::diff(TABLES, &introspect(&client).await.expect("introspect"))
}

fn names(files: &[String]) -> Vec<&str> {
    files.iter().map(String::as_str).collect()
}

fn all_names() -> Vec<&'static str> {
    embedded().iter().map(|m| m.name.as_str()).collect()
}

/// The salesgate binary with DATABASE_URL set.
fn salesgate(db: &TestDb, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_salesgate"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .output()
        .expect("run salesgate")
}

#[tokio::test]
async fn from_empty_to_zero_drift_and_a_second_run_applies_nothing() {
    let db = empty_db().await;
    let (first, _) = migrate(&db, embedded()).await;
    assert_eq!(names(&first.expect("first run").applied), all_names());
    assert_eq!(drift(&db).await, []);

    let (second, events) = migrate(&db, embedded()).await;
    let second = second.expect("second run");
    assert!(second.applied.is_empty() && second.adopted.is_empty(), "{second:?}");
    assert!(!events.iter().any(|e| matches!(e, Event::Applying { .. })));

    let client = connect(&db).await;
    let rows = client
        .query("SELECT name, checksum, method FROM salesgate.schema_migrations ORDER BY name", &[])
        .await
        .expect("history");
    assert_eq!(rows.len(), embedded().len());
    for (row, m) in rows.iter().zip(embedded()) {
        assert_eq!(row.get::<_, &str>(0), m.name);
        assert_eq!(row.get::<_, &str>(1), m.checksum);
        assert_eq!(row.get::<_, &str>(2), "applied");
    }
}

#[tokio::test]
async fn cli_migrate_status_and_dry_run() {
    let db = empty_db().await;
    let dry = salesgate(&db, &["migrate", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(3), "{dry:?}");
    let out = String::from_utf8_lossy(&dry.stdout);
    assert!(out.contains(&format!("would apply {} migration(s)", embedded().len())), "{out}");
    assert!(out.contains("  0001b_create_email_unique_index.sql"), "{out}");
    // A dry run changes nothing: not even the history table exists.
    let client = connect(&db).await;
    let history: bool = client
        .query_one("SELECT to_regclass('salesgate.schema_migrations') IS NOT NULL", &[])
        .await
        .expect("query")
        .get(0);
    assert!(!history);

    let status = salesgate(&db, &["migrate", "status"]);
    assert_eq!(status.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&status.stdout).contains("0000_baseline.sql"));

    let run = salesgate(&db, &["migrate"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stderr).contains("applied 0017_chat_flow_indexes.sql in"));

    let status = salesgate(&db, &["migrate", "status"]);
    assert_eq!(status.status.code(), Some(0));
    let table = String::from_utf8_lossy(&status.stdout);
    assert_eq!(
        table.lines().filter(|l| l.split_whitespace().nth(1) == Some("applied")).count(),
        embedded().len(),
        "{table}"
    );

    let verify = salesgate(&db, &["schema", "verify"]);
    assert_eq!(verify.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&verify.stdout).contains("no drift"));

    let again = salesgate(&db, &["migrate", "--dry-run"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stdout).contains("up to date"));
}

#[tokio::test]
async fn a_changed_checksum_is_refused_and_nothing_runs() {
    let db = empty_db().await;
    let (first, _) = migrate(&db, &embedded()[..5]).await;
    first.expect("first run");

    let mut edited = embedded().to_vec();
    edited[2] = Migration::new(&edited[2].name, &format!("{}\n-- edited\n", edited[2].sql));
    let (result, events) = migrate(&db, &edited).await;
    match result {
        Err(MigrateError::Inconsistent(problems)) => {
            assert!(matches!(&problems[..], [Problem::Changed { name, .. }] if *name == edited[2].name));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!events.iter().any(|e| matches!(e, Event::Applying { .. })), "nothing may run: {events:?}");

    // The status command shows the same, and exits non-zero.
    let status = migrate::status(&db.url).await.expect("status");
    assert_eq!(status.iter().filter(|(_, s)| s.is_current()).count(), 5);

    // A file missing from the binary and a file inserted before applied ones are refused too.
    let mut fewer = embedded().to_vec();
    fewer.remove(1);
    let (missing, _) = migrate(&db, &fewer).await;
    assert!(matches!(missing, Err(MigrateError::Inconsistent(ref p)) if matches!(p[..], [Problem::Missing { .. }])));
    let mut more = embedded().to_vec();
    more.insert(1, Migration::new("0000_early.sql", "SELECT 1;"));
    let (early, _) = migrate(&db, &more).await;
    let message = early.expect_err("out of order").to_string();
    assert!(message.contains("0000_early.sql is pending but sorts before"), "{message}");
}

#[tokio::test]
async fn verify_reports_a_dropped_index_and_an_altered_column_exactly() {
    let db = empty_db().await;
    migrate(&db, embedded()).await.0.expect("migrate");
    let client = connect(&db).await;
    client
        .batch_execute(
            "DROP INDEX customers_tenant_channel_external_idx;
             ALTER TABLE messages ALTER COLUMN content TYPE varchar;
             ALTER TABLE tenants ALTER COLUMN timezone DROP NOT NULL;",
        )
        .await
        .expect("alter");
    let drifts: Vec<String> = drift(&db).await.iter().map(ToString::to_string).collect();
    assert_eq!(
        drifts,
        [
            "column tenants.timezone: is nullable, the model says NOT NULL",
            "index customers_tenant_channel_external_idx on customers: missing (UNIQUE (tenant_id, channel, external_id))",
            "column messages.content: type is character varying, the model says text",
        ]
    );
    let cli = salesgate(&db, &["schema", "verify"]);
    assert_eq!(cli.status.code(), Some(1));
    let out = String::from_utf8_lossy(&cli.stdout);
    assert!(out.starts_with("3 difference(s) from the schema model:"), "{out}");
    assert!(out.contains("  - column messages.content: type is character varying"), "{out}");
}

#[tokio::test]
async fn eight_concurrent_migrators_apply_every_file_once() {
    let db = empty_db().await;
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_salesgate"))
                .arg("migrate")
                .env("DATABASE_URL", &db.url)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().expect("wait")).collect();
    let mut applied = Vec::new();
    for out in &outputs {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a migrator failed: {stderr}");
        applied.extend(
            stderr
                .lines()
                .filter_map(|l| l.strip_prefix("applied "))
                .map(|l| l.split(' ').next().unwrap_or("").to_string()),
        );
    }
    applied.sort();
    let mut expected: Vec<String> = all_names().iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(applied, expected, "each file applied by exactly one migrator");
    let idle = outputs.iter().filter(|o| String::from_utf8_lossy(&o.stdout).contains("nothing to apply")).count();
    assert_eq!(idle, 7);
    assert_eq!(drift(&db).await, []);
}

#[tokio::test]
async fn the_no_transaction_file_builds_the_partial_email_index() {
    let db = empty_db().await;
    migrate(&db, embedded()).await.0.expect("migrate");
    let client = connect(&db).await;
    let def: String = client
        .query_one("SELECT indexdef FROM pg_indexes WHERE indexname = 'users_email_unique_lower_idx'", &[])
        .await
        .expect("index")
        .get(0);
    assert!(def.starts_with("CREATE UNIQUE INDEX") && def.ends_with("WHERE (email IS NOT NULL)"), "{def}");
    assert!(!embedded().iter().find(|m| m.name.starts_with("0001b")).expect("0001b").transactional);
}

#[tokio::test]
async fn duplicate_emails_stop_0001b_with_their_names_and_a_rerun_succeeds_after_the_fix() {
    let db = empty_db().await;
    let before: Vec<Migration> = embedded().iter().filter(|m| m.name.as_str() < "0001b").cloned().collect();
    migrate(&db, &before).await.0.expect("up to 0001a");
    let client = connect(&db).await;
    client
        .batch_execute(
            "INSERT INTO users (id, username, password, email) VALUES
               ('u1', 'ann', 'x', 'dup@example.com'), ('u2', 'bob', 'x', 'DUP@example.com'),
               ('u3', 'cid', 'x', 'solo@example.com'), ('u4', 'dan', 'x', NULL), ('u5', 'eve', 'x', NULL)",
        )
        .await
        .expect("users");

    let (result, events) = migrate(&db, embedded()).await;
    let error = result.expect_err("0001b must stop");
    let message = error.to_string();
    assert!(message.starts_with("migration 0001b_create_email_unique_index.sql failed at line"), "{message}");
    assert!(message.contains("dup@example.com") && message.contains("u1") && message.contains("u2"), "{message}");
    assert!(message.contains("salesgate migrate"), "says what to do: {message}");
    assert!(events.iter().any(|e| matches!(e, Event::Applying { name } if name.starts_with("0001b"))));
    assert!(!events.iter().any(|e| matches!(e, Event::Applied { name, .. } if name.starts_with("0001b"))));
    let recorded: i64 = client
        .query_one("SELECT count(*) FROM salesgate.schema_migrations WHERE name LIKE '0001b%'", &[])
        .await
        .expect("history")
        .get(0);
    assert_eq!(recorded, 0);
    let later: i64 = client
        .query_one("SELECT count(*) FROM salesgate.schema_migrations WHERE name > '0001b'", &[])
        .await
        .expect("history")
        .get(0);
    assert_eq!(later, 0, "nothing after the failed file runs");

    client.execute("UPDATE users SET email = 'bob@example.com' WHERE id = 'u2'", &[]).await.expect("fix");
    migrate(&db, embedded()).await.0.expect("rerun after the fix");
    assert_eq!(drift(&db).await, []);
}

/// The database the old system leaves behind: `drizzle-kit push` created the tables (with
/// push's index and constraint shapes, and the old `feature_flags_name_unique`), then
/// `drizzle-kit migrate` ran the journaled files 0000…0013 in one transaction and recorded them
/// in `drizzle.__drizzle_migrations`; 0014/0015 were never journaled, so `max_personal_accounts`
/// does not exist.
async fn old_system_database() -> TestDb {
    let db = empty_db().await;
    let client = connect(&db).await;
    let journaled: Vec<&Migration> = embedded()
        .iter()
        .filter(|m| {
            m.stem() == salesgate_core::migration::BASELINE
                || adopt::DRIZZLE_JOURNAL.iter().any(|(s, _)| *s == m.stem())
        })
        .filter(|m| m.stem() < salesgate_core::migration::M0014_MAX_PERSONAL)
        .collect();
    let mut batch = String::from("BEGIN;\n");
    for m in &journaled {
        batch.push_str(&m.sql);
        batch.push_str(";\n");
    }
    batch.push_str(include_str!("fixtures/push_variants.sql"));
    batch.push_str(
        "CREATE SCHEMA IF NOT EXISTS drizzle;
         CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);",
    );
    for (stem, when) in
        adopt::DRIZZLE_JOURNAL.iter().filter(|(s, _)| *s < salesgate_core::migration::M0014_MAX_PERSONAL)
    {
        batch.push_str(&format!(
            "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('{}', {when});\n",
            migrate_hash(stem)
        ));
    }
    batch.push_str(
        "INSERT INTO tenants (id, name) VALUES ('t1', 'Old Store');
         INSERT INTO users (id, tenant_id, username, password, email) VALUES ('u1', 't1', 'owner', 'x', 'owner@old.example');
         INSERT INTO feature_flags (name, enabled) VALUES ('RAG_ENABLED', true);
         COMMIT;",
    );
    client.batch_execute(&batch).await.expect("build the old system's database");
    db
}

/// drizzle stores sha256 of its own file; any text does here, nothing compares it.
fn migrate_hash(stem: &str) -> String {
    salesgate_server::migrations::checksum(stem)
}

#[tokio::test]
async fn an_old_system_database_is_adopted_then_completed_with_zero_drift() {
    let db = old_system_database().await;
    let before = drift(&db).await;
    assert!(before.iter().any(|d| matches!(d, Drift::MissingTable { table } if table == "max_personal_accounts")));
    assert!(
        before
            .iter()
            .any(|d| matches!(d, Drift::IndexDefinition { index, .. } if index == "users_email_unique_lower_idx"))
    );

    let dry = salesgate(&db, &["migrate", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(3));
    let planned = String::from_utf8_lossy(&dry.stdout);
    assert!(planned.contains("  0014_max_personal_accounts.sql") && !planned.contains("0013_"), "{planned}");

    let (result, events) = migrate(&db, embedded()).await;
    let report = result.expect("adopt and migrate");
    assert_eq!(report.adopted.len(), 17, "{:?}", report.adopted);
    assert!(report.adopted.iter().all(|n| n.as_str() < "0014"), "{:?}", report.adopted);
    assert_eq!(
        names(&report.applied),
        [
            "0014_max_personal_accounts.sql",
            "0015_max_personal_multiaccount.sql",
            "0016_normalize_push_variants.sql",
            "0017_chat_flow_indexes.sql",
            "0018_operation_indexes.sql"
        ]
    );
    let said: Vec<String> = events.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|l| l.starts_with("0005_price_snapshots.sql: adopt: recorded by drizzle (when = 1739958934000)")),
        "{said:#?}"
    );
    assert!(said.iter().any(|l| l == "0014_max_personal_accounts.sql: run: not recorded by drizzle"), "{said:#?}");

    assert_eq!(drift(&db).await, []);
    let client = connect(&db).await;
    let kept: i64 = client
        .query_one("SELECT count(*) FROM users WHERE email = 'owner@old.example'", &[])
        .await
        .expect("data")
        .get(0);
    assert_eq!(kept, 1, "the old data is untouched");
    let (again, _) = migrate(&db, embedded()).await;
    assert!(again.expect("second run").applied.is_empty());
}

#[tokio::test]
async fn each_file_creates_exactly_what_the_model_attributes_to_it() {
    let db = empty_db().await;
    let client = connect(&db).await;
    for (i, m) in embedded().iter().enumerate() {
        migrate(&db, &embedded()[..=i]).await.0.unwrap_or_else(|e| panic!("{}: {e}", m.name));
        let live = introspect(&client).await.expect("introspect");
        let old = adopt::OldDatabase { recorded: vec![], live: live.clone(), unnormalized_emails: 0 };
        for done in &embedded()[..=i] {
            assert_eq!(adopt::unmet(done.stem(), &old), Vec::<String>::new(), "after {}", m.name);
        }
        for t in TABLES {
            if t.since > m.stem() {
                assert!(live.table(t.name).is_none(), "{} exists before {}", t.name, t.since);
                continue;
            }
            for c in t.columns.iter().filter(|c| c.since > m.stem()) {
                assert!(live.column(t.name, c.name).is_none(), "{}.{} exists after {}", t.name, c.name, m.name);
            }
            for x in t.indexes.iter().filter(|x| x.since > m.stem()) {
                assert!(live.index(x.name).is_none(), "{} exists after {}", x.name, m.name);
            }
        }
    }
}
