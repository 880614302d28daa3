//! §31 Message templates: seedDefaultTemplates is idempotent (issue 10: the old one duplicated
//! the rows on a second call), also under concurrent calls; lists and the active-by-type read
//! follow the old order.

use crate::common::*;
use salesgate_core::routes::message_templates::DEFAULT_TEMPLATES;
use serde_json::{Value, json};

const SEED: &str = "/v1/tenants/t1/message-templates/seed-defaults";

async fn templates(api: &Api, tenant: &str) -> Vec<Value> {
    let r = api.get(&format!("/v1/tenants/{tenant}/message-templates"), &viewer(tenant)).await;
    expect(&r, 200);
    r.json().as_array().expect("array").clone()
}

#[tokio::test]
async fn seeding_twice_gives_the_three_defaults_once() {
    let api = Api::start().await;
    let mine = api
        .post(
            "/v1/tenants/t1/message-templates",
            &owner("t1"),
            json!({"type": "price_result", "name": "Mine", "content": "{{oem}}", "order": 5}),
        )
        .await;
    expect(&mine, 201);
    for _ in 0..2 {
        expect(&api.call("POST", SEED, Some(&operator("t1")), None).await, 204);
    }
    let rows = templates(&api, "t1").await;
    assert_eq!(rows.len(), 4, "three defaults once, and the tenant's own template");
    for t in DEFAULT_TEMPLATES {
        let seeded: Vec<&Value> = rows.iter().filter(|r| r["type"] == t.kind && r["name"] == t.name).collect();
        assert_eq!(seeded.len(), 1, "{}", t.kind);
        assert_eq!((seeded[0]["order"].as_i64(), seeded[0]["isActive"].clone()), (Some(t.order as i64), json!(true)));
        assert_eq!(seeded[0]["content"], t.content);
    }
    assert!(rows.iter().any(|r| r["name"] == "Mine"), "the tenant's own templates are untouched");
    assert!(templates(&api, "t2").await.is_empty(), "another tenant gets nothing");

    // A default the tenant deleted comes back; the others stay single.
    let not_found = rows.iter().find(|r| r["type"] == "not_found").expect("seeded");
    let id = not_found["id"].as_str().expect("id");
    expect(&api.call("DELETE", &format!("/v1/tenants/t1/message-templates/{id}"), Some(&owner("t1")), None).await, 204);
    expect(&api.call("POST", SEED, Some(&owner("t1")), None).await, 204);
    assert_eq!(templates(&api, "t1").await.len(), 4);
    // The seeded ids are the tenant's own: t2's seed makes other rows.
    expect(&api.call("POST", "/v1/tenants/t2/message-templates/seed-defaults", Some(&owner("t2")), None).await, 204);
    assert_eq!(api.count("SELECT count(*) FROM message_templates").await, 7);
    expect(&api.call("POST", SEED, Some(&viewer("t1")), None).await, 403);
}

#[tokio::test]
async fn concurrent_seeds_insert_the_defaults_once() {
    let api = std::sync::Arc::new(Api::start().await);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let api = api.clone();
        tasks.push(tokio::spawn(async move { api.call("POST", SEED, Some(&owner("t1")), None).await }));
    }
    for t in tasks {
        expect(&t.await.expect("task"), 204);
    }
    assert_eq!(api.count("SELECT count(*) FROM message_templates WHERE tenant_id = 't1'").await, 3);
}

#[tokio::test]
async fn templates_are_ordered_and_the_active_one_of_a_type_is_the_lowest_order() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/message-templates";
    let mut ids = Vec::new();
    for (name, kind, order, active) in [
        ("b", "price_result", 2, true),
        ("a", "price_result", 1, false),
        ("c", "price_result", 3, true),
        ("d", "tag_request", 0, true),
    ] {
        let body = json!({"type": kind, "name": name, "content": "x", "order": order, "isActive": active});
        let r = api.post(path, &operator("t1"), body).await;
        expect(&r, 201);
        ids.push(r.json()["id"].as_str().expect("id").to_string());
    }
    let names: Vec<String> =
        templates(&api, "t1").await.iter().map(|r| r["name"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(names, ["d", "a", "b", "c"], "ORDER BY \"order\", created_at");
    let r = api.get("/v1/tenants/t1/message-templates/active/price_result", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["name"], "b", "the lowest order among the active ones");
    expect(&api.get("/v1/tenants/t1/message-templates/active/not_found", &viewer("t1")).await, 404);
    expect(&api.get("/v1/tenants/t2/message-templates/active/price_result", &viewer("t2")).await, 404);
    expect(&api.get("/v1/tenants/t1/message-templates/active/nope", &viewer("t1")).await, 400);

    // updateMessageTemplate refreshes updated_at (storage-api §31); another tenant's id is a 404.
    api.sql
        .execute("UPDATE message_templates SET updated_at = '2020-01-01' WHERE id = $1", &[&ids[0]])
        .await
        .expect("age");
    let r = api.patch(&format!("{path}/{}", ids[0]), &operator("t1"), json!({"isActive": false})).await;
    expect(&r, 200);
    assert!(r.json()["updatedAt"].as_str().is_some_and(|t| !t.starts_with("2020")));
    let r = api.get("/v1/tenants/t1/message-templates/active/price_result", &viewer("t1")).await;
    assert_eq!(r.json()["name"], "c");
    expect(
        &api.patch(&format!("/v1/tenants/t2/message-templates/{}", ids[0]), &owner("t2"), json!({"name": "x"})).await,
        404,
    );
}
