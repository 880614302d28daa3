//! §27 Update history: a platform table; the status change sets appliedAt, the current version
//! is the newest applied one's.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::{Value, json};

fn update(version: &str) -> Value {
    json!({"version": version, "filename": format!("update-{version}.tar.gz"), "fileSize": 1024, "checksum": "a".repeat(64)})
}

async fn create(api: &Api, version: &str) -> String {
    let r = api.post("/v1/platform/update-history", &platform(), update(version)).await;
    expect(&r, 201);
    assert_eq!(r.json()["status"], "pending", "schema.md §11.1 default");
    r.json()["id"].as_str().expect("id").to_string()
}

#[tokio::test]
async fn updates_are_listed_newest_first_and_a_status_change_stamps_applied_at() {
    let api = Api::start().await;
    let service = server::token(None, Role::Service);
    let first = create(&api, "1.1.0").await;
    let second = create(&api, "1.2.0").await;
    let list = api.get("/v1/platform/update-history", &service).await;
    expect(&list, 200);
    let listed = list.json();
    let ids: Vec<&str> = listed.as_array().expect("array").iter().filter_map(|u| u["id"].as_str()).collect();
    assert_eq!(ids, [second.as_str(), first.as_str()], "storage-api §27: created_at DESC");
    expect(&api.get("/v1/platform/update-history", &owner("t1")).await, 403);

    let status = |id: &str| format!("/v1/platform/update-history/{id}/status");
    let r = api
        .call("PUT", &status(&first), Some(&service), Some(json!({"status": "failed", "errorMessage": "disk full"})))
        .await;
    expect(&r, 200);
    assert_eq!((r.json()["status"].as_str(), r.json()["errorMessage"].as_str()), (Some("failed"), Some("disk full")));
    assert!(r.json()["appliedAt"].is_null(), "only applied sets appliedAt");
    let r = api.call("PUT", &status(&first), Some(&service), Some(json!({"status": "applied"}))).await;
    expect(&r, 200);
    assert!(r.json()["appliedAt"].is_string(), "{}", r.text());
    assert_eq!(r.json()["errorMessage"], "disk full", "an absent errorMessage leaves the stored one");
    let r = api.call("PUT", &status("nope"), Some(&service), Some(json!({"status": "applied"}))).await;
    expect(&r, 404);
    let r = api.call("PUT", &status(&first), Some(&service), Some(json!({"status": "done"}))).await;
    assert_eq!(details(&r), [("/status".into(), "not_allowed".into())]);

    let r = api
        .call(
            "PUT",
            &format!("/v1/platform/update-history/{second}/backup-path"),
            Some(&platform()),
            Some(json!({"backupPath": "/var/backups/1.2.0.tar"})),
        )
        .await;
    expect(&r, 200);
    assert_eq!(r.json()["backupPath"], "/var/backups/1.2.0.tar");
    let got = api.get(&format!("/v1/platform/update-history/{second}"), &platform()).await;
    assert_eq!(got.json()["backupPath"], "/var/backups/1.2.0.tar");
}

async fn version(api: &Api) -> Option<String> {
    let r = api.get("/v1/platform/current-version", &platform()).await;
    expect(&r, 200);
    r.json()["version"].as_str().map(String::from)
}

#[tokio::test]
async fn the_current_version_is_the_newest_applied_one_else_1_0_0() {
    let api = Api::start().await;
    assert_eq!(version(&api).await.as_deref(), Some("1.0.0"), "storage-api §27: none applied");
    let a = create(&api, "1.1.0").await;
    let b = create(&api, "1.2.0").await;
    create(&api, "1.3.0").await; // pending: never the current version
    for id in [&b, &a] {
        let body = json!({"status": "applied"});
        expect(
            &api.call("PUT", &format!("/v1/platform/update-history/{id}/status"), Some(&platform()), Some(body)).await,
            200,
        );
    }
    assert_eq!(version(&api).await.as_deref(), Some("1.1.0"), "the most recently applied, by appliedAt");
    api.sql
        .execute("UPDATE update_history SET applied_at = now() + interval '1 hour' WHERE id = $1", &[&b])
        .await
        .expect("sql");
    assert_eq!(version(&api).await.as_deref(), Some("1.2.0"));
    let body = json!({"status": "rolled_back"});
    expect(
        &api.call("PUT", &format!("/v1/platform/update-history/{b}/status"), Some(&platform()), Some(body)).await,
        200,
    );
    assert_eq!(version(&api).await.as_deref(), Some("1.1.0"), "a rolled-back update is not current");
}
