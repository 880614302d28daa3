//! §32 Payment methods: reorderPaymentMethods takes an array body and runs in one transaction;
//! an id that is not the tenant's is a 404 and changes nothing (issue 10: the old loop skipped
//! it silently, keeping the updates before it).

use crate::common::*;
use serde_json::{Value, json};

const REORDER: &str = "/v1/tenants/t1/payment-methods/reorder";

async fn method(api: &Api, tenant: &str, title: &str, order: i64, active: bool) -> String {
    let body = json!({"title": title, "order": order, "isActive": active});
    let r = api.post(&format!("/v1/tenants/{tenant}/payment-methods"), &owner(tenant), body).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

async fn titles(api: &Api, path: &str) -> Vec<String> {
    let r = api.get(path, &viewer("t1")).await;
    expect(&r, 200);
    r.json().as_array().expect("array").iter().map(|m| m["title"].as_str().unwrap_or("").to_string()).collect()
}

#[tokio::test]
async fn reordering_sets_every_listed_order_or_none() {
    let api = Api::start().await;
    let (a, b, c) = (
        method(&api, "t1", "card", 0, true).await,
        method(&api, "t1", "cash", 1, false).await,
        method(&api, "t1", "sbp", 2, true).await,
    );
    let theirs = method(&api, "t2", "crypto", 0, true).await;
    assert_eq!(titles(&api, "/v1/tenants/t1/payment-methods").await, ["card", "cash", "sbp"]);

    let body = json!([{"id": a, "order": 2}, {"id": b, "order": 0}, {"id": c, "order": 1}]);
    expect(&api.call("POST", REORDER, Some(&operator("t1")), Some(body)).await, 204);
    assert_eq!(titles(&api, "/v1/tenants/t1/payment-methods").await, ["cash", "sbp", "card"]);
    assert_eq!(titles(&api, "/v1/tenants/t1/payment-methods/active").await, ["sbp", "card"]);

    // Another tenant's id (and an unknown one): 404 naming the items, nothing changed.
    let before = api.get("/v1/tenants/t1/payment-methods", &viewer("t1")).await.json();
    let body = json!([{"id": a, "order": 9}, {"id": theirs, "order": 8}, {"id": "nope", "order": 7}]);
    let r = api.call("POST", REORDER, Some(&owner("t1")), Some(body)).await;
    expect(&r, 404);
    assert_eq!(details(&r), [("/1/id".into(), "not_found".into()), ("/2/id".into(), "not_found".into())]);
    assert!(!r.text().contains("crypto"));
    assert_eq!(api.get("/v1/tenants/t1/payment-methods", &viewer("t1")).await.json(), before, "all or none");
    assert_eq!(api.count("SELECT \"order\"::int8 FROM payment_methods WHERE title = 'crypto'").await, 0);

    // An id twice; bodies that are not arrays of {id, order}; an empty list.
    let r = api
        .call("POST", REORDER, Some(&owner("t1")), Some(json!([{"id": a, "order": 1}, {"id": a, "order": 2}])))
        .await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/1/id".into(), "not_allowed".into())]);
    let r = api.call("POST", REORDER, Some(&owner("t1")), Some(json!({"id": a, "order": 1}))).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("".into(), "invalid_type".into())]);
    let r =
        api.call("POST", REORDER, Some(&owner("t1")), Some(json!([{"id": a, "order": "first", "title": "x"}]))).await;
    assert_eq!(details(&r), [("/0/title".into(), "unknown_field".into()), ("/0/order".into(), "invalid_type".into())]);
    expect(&api.call("POST", REORDER, Some(&owner("t1")), Some(json!([]))).await, 204);
    expect(&api.call("POST", REORDER, Some(&viewer("t1")), Some(json!([]))).await, 403);
    assert_eq!(api.get("/v1/tenants/t1/payment-methods", &viewer("t1")).await.json(), before);
}

#[tokio::test]
async fn payment_methods_are_the_tenants_and_patched_without_updated_at() {
    let api = Api::start().await;
    let a = method(&api, "t1", "card", 0, true).await;
    let r = api
        .patch(&format!("/v1/tenants/t1/payment-methods/{a}"), &operator("t1"), json!({"description": "Visa"}))
        .await;
    expect(&r, 200);
    assert_eq!(r.json()["description"], "Visa");
    assert!(r.json().get("updatedAt").is_none(), "the table has no updated_at (schema.md §8.6)");
    expect(&api.get(&format!("/v1/tenants/t2/payment-methods/{a}"), &owner("t2")).await, 404);
    let gone = api.call("DELETE", &format!("/v1/tenants/t2/payment-methods/{a}"), Some(&owner("t2")), None).await;
    expect(&gone, 404);
    let listed: Value = api.get("/v1/tenants/t2/payment-methods", &owner("t2")).await.json();
    assert_eq!(listed, json!([]));
}
