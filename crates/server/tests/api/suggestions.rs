//! §14 AI suggestions and §15 human actions: plain declarations; these tests check the
//! semantics storage-api gives them, and that suggestions (which have no `tenant_id`) are the
//! tenant's through their conversation, human actions through their suggestion.

use crate::common::*;
use serde_json::{Value, json};

/// A conversation of `tenant` with a new customer.
async fn new_conversation(api: &Api, tenant: &str, external_id: &str) -> String {
    let c = customer(api, tenant, external_id).await;
    conversation(api, tenant, &c).await
}

async fn suggestion(api: &Api, tenant: &str, conversation: &str, body: Value) -> String {
    let r = api
        .post(&format!("/v1/tenants/{tenant}/conversations/{conversation}/ai-suggestions"), &operator(tenant), body)
        .await;
    expect(&r, 201);
    assert_eq!(r.json()["conversationId"], conversation, "the conversation of the path");
    r.json()["id"].as_str().expect("id").to_string()
}

/// Sets a row's `created_at` (seconds after a fixed instant), so "newest" is decided by the data.
async fn created_at(api: &Api, table: &str, id: &str, second: u32) {
    let sql =
        format!("UPDATE {table} SET created_at = timestamp '2030-01-01' + make_interval(secs => $2) WHERE id = $1");
    api.sql.execute(&sql, &[&id, &(second as f64)]).await.expect("created_at");
}

fn ids(r: &salesgate_server::testing::client::Response) -> Vec<String> {
    r.json().as_array().expect("array").iter().map(|s| s["id"].as_str().expect("id").to_string()).collect()
}

/// storage-api §14: the pending suggestion of a conversation is its newest pending one; an
/// approved newer one does not count; none pending is 404 (the old `undefined`).
#[tokio::test]
async fn the_pending_suggestion_is_the_newest_pending_one() {
    let api = Api::start().await;
    let conv = new_conversation(&api, "t1", "1").await;
    let old = suggestion(&api, "t1", &conv, json!({"suggestedReply": "old"})).await;
    let newer = suggestion(&api, "t1", &conv, json!({"suggestedReply": "newer"})).await;
    let approved = suggestion(&api, "t1", &conv, json!({"suggestedReply": "done", "status": "approved"})).await;
    for (id, second) in [(&old, 1), (&newer, 2), (&approved, 3)] {
        created_at(&api, "ai_suggestions", id, second).await;
    }
    let pending = format!("/v1/tenants/t1/conversations/{conv}/ai-suggestions/pending");
    let r = api.get(&pending, &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], newer.as_str());
    assert_eq!(r.json()["status"], "pending");

    let r = api
        .patch(&format!("/v1/tenants/t1/ai-suggestions/{newer}"), &operator("t1"), json!({"status": "edited"}))
        .await;
    expect(&r, 200);
    assert_eq!(r.json()["status"], "edited");
    assert_eq!(api.get(&pending, &viewer("t1")).await.json()["id"], old.as_str(), "the older pending one now");

    expect(
        &api.patch(&format!("/v1/tenants/t1/ai-suggestions/{old}"), &operator("t1"), json!({"status": "rejected"}))
            .await,
        200,
    );
    let r = api.get(&pending, &viewer("t1")).await;
    expect(&r, 404);

    // storage-api §14: a conversation's suggestions, newest first.
    let list = api.get(&format!("/v1/tenants/t1/conversations/{conv}/ai-suggestions"), &viewer("t1")).await;
    expect(&list, 200);
    assert_eq!(ids(&list), [approved, newer, old]);
}

