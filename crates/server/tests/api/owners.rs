//! Owners of rows: getRowOwner answers the tenant of a row of a tenant-owned table (directly
//! owned, or through its parents), for the `service` identity only.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::json;

fn service() -> String {
    server::token(None, Role::Service)
}

#[tokio::test]
async fn the_owner_of_a_row_is_its_tenant_also_through_its_parents() {
    let api = Api::start().await;
    let c1 = customer(&api, "t1", "o-1").await;
    let c2 = customer(&api, "t2", "o-2").await;
    let conv2 = conversation(&api, "t2", &c2).await;
    let r = api
        .post(
            &format!("/v1/tenants/t2/conversations/{conv2}/messages"),
            &owner("t2"),
            json!({"role": "customer", "content": "hi"}),
        )
        .await;
    expect(&r, 201);
    let message = r.json()["id"].as_str().expect("id").to_string();
    let r = api
        .post(
            &format!("/v1/tenants/t2/conversations/{conv2}/ai-suggestions"),
            &owner("t2"),
            json!({"suggestedReply": "hello"}),
        )
        .await;
    expect(&r, 201);
    let suggestion = r.json()["id"].as_str().expect("id").to_string();
    let r = api
        .post(
            &format!("/v1/tenants/t2/ai-suggestions/{suggestion}/human-actions"),
            &owner("t2"),
            json!({"action": "approve"}),
        )
        .await;
    expect(&r, 201);
    let action = r.json()["id"].as_str().expect("id").to_string();

    for (table, id, tenant) in [
        ("customers", &c1, "t1"),
        ("customers", &c2, "t2"),
        ("conversations", &conv2, "t2"),
        ("messages", &message, "t2"),
        ("human_actions", &action, "t2"),
    ] {
        let r = api.get(&format!("/v1/service/owners?table={table}&id={id}"), &service()).await;
        expect(&r, 200);
        assert_eq!(r.json(), json!({"tenantId": tenant}), "{table} {id}");
    }

    // No such row, or a row of another table: 404; the table must be a tenant-owned one.
    expect(&api.get("/v1/service/owners?table=customers&id=nobody", &service()).await, 404);
    expect(&api.get(&format!("/v1/service/owners?table=products&id={c1}"), &service()).await, 404);
    for table in ["users", "plans", "tenants", "customers;drop", "price_snapshots"] {
        let r = api.get(&format!("/v1/service/owners?table={table}&id={c1}"), &service()).await;
        assert_eq!((r.status, code(&r)), (400, "invalid_parameter".to_string()), "{table}: {}", r.text());
    }

    // The old trust model is for the trusted backend alone: tenants and staff are refused.
    for token in [owner("t1"), platform(), server::token(None, Role::PlatformOwner)] {
        let r = api.get(&format!("/v1/service/owners?table=customers&id={c1}"), &token).await;
        expect(&r, 403);
    }
}
