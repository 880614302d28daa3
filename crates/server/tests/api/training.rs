//! §16 AI training samples and §17 AI training policies: plain declarations; these tests check
//! the semantics storage-api gives them (the policy's upsert in particular).

use crate::common::*;
use serde_json::json;

const POLICY: &str = "/v1/tenants/t1/ai-training-policy";

/// storage-api §17: the first upsert inserts (absent arrays get their default, empty), later
/// ones replace the arrays given and leave the absent ones unchanged; updatedAt is refreshed.
#[tokio::test]
async fn the_policy_upsert_replaces_given_arrays_and_keeps_absent_ones() {
    let api = Api::start().await;
    expect(&api.get(POLICY, &viewer("t1")).await, 404);
    let token = owner("t1");
    let put = |body| api.call("PUT", POLICY, Some(&token), Some(body));
    let r = put(json!({"alwaysEscalateIntents": ["complaint"], "forbiddenTopics": ["politics", "weather"]})).await;
    expect(&r, 200);
    let first = r.json();
    assert_eq!(first["tenantId"], "t1");
    assert_eq!(first["alwaysEscalateIntents"], json!(["complaint"]));
    assert_eq!(first["forbiddenTopics"], json!(["politics", "weather"]));
    assert_eq!(first["disabledLearningIntents"], json!([]), "the column default on insert");

    api.sql.execute("UPDATE ai_training_policies SET updated_at = timestamp '2020-01-01'", &[]).await.expect("age it");
    let r = put(json!({"forbiddenTopics": ["crypto"], "disabledLearningIntents": []})).await;
    expect(&r, 200);
    let second = r.json();
    assert_eq!(second["alwaysEscalateIntents"], json!(["complaint"]), "absent: unchanged");
    assert_eq!(second["forbiddenTopics"], json!(["crypto"]), "given: replaced");
    assert_eq!(second["disabledLearningIntents"], json!([]));
    assert!(second["updatedAt"].as_str().is_some_and(|t| t > "2021"), "updated_at = now: {}", second["updatedAt"]);

    let r = put(json!({})).await;
    expect(&r, 200);
    assert_eq!(
        (r.json()["alwaysEscalateIntents"].clone(), r.json()["forbiddenTopics"].clone()),
        (json!(["complaint"]), json!(["crypto"]))
    );
    assert_eq!(api.get(POLICY, &viewer("t1")).await.json(), r.json());
    assert_eq!(api.count("SELECT count(*) FROM ai_training_policies").await, 1);

    // Tenant settings: owner and admin only; another tenant has none.
    let r = api.call("PUT", POLICY, Some(&operator("t1")), Some(json!({"forbiddenTopics": []}))).await;
    expect(&r, 403);
    expect(&api.get("/v1/tenants/t2/ai-training-policy", &owner("t2")).await, 404);
    // TRAINING_POLICY_LIMITS (schema.md §4.4): a topic of at most 200 characters.
    let r = put(json!({"forbiddenTopics": ["x".repeat(201)]})).await;
    expect(&r, 422);
}

/// storage-api §16: the tenant's samples newest first, filtered by outcome when given; the
/// count is the tenant's; a sample's conversation must be the tenant's.
#[tokio::test]
async fn samples_are_listed_newest_first_by_outcome_and_counted_per_tenant() {
    let api = Api::start().await;
    let c1 = customer(&api, "t1", "1").await;
    let conv = conversation(&api, "t1", &c1).await;
    let mut ids = Vec::new();
    for (i, outcome) in ["APPROVED", "REJECTED", "APPROVED"].iter().enumerate() {
        let body =
            json!({"conversationId": conv, "userMessage": format!("q{i}"), "aiSuggestion": "a", "outcome": outcome});
        let r = api.post("/v1/tenants/t1/ai-training-samples", &operator("t1"), body).await;
        expect(&r, 201);
        let id = r.json()["id"].as_str().expect("id").to_string();
        api.sql
            .execute(
                "UPDATE ai_training_samples SET created_at = timestamp '2030-01-01' + make_interval(secs => $2) WHERE id = $1",
                &[&id, &(i as f64)],
            )
            .await
            .expect("created_at");
        ids.push(id);
    }
    let c2 = customer(&api, "t2", "1").await;
    let theirs = conversation(&api, "t2", &c2).await;
    let body = json!({"conversationId": theirs, "userMessage": "q", "aiSuggestion": "a", "outcome": "EDITED"});
    expect(&api.post("/v1/tenants/t2/ai-training-samples", &owner("t2"), body.clone()).await, 201);
    let r = api.post("/v1/tenants/t1/ai-training-samples", &owner("t1"), body).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/conversationId".into(), "not_found".into())]);

    let listed = |r: &salesgate_server::testing::client::Response| -> Vec<String> {
        r.json().as_array().expect("array").iter().map(|s| s["id"].as_str().expect("id").to_string()).collect()
    };
    let all = api.get("/v1/tenants/t1/ai-training-samples", &viewer("t1")).await;
    expect(&all, 200);
    assert_eq!(listed(&all), [ids[2].clone(), ids[1].clone(), ids[0].clone()]);
    let approved = api.get("/v1/tenants/t1/ai-training-samples?outcome=APPROVED", &viewer("t1")).await;
    assert_eq!(listed(&approved), [ids[2].clone(), ids[0].clone()]);
    assert_eq!(listed(&api.get("/v1/tenants/t1/ai-training-samples?outcome=EDITED", &viewer("t1")).await).len(), 0);
    expect(&api.get("/v1/tenants/t1/ai-training-samples?outcome=approved", &viewer("t1")).await, 400);
    let count = api.get("/v1/tenants/t1/ai-training-samples/count", &viewer("t1")).await;
    expect(&count, 200);
    assert_eq!(count.json(), json!({"count": 3}));
    assert_eq!(api.get("/v1/tenants/t2/ai-training-samples/count", &viewer("t2")).await.json(), json!({"count": 1}));
}
