//! §9 Customer memory: the upserts' semantics (storage-api §9) and issue 9's race: each write is
//! one statement, so concurrent increments and merges are all kept.

use crate::common::*;
use salesgate_server::testing::server;
use serde_json::json;
use std::sync::Arc;

fn memory(customer: &str) -> String {
    format!("/v1/tenants/t1/customers/{customer}/memory")
}

#[tokio::test]
async fn upsert_creates_the_row_with_defaults_then_keeps_what_is_not_given() {
    let api = Api::start().await;
    let c = customer(&api, "t1", "1").await;
    let path = memory(&c);
    let r = api.get(&path, &viewer("t1")).await;
    expect(&r, 404);

    // Created when missing: preferences and frequentTopics default to {}.
    let r =
        api.call("PUT", &path, Some(&operator("t1")), Some(json!({"lastSummaryText": "asked about a gearbox"}))).await;
    expect(&r, 200);
    let created = r.json();
    assert_eq!((created["tenantId"].as_str(), created["customerId"].as_str()), (Some("t1"), Some(c.as_str())));
    assert_eq!(created["preferences"], json!({}));
    assert_eq!(created["frequentTopics"], json!({}));
    assert_eq!(created["lastSummaryText"], "asked about a gearbox");

    // `new ?? existing`, per field: what is given replaces, what is absent stays.
    let r = api.call("PUT", &path, Some(&operator("t1")), Some(json!({"preferences": {"city": "Omsk"}}))).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], created["id"], "the same row");
    assert_eq!(r.json()["preferences"], json!({"city": "Omsk"}));
    assert_eq!(r.json()["frequentTopics"], json!({}));
    assert_eq!(r.json()["lastSummaryText"], "asked about a gearbox");
    assert_ne!(r.json()["updatedAt"], created["updatedAt"], "updated_at = now");

    // null is `??`'s other nullish value: it keeps the stored value too.
    let body = json!({"preferences": null, "lastSummaryText": null, "frequentTopics": {"price": 2}});
    let r = api.call("PUT", &path, Some(&operator("t1")), Some(body)).await;
    expect(&r, 200);
    assert_eq!(r.json()["preferences"], json!({"city": "Omsk"}));
    assert_eq!(r.json()["frequentTopics"], json!({"price": 2}));
    assert_eq!(r.json()["lastSummaryText"], "asked about a gearbox");
    let r = api.get(&path, &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["frequentTopics"], json!({"price": 2}));

    // A row created with nulls gets the defaults.
    let other = customer(&api, "t1", "2").await;
    let r = api
        .call("PUT", &memory(&other), Some(&operator("t1")), Some(json!({"preferences": null, "frequentTopics": null})))
        .await;
    expect(&r, 200);
    assert_eq!((r.json()["preferences"].clone(), r.json()["frequentTopics"].clone()), (json!({}), json!({})));
    assert_eq!(r.json()["lastSummaryText"], json!(null));

    let r = api.call("PUT", &path, Some(&operator("t1")), Some(json!({"customerId": other}))).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/customerId".into(), "read_only".into())], "the path gives the customer");
    let r = api.call("PUT", &path, Some(&operator("t1")), Some(json!({"preferences": [1]}))).await;
    expect(&r, 422);
    expect(&api.call("PUT", &path, Some(&viewer("t1")), Some(json!({}))).await, 403);

    // Another tenant's customer: 404, nothing written.
    let theirs = customer(&api, "t2", "1").await;
    let r = api.call("PUT", &memory(&theirs), Some(&owner("t1")), Some(json!({"lastSummaryText": "x"}))).await;
    expect(&r, 404);
    expect(&api.get(&memory(&theirs), &owner("t1")).await, 404);
    expect(&api.get(&format!("/v1/tenants/t2/customers/{c}/memory"), &owner("t2")).await, 404);
    assert_eq!(api.count(&format!("SELECT count(*) FROM customer_memory WHERE customer_id = '{theirs}'")).await, 0);
    expect(&api.get("/v1/tenants/t1/customers/nobody/memory", &owner("t1")).await, 404);
}

