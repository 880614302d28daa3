//! The connection model (issue 12): statements of different requests share one pipelined
//! connection without interfering, transactions never share theirs, and the whole API works
//! behind a real PgBouncer in transaction mode once named prepared statements are off.

mod common;

use common::*;
use salesgate_server::testing::client;
use salesgate_server::testing::server::{self, Options};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

async fn backends(api: &Api) -> i64 {
    api.count(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'salesgate' AND datname = current_database()",
    )
    .await
}

/// 60 concurrent reads of different customers over ONE shared connection, while other requests
/// on that same connection fail (a trigger error) or time out (statement_timeout): every read
/// gets its own customer, each failure its own error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipelined_statements_of_different_requests_do_not_interfere() {
    let options =
        Options { shared: 1, pool_size: 1, statement_timeout: Duration::from_millis(800), ..Default::default() };
    let api = Arc::new(Api::start_with(options).await);
    api.sql
        .batch_execute(
            "CREATE FUNCTION judge() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN
                 IF NEW.name = 'FAIL' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
                 IF NEW.name = 'SLOW' THEN PERFORM pg_sleep(3); END IF;
                 RETURN NEW;
               END $$;
             CREATE TRIGGER judge BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION judge();",
        )
        .await
        .expect("trigger");
    for i in 0..30 {
        let body = json!({"channel": "telegram", "externalId": format!("e{i}"), "name": format!("N{i}")});
        expect(&api.post("/v1/tenants/t1/customers", &owner("t1"), body).await, 201);
    }
    let mut tasks = Vec::new();
    for round in 0..2 {
        for i in 0..30 {
            let api = api.clone();
            tasks.push(tokio::spawn(async move {
                let path = format!("/v1/tenants/t1/customers/lookup?channel=telegram&externalId=e{i}");
                let r = api.get(&path, &operator("t1")).await;
                ("read", i, round, r)
            }));
        }
        for (kind, name) in [("fail", "FAIL"), ("slow", "SLOW")] {
            let api = api.clone();
            tasks.push(tokio::spawn(async move {
                let body = json!({"channel": "max", "externalId": format!("{name}-{round}"), "name": name});
                let r = api.post("/v1/tenants/t1/customers", &owner("t1"), body).await;
                (kind, 0, round, r)
            }));
        }
    }
    for t in tasks {
        let (kind, i, _, r) = t.await.expect("task");
        match kind {
            "read" => {
                expect(&r, 200);
                assert_eq!(r.json()["externalId"], format!("e{i}"), "a read got another request's answer");
                assert_eq!(r.json()["name"], format!("N{i}"));
            }
            "fail" => assert_eq!((r.status, code(&r)), (500, "internal".into()), "{}", r.text()),
            _ => assert_eq!((r.status, code(&r)), (504, "timeout".into()), "{}", r.text()),
        }
    }
    assert_eq!(backends(&api).await, 1, "every single statement went over the one shared connection");
    assert_eq!(api.count("SELECT count(*) FROM customers WHERE name IN ('FAIL', 'SLOW')").await, 0);
}

/// Transactions run on connections of their own: inbound messages that fail inside their
/// transaction (a trigger on the message insert) never abort the reads pipelined meanwhile,
/// and the reads never see the half-done customer upsert of an aborted transaction.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_never_shares_its_connection() {
    let api = Arc::new(Api::start_with(Options { shared: 1, pool_size: 2, ..Default::default() }).await);
    api.sql
        .batch_execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW.content = 'FAIL' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
             CREATE TRIGGER refuse BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse();",
        )
        .await
        .expect("trigger");
    let mut tasks = Vec::new();
    for i in 0..40 {
        let writer = api.clone();
        tasks.push(tokio::spawn(async move {
            let content = if i % 2 == 0 { "FAIL" } else { "ok" };
            let r = writer
                .post("/v1/tenants/t1/inbound-messages", &operator("t1"), inbound(&format!("x{i}"), content))
                .await;
            (i, true, r)
        }));
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            let path = format!("/v1/tenants/t1/customers/lookup?channel=telegram&externalId=x{i}");
            (i, false, api.get(&path, &operator("t1")).await)
        }));
    }
    for t in tasks {
        let (i, write, r) = t.await.expect("task");
        match (write, i % 2 == 0) {
            (true, true) => expect(&r, 500),
            (true, false) => expect(&r, 201),
            // A read races its own write: the customer is there (committed) or not yet — never a
            // failure, and never a customer of an aborted transaction.
            (false, failing) => {
                assert!(r.status == 200 || r.status == 404, "a read failed: {}", r.text());
                assert!(!(failing && r.status == 200), "a read saw the upsert of an aborted transaction");
            }
        }
    }
    assert_eq!(api.count("SELECT count(*) FROM customers").await, 20, "only the committed ones");
    assert!(backends(&api).await <= 3, "one shared connection and at most two transaction ones");
}

// ───────────────────────────── behind PgBouncer ─────────────────────────────

