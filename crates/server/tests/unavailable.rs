//! PostgreSQL going away: requests fail fast with 503 JSON (never hang), and succeed again
//! once it is back. Uses a private cluster, so stopping it disturbs no other test.

mod common;

use common::*;
use salesgate_server::cluster::StopMode;
use salesgate_server::migrate;
use salesgate_server::testing::TestCluster;
use salesgate_server::testing::client;
use salesgate_server::testing::server::{self, TestServer};
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_stopped_database_gives_503_fast_and_recovery_follows() {
    let pg = TestCluster::private().expect("private cluster");
    let db = pg.create_database("down", None).await.expect("database");
    migrate::run(&db.url, &migrate::Options::default(), &|_| {}).await.expect("migrate");
    connect(&db.url).await.batch_execute("INSERT INTO tenants (id, name) VALUES ('t1', 'One')").await.expect("tenant");
    let options = server::Options { pool_timeout: Duration::from_secs(1), ..Default::default() };
    let srv = TestServer::start_with(&db.url, options).await;
    let flags = |srv: &TestServer| {
        let addr = srv.addr;
        async move { client::request(addr, "GET", "/v1/tenants/t1/feature-flags", Some(&owner("t1")), None).await }
    };
    expect(&flags(&srv).await.expect("up"), 200);

    pg.cluster().stop(StopMode::Immediate).expect("stop PostgreSQL");
    for attempt in 0..5 {
        let started = Instant::now();
        let r = flags(&srv).await.expect("an answer, not a hang");
        assert!(started.elapsed() < Duration::from_secs(5), "attempt {attempt} took {:?}", started.elapsed());
        expect(&r, 503);
        assert_eq!(code(&r), "unavailable");
        assert!(r.header("retry-after").is_some(), "Retry-After is set");
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
    // Requests that need no database still work.
    expect(&client::request(srv.addr, "GET", "/healthz", None, None).await.expect("healthz"), 200);
    expect(&client::request(srv.addr, "GET", "/readyz", None, None).await.expect("readyz"), 503);

    pg.cluster().start().expect("start PostgreSQL again");
    let back = Instant::now();
    loop {
        let r = flags(&srv).await.expect("answer");
        if r.status == 200 {
            break;
        }
        assert!(back.elapsed() < Duration::from_secs(2), "still {} after PostgreSQL came back", r.status);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    expect(&client::request(srv.addr, "GET", "/readyz", None, None).await.expect("readyz"), 200);
}
