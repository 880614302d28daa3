//! §18 Learning queue: the merging upsert (max of the scores, ordered union of the reasons, race
//! safe), the reviewed_at rule, the item of a conversation (its oldest row: the old "first
//! match", scoped) and the pending list.

use crate::common::*;
use salesgate_server::testing::client::Response;
use salesgate_server::testing::server;
use serde_json::{Value, json};

async fn new_conversation(api: &Api, tenant: &str, external_id: &str) -> String {
    let c = customer(api, tenant, external_id).await;
    conversation(api, tenant, &c).await
}

fn item_path(tenant: &str, conversation: &str) -> String {
    format!("/v1/tenants/{tenant}/conversations/{conversation}/learning-queue-item")
}

async fn upsert(api: &Api, tenant: &str, conversation: &str, body: Value) -> Response {
    api.call("PUT", &item_path(tenant, conversation), Some(&operator(tenant)), Some(body)).await
}

/// storage-api §18: the first upsert inserts; later ones keep the higher score (an absent score
/// counts as 0) and append the new reasons not yet present, old ones first, each once; the
/// other fields of the item are left as they are. Always one row.
#[tokio::test]
async fn upserts_keep_the_higher_score_and_the_ordered_union_of_reasons() {
    let api = Api::start().await;
    let conv = new_conversation(&api, "t1", "1").await;
    let r = upsert(&api, "t1", &conv, json!({"learningScore": 5, "reasons": ["EDITED", "ESCALATED"]})).await;
    expect(&r, 200);
    let id = r.json()["id"].clone();
    assert_eq!((r.json()["tenantId"].as_str(), r.json()["conversationId"].as_str()), (Some("t1"), Some(conv.as_str())));
    assert_eq!((r.json()["learningScore"].clone(), r.json()["status"].clone()), (json!(5), json!("pending")));

    let body =
        json!({"learningScore": 3, "reasons": ["LOW_SIMILARITY", "EDITED", "LOW_SIMILARITY"], "status": "dismissed"});
    let r = upsert(&api, "t1", &conv, body).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], id, "the same item");
    assert_eq!(r.json()["learningScore"], 5, "max(5, 3)");
    assert_eq!(r.json()["reasons"], json!(["EDITED", "ESCALATED", "LOW_SIMILARITY"]));
    assert_eq!(r.json()["status"], "pending", "only the score and the reasons are merged");

    let r = upsert(&api, "t1", &conv, json!({"learningScore": 9})).await;
    assert_eq!(
        (r.json()["learningScore"].clone(), r.json()["reasons"].clone()),
        (json!(9), json!(["EDITED", "ESCALATED", "LOW_SIMILARITY"]))
    );
    let r = upsert(&api, "t1", &conv, json!({"reasons": ["STALE_DATA"]})).await;
    assert_eq!(r.json()["learningScore"], 9, "max(9, absent = 0)");
    assert_eq!(r.json()["reasons"], json!(["EDITED", "ESCALATED", "LOW_SIMILARITY", "STALE_DATA"]));
    // Old rows may hold NULL reasons or duplicates: the union starts from them, each once.
    api.sql.execute("UPDATE learning_queue SET reasons = NULL", &[]).await.expect("null reasons");
    let r = upsert(&api, "t1", &conv, json!({"reasons": ["EDITED"]})).await;
    assert_eq!(r.json()["reasons"], json!(["EDITED"]));
    api.sql
        .execute("UPDATE learning_queue SET reasons = ARRAY['ESCALATED', 'EDITED', 'ESCALATED']", &[])
        .await
        .expect("dups");
    let r = upsert(&api, "t1", &conv, json!({"reasons": ["LONG_CONVERSATION", "EDITED"]})).await;
    assert_eq!(r.json()["reasons"], json!(["ESCALATED", "EDITED", "LONG_CONVERSATION"]));

    let got = api.get(&item_path("t1", &conv), &viewer("t1")).await;
    expect(&got, 200);
    assert_eq!(got.json(), r.json());
    assert_eq!(api.count("SELECT count(*) FROM learning_queue").await, 1);
    expect(&upsert(&api, "t1", &conv, json!({"reasons": ["NOT_A_REASON"]})).await, 422);
}

