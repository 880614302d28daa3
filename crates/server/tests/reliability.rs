//! Reliability under faults, load and bad input (loopback only, each test bounded in time):
//! PostgreSQL killed under load, pool exhaustion, graceful shutdown under load, abusive clients.

mod common;

use common::*;
use salesgate_server::cluster::StopMode;
use salesgate_server::migrate;
use salesgate_server::testing::TestCluster;
use salesgate_server::testing::client::{self, Response};
use salesgate_server::testing::server::{self, SECRET, TestServer};
use serde_json::json;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Fails the test instead of hanging it.
async fn bounded<T>(limit: Duration, what: &str, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(limit, f).await.unwrap_or_else(|_| panic!("{what} did not finish within {limit:?}"))
}

/// Resident set size of this process, KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// Raises the open-files limit to the hard limit (500 client + 500 server sockets).
fn raise_fd_limit() {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit/setrlimit only read/write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

// ───────────────────────────── PostgreSQL killed under load ─────────────────────────────

#[derive(Debug)]
struct Outcome {
    status: u16,
    elapsed: Duration,
    sent_at: Duration,
    body: serde_json::Value,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_killed_under_load_fails_fast_recovers_and_loses_nothing() {
    bounded(Duration::from_secs(90), "the kill test", async {
        let pg = TestCluster::private().expect("private cluster");
        let db = pg.create_database("kill", None).await.expect("database");
        migrate::run(&db.url, &migrate::Options::default(), &|_| {}).await.expect("migrate");
        connect(&db.url).await.batch_execute("INSERT INTO tenants (id, name) VALUES ('t1', 'One')").await.expect("t1");
        let options = server::Options {
            pool_timeout: Duration::from_secs(1),
            statement_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(5),
            ..Default::default()
        };
        let srv = TestServer::start_with(&db.url, options).await;
        let addr = srv.addr;
        let token = owner("t1");
        let start = Instant::now();
        let stop = Arc::new(AtomicBool::new(false));
        let counter = Arc::new(AtomicUsize::new(0));
        let mut workers = Vec::new();
        for w in 0..12 {
            let (token, stop, counter) = (token.clone(), stop.clone(), counter.clone());
            workers.push(tokio::spawn(async move {
                let mut outcomes = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    // A third of the messages come from new customers.
                    let customer = if n % 3 == 0 { format!("new-{n}") } else { format!("c-{w}") };
                    let body = json!({"channel": "telegram", "externalId": customer, "content": format!("m{n}")});
                    let sent_at = start.elapsed();
                    let sent = Instant::now();
                    let r = client::request(addr, "POST", "/v1/tenants/t1/inbound-messages", Some(&token), Some(&body))
                        .await
                        .expect("an answer (the server must not drop requests)");
                    outcomes.push(Outcome { status: r.status, elapsed: sent.elapsed(), sent_at, body: r.json() });
                    if r.status != 201 {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
                outcomes
            }));
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let killed_at = start.elapsed();
        pg.cluster().stop(StopMode::Immediate).expect("kill PostgreSQL");
        tokio::time::sleep(Duration::from_millis(2000)).await;
        pg.cluster().start().expect("PostgreSQL back");
        let back_at = start.elapsed();
        tokio::time::sleep(Duration::from_millis(3000)).await;
        stop.store(true, Ordering::Relaxed);
        let mut outcomes = Vec::new();
        for w in workers {
            outcomes.extend(w.await.expect("worker"));
        }

        // Every answer is a 201 or a 503 JSON error, and nothing hung past its timeout.
        for o in &outcomes {
            assert!(o.status == 201 || o.status == 503, "unexpected {} {}", o.status, o.body);
            if o.status == 503 {
                assert_eq!(o.body["error"]["code"], "unavailable", "{}", o.body);
            }
            assert!(o.elapsed < Duration::from_secs(5), "a request took {:?}", o.elapsed);
        }
        let during: Vec<&Outcome> = outcomes.iter().filter(|o| o.sent_at > killed_at && o.sent_at < back_at).collect();
        assert!(!during.is_empty() && during.iter().any(|o| o.status == 503), "requests during the outage got 503");
        assert!(
            during.iter().filter(|o| o.status == 503).all(|o| o.elapsed < Duration::from_millis(2500)),
            "503s come fast, not after waiting out every timeout"
        );
        // Success again within 2 s of PostgreSQL being back.
        let recovered = outcomes
            .iter()
            .filter(|o| o.status == 201 && o.sent_at > back_at)
            .map(|o| o.sent_at + o.elapsed)
            .min()
            .expect("requests succeed after PostgreSQL is back");
        assert!(recovered - back_at < Duration::from_secs(2), "first success {:?} after restart", recovered - back_at);
        expect(&client::request(addr, "GET", "/healthz", None, None).await.expect("alive"), 200);

        // No partial writes: every 201 is stored entirely, every stored customer has its message.
        let sql = connect(&db.url).await;
        let ok: Vec<&Outcome> = outcomes.iter().filter(|o| o.status == 201).collect();
        let stored: HashSet<String> = sql
            .query(
                "SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id \
                 JOIN customers cu ON cu.id = c.customer_id",
                &[],
            )
            .await
            .expect("messages")
            .iter()
            .map(|r| r.get(0))
            .collect();
        for o in &ok {
            let id = o.body["messageId"].as_str().expect("messageId");
            assert!(stored.contains(id), "acknowledged message {id} was lost");
        }
        let orphans: i64 = sql
            .query_one(
                "SELECT count(*) FROM customers cu WHERE NOT EXISTS \
                 (SELECT 1 FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE c.customer_id = cu.id)",
                &[],
            )
            .await
            .expect("orphans")
            .get(0);
        assert_eq!(orphans, 0, "a customer was stored without its conversation and message");
        let empty_conversations: i64 = sql
            .query_one(
                "SELECT count(*) FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)",
                &[],
            )
            .await
            .expect("empty conversations")
            .get(0);
        assert_eq!(empty_conversations, 0, "a conversation was stored without its message");
        assert!(ok.len() > 50, "the load really ran ({} successes)", ok.len());
    })
    .await;
}

// ───────────────────────────── pool exhaustion ─────────────────────────────

/// 500 clients on a small connection budget: reads share one pipelined connection whose
/// pipeline holds 64 statements at most. With the table they read locked, 64 wait in the
/// pipeline and the rest wait for room, then get a 503 with Retry-After after the acquire
/// timeout; once unlocked, the 64 complete: no deadlock, bounded memory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_clients_on_a_small_connection_budget_get_answers_not_a_deadlock() {
    raise_fd_limit();
    bounded(Duration::from_secs(60), "the pool test", async {
        let options = server::Options {
            pool_size: 8,
            max_in_flight: 64,
            pool_timeout: Duration::from_secs(1),
            statement_timeout: Duration::from_secs(4),
            ..Default::default()
        };
        let api = Arc::new(Api::start_with(options).await);
        // Hold the flags table locked so the first requests keep their connections busy.
        let mut locker = connect(&api.db.url).await;
        let tx = locker.transaction().await.expect("tx");
        tx.batch_execute("LOCK TABLE feature_flags IN ACCESS EXCLUSIVE MODE").await.expect("lock");
        let rss_before = rss_kib();
        let token = owner("t1");
        let mut clients = Vec::new();
        for _ in 0..500 {
            let (addr, token) = (api.server.addr, token.clone());
            clients.push(tokio::spawn(async move {
                let sent = Instant::now();
                let r = client::request(addr, "GET", "/v1/tenants/t1/feature-flags", Some(&token), None).await;
                (r, sent.elapsed())
            }));
        }
        tokio::time::sleep(Duration::from_millis(2500)).await;
        let rss_peak = rss_kib();
        tx.rollback().await.expect("unlock");
        let (mut ok, mut busy) = (0, 0);
        for c in clients {
            let (r, elapsed) = c.await.expect("client");
            let r: Response = r.expect("every client gets an answer");
            match r.status {
                200 => ok += 1,
                503 => {
                    busy += 1;
                    assert!(r.header("retry-after").is_some(), "503 carries Retry-After");
                    assert!(elapsed >= Duration::from_millis(900), "503 only after the acquire timeout: {elapsed:?}");
                    assert!(elapsed < Duration::from_secs(4), "and promptly after it: {elapsed:?}");
                }
                other => panic!("unexpected {other}: {}", r.text()),
            }
        }
        assert_eq!(ok + busy, 500);
        assert!(ok <= 64, "no more statements in flight than the pipeline holds ({ok} answered 200)");
        assert!(ok >= 1, "the statements in the pipeline finished once unlocked ({ok} did)");
        assert!(busy >= 436, "the others waited out the acquire timeout ({busy} did)");
        // No deadlock: the pool serves normally right after.
        let after = Instant::now();
        expect(&api.get("/v1/tenants/t1/feature-flags", &token).await, 200);
        assert!(after.elapsed() < Duration::from_secs(1));
        let grown = rss_peak.saturating_sub(rss_before);
        assert!(grown < 200 * 1024, "memory stays bounded under 500 waiting clients (+{grown} KiB)");
    })
    .await;
}

// ───────────────────────────── graceful shutdown ─────────────────────────────

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_under_load_finishes_accepted_requests_refuses_new_ones_and_exits_0() {
    bounded(Duration::from_secs(60), "the shutdown test", async {
        let db = migrated_db().await;
        let mut sql = connect(&db.url).await;
        sql.batch_execute("INSERT INTO tenants (id, name) VALUES ('t1', 'One')").await.expect("tenant");
        let port = salesgate_server::cluster::free_port().expect("port");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_salesgate"))
            .args(["serve", "--no-migrate", "--listen", &addr.to_string(), "--shutdown-grace", "8s"])
            .env("DATABASE_URL", &db.url)
            .env("SALESGATE_JWT_SECRETS", SECRET)
            .env("SALESGATE_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start salesgate");
        let deadline = Instant::now() + Duration::from_secs(20);
        while client::request(addr, "GET", "/healthz", None, None).await.is_err() {
            assert!(Instant::now() < deadline, "salesgate did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // In-flight requests: blocked on a locked table until after the SIGTERM.
        let tx = sql.transaction().await.expect("tx");
        tx.batch_execute("LOCK TABLE feature_flags IN ACCESS EXCLUSIVE MODE").await.expect("lock");
        let token = owner("t1");
        let in_flight: Vec<_> = (0..10)
            .map(|_| {
                let token = token.clone();
                tokio::spawn(async move {
                    client::request(addr, "GET", "/v1/tenants/t1/feature-flags", Some(&token), None).await
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(500)).await;
        // SAFETY: kill has no memory-safety preconditions.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let signalled = Instant::now();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let refused = TcpStream::connect(addr).await;
        assert!(refused.is_err(), "new connections are refused once shutting down");
        tokio::time::sleep(Duration::from_millis(700)).await;
        tx.rollback().await.expect("unlock");
        for r in in_flight {
            let r = r.await.expect("task").expect("an accepted request is answered");
            expect(&r, 200);
        }
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            assert!(signalled.elapsed() < Duration::from_secs(9), "exit within the grace period");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(status.success(), "exit status {status:?}");
    })
    .await;
}

// ───────────────────────────── the request timeout ─────────────────────────────

/// A request past `request_timeout` gets the 504 `timeout` answer at its deadline (the server's
/// own, on the runtime's coarse deadline table — not PostgreSQL's statement_timeout, longer
/// here), and the server goes on serving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_past_the_request_timeout_gets_504_at_its_deadline() {
    bounded(Duration::from_secs(30), "the request-timeout test", async {
        let options = server::Options {
            request_timeout: Duration::from_millis(300),
            statement_timeout: Duration::from_secs(10),
            ..Default::default()
        };
        let api = Api::start_with(options).await;
        api.sql
            .batch_execute(
                "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$
                   BEGIN IF NEW.name = 'SLOW' THEN PERFORM pg_sleep(2); END IF; RETURN NEW; END $$;
                 CREATE TRIGGER slow BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION slow();",
            )
            .await
            .expect("trigger");
        let started = Instant::now();
        let body = json!({"channel": "max", "externalId": "slow-1", "name": "SLOW"});
        let r = api.post("/v1/tenants/t1/customers", &owner("t1"), body).await;
        let took = started.elapsed();
        assert_eq!((r.status, code(&r)), (504, "timeout".into()), "{}", r.text());
        assert!(took >= Duration::from_millis(300), "answered before the deadline: {took:?}");
        assert!(took < Duration::from_millis(1500), "the deadline fired late: {took:?}");
        // Once PostgreSQL is done with the slow statement (it runs on, on the pipelined
        // connection the next statements queue behind), requests are answered again.
        tokio::time::sleep_until((started + Duration::from_millis(2500)).into()).await;
        expect(&api.get("/v1/tenants/t1/feature-flags", &owner("t1")).await, 200);
    })
    .await;
}

// ───────────────────────────── abusive clients ─────────────────────────────

/// Writes `raw`, reads what the server answers before closing; `None` if it closed silently.
async fn exchange(addr: SocketAddr, raw: &[u8]) -> Option<Response> {
    client::send_raw(addr, raw, Duration::from_secs(10)).await.ok()
}

fn status_of(r: &Option<Response>) -> u16 {
    r.as_ref().map_or(0, |r| r.status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abusive_clients_get_bounded_clean_answers_and_others_are_unaffected() {
    bounded(Duration::from_secs(60), "the abuse test", async {
        let options = server::Options {
            body_limit: 64 * 1024,
            header_timeout: Duration::from_secs(1),
            ..Default::default()
        };
        let api = Api::start_with(options).await;
        let addr = api.server.addr;
        let token = owner("t1");
        let rss_before = rss_kib();

        // Slow headers: 30 clients trickle a request head and never finish it.
        let mut slow = Vec::new();
        for _ in 0..30 {
            slow.push(tokio::spawn(async move {
                let started = Instant::now();
                let mut s = TcpStream::connect(addr).await.expect("connect");
                let _ = s.write_all(b"GET /v1/tenants/t1/feature-flags HTTP/1.1\r\nHost: x\r\n").await;
                let mut buf = [0u8; 256];
                loop {
                    if s.write_all(b"X-Slow: y\r\n").await.is_err() {
                        break;
                    }
                    match tokio::time::timeout(Duration::from_millis(200), s.read(&mut buf)).await {
                        Ok(Ok(0)) | Ok(Err(_)) => break, // closed by the server
                        Ok(Ok(_)) => break,              // an answer (408) before closing
                        Err(_) => {}                     // still open: keep trickling
                    }
                    assert!(started.elapsed() < Duration::from_secs(5), "a slow-header client was kept open");
                }
                started.elapsed()
            }));
        }
        // Meanwhile a normal client is served promptly.
        for _ in 0..5 {
            let t = Instant::now();
            expect(&api.get("/v1/tenants/t1/feature-flags", &token).await, 200);
            assert!(t.elapsed() < Duration::from_millis(500), "a normal request took {:?}", t.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for s in slow {
            let held = s.await.expect("slow client");
            assert!(held < Duration::from_secs(3), "slow-header connection held for {held:?}");
        }

        let auth = format!("Authorization: Bearer {token}\r\n");
        let post = |extra: &str, body: &[u8]| {
            let mut raw = format!(
                "POST /v1/tenants/t1/inbound-messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{auth}Content-Type: application/json\r\n{extra}\r\n"
            )
            .into_bytes();
            raw.extend_from_slice(body);
            raw
        };
        // Oversized head: 431 (or the connection is closed), never a hang or a 5xx.
        let huge = format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(100 * 1024));
        let r = exchange(addr, huge.as_bytes()).await;
        assert!(matches!(status_of(&r), 0 | 431), "oversized head: {r:?}");
        // Declared oversized body: 413 at once, without reading it.
        let r = exchange(addr, &post("Content-Length: 104857600\r\n", b"{")).await;
        assert_eq!(status_of(&r), 413, "{r:?}");
        // Streamed oversized body (chunked, no length): 413.
        let mut chunked = Vec::new();
        for _ in 0..20 {
            chunked.extend_from_slice(format!("{:x}\r\n{}\r\n", 8192, "a".repeat(8192)).as_bytes());
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let r = exchange(addr, &post("Transfer-Encoding: chunked\r\n", &chunked)).await;
        assert_eq!(status_of(&r), 413, "{r:?}");
        // Malformed chunked encoding: a clean 400.
        let r = exchange(addr, &post("Transfer-Encoding: chunked\r\n", b"zz\r\nhello\r\n0\r\n\r\n")).await;
        assert!(matches!(status_of(&r), 0 | 400), "malformed chunks: {r:?}");
        // Invalid UTF-8 in the body: 400 malformed_json.
        let body = b"{\"channel\":\"telegram\",\"externalId\":\"\xff\xfe\",\"content\":\"x\"}";
        let r = exchange(addr, &post(&format!("Content-Length: {}\r\n", body.len()), body)).await;
        assert_eq!(status_of(&r), 400, "{r:?}");
        assert_eq!(r.as_ref().map(code), Some("malformed_json".into()));
        // Invalid UTF-8 in a header value: treated as absent, not a crash.
        let mut raw = b"GET /v1/tenants/t1/feature-flags HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer \xff\xff\r\n\r\n".to_vec();
        let r = exchange(addr, &raw).await;
        assert!(matches!(status_of(&r), 400 | 401), "{r:?}");
        raw.clear();
        // Deeply nested JSON: a cheap 400, not a stack overflow.
        let deep = "[".repeat(60_000);
        let r = exchange(addr, &post(&format!("Content-Length: {}\r\n", deep.len()), deep.as_bytes())).await;
        assert_eq!(status_of(&r), 400, "{r:?}");
        assert_eq!(r.as_ref().map(code), Some("malformed_json".into()));
        let nested = format!("{{\"channel\":\"telegram\",\"externalId\":\"1\",\"content\":\"x\",\"metadata\":{}}}", "{\"a\":".repeat(40) + "1" + &"}".repeat(40));
        let r = exchange(addr, &post(&format!("Content-Length: {}\r\n", nested.len()), nested.as_bytes())).await;
        assert_eq!(status_of(&r), 422, "{r:?}");

        // The server is healthy and memory stayed bounded.
        expect(&api.get("/v1/tenants/t1/feature-flags", &token).await, 200);
        let grown = rss_kib().saturating_sub(rss_before);
        assert!(grown < 64 * 1024, "memory grew by {grown} KiB under abuse");
        assert_eq!(api.count("SELECT count(*) FROM messages").await, 0, "no abusive request stored anything");
    })
    .await;
}

/// Writes all of `raw`, then reads until the server closes, through a small send buffer: as
/// over a real network, most of a large body is still unsent when the server answers (on
/// loopback the kernel would otherwise buffer a whole MiB at once and hide the problem).
async fn write_all_then_read(addr: SocketAddr, raw: &[u8]) -> std::io::Result<Response> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.set_send_buffer_size(32 * 1024)?;
    let mut stream = socket.connect(addr).await?;
    stream.write_all(raw).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    client::parse(&answer)
}

/// D10: a client that writes its whole request before reading (no `Expect: 100-continue`, like
/// Python's urllib) reads the 413 instead of a broken pipe or a reset, whatever the framing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_sent_in_one_go_still_read_their_413() {
    bounded(Duration::from_secs(90), "the oversized-body test", async {
        let limit = 64 * 1024;
        let api = Api::start_with(server::Options { body_limit: limit, ..Default::default() }).await;
        let addr = api.server.addr;
        let token = owner("t1");
        let head = |framing: &str| {
            format!(
                "POST /v1/tenants/t1/inbound-messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
                 Authorization: Bearer {token}\r\nContent-Type: application/json\r\n{framing}\r\n"
            )
            .into_bytes()
        };
        let body = vec![b'a'; 8 * limit];
        let mut sized = head(&format!("Content-Length: {}\r\n", body.len()));
        sized.extend_from_slice(&body);
        let mut chunked = head("Transfer-Encoding: chunked\r\n");
        for chunk in body.chunks(8192) {
            chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            chunked.extend_from_slice(chunk);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");

        let mut failures = Vec::new();
        for (framing, raw) in [("Content-Length", &sized), ("chunked", &chunked)] {
            let mut failed = Vec::new();
            for attempt in 0..30 {
                match bounded(Duration::from_secs(10), "one attempt", write_all_then_read(addr, raw)).await {
                    Ok(r) if r.status == 413 && code(&r) == "payload_too_large" => {}
                    Ok(r) => failed.push(format!("#{attempt}: {} {}", r.status, r.text())),
                    Err(e) => failed.push(format!("#{attempt}: {e}")),
                }
            }
            if !failed.is_empty() {
                failures.push(format!("{framing}: {} of 30 attempts got no 413: {failed:?}", failed.len()));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");

        // Bounded: a declared body that stops arriving is waited for briefly, then answered.
        let started = Instant::now();
        let mut stalled = TcpStream::connect(addr).await.expect("connect");
        stalled.write_all(&head(&format!("Content-Length: {}\r\n", body.len()))).await.expect("head");
        stalled.write_all(b"{\"channel\":").await.expect("a little of the body");
        let mut answer = Vec::new();
        bounded(Duration::from_secs(5), "the stalled body's answer", stalled.read_to_end(&mut answer))
            .await
            .expect("read the answer");
        assert_eq!(client::parse(&answer).map(|r| r.status).ok(), Some(413), "{}", String::from_utf8_lossy(&answer));
        assert!(started.elapsed() < Duration::from_secs(4), "a stalled body was waited for {:?}", started.elapsed());

        expect(&api.get("/v1/tenants/t1/feature-flags", &owner("t1")).await, 200);
        assert_eq!(api.count("SELECT count(*) FROM messages").await, 0);
    })
    .await;
}
