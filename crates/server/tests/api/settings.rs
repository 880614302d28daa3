//! §22 Per-tenant settings: the upserts (plain `put`) write exactly the fields given and leave
//! the others unchanged, refresh `updatedAt`, are race-free, and touch only the path's tenant;
//! getHumanDelaySettings answers the column defaults, not stored, when the tenant has none.

use crate::common::*;
use serde_json::{Value, json};

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

/// Ages a settings row so a refreshed `updated_at` is visible.
async fn age(api: &Api, table: &str, tenant: &str) {
    let sql = format!("UPDATE {table} SET updated_at = '2020-01-01' WHERE tenant_id = $1");
    api.sql.execute(&sql, &[&tenant]).await.expect("age the row");
}

#[tokio::test]
async fn decision_settings_upsert_writes_the_given_fields_and_keeps_the_others() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/decision-settings";
    expect(&api.get(path, &viewer("t1")).await, 404);
    let token = owner("t1");
    let put = |body: Value| api.call("PUT", path, Some(&token), Some(body));
    let r = put(json!({"tAuto": 0.9})).await;
    expect(&r, 200);
    let row = r.json();
    assert_eq!(row["tenantId"], "t1");
    assert!((num(&row["tAuto"]) - 0.9).abs() < 1e-6);
    assert!((num(&row["tEscalate"]) - 0.4).abs() < 1e-6, "the column default on insert");
    assert_eq!(row["autosendAllowed"], false);
    assert_eq!(row["intentsAutosendAllowed"], json!(["price", "availability", "shipping", "other"]));
    assert_eq!(row["intentsForceHandoff"], json!(["discount", "complaint"]));

    age(&api, "decision_settings", "t1").await;
    let r = put(json!({"autosendAllowed": true, "intentsForceHandoff": null})).await;
    expect(&r, 200);
    let row = r.json();
    assert!((num(&row["tAuto"]) - 0.9).abs() < 1e-6, "absent fields are left unchanged");
    assert_eq!((row["autosendAllowed"].clone(), row["intentsForceHandoff"].clone()), (json!(true), Value::Null));
    assert!(row["updatedAt"].as_str().is_some_and(|t| !t.starts_with("2020")), "updatedAt is refreshed: {row}");
    assert_eq!(api.get(path, &viewer("t1")).await.json(), row, "the read answers the stored row");

    // Settings are for owner and admin; the path's tenant only; the body cannot name a tenant.
    expect(&api.call("PUT", path, Some(&operator("t1")), Some(json!({"tAuto": 0.1}))).await, 403);
    let r = api.call("PUT", path, Some(&owner("t1")), Some(json!({"tenantId": "t2", "tAuto": 0.1}))).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/tenantId".into(), "read_only".into())]);
    expect(&api.get("/v1/tenants/t2/decision-settings", &owner("t2")).await, 404);
    assert_eq!(api.count("SELECT count(*) FROM decision_settings").await, 1);
}

/// Five first writes of five different fields, at once: one row holding all five (the old
/// read-then-write raced to a unique violation or lost fields).
#[tokio::test]
async fn concurrent_first_upserts_make_one_row_with_every_field() {
    let api = std::sync::Arc::new(Api::start().await);
    let bodies = [
        json!({"tAuto": 0.95}),
        json!({"tEscalate": 0.15}),
        json!({"autosendAllowed": true}),
        json!({"intentsAutosendAllowed": ["price"]}),
        json!({"intentsForceHandoff": ["complaint"]}),
    ];
    let mut tasks = Vec::new();
    for body in bodies {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            api.call("PUT", "/v1/tenants/t1/decision-settings", Some(&owner("t1")), Some(body)).await
        }));
    }
    for t in tasks {
        expect(&t.await.expect("task"), 200);
    }
    let row = api.get("/v1/tenants/t1/decision-settings", &owner("t1")).await.json();
    assert!((num(&row["tAuto"]) - 0.95).abs() < 1e-6 && (num(&row["tEscalate"]) - 0.15).abs() < 1e-6, "{row}");
    assert_eq!(row["autosendAllowed"], true);
    assert_eq!(
        (row["intentsAutosendAllowed"].clone(), row["intentsForceHandoff"].clone()),
        (json!(["price"]), json!(["complaint"]))
    );
    assert_eq!(api.count("SELECT count(*) FROM decision_settings").await, 1);
}

