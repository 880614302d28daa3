//! §28 Vehicle lookup: the global cache (upsert replacing every field, read by key) written by
//! the cross-tenant roles; the tenant's cases (the 5-minute dedup window, the status update of
//! the given fields, the link to the cache).

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::{Value, json};

fn service() -> String {
    server::token(None, Role::Service)
}

fn entry(key: &str, model: &str) -> Value {
    json!({"lookupKey": key, "idType": "VIN", "rawValue": "wauzzz8v5ka000001", "normalizedValue": "WAUZZZ8V5KA000001",
           "result": {"make": "Audi", "gearbox": model}, "source": "podzamenu", "expiresAt": "2030-01-01T00:00:00.000Z"})
}

#[tokio::test]
async fn the_cache_upsert_replaces_every_field_of_its_key() {
    let api = Api::start().await;
    let r = api.post("/v1/platform/vehicle-lookup-cache", &service(), entry("VIN:WAUZZZ8V5KA000001", "DQ200")).await;
    expect(&r, 201);
    let id = r.json()["id"].as_str().expect("id").to_string();
    let mut again = entry("VIN:WAUZZZ8V5KA000001", "DQ381");
    again.as_object_mut().expect("object").remove("expiresAt");
    again["source"] = json!("partsapi");
    let r = api.post("/v1/platform/vehicle-lookup-cache", &platform(), again).await;
    expect(&r, 201);
    assert_eq!(r.json()["id"], id.as_str(), "the same entry");
    assert_eq!(r.json()["result"]["gearbox"], "DQ381");
    assert_eq!(r.json()["source"], "partsapi");
    assert!(r.json()["expiresAt"].is_null(), "storage-api §28: expiresAt ?? NULL");
    assert_eq!(api.count("SELECT count(*) FROM vehicle_lookup_cache").await, 1);

    let got = api.get("/v1/platform/vehicle-lookup-cache/by-key?lookupKey=VIN%3AWAUZZZ8V5KA000001", &service()).await;
    expect(&got, 200);
    assert_eq!(got.json()["id"], id.as_str());
    expect(&api.get("/v1/platform/vehicle-lookup-cache/by-key?lookupKey=VIN%3ANONE", &service()).await, 404);
    // The cache is written by the workers (cross-tenant roles) only.
    let r = api.post("/v1/platform/vehicle-lookup-cache", &owner("t1"), entry("VIN:X", "DQ200")).await;
    expect(&r, 403);
}

