//! MAX Personal accounts (storage-api appendix A): the cap of 5 per tenant holds under
//! concurrency (6 creates at once give 5 rows and one clear refusal), one row per idInstance,
//! lookups by the public account id, and the API token for `service` only.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::{Value, json};
use std::sync::Arc;

const ACCOUNTS: &str = "/v1/tenants/t1/max-personal-accounts";

fn service() -> String {
    server::token(None, Role::Service)
}

fn account(instance: &str) -> Value {
    json!({"idInstance": instance, "apiTokenInstance": format!("token-{instance}"), "label": "Sales",
           "displayName": "79990000000@c.us", "webhookRegistered": true})
}

#[tokio::test]
async fn six_concurrent_creates_give_five_accounts_and_one_clear_refusal() {
    let api = Arc::new(Api::start().await);
    let mut tasks = Vec::new();
    for i in 0..6 {
        let api = api.clone();
        tasks.push(tokio::spawn(async move { api.post(ACCOUNTS, &platform(), account(&format!("110{i}"))).await }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let r = t.await.expect("task");
        if r.status == 409 {
            assert_eq!(code(&r), "invalid_state");
            assert!(r.json()["error"]["message"].as_str().is_some_and(|m| m.contains("at most 5")), "{}", r.text());
        }
        statuses.push(r.status);
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 201, 201, 201, 201, 409]);
    assert_eq!(api.count("SELECT count(*) FROM max_personal_accounts WHERE tenant_id = 't1'").await, 5);
    // Another tenant has its own five.
    expect(&api.post("/v1/tenants/t2/max-personal-accounts", &platform(), account("1100")).await, 201);
}

#[tokio::test]
async fn accounts_are_found_by_their_public_id_and_patched_and_deleted_by_it() {
    let api = Api::start().await;
    let r = api.post(ACCOUNTS, &platform(), account("1101")).await;
    expect(&r, 201);
    let a = r.json();
    assert_eq!((a["status"].as_str(), a["label"].as_str()), (Some("authorized"), Some("Sales")));
    assert!(a.get("apiTokenInstance").is_none(), "the token is for service only");
    let account_id = a["accountId"].as_str().expect("accountId").to_string();
    assert_ne!(account_id, a["id"].as_str().expect("id"), "a public id of its own");
    let dup = api.post(ACCOUNTS, &service(), account("1101")).await;
    expect(&dup, 409);
    assert_eq!(details(&dup), [("/idInstance".into(), "conflict".into())]);
    let forged =
        api.post(ACCOUNTS, &platform(), json!({"idInstance": "2", "apiTokenInstance": "t", "status": "x"})).await;
    assert_eq!(details(&forged), [("/status".into(), "read_only".into())]);

    let one = format!("{ACCOUNTS}/{account_id}");
    let by_service = api.get(&one, &service()).await;
    expect(&by_service, 200);
    assert_eq!(by_service.json()["apiTokenInstance"], "token-1101", "the webhook and sender read it");
    expect(&api.get(&format!("/v1/tenants/t2/max-personal-accounts/{account_id}"), &service()).await, 404);
    expect(&api.get(&one, &owner("t1")).await, 403);

    let r = api.patch(&one, &platform(), json!({"label": "Support"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["label"], "Support");
    let r = api.patch(&one, &platform(), json!({"idInstance": "9"})).await;
    assert_eq!(details(&r), [("/idInstance".into(), "unknown_field".into())], "only the label is patched");
    let r = api.patch(&one, &platform(), json!({"label": null})).await;
    assert_eq!(r.json()["label"], Value::Null);

    let second = api.post(ACCOUNTS, &platform(), account("1102")).await.json();
    api.sql
        .batch_execute("UPDATE max_personal_accounts SET status = 'notAuthorized' WHERE id_instance = '1101'")
        .await
        .expect("state");
    let sender = api.get(&format!("{ACCOUNTS}/authorized"), &service()).await;
    expect(&sender, 200);
    assert_eq!(sender.json()["accountId"], second["accountId"], "the first authorized account");
    let list = api.get(ACCOUNTS, &platform()).await.json();
    let instances: Vec<&str> =
        list.as_array().expect("array").iter().filter_map(|a| a["idInstance"].as_str()).collect();
    assert_eq!(instances, ["1101", "1102"], "ORDER BY created_at");

    expect(
        &api.call("DELETE", &format!("/v1/tenants/t2/max-personal-accounts/{account_id}"), Some(&platform()), None)
            .await,
        404,
    );
    expect(&api.call("DELETE", &one, Some(&platform()), None).await, 204);
    expect(&api.call("DELETE", &one, Some(&platform()), None).await, 404);
    expect(&api.get(&one, &service()).await, 404);
    assert_eq!(api.count("SELECT count(*) FROM max_personal_accounts").await, 1);
}