/// getSuggestionsByTenant joined conversations on the tenant: here the list is scoped through
/// the conversation (suggestions have no tenant_id), and every by-id operation too: another
/// tenant's suggestion, conversation or message is not found, and nothing of it changes.
#[tokio::test]
async fn suggestions_are_the_tenants_through_their_conversation() {
    let api = Api::start().await;
    let (a, b) = (new_conversation(&api, "t1", "1").await, new_conversation(&api, "t1", "2").await);
    let theirs = new_conversation(&api, "t2", "1").await;
    let s1 = suggestion(&api, "t1", &a, json!({"suggestedReply": "a"})).await;
    let s2 = suggestion(&api, "t1", &b, json!({"suggestedReply": "b"})).await;
    let s3 = suggestion(&api, "t2", &theirs, json!({"suggestedReply": "secret of t2"})).await;
    for (id, second) in [(&s1, 1), (&s3, 2), (&s2, 3)] {
        created_at(&api, "ai_suggestions", id, second).await;
    }
    let list = api.get("/v1/tenants/t1/ai-suggestions", &viewer("t1")).await;
    expect(&list, 200);
    assert_eq!(ids(&list), [s2.clone(), s1.clone()], "the tenant's, newest first");
    assert_eq!(ids(&api.get("/v1/tenants/t2/ai-suggestions", &viewer("t2")).await), [s3.as_str()]);
    let page = api.get("/v1/tenants/t1/ai-suggestions?limit=1", &viewer("t1")).await;
    assert_eq!((ids(&page), page.header("x-next-cursor")), (vec![s2.clone()], Some(s2.as_str())));

    expect(&api.get(&format!("/v1/tenants/t1/ai-suggestions/{s1}"), &viewer("t1")).await, 200);
    expect(&api.get(&format!("/v1/tenants/t1/ai-suggestions/{s3}"), &owner("t1")).await, 404);
    let r =
        api.patch(&format!("/v1/tenants/t1/ai-suggestions/{s3}"), &owner("t1"), json!({"status": "approved"})).await;
    expect(&r, 404);
    assert_eq!(api.count("SELECT count(*) FROM ai_suggestions WHERE status = 'approved'").await, 0);
    expect(&api.get(&format!("/v1/tenants/t1/conversations/{theirs}/ai-suggestions"), &owner("t1")).await, 404);
    expect(&api.get(&format!("/v1/tenants/t1/conversations/{theirs}/ai-suggestions/pending"), &owner("t1")).await, 404);
    let r = api
        .post(
            &format!("/v1/tenants/t1/conversations/{theirs}/ai-suggestions"),
            &owner("t1"),
            json!({"suggestedReply": "x"}),
        )
        .await;
    expect(&r, 404);

    // A suggestion's messageId must be a message of the tenant.
    let m = api
        .post(
            &format!("/v1/tenants/t2/conversations/{theirs}/messages"),
            &owner("t2"),
            json!({"role": "customer", "content": "hi"}),
        )
        .await;
    expect(&m, 201);
    let body = json!({"suggestedReply": "x", "messageId": m.json()["id"]});
    let r = api.post(&format!("/v1/tenants/t1/conversations/{a}/ai-suggestions"), &owner("t1"), body).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/messageId".into(), "not_found".into())]);
    assert_eq!(api.count("SELECT count(*) FROM ai_suggestions").await, 3, "nothing written");
}

/// §15: a human action is recorded on a suggestion of the tenant, naming a user of the tenant
/// (users.tenant_id is nullable: platform staff cannot be named either).
#[tokio::test]
async fn human_actions_are_recorded_on_the_tenants_suggestions_by_its_users() {
    let api = Api::start().await;
    api.sql
        .batch_execute(
            "INSERT INTO users (id, tenant_id, username, password) VALUES
               ('u1', 't1', 'anna', 'x'), ('u2', 't2', 'boris', 'x'), ('staff', NULL, 'root', 'x')",
        )
        .await
        .expect("users");
    let conv = new_conversation(&api, "t1", "1").await;
    let s = suggestion(&api, "t1", &conv, json!({"suggestedReply": "Есть в наличии"})).await;
    let path = format!("/v1/tenants/t1/ai-suggestions/{s}/human-actions");
    let body = json!({"action": "edit", "userId": "u1", "originalText": "Есть в наличии", "editedText": "Есть, 2 шт."});
    let r = api.post(&path, &operator("t1"), body).await;
    expect(&r, 201);
    assert_eq!((r.json()["suggestionId"].as_str(), r.json()["action"].as_str()), (Some(s.as_str()), Some("edit")));
    for user in ["u2", "staff", "missing"] {
        let r = api.post(&path, &operator("t1"), json!({"action": "approve", "userId": user})).await;
        expect(&r, 422);
        assert_eq!(details(&r), [("/userId".into(), "not_found".into())], "{user}");
    }
    expect(&api.post(&path, &viewer("t1"), json!({"action": "approve"})).await, 403);
    let theirs = new_conversation(&api, "t2", "1").await;
    let s2 = suggestion(&api, "t2", &theirs, json!({"suggestedReply": "x"})).await;
    let r = api
        .post(&format!("/v1/tenants/t1/ai-suggestions/{s2}/human-actions"), &owner("t1"), json!({"action": "reject"}))
        .await;
    expect(&r, 404);
    assert_eq!(api.count("SELECT count(*) FROM human_actions").await, 1);
}