async fn case(api: &Api, tenant: &str, conversation: &str, value: &str, status: &str) -> String {
    let body = json!({"conversationId": conversation, "idType": "VIN", "rawValue": value.to_lowercase(),
                      "normalizedValue": value, "status": status, "verificationStatus": "NONE"});
    let r = api.post(&format!("/v1/tenants/{tenant}/vehicle-lookup-cases"), &service(), body).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

#[tokio::test]
async fn the_active_case_is_pending_or_running_of_the_last_five_minutes() {
    let api = Api::start().await;
    let conv = conversation(&api, "t1", &customer(&api, "t1", "1").await).await;
    let active = |value: &str| {
        format!("/v1/tenants/t1/conversations/{conv}/vehicle-lookup-cases/active?normalizedValue={value}")
    };
    expect(&api.get(&active("VIN1"), &operator("t1")).await, 404);
    let old = case(&api, "t1", &conv, "VIN1", "RUNNING").await;
    let done = case(&api, "t1", &conv, "VIN1", "COMPLETED").await;
    let pending = case(&api, "t1", &conv, "VIN1", "PENDING").await;
    api.sql
        .execute("UPDATE vehicle_lookup_cases SET created_at = now() - interval '6 minutes' WHERE id = $1", &[&old])
        .await
        .expect("sql");
    let r = api.get(&active("VIN1"), &operator("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], pending.as_str(), "newest pending/running within 5 minutes");
    expect(&api.get(&active("VIN2"), &operator("t1")).await, 404);
    api.sql
        .execute("UPDATE vehicle_lookup_cases SET created_at = now() - interval '4 minutes' WHERE id = $1", &[&old])
        .await
        .expect("sql");
    api.sql.execute("UPDATE vehicle_lookup_cases SET status = 'FAILED' WHERE id = $1", &[&pending]).await.expect("sql");
    assert_eq!(api.get(&active("VIN1"), &operator("t1")).await.json()["id"], old.as_str(), "RUNNING counts too");

    // The latest case is the newest whatever its status.
    let latest =
        api.get(&format!("/v1/tenants/t1/conversations/{conv}/vehicle-lookup-cases/latest"), &viewer("t1")).await;
    expect(&latest, 200);
    assert_eq!(latest.json()["id"], pending.as_str(), "created after {done}");

    // Another tenant's conversation: nothing of it, not even through its own cases.
    let theirs = conversation(&api, "t2", &customer(&api, "t2", "1").await).await;
    case(&api, "t2", &theirs, "VIN1", "PENDING").await;
    let path = format!("/v1/tenants/t1/conversations/{theirs}/vehicle-lookup-cases/active?normalizedValue=VIN1");
    expect(&api.get(&path, &owner("t1")).await, 404);
    let r = api.post(
        "/v1/tenants/t1/vehicle-lookup-cases",
        &owner("t1"),
        json!({"conversationId": theirs, "idType": "VIN", "rawValue": "x", "normalizedValue": "X", "status": "PENDING",
               "verificationStatus": "NONE"}),
    )
    .await;
    assert_eq!(details(&r), [("/conversationId".into(), "not_found".into())]);
}

#[tokio::test]
async fn a_status_update_sets_the_given_fields_and_a_case_links_to_its_cache_entry() {
    let api = Api::start().await;
    let conv = conversation(&api, "t1", &customer(&api, "t1", "1").await).await;
    let id = case(&api, "t1", &conv, "VIN1", "PENDING").await;
    let path = format!("/v1/tenants/t1/vehicle-lookup-cases/{id}/status");
    let before = api.get(&format!("/v1/tenants/t1/vehicle-lookup-cases/{id}"), &viewer("t1")).await.json();
    let r = api.patch(&path, &service(), json!({"status": "FAILED", "error": "timeout"})).await;
    expect(&r, 200);
    let after = r.json();
    assert_eq!((after["status"].as_str(), after["error"].as_str()), (Some("FAILED"), Some("timeout")));
    assert_eq!(after["verificationStatus"], "NONE", "absent: unchanged");
    assert_ne!(after["updatedAt"], before["updatedAt"], "updated_at = now");
    let r = api.patch(&path, &service(), json!({"status": "RUNNING", "error": null})).await;
    assert!(r.json()["error"].is_null(), "null clears the error");
    let r = api.patch(&path, &service(), json!({"status": null, "normalizedValue": "VIN2"})).await;
    expect(&r, 422);
    let mut got = details(&r);
    got.sort();
    assert_eq!(got, [("/normalizedValue".into(), "unknown_field".into()), ("/status".into(), "not_null".into())]);
    expect(
        &api.patch(&path.replace("/t1/", "/t2/"), &server::token(Some("t2"), Role::Owner), json!({"status": "FAILED"}))
            .await,
        404,
    );

    let cache = api.post("/v1/platform/vehicle-lookup-cache", &service(), entry("VIN:1", "DQ200")).await.json();
    let cache_id = cache["id"].as_str().expect("id");
    let link = format!("/v1/tenants/t1/vehicle-lookup-cases/{id}/cache/{cache_id}");
    expect(&api.call("PUT", &link, Some(&operator("t1")), None).await, 204);
    let got = api.get(&format!("/v1/tenants/t1/vehicle-lookup-cases/{id}"), &viewer("t1")).await;
    assert_eq!(got.json()["cacheId"], cache_id);
    let r = api
        .call("PUT", &format!("/v1/tenants/t1/vehicle-lookup-cases/{id}/cache/nope"), Some(&operator("t1")), None)
        .await;
    expect(&r, 404);
    assert!(r.text().contains("cache"), "{}", r.text());
    let r = api.call("PUT", &link.replace("/t1/", "/t2/"), Some(&server::token(Some("t2"), Role::Owner)), None).await;
    expect(&r, 404);
    let r = api.patch(&path, &service(), json!({"cacheId": null})).await;
    assert!(r.json()["cacheId"].is_null(), "null unlinks");
}
