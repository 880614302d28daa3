//! §33 Tenant agent settings: the upsert writes every given field, the mileage tiers too (issue
//! 10: the old conflict clause left them out and silently dropped later edits).

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn the_upsert_writes_the_mileage_tiers_and_keeps_absent_fields() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/agent-settings";
    expect(&api.get(path, &viewer("t1")).await, 404);
    let first = json!({"companyName": "Коробки", "warrantyMonths": 6, "mileageLow": 50000, "mileageMid": 90000, "mileageHigh": 150000});
    let r = api.call("PUT", path, Some(&owner("t1")), Some(first)).await;
    expect(&r, 200);
    assert_eq!(r.json()["customFacts"], json!({}), "the column default");
    let id = r.json()["id"].clone();

    api.sql
        .execute("UPDATE tenant_agent_settings SET updated_at = '2020-01-01' WHERE tenant_id = 't1'", &[])
        .await
        .expect("age");
    let later =
        json!({"mileageLow": 40000, "mileageMid": 80000, "mileageHigh": null, "customFacts": {"delivery": "1 day"}});
    let r = api.call("PUT", path, Some(&owner("t1")), Some(later)).await;
    expect(&r, 200);
    let row = r.json();
    assert_eq!(
        (row["mileageLow"].clone(), row["mileageMid"].clone()),
        (json!(40000), json!(80000)),
        "the tiers are written"
    );
    assert_eq!(row["mileageHigh"], serde_json::Value::Null);
    assert_eq!(
        (row["companyName"].clone(), row["warrantyMonths"].clone()),
        (json!("Коробки"), json!(6)),
        "absent: unchanged"
    );
    assert_eq!((row["id"].clone(), row["customFacts"]["delivery"].clone()), (id, json!("1 day")), "the same row");
    assert!(row["updatedAt"].as_str().is_some_and(|t| !t.starts_with("2020")), "updated_at = now");
    assert_eq!(api.get(path, &viewer("t1")).await.json(), row);
    assert_eq!(api.count("SELECT count(*) FROM tenant_agent_settings").await, 1);

    expect(&api.call("PUT", path, Some(&operator("t1")), Some(json!({"warrantyKm": 1}))).await, 403);
    let r = api.call("PUT", path, Some(&owner("t1")), Some(json!({"qrDiscountPercent": 101}))).await;
    assert_eq!(details(&r), [("/qrDiscountPercent".into(), "out_of_range".into())]);
    expect(&api.get("/v1/tenants/t2/agent-settings", &owner("t2")).await, 404);
}