/// A PgBouncer 1.18 (Debian's) in transaction mode in front of the test cluster, on a free
/// port; stopped when dropped.
struct PgBouncer {
    port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl PgBouncer {
    fn start(pg_port: u16) -> Option<PgBouncer> {
        let bin =
            ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].into_iter().find(|p| std::path::Path::new(p).exists())?;
        let dir = tempfile::Builder::new().prefix("sg-pgbouncer-").tempdir().expect("temp dir");
        let port = salesgate_server::cluster::free_port().expect("port");
        let path = dir.path();
        std::fs::write(path.join("userlist.txt"), "\"postgres\" \"\"\n").expect("userlist");
        std::fs::write(
            path.join("pgbouncer.ini"),
            format!(
                "[databases]\n* = host=127.0.0.1 port={pg_port}\n\n[pgbouncer]\nlisten_addr = 127.0.0.1\n\
                 listen_port = {port}\nunix_socket_dir = {dir}\nauth_type = trust\nauth_file = {dir}/userlist.txt\n\
                 pool_mode = transaction\nmax_client_conn = 500\ndefault_pool_size = 8\nlogfile = {dir}/pgbouncer.log\n\
                 pidfile = {dir}/pgbouncer.pid\nignore_startup_parameters = options\n",
                dir = path.display()
            ),
        )
        .expect("ini");
        // SAFETY: geteuid has no preconditions.
        let root = unsafe { libc::geteuid() } == 0;
        let mut command = if root {
            // PgBouncer refuses to run as root, like PostgreSQL. setpriv execs it in place (no
            // intermediate process), so killing the child kills PgBouncer.
            let _ = std::process::Command::new("chown").args(["-R", "postgres"]).arg(path).status();
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=postgres", "--regid=postgres", "--init-groups", bin]);
            c
        } else {
            std::process::Command::new(bin)
        };
        // It dies with the test process, also when that is killed.
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let mut child = command
            .arg(path.join("pgbouncer.ini"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null()) // it logs to its logfile too
            .spawn()
            .expect("pgbouncer");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(PgBouncer { port, dir, child });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "pgbouncer did not listen on {port}: {}",
            std::fs::read_to_string(path.join("pgbouncer.log")).unwrap_or_default()
        );
    }

    fn url(&self, db: &str) -> String {
        format!("postgresql://postgres@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = &self.dir;
    }
}

/// 16 concurrent clients × W1–W4 through PgBouncer in transaction mode: no errors with
/// SALESGATE_DB_PREPARED_STATEMENTS=false; with named prepared statements (the default) the
/// errors say which setting to use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_pgbouncer_in_transaction_mode() {
    let pg_port = salesgate_server::testing::cluster().cluster().port();
    let Some(bouncer) = PgBouncer::start(pg_port) else {
        panic!("PgBouncer is not installed: `apt-get install pgbouncer` (.ci/run installs it)");
    };
    let db = migrated_db().await;
    let sql = connect(&db.url).await;
    // A pooler carries no startup options: the session settings come from the database.
    sql.batch_execute(&format!(
        "INSERT INTO tenants (id, name) VALUES ('t1', 'One');
         ALTER DATABASE \"{0}\" SET timezone TO 'UTC'; ALTER DATABASE \"{0}\" SET statement_timeout TO '5s'",
        db.name
    ))
    .await
    .expect("set up");
    let url = bouncer.url(&db.name);
    for prepared in [false, true] {
        let srv =
            server::TestServer::start_with(&url, Options { prepared, pool_size: 4, shared: 2, ..Default::default() })
                .await;
        let addr = srv.addr;
        let first = client::request(
            addr,
            "POST",
            "/v1/tenants/t1/inbound-messages",
            Some(&operator("t1")),
            Some(&inbound("seed", "hi")),
        )
        .await
        .expect("seed");
        let conversation = first.json()["conversationId"].as_str().unwrap_or("none").to_string();
        let mut tasks = Vec::new();
        for c in 0..16 {
            let conversation = conversation.clone();
            tasks.push(tokio::spawn(async move {
                let token = operator("t1");
                let mut statuses = Vec::new();
                for round in 0..10 {
                    let calls = [
                        ("GET", "/v1/tenants/t1/customers/lookup?channel=telegram&externalId=seed".to_string(), None),
                        (
                            "POST",
                            "/v1/tenants/t1/inbound-messages".to_string(),
                            Some(inbound(&format!("c{c}-{round}"), "hello")),
                        ),
                        ("GET", format!("/v1/tenants/t1/conversations/{conversation}/messages?limit=50"), None),
                        ("GET", "/v1/tenants/t1/feature-flags".to_string(), None),
                    ];
                    for (method, path, body) in calls {
                        let r =
                            client::request(addr, method, &path, Some(&token), body.as_ref()).await.expect("request");
                        statuses.push((r.status, r.text()));
                    }
                }
                statuses
            }));
        }
        let mut errors = Vec::new();
        for t in tasks {
            errors.extend(t.await.expect("client").into_iter().filter(|(s, _)| *s >= 400));
        }
        if prepared {
            assert!(!errors.is_empty(), "named prepared statements cannot survive a transaction-mode pooler");
            assert!(
                errors.iter().any(|(_, body)| body.contains("SALESGATE_DB_PREPARED_STATEMENTS=false")),
                "the error says which setting to use: {:?}",
                errors.first()
            );
        } else {
            assert_eq!(first.status, 201, "{}", first.text());
            assert!(errors.is_empty(), "{} errors, e.g. {:?}", errors.len(), errors.first());
        }
        srv.stop().await;
    }
}

