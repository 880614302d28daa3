//! §20 Response templates: plain declarations; the list is the tenant's, oldest first (the old
//! query had no order).

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn templates_are_the_tenants_oldest_first() {
    let api = Api::start().await;
    for (tenant, name) in [("t1", "greeting"), ("t2", "theirs"), ("t1", "farewell")] {
        let body = json!({"name": name, "content": format!("{name} text"), "triggers": ["привет"]});
        let r = api.post(&format!("/v1/tenants/{tenant}/response-templates"), &operator(tenant), body).await;
        expect(&r, 201);
        assert_eq!(
            (r.json()["isActive"].as_bool(), r.json()["usageCount"].as_i64()),
            (Some(true), Some(0)),
            "defaults"
        );
    }
    let r = api.get("/v1/tenants/t1/response-templates", &viewer("t1")).await;
    expect(&r, 200);
    let names: Vec<String> = r
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|t| t["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names, ["greeting", "farewell"]);
    expect(
        &api.post("/v1/tenants/t1/response-templates", &viewer("t1"), json!({"name": "x", "content": "y"})).await,
        403,
    );
}