#[tokio::test]
async fn increments_count_from_zero_and_keep_the_rest() {
    let api = Api::start().await;
    let c = customer(&api, "t1", "1").await;
    let topics = format!("{}/frequent-topics", memory(&c));
    let r = api.post(&topics, &operator("t1"), json!({"intent": "price"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["frequentTopics"], json!({"price": 1}), "a new row starts at 0 + 1");
    assert_eq!(r.json()["preferences"], json!({}), "and preferences {{}}");
    let r = api.post(&topics, &operator("t1"), json!({"intent": "price"})).await;
    assert_eq!(r.json()["frequentTopics"], json!({"price": 2}));
    let r = api.post(&topics, &operator("t1"), json!({"intent": "shipping"})).await;
    assert_eq!(r.json()["frequentTopics"], json!({"price": 2, "shipping": 1}));

    // A counter that holds no number (written outside the API) starts again from 0; the
    // preferences and summary are left alone.
    api.sql
        .execute(
            "UPDATE customer_memory SET frequent_topics = frequent_topics || '{\"price\": \"many\"}', \
             preferences = '{\"city\": \"Omsk\"}', last_summary_text = 's' WHERE customer_id = $1",
            &[&c],
        )
        .await
        .expect("seed");
    let r = api.post(&topics, &operator("t1"), json!({"intent": "price"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["frequentTopics"], json!({"price": 1, "shipping": 1}));
    assert_eq!(
        (r.json()["preferences"].clone(), r.json()["lastSummaryText"].clone()),
        (json!({"city": "Omsk"}), json!("s"))
    );

    let r = api.post(&topics, &operator("t1"), json!({"intent": ""})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/intent".into(), "too_short".into())]);
    expect(&api.post(&topics, &operator("t1"), json!({})).await, 422);
    expect(&api.post(&topics, &viewer("t1"), json!({"intent": "price"})).await, 403);
    let theirs = customer(&api, "t2", "1").await;
    let r = api.post(&format!("{}/frequent-topics", memory(&theirs)), &owner("t1"), json!({"intent": "price"})).await;
    expect(&r, 404);
    assert_eq!(api.count("SELECT count(*) FROM customer_memory").await, 1);
}

#[tokio::test]
async fn preferences_merge_shallowly_and_create_the_row() {
    let api = Api::start().await;
    let c = customer(&api, "t1", "1").await;
    let path = format!("{}/preferences", memory(&c));
    let first = json!({"preferences": {"city": {"name": "Omsk", "zip": "644000"}, "payment": "card"}});
    let r = api.patch(&path, &operator("t1"), first).await;
    expect(&r, 200);
    assert_eq!(r.json()["preferences"], json!({"city": {"name": "Omsk", "zip": "644000"}, "payment": "card"}));
    assert_eq!(r.json()["frequentTopics"], json!({}), "a new row: frequentTopics {{}}");
    let updated = r.json()["updatedAt"].clone();

    // {...existing, ...preferences}: top-level keys replace, the others stay; nested objects
    // are replaced whole (shallow).
    let r =
        api.patch(&path, &operator("t1"), json!({"preferences": {"city": {"name": "Kazan"}, "delivery": null}})).await;
    expect(&r, 200);
    assert_eq!(r.json()["preferences"], json!({"city": {"name": "Kazan"}, "payment": "card", "delivery": null}));
    assert_ne!(r.json()["updatedAt"], updated);
    let r = api.patch(&path, &operator("t1"), json!({"preferences": {}})).await;
    assert_eq!(r.json()["preferences"], json!({"city": {"name": "Kazan"}, "payment": "card", "delivery": null}));

    for bad in [json!({"preferences": "card"}), json!({"preferences": null}), json!({})] {
        expect(&api.patch(&path, &operator("t1"), bad).await, 422);
    }
    let theirs = customer(&api, "t2", "1").await;
    let r =
        api.patch(&format!("{}/preferences", memory(&theirs)), &owner("t1"), json!({"preferences": {"a": 1}})).await;
    expect(&r, 404);
    assert_eq!(api.count("SELECT count(*) FROM customer_memory").await, 1);
}

/// Issue 9: the old read-modify-write lost increments under concurrency. 50 concurrent
/// increments of one counter — racing on the row's creation too — give 50; merges of other
/// preference keys racing with them are all kept as well.
#[tokio::test]
async fn fifty_concurrent_increments_give_fifty() {
    let api = Arc::new(Api::start_with(server::Options { pool_size: 16, ..Default::default() }).await);
    let c = customer(&api, "t1", "1").await;
    let mut tasks = Vec::new();
    for i in 0..60 {
        let api = api.clone();
        let base = memory(&c);
        tasks.push(tokio::spawn(async move {
            if i % 6 == 5 {
                let body = json!({"preferences": {format!("key{i}"): i}});
                api.patch(&format!("{base}/preferences"), &operator("t1"), body).await
            } else {
                api.post(&format!("{base}/frequent-topics"), &operator("t1"), json!({"intent": "price"})).await
            }
        }));
    }
    for t in tasks {
        expect(&t.await.expect("task"), 200);
    }
    let r = api.get(&memory(&c), &owner("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["frequentTopics"], json!({"price": 50}));
    let preferences = r.json()["preferences"].as_object().map(|o| o.len());
    assert_eq!(preferences, Some(10), "every merge kept: {}", r.json()["preferences"]);
    assert_eq!(api.count("SELECT count(*) FROM customer_memory").await, 1, "one row");
}
