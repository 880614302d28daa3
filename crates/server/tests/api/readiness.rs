//! §23 Readiness reports: stored as given; the latest is the newest by created_at, of the
//! tenant only.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn the_latest_readiness_report_is_the_tenants_newest() {
    let api = Api::start().await;
    let latest = "/v1/tenants/t1/readiness-reports/latest";
    expect(&api.get(latest, &viewer("t1")).await, 404);
    let checks = json!([{"code": "PRODUCTS_PRESENT", "status": "PASS", "message": "ok", "weight": 20}]);
    for (score, at) in [(40, "2026-01-02"), (90, "2026-01-03"), (10, "2026-01-01")] {
        let body = json!({"score": score, "checks": checks, "recommendations": ["add products"]});
        let r = api.post("/v1/tenants/t1/readiness-reports", &operator("t1"), body).await;
        expect(&r, 201);
        assert_eq!((r.json()["checks"].clone(), r.json()["tenantId"].clone()), (checks.clone(), json!("t1")));
        let id = r.json()["id"].as_str().expect("id").to_string();
        api.sql
            .execute("UPDATE readiness_reports SET created_at = $1::text::timestamp WHERE id = $2", &[&at, &id])
            .await
            .expect("age");
    }
    let r = api.post("/v1/tenants/t2/readiness-reports", &operator("t2"), json!({"score": 100})).await;
    expect(&r, 201);
    let r = api.get(latest, &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["score"], 90, "the newest of t1, not t2's later one");
    let r = api.post("/v1/tenants/t1/readiness-reports", &operator("t1"), json!({"score": 101})).await;
    assert_eq!(details(&r), [("/score".into(), "out_of_range".into())]);
}
