//! §1 Tenants.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn tenants() {
    let api = Api::start().await;
    let created = api.post("/v1/tenants", &platform(), json!({"name": "Third", "tone": "friendly"})).await;
    expect(&created, 201);
    let id = created.json()["id"].as_str().expect("id").to_string();
    assert_eq!(created.json()["language"], "ru", "defaults apply");
    assert_eq!(created.json()["workingDays"], json!(["mon", "tue", "wed", "thu", "fri"]));
    expect(&api.post("/v1/tenants", &owner("t1"), json!({"name": "x"})).await, 403);

    let r = api.get(&format!("/v1/tenants/{id}"), &owner(&id)).await;
    expect(&r, 200);
    assert_eq!(r.json()["name"], "Third");
    assert!(r.json()["createdAt"].as_str().is_some_and(|t| t.ends_with('Z')));

    let r = api.patch("/v1/tenants/t1", &owner("t1"), json!({"name": "Renamed", "maxDiscountPercent": 15})).await;
    expect(&r, 200);
    assert_eq!((r.json()["name"].clone(), r.json()["maxDiscountPercent"].clone()), (json!("Renamed"), json!(15)));

    let r = api.patch("/v1/tenants/t1", &owner("t1"), json!({"tone": "rude", "workingHoursStart": "9am"})).await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [("/tone".into(), "not_allowed".into()), ("/workingHoursStart".into(), "invalid_format".into())]
    );
    let r = api.patch("/v1/tenants/t1", &owner("t1"), json!({"nmae": "typo", "status": "active"})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/nmae".into(), "unknown_field".into()), ("/status".into(), "read_only".into())]);

    expect(&api.get("/v1/tenants/t2", &owner("t1")).await, 403);
    expect(&api.patch("/v1/tenants/t1", &viewer("t1"), json!({"name": "x"})).await, 403);
    expect(&api.patch("/v1/tenants/t1", &operator("t1"), json!({"name": "x"})).await, 403);
    assert_eq!(api.count("SELECT count(*) FROM tenants WHERE name = 'x'").await, 0);

    let r = api.get("/v1/tenants/t1/templates", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json().as_object().map(|o| o.len()), Some(5));
    api.patch("/v1/tenants/t1", &owner("t1"), json!({"templates": {"gearboxNoVin": "VIN please"}})).await;
    let r = api.get("/v1/tenants/t1/templates", &owner("t1")).await;
    assert_eq!(r.json()["gearboxNoVin"], "VIN please");

    let r = api.get("/v1/platform/default-tenant", &platform()).await;
    expect(&r, 200);
    expect(&api.get("/v1/platform/default-tenant", &owner("t1")).await, 403);
}