/// The merge is race safe: concurrent upserts of one new conversation make one row holding the
/// highest score and every reason once (the old read-then-write made several rows and lost
/// reasons).
#[tokio::test]
async fn concurrent_upserts_of_one_conversation_make_one_row_with_every_reason() {
    const REASONS: [&str; 6] =
        ["ESCALATED", "EDITED", "LOW_SIMILARITY", "STALE_DATA", "LONG_CONVERSATION", "MULTIPLE_REJECTIONS"];
    let api = std::sync::Arc::new(Api::start_with(server::Options { pool_size: 16, ..Default::default() }).await);
    let conv = new_conversation(&api, "t1", "1").await;
    let mut tasks = Vec::new();
    for i in 0..30 {
        let (api, conv) = (api.clone(), conv.clone());
        tasks.push(tokio::spawn(async move {
            let body = json!({"learningScore": i, "reasons": [REASONS[i % 6], REASONS[(i + 1) % 6]]});
            upsert(&api, "t1", &conv, body).await
        }));
    }
    for t in tasks {
        expect(&t.await.expect("task"), 200);
    }
    assert_eq!(api.count("SELECT count(*) FROM learning_queue").await, 1, "one item per conversation");
    let item = api.get(&item_path("t1", &conv), &viewer("t1")).await.json();
    assert_eq!(item["learningScore"], 29, "no score was lost");
    let mut reasons: Vec<&str> = item["reasons"].as_array().expect("array").iter().filter_map(Value::as_str).collect();
    assert_eq!(reasons.len(), 6, "every reason once: {reasons:?}");
    reasons.sort_unstable();
    let mut all = REASONS.to_vec();
    all.sort_unstable();
    assert_eq!(reasons, all);
}