/// `Db::stream` (`Lane::stream`): a statement's rows are read one at a time as they arrive, on a
/// transaction connection, so a scan holds only the rows not yet read, and the shared connection
/// keeps answering meanwhile (tokio-postgres stops reading a connection while a streamed row
/// waits, so on the shared one a slow reader would hold up every statement behind it). Named
/// and unnamed statements alike; a stream dropped half-way leaves its connection usable.
#[tokio::test]
async fn a_streamed_statement_is_read_row_by_row_beside_the_shared_connection() {
    use salesgate_server::pg::{self, Lane, Settings};
    use tokio_postgres::types::Type;
    let db = migrated_db().await;
    let rows_sql = "SELECT g, repeat('x', 1000) FROM generate_series(1, $1::int8) g";
    for prepared in [true, false] {
        let settings = Settings {
            config: pg::config(&db.url, Duration::from_secs(2), Duration::from_secs(30), prepared).expect("config"),
            shared: 1,
            exclusive: 1,
            acquire_timeout: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(2),
            max_lifetime: Duration::from_secs(1800),
            max_in_flight: 16,
            prepared,
        };
        let lane = Lane::new(&settings);
        let n = 20_000_i64; // ~20 MB: far more than the socket buffers hold, so PostgreSQL waits for the reader
        let mut rows = lane.stream(rows_sql, &[Type::INT8], &[&n]).await.expect("stream");
        let first = rows.next().await.expect("a row").expect("the first row");
        assert_eq!(first.get::<_, i64>(0), 1);
        let other = tokio::time::timeout(Duration::from_secs(5), lane.query("SELECT 42::int8", &[], &[]))
            .await
            .expect("the shared connection is not held up by the stream")
            .expect("a statement beside the stream");
        assert_eq!(other[0].get::<_, i64>(0), 42);
        let mut next = 2;
        while let Some(row) = rows.next().await.expect("a row") {
            assert_eq!(row.get::<_, i64>(0), next, "in order, none lost (prepared: {prepared})");
            next += 1;
        }
        assert_eq!(next, n + 1);
        drop(rows);
        let mut partial = lane.stream(rows_sql, &[Type::INT8], &[&n]).await.expect("the connection is back");
        partial.next().await.expect("a row").expect("the first row");
        drop(partial);
        let conn = tokio::time::timeout(Duration::from_secs(5), lane.exclusive())
            .await
            .expect("the half-read stream's connection came back")
            .expect("a connection");
        let seven = conn.query("SELECT 7::int8", &[], &[]).await.expect("it answers after the dropped rows");
        assert_eq!(seven[0].get::<_, i64>(0), 7);
    }
}

/// New client connections spread evenly over the runtimes (crate::balance), whatever listener
/// the kernel's `SO_REUSEPORT` hash picks for each: 64 keep-alive connections to a 2-runtime
/// server are 32 and 32 (the kernel alone gives an exact split in about 1 run of 10).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_spread_evenly_over_the_runtimes() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let db = migrated_db().await;
    let port = salesgate_server::cluster::free_port().expect("port");
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_salesgate"))
        .args(["serve", "--no-migrate", "--listen", &addr.to_string()])
        .env("DATABASE_URL", &db.url)
        .env("SALESGATE_JWT_SECRETS", server::SECRET)
        .env("SALESGATE_RUNTIMES", "2")
        .env("SALESGATE_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start salesgate");
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _guard = Kill(child);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while client::request(addr, "GET", "/healthz", None, None).await.is_err() {
        assert!(std::time::Instant::now() < deadline, "salesgate did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Every connection answered once, so each is accepted and placed before the next opens.
    let mut open = Vec::new();
    for _ in 0..64 {
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        stream.write_all(b"GET /healthz HTTP/1.1\r\nhost: t\r\n\r\n").await.expect("write");
        let mut buf = vec![0u8; 1024];
        let mut got = Vec::new();
        while !got.ends_with(b"{\"status\":\"ok\"}") {
            let n = stream.read(&mut buf).await.expect("read");
            assert!(n > 0, "the server closed a keep-alive connection");
            got.extend_from_slice(&buf[..n]);
        }
        open.push(stream);
    }
    let mut last = open.pop().expect("a connection");
    last.write_all(b"GET /metrics HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n").await.expect("write");
    let mut text = String::new();
    last.read_to_string(&mut text).await.expect("metrics");
    let count = |runtime: usize| -> i64 {
        let name = format!("salesgate_http_connections{{runtime=\"{runtime}\"}} ");
        text.lines()
            .find_map(|l| l.strip_prefix(&name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} gauge in /metrics"))
    };
    assert_eq!((count(0), count(1)), (32, 32), "64 connections over 2 runtimes");
    drop(open);
}
