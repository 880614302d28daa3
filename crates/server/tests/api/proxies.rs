//! Proxies (storage-api appendix A): pick-and-assign as one compare-and-set — 50 concurrent
//! assignments over 10 available proxies give 10 distinct assignments and 40 clean "none
//! available" answers; release by channel; mark failed; stats per status.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::json;
use std::collections::HashSet;
use std::sync::Arc;

fn service() -> String {
    server::token(None, Role::Service)
}

/// `n` proxies (`p0`…), `available`, created in order.
async fn proxies(api: &Api, n: usize, protocol: &str, country: &str) {
    for i in 0..n {
        let body = json!({"host": format!("10.1.{}.{i}", protocol.len()), "port": 1080 + i, "protocol": protocol,
                          "country": country, "username": "u", "password": format!("secret-{i}")});
        expect(&api.post("/v1/platform/proxies", &platform(), body).await, 201);
    }
}

async fn channels(api: &Api, tenant: &str, n: usize) -> Vec<String> {
    let ids: Vec<String> = (0..n).map(|i| format!("{tenant}-ch{i}")).collect();
    for id in &ids {
        api.sql
            .execute(
                "INSERT INTO channels (id, tenant_id, type, name) VALUES ($1, $2, 'telegram', 'bot')",
                &[id, &tenant],
            )
            .await
            .expect("channel");
    }
    ids
}

fn assign_path(tenant: &str, channel: &str) -> String {
    format!("/v1/tenants/{tenant}/channels/{channel}/proxy")
}

#[tokio::test]
async fn fifty_concurrent_assignments_over_ten_proxies_give_ten_distinct_ones() {
    // Eight shared connections and eight transaction ones: the statements really run side by side.
    let api = Arc::new(Api::start_with(server::Options { shared: 8, pool_size: 8, ..Default::default() }).await);
    proxies(&api, 10, "socks5", "NL").await;
    let channels = channels(&api, "t1", 50).await;
    // Each assignment holds its proxy 50 ms, so the statements overlap whatever the scheduling:
    // a pick without the lock (or without skipping locked rows) would pick one proxy for all.
    api.sql
        .batch_execute(
            "CREATE FUNCTION slow_assignment() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$;
             CREATE TRIGGER slow BEFORE UPDATE ON proxies FOR EACH ROW EXECUTE FUNCTION slow_assignment();",
        )
        .await
        .expect("trigger");
    let mut tasks = Vec::new();
    for channel in channels {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            let r = api.post(&assign_path("t1", &channel), &service(), json!({})).await;
            (channel, r.status, r.json(), code(&r))
        }));
    }
    let mut assigned = HashSet::new();
    let mut none = 0;
    for task in tasks {
        let (channel, status, body, code) = task.await.expect("task");
        match status {
            200 => {
                assert_eq!(
                    (body["assignedChannelId"].as_str(), body["status"].as_str()),
                    (Some(channel.as_str()), Some("assigned"))
                );
                assert!(
                    assigned.insert(body["id"].as_str().expect("id").to_string()),
                    "a proxy assigned twice: {body}"
                );
            }
            404 => {
                assert_eq!(code, "not_found");
                none += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((assigned.len(), none), (10, 40));
    assert_eq!(
        api.count("SELECT count(DISTINCT assigned_channel_id) FROM proxies WHERE status = 'assigned'").await,
        10
    );
    assert_eq!(api.count("SELECT count(*) FROM proxies WHERE status = 'available'").await, 0);
}

#[tokio::test]
async fn assignment_release_failure_and_stats() {
    let api = Api::start().await;
    proxies(&api, 2, "socks5", "NL").await;
    proxies(&api, 1, "http", "RU").await;
    let [mine, other]: [String; 2] = channels(&api, "t1", 2).await.try_into().expect("two");
    let theirs = channels(&api, "t2", 1).await.remove(0);

    let r = api.post(&assign_path("t1", &mine), &service(), json!({"protocol": "http", "country": "RU"})).await;
    expect(&r, 200);
    let http = r.json();
    assert_eq!((http["protocol"].as_str(), http["assignedTenantId"].as_str()), (Some("http"), Some("t1")));
    assert_eq!(http["password"], "secret-0", "service reads proxy passwords");
    let r = api.post(&assign_path("t1", &other), &platform(), json!({"protocol": "http"})).await;
    expect(&r, 404);
    let r = api.post(&assign_path("t1", &other), &platform(), json!({"country": "NL"})).await;
    expect(&r, 200);
    assert!(r.json().get("password").is_none(), "platform staff do not: {}", r.text());
    // The channel of the path must be the tenant's.
    let r = api.post(&assign_path("t1", &theirs), &service(), json!({})).await;
    expect(&r, 404);
    assert!(r.text().contains("Channel"), "{}", r.text());
    assert_eq!(api.count("SELECT count(*) FROM proxies WHERE assigned_channel_id = 't2-ch0'").await, 0);
    expect(&api.post(&assign_path("t1", &mine), &owner("t1"), json!({})).await, 403);

    let stats = api.get("/v1/platform/proxies/stats", &service()).await;
    expect(&stats, 200);
    assert_eq!(stats.json(), json!({"total": 3, "available": 1, "assigned": 2, "disabled": 0, "failed": 0}));

    expect(&api.call("DELETE", &assign_path("t1", &mine), Some(&service()), None).await, 204);
    let available = api.get("/v1/platform/proxies?status=available", &service()).await;
    assert_eq!(available.json().as_array().map(Vec::len), Some(2));
    assert_eq!(api.count("SELECT count(*) FROM proxies WHERE status = 'available' AND assigned_channel_id IS NULL AND assigned_tenant_id IS NULL").await, 2);
    expect(&api.call("DELETE", &assign_path("t1", &mine), Some(&service()), None).await, 204);
    expect(&api.call("DELETE", &assign_path("t1", &theirs), Some(&service()), None).await, 404);

    let id = http["id"].as_str().expect("id");
    let r =
        api.post(&format!("/v1/platform/proxies/{id}/failed"), &service(), json!({"error": "connect timeout"})).await;
    expect(&r, 200);
    assert_eq!(
        (r.json()["status"].as_str(), r.json()["lastErrorMessage"].as_str()),
        (Some("failed"), Some("connect timeout"))
    );
    assert!(r.json()["lastCheckedAt"].is_string());
    expect(&api.post("/v1/platform/proxies/nope/failed", &service(), json!({})).await, 404);
    // A failed proxy is never assigned.
    let r = api.post(&assign_path("t1", &mine), &service(), json!({"protocol": "http"})).await;
    expect(&r, 404);
    let stats = api.get("/v1/platform/proxies/stats", &platform()).await;
    assert_eq!(stats.json(), json!({"total": 3, "available": 1, "assigned": 1, "disabled": 0, "failed": 1}));
}