/// The item of a conversation is its oldest row (the old "first match" by conversation id, now
/// deterministic and scoped to the tenant); the upsert merges into that same row. Another
/// tenant's conversation is not found, and nothing of it changes; a reviewer must be a user of
/// the tenant.
#[tokio::test]
async fn the_item_of_a_conversation_is_its_oldest_row_of_the_tenant() {
    let api = Api::start().await;
    let conv = new_conversation(&api, "t1", "1").await;
    let theirs = new_conversation(&api, "t2", "1").await;
    api.sql
        .execute(
            "INSERT INTO learning_queue (id, tenant_id, conversation_id, learning_score, reasons, created_at) VALUES
               ('newer', 't1', $1, 1, ARRAY['EDITED'], timestamp '2030-01-02'),
               ('older', 't1', $1, 2, ARRAY['ESCALATED'], timestamp '2030-01-01'),
               ('t2-item', 't2', $2, 4, ARRAY['STALE_DATA'], timestamp '2029-01-01')",
            &[&conv, &theirs],
        )
        .await
        .expect("items");
    let r = api.get(&item_path("t1", &conv), &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], "older");
    let r = upsert(&api, "t1", &conv, json!({"learningScore": 3, "reasons": ["EDITED"]})).await;
    expect(&r, 200);
    assert_eq!((r.json()["id"].clone(), r.json()["learningScore"].clone()), (json!("older"), json!(3)));
    assert_eq!(r.json()["reasons"], json!(["ESCALATED", "EDITED"]));
    assert_eq!(api.count("SELECT learning_score::int8 FROM learning_queue WHERE id = 'newer'").await, 1, "untouched");

    expect(&api.get(&item_path("t1", &theirs), &owner("t1")).await, 404);
    let r = upsert(&api, "t1", &theirs, json!({"learningScore": 100, "reasons": ["EDITED"]})).await;
    expect(&r, 404);
    expect(&upsert(&api, "t1", "nowhere", json!({"learningScore": 1})).await, 404);
    assert_eq!(api.count("SELECT learning_score::int8 FROM learning_queue WHERE id = 't2-item'").await, 4);
    assert_eq!(api.count("SELECT count(*) FROM learning_queue").await, 3);
    let empty = new_conversation(&api, "t1", "2").await;
    expect(&api.get(&item_path("t1", &empty), &viewer("t1")).await, 404);

    api.sql
        .batch_execute("INSERT INTO users (id, tenant_id, username, password) VALUES ('u1', 't1', 'anna', 'x'), ('u2', 't2', 'boris', 'x')")
        .await
        .expect("users");
    for conversation in [&conv, &empty] {
        let r = upsert(&api, "t1", conversation, json!({"learningScore": 1, "reviewedBy": "u2"})).await;
        expect(&r, 422);
        assert_eq!(details(&r), [("/reviewedBy".into(), "not_found".into())]);
    }
    assert_eq!(api.count("SELECT count(*) FROM learning_queue").await, 3, "nothing written");
    let r = upsert(&api, "t1", &empty, json!({"learningScore": 1, "reviewedBy": "u1"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["reviewedBy"], "u1");
}

/// storage-api §18: reviewed_at is set when the status becomes `reviewed` (again on every such
/// update), not by other changes.
#[tokio::test]
async fn reviewed_at_is_set_when_the_status_becomes_reviewed() {
    let api = Api::start().await;
    let conv = new_conversation(&api, "t1", "1").await;
    let r = api
        .post("/v1/tenants/t1/learning-queue", &operator("t1"), json!({"conversationId": conv, "learningScore": 2}))
        .await;
    expect(&r, 201);
    assert_eq!(r.json()["reviewedAt"], Value::Null);
    let path = format!("/v1/tenants/t1/learning-queue/{}", r.json()["id"].as_str().expect("id"));
    let r = api.patch(&path, &operator("t1"), json!({"status": "exported", "learningScore": 4})).await;
    expect(&r, 200);
    assert_eq!((r.json()["status"].clone(), r.json()["reviewedAt"].clone()), (json!("exported"), Value::Null));
    let r = api.patch(&path, &operator("t1"), json!({"status": "reviewed"})).await;
    expect(&r, 200);
    let reviewed = r.json()["reviewedAt"].as_str().expect("reviewedAt set").to_string();
    assert_eq!(r.json()["learningScore"], 4);
    api.sql.execute("UPDATE learning_queue SET reviewed_at = timestamp '2020-01-01'", &[]).await.expect("age it");
    let r = api.patch(&path, &operator("t1"), json!({"learningScore": 5})).await;
    assert_eq!(r.json()["reviewedAt"], "2020-01-01T00:00:00.000Z", "other changes leave it");
    let r = api.patch(&path, &operator("t1"), json!({"status": "reviewed"})).await;
    assert!(
        r.json()["reviewedAt"].as_str().is_some_and(|t| t >= reviewed.as_str()),
        "set again: {}",
        r.json()["reviewedAt"]
    );
    expect(&api.patch(&path, &viewer("t1"), json!({"status": "reviewed"})).await, 403);
    expect(&api.patch(&path.replace("/t1/", "/t2/"), &owner("t2"), json!({"status": "reviewed"})).await, 404);
    expect(&api.patch(&path, &operator("t1"), json!({"reviewedAt": "2030-01-01T00:00:00.000Z"})).await, 422);
}

/// storage-api §18: the tenant's pending items, at least minScore when given, highest first.
#[tokio::test]
async fn the_queue_lists_the_tenants_pending_items_highest_score_first() {
    let api = Api::start().await;
    let mut convs = Vec::new();
    for i in 0..4 {
        convs.push(new_conversation(&api, "t1", &i.to_string()).await);
    }
    let theirs = new_conversation(&api, "t2", "1").await;
    for (conv, score, status) in
        [(&convs[0], 3, "pending"), (&convs[1], 8, "pending"), (&convs[2], 5, "pending"), (&convs[3], 9, "reviewed")]
    {
        let body = json!({"conversationId": conv, "learningScore": score, "status": status});
        expect(&api.post("/v1/tenants/t1/learning-queue", &operator("t1"), body).await, 201);
    }
    expect(
        &api.post("/v1/tenants/t2/learning-queue", &owner("t2"), json!({"conversationId": theirs, "learningScore": 7}))
            .await,
        201,
    );
    let scores = |r: &Response| -> Vec<i64> {
        r.json().as_array().expect("array").iter().filter_map(|i| i["learningScore"].as_i64()).collect()
    };
    let r = api.get("/v1/tenants/t1/learning-queue", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(scores(&r), [8, 5, 3]);
    assert_eq!(scores(&api.get("/v1/tenants/t1/learning-queue?minScore=5", &viewer("t1")).await), [8, 5]);
    let page = api.get("/v1/tenants/t1/learning-queue?limit=2", &viewer("t1")).await;
    assert_eq!(scores(&page), [8, 5]);
    let cursor = page.header("x-next-cursor").expect("a next page").to_string();
    assert_eq!(
        scores(&api.get(&format!("/v1/tenants/t1/learning-queue?limit=2&after={cursor}"), &viewer("t1")).await),
        [3]
    );
    expect(&api.get("/v1/tenants/t1/learning-queue?minScore=-1", &viewer("t1")).await, 400);
    let r = api.post("/v1/tenants/t1/learning-queue", &owner("t1"), json!({"conversationId": theirs})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/conversationId".into(), "not_found".into())]);
}