#[tokio::test]
async fn human_delay_settings_default_to_the_column_defaults_without_storing_them() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/human-delay-settings";
    let r = api.get(path, &viewer("t1")).await;
    expect(&r, 200);
    let synthesized = r.json();
    assert_eq!(synthesized["tenantId"], "t1");
    assert_eq!(synthesized["enabled"], false);
    assert_eq!(synthesized["nightMode"], "DELAY");
    assert!((num(&synthesized["nightDelayMultiplier"]) - 3.0).abs() < 1e-6);
    assert_eq!(synthesized["nightAutoReplyText"], "Спасибо за сообщение! Мы ответим в рабочее время.");
    assert_eq!((num(&synthesized["minDelayMs"]), num(&synthesized["maxDelayMs"])), (3000.0, 120000.0));
    assert_eq!(synthesized["typingIndicatorEnabled"], true);
    assert_eq!(
        synthesized["delayProfiles"],
        json!({
            "SHORT": {"baseMin": 2000, "baseMax": 4000, "typingSpeed": 40, "jitter": 500},
            "MEDIUM": {"baseMin": 4000, "baseMax": 8000, "typingSpeed": 35, "jitter": 1000},
            "LONG": {"baseMin": 8000, "baseMax": 15000, "typingSpeed": 30, "jitter": 2000},
        }),
        "DEFAULT_DELAY_PROFILES (schema.md §4.8)"
    );
    let updated = synthesized["updatedAt"].as_str().expect("updatedAt").to_string();
    let sql = "SELECT extract(epoch FROM (now() AT TIME ZONE 'UTC') - $1::text::timestamp)::float8";
    let seconds: f64 = api.sql.query_one(sql, &[&updated]).await.expect("age").get(0);
    assert!(seconds.abs() < 60.0, "updatedAt is now: {updated}");
    assert_eq!(api.count("SELECT count(*) FROM human_delay_settings").await, 0, "the default is not stored");

    // The synthesized row is the row the database's own defaults make.
    api.sql.batch_execute("INSERT INTO human_delay_settings (tenant_id) VALUES ('t2')").await.expect("t2 row");
    let stored = api.get("/v1/tenants/t2/human-delay-settings", &viewer("t2")).await.json();
    let without = |mut v: Value| {
        let o = v.as_object_mut().expect("object");
        o.remove("tenantId");
        o.remove("updatedAt");
        v
    };
    assert_eq!(without(synthesized.clone()), without(stored), "the model's defaults are the migration's");

    // Upserts: the given fields on top of the defaults, then only the given fields.
    let r = api.call("PUT", path, Some(&owner("t1")), Some(json!({"enabled": true, "minDelayMs": 1000}))).await;
    expect(&r, 200);
    assert_eq!((r.json()["enabled"].clone(), r.json()["maxDelayMs"].clone()), (json!(true), json!(120000)));
    age(&api, "human_delay_settings", "t1").await;
    let r =
        api.call("PUT", path, Some(&owner("t1")), Some(json!({"maxDelayMs": 5000, "nightMode": "AUTO_REPLY"}))).await;
    expect(&r, 200);
    let row = r.json();
    assert_eq!((row["enabled"].clone(), row["minDelayMs"].clone()), (json!(true), json!(1000)), "kept");
    assert_eq!((row["maxDelayMs"].clone(), row["nightMode"].clone()), (json!(5000), json!("AUTO_REPLY")));
    assert!(row["updatedAt"].as_str().is_some_and(|t| !t.starts_with("2020")), "updatedAt is refreshed");
    assert_eq!(api.get(path, &viewer("t1")).await.json(), row, "the stored row, no longer the default");
    let r = api.call("PUT", path, Some(&owner("t1")), Some(json!({"nightMode": "NEVER"}))).await;
    assert_eq!(details(&r), [("/nightMode".into(), "not_allowed".into())]);
}

#[tokio::test]
async fn onboarding_state_upsert_keeps_what_it_is_not_given() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/onboarding-state";
    expect(&api.get(path, &owner("t1")).await, 404);
    let r = api
        .call("PUT", path, Some(&owner("t1")), Some(json!({"status": "IN_PROGRESS", "completedSteps": ["BUSINESS"]})))
        .await;
    expect(&r, 200);
    assert_eq!((r.json()["currentStep"].clone(), r.json()["answers"].clone()), (json!("BUSINESS"), json!({})));
    age(&api, "onboarding_state", "t1").await;
    let r = api
        .call(
            "PUT",
            path,
            Some(&owner("t1")),
            Some(json!({"currentStep": "CHANNELS", "answers": {"BUSINESS": {"name": "X"}}})),
        )
        .await;
    expect(&r, 200);
    let row = r.json();
    assert_eq!((row["status"].clone(), row["completedSteps"].clone()), (json!("IN_PROGRESS"), json!(["BUSINESS"])));
    assert_eq!(
        (row["currentStep"].clone(), row["answers"]["BUSINESS"]["name"].clone()),
        (json!("CHANNELS"), json!("X"))
    );
    assert!(row["updatedAt"].as_str().is_some_and(|t| !t.starts_with("2020")), "updated_at = now (storage-api §22)");
    let r = api.call("PUT", path, Some(&owner("t1")), Some(json!({"completedSteps": ["NOPE"]}))).await;
    assert_eq!(details(&r), [("/completedSteps/0".into(), "not_allowed".into())]);
    expect(&api.get("/v1/tenants/t2/onboarding-state", &owner("t2")).await, 404);
}
