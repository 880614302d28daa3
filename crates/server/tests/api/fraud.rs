//! Fraud (storage-api appendix A): channel reuse across tenants, fingerprint registration as an
//! upsert of lastSeenAt (one row also when two registrations race), flags, restriction and
//! resolution.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::json;
use std::sync::Arc;

fn service() -> String {
    server::token(None, Role::Service)
}

fn hash(c: char) -> String {
    std::iter::repeat_n(c, 64).collect()
}

#[tokio::test]
async fn a_fingerprint_registered_again_is_refreshed_not_duplicated() {
    let api = Arc::new(Api::start().await);
    let path = "/v1/tenants/t1/channel-fingerprints";
    let body = json!({"channelType": "telegram", "fingerprintHash": hash('a')});
    let first = api.post(path, &service(), body.clone()).await;
    expect(&first, 200);
    let f = first.json();
    assert_eq!((f["tenantId"].as_str(), f["isBlocked"].as_bool()), (Some("t1"), Some(false)));
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let again = api.post(path, &service(), body.clone()).await.json();
    assert_eq!(again["id"], f["id"]);
    assert_eq!(again["firstSeenAt"], f["firstSeenAt"]);
    assert!(again["lastSeenAt"].as_str() > f["lastSeenAt"].as_str(), "{again}");
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let api = api.clone();
        let body = json!({"channelType": "max", "fingerprintHash": hash('b')});
        tasks.push(tokio::spawn(async move { api.post(path, &service(), body).await }));
    }
    for t in tasks {
        expect(&t.await.expect("task"), 200);
    }
    assert_eq!(api.count("SELECT count(*) FROM channel_fingerprints WHERE tenant_id = 't1'").await, 2);
    let bad = api.post(path, &service(), json!({"channelType": "pigeon", "fingerprintHash": "short"})).await;
    assert_eq!(
        details(&bad),
        [("/channelType".into(), "not_allowed".into()), ("/fingerprintHash".into(), "too_short".into())]
    );
    expect(&api.post(path, &owner("t1"), body).await, 403);
}

#[tokio::test]
async fn channel_reuse_is_the_same_identity_registered_by_another_tenant() {
    let api = Api::start().await;
    let check = |tenant: &str, kind: &str, h: &str| {
        format!("/v1/tenants/{tenant}/channel-fingerprints/reuse?channelType={kind}&fingerprintHash={h}")
    };
    let register = |tenant: &'static str, kind: &'static str, h: String| {
        let api = &api;
        async move {
            let r = api
                .post(
                    &format!("/v1/tenants/{tenant}/channel-fingerprints"),
                    &service(),
                    json!({"channelType": kind, "fingerprintHash": h}),
                )
                .await;
            expect(&r, 200);
        }
    };
    register("t1", "telegram", hash('c')).await;
    assert_eq!(api.get(&check("t1", "telegram", &hash('c')), &service()).await.json(), json!({"reused": false}));
    register("t2", "whatsapp_personal", hash('c')).await;
    assert_eq!(
        api.get(&check("t1", "telegram", &hash('c')), &service()).await.json(),
        json!({"reused": false}),
        "another type is another identity"
    );
    register("t2", "telegram", hash('c')).await;
    assert_eq!(
        api.get(&check("t1", "telegram", &hash('c')), &platform()).await.json(),
        json!({"reused": true, "tenantId": "t2"})
    );
    assert_eq!(api.get(&check("t2", "telegram", &hash('c')), &service()).await.json()["tenantId"], "t1");
    expect(&api.get(&check("t1", "telegram", &hash('c')), &owner("t1")).await, 403);
    expect(&api.get("/v1/tenants/t1/channel-fingerprints/reuse?channelType=telegram", &service()).await, 400);
}

#[tokio::test]
async fn flags_are_recorded_resolved_once_and_the_tenant_restricted() {
    let api = Api::start().await;
    api.sql
        .batch_execute(
            "INSERT INTO users (id, username, password, is_platform_admin) VALUES ('test-user', 'staff', 'x', true)",
        )
        .await
        .expect("platform user");
    let flags = "/v1/tenants/t1/fraud-flags";
    let r = api.post(flags, &service(), json!({"reason": "CHANNEL_REUSE", "metadata": {"otherTenantId": "t2"}})).await;
    expect(&r, 201);
    let id = r.json()["id"].as_str().expect("id").to_string();
    assert_eq!(r.json()["resolvedAt"], serde_json::Value::Null);
    let r = api.post(flags, &service(), json!({"reason": "MULTI_TRIAL_ATTEMPT"})).await;
    let newest = r.json()["id"].as_str().expect("id").to_string();
    let list = api.get(flags, &platform()).await.json();
    assert_eq!(list[0]["id"], newest.as_str(), "newest first");
    assert_eq!(list.as_array().map(Vec::len), Some(2));

    let resolve = format!("{flags}/{id}/resolve");
    expect(&api.call("POST", &resolve, Some(&service()), None).await, 403);
    let r = api.call("POST", &resolve, Some(&platform()), None).await;
    expect(&r, 200);
    assert_eq!(r.json()["resolvedBy"], "test-user");
    let again = api.call("POST", &resolve, Some(&platform()), None).await;
    expect(&again, 409);
    assert_eq!(code(&again), "invalid_state");
    expect(&api.call("POST", &format!("/v1/tenants/t2/fraud-flags/{id}/resolve"), Some(&platform()), None).await, 404);

    let r = api.call("POST", "/v1/tenants/t1/fraud-restriction", Some(&service()), None).await;
    expect(&r, 200);
    assert_eq!(r.json()["status"], "restricted");
    assert_eq!(api.count("SELECT count(*) FROM tenants WHERE status = 'restricted'").await, 1);
    expect(&api.call("POST", "/v1/tenants/nobody/fraud-restriction", Some(&service()), None).await, 404);
    expect(&api.call("POST", "/v1/tenants/t1/fraud-restriction", Some(&owner("t1")), None).await, 403);
    assert_eq!(api.count("SELECT count(*) FROM admin_actions").await, 0, "the detection is not an admin action");
}
