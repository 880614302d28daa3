//! Audit events (storage-api appendix A): a batch of up to 500 events in one statement; reads by
//! entity, by conversation (the entity, or metadata.conversationId), recent by tenant and all,
//! newest first with the old default limits (50, 50, 100, 1000).

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::{Value, json};

const EVENTS: &str = "/v1/platform/audit-events";

fn service() -> String {
    server::token(None, Role::Service)
}

fn event(tenant: Option<&str>, entity: (&str, &str), metadata: Option<Value>) -> Value {
    let mut e = json!({"tenantId": tenant, "actor": "system", "actorType": "system", "action": "message_sent",
                       "entityType": entity.0, "entityId": entity.1, "requestId": "req-1", "ipAddress": "10.0.0.1"});
    if let Some(m) = metadata {
        e["metadata"] = m;
    }
    e
}

async fn batch(api: &Api, events: Vec<Value>) -> i64 {
    let r = api.post(EVENTS, &service(), Value::Array(events)).await;
    expect(&r, 201);
    r.json()["inserted"].as_i64().expect("inserted")
}

fn ids(r: &salesgate_server::testing::client::Response) -> Vec<String> {
    r.json().as_array().expect("array").iter().filter_map(|e| e["id"].as_str().map(String::from)).collect()
}

#[tokio::test]
async fn a_batch_is_one_statement_of_many_tenants_events() {
    let api = Api::start().await;
    let n = batch(
        &api,
        vec![
            event(Some("t1"), ("conversation", "c1"), Some(json!({"conversationId": "c1"}))),
            event(Some("t2"), ("customer", "u1"), None),
            event(None, ("tenant", "t1"), None),
        ],
    )
    .await;
    assert_eq!(n, 3);
    // One statement: one transaction wrote every row, at one timestamp.
    assert_eq!(api.count("SELECT count(DISTINCT xmin::text) + count(DISTINCT created_at) FROM audit_events").await, 2);
    assert_eq!(
        api.count("SELECT count(*) FROM audit_events WHERE metadata = '{}'::jsonb").await,
        2,
        "metadata defaults to {{}}"
    );
    assert_eq!(batch(&api, vec![]).await, 0);

    let r = api
        .post(EVENTS, &service(), json!([event(Some("t1"), ("a", "b"), None), {"actor": "x", "actorType": "robot"}]))
        .await;
    expect(&r, 422);
    let paths: Vec<String> = details(&r).into_iter().map(|(p, _)| p).collect();
    assert!(paths.contains(&"/1/actorType".to_string()) && paths.contains(&"/1/action".to_string()), "{paths:?}");
    let r = api
        .post(EVENTS, &service(), json!([event(Some("t1"), ("a", "b"), None), event(Some("t9"), ("a", "b"), None)]))
        .await;
    assert_eq!((r.status, code(&r)), (409, "reference_violation".into()), "one statement: all or nothing");
    assert_eq!(api.count("SELECT count(*) FROM audit_events").await, 3);

    let many = vec![event(Some("t1"), ("bulk", "x"), None); 500];
    assert_eq!(batch(&api, many).await, 500);
    let r = api.post(EVENTS, &service(), Value::Array(vec![event(Some("t1"), ("bulk", "x"), None); 501])).await;
    expect(&r, 422);
    expect(&api.post(EVENTS, &owner("t1"), json!([event(Some("t1"), ("a", "b"), None)])).await, 403);
}

#[tokio::test]
async fn reads_are_newest_first_with_the_old_limits_and_a_tenant_sees_its_own() {
    let api = Api::start().await;
    let mut events: Vec<Value> =
        (0..60).map(|i| event(Some("t1"), ("suggestion", "s1"), Some(json!({"i": i})))).collect();
    events.push(event(Some("t1"), ("conversation", "c1"), None));
    events.push(event(Some("t1"), ("suggestion", "s2"), Some(json!({"conversationId": "c1"}))));
    events.push(event(Some("t2"), ("conversation", "c1"), None));
    events.push(event(Some("t2"), ("suggestion", "s3"), Some(json!({"conversationId": "c1"}))));
    events.push(event(None, ("tenant", "t1"), None));
    batch(&api, events).await;
    // Distinct times, so "newest first" is observable: the i-th event of the batch i seconds old.
    api.sql
        .batch_execute(
            "UPDATE audit_events SET created_at = created_at - ((metadata->>'i')::int * interval '1 second') \
             WHERE metadata ? 'i'",
        )
        .await
        .expect("times");

    let r = api.get(&format!("{EVENTS}/by-entity?entityType=suggestion&entityId=s1"), &platform()).await;
    expect(&r, 200);
    let page = r.json();
    let items = page.as_array().expect("array");
    assert_eq!(items.len(), 50, "default limit 50");
    assert_eq!(
        (items[0]["metadata"]["i"].as_i64(), items[49]["metadata"]["i"].as_i64()),
        (Some(0), Some(49)),
        "newest first"
    );
    assert!(r.header("x-next-cursor").is_some());
    expect(&api.get(&format!("{EVENTS}/by-entity?entityType=suggestion&entityId=s1"), &owner("t1")).await, 403);

    let r = api.get("/v1/tenants/t1/audit-events/by-conversation?conversationId=c1", &owner("t1")).await;
    expect(&r, 200);
    let mut got: Vec<(String, String)> = r
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|e| (e["tenantId"].as_str().unwrap_or("").to_string(), e["entityId"].as_str().unwrap_or("").to_string()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [("t1".into(), "c1".into()), ("t1".into(), "s2".into())],
        "the entity or metadata.conversationId, t1's only"
    );
    let r = api.get("/v1/tenants/t1/audit-events/by-conversation?conversationId=c1&limit=1", &owner("t1")).await;
    assert_eq!(ids(&r).len(), 1);
    expect(&api.get("/v1/tenants/t1/audit-events/by-conversation?conversationId=c1", &operator("t1")).await, 403);

    let r = api.get("/v1/tenants/t1/audit-events", &server::token(Some("t1"), Role::Admin)).await;
    expect(&r, 200);
    assert_eq!(ids(&r).len(), 62, "the tenant's events (default limit 100), not t2's or the platform's");
    assert!(!r.text().contains("\"tenantId\":\"t2\"") && !r.text().contains("\"tenantId\":null"));
    let r = api.get("/v1/tenants/t1/audit-events?limit=10", &owner("t1")).await;
    assert_eq!(ids(&r).len(), 10);

    let r = api.get(EVENTS, &platform()).await;
    expect(&r, 200);
    assert_eq!(ids(&r).len(), 65, "every event, the platform's too (default limit 1000)");
    expect(&api.get("/v1/tenants/t1/audit-events?limit=1001", &owner("t1")).await, 400);
}
