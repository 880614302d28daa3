//! §29 Price snapshots and internal prices: global snapshots (tenant NULL) written by `service`;
//! a tenant reads its own and the global ones, never another tenant's (the old
//! getLatestPriceSnapshot read any tenant's); searchKey defaults to oem; the internal-price
//! upsert's key, where a NULL condition or supplier never matches.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::{Value, json};

fn service() -> String {
    server::token(None, Role::Service)
}

fn snapshot(oem: &str, avg: i64) -> Value {
    json!({"oem": oem, "source": "openai_web_search", "minPrice": avg - 100, "maxPrice": avg + 100, "avgPrice": avg})
}

async fn tenant_snapshot(api: &Api, tenant: &str, body: Value) -> Value {
    let r = api.post(&format!("/v1/tenants/{tenant}/price-snapshots"), &service(), body).await;
    expect(&r, 201);
    r.json()
}

async fn global_snapshot(api: &Api, body: Value) -> Value {
    let r = api.post("/v1/service/price-snapshots", &service(), body).await;
    expect(&r, 201);
    r.json()
}

/// Makes the snapshot `row` `interval` old.
async fn age(api: &Api, row: &Value, interval: &str) {
    let sql = format!("UPDATE price_snapshots SET created_at = now() - interval '{interval}' WHERE id = $1");
    api.sql.execute(&sql, &[&row["id"].as_str().expect("id")]).await.expect("sql");
}

#[tokio::test]
async fn snapshots_default_their_search_key_and_global_ones_have_no_tenant() {
    let api = Api::start().await;
    let mine = tenant_snapshot(&api, "t1", snapshot("31020-3VX2D", 50_000)).await;
    assert_eq!((mine["tenantId"].as_str(), mine["searchKey"].as_str()), (Some("t1"), Some("31020-3VX2D")));
    let keyed =
        tenant_snapshot(&api, "t1", json!({"oem": "JF011E", "source": "avito", "searchKey": "jatco jf011e"})).await;
    assert_eq!(keyed["searchKey"], "jatco jf011e", "a given searchKey is kept");
    let global = global_snapshot(&api, snapshot("31020-3VX2D", 48_000)).await;
    assert!(global["tenantId"].is_null(), "{global}");
    assert_eq!(global["searchKey"], "31020-3VX2D");
    let r = api.post("/v1/service/price-snapshots", &platform(), snapshot("X", 1)).await;
    expect(&r, 403);
    let r = api
        .post("/v1/tenants/t1/price-snapshots", &operator("t1"), json!({"oem": "X", "source": "web", "tenantId": "t2"}))
        .await;
    assert_eq!(details(&r), [("/tenantId".into(), "read_only".into())], "the tenant is the path's");
}

#[tokio::test]
async fn a_tenant_reads_its_own_and_global_snapshots_never_another_tenants() {
    let api = Api::start().await;
    let latest = |tenant: &str, oem: &str| format!("/v1/tenants/{tenant}/price-snapshots/latest?oem={oem}");
    let global = global_snapshot(&api, snapshot("A1", 1000)).await;
    let mine = tenant_snapshot(&api, "t1", snapshot("A1", 2000)).await;
    let theirs = tenant_snapshot(&api, "t2", snapshot("A1", 3000)).await;
    // t2's is the newest, and the old getLatestPriceSnapshot would have answered it to t1.
    let r = api.get(&latest("t1", "A1"), &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], mine["id"]);
    assert_eq!(api.get(&latest("t2", "A1"), &viewer("t2")).await.json()["id"], theirs["id"]);
    // The global read sees the global entries only.
    let r = api.get("/v1/platform/price-snapshots/global?oem=A1", &service()).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], global["id"]);
    expect(&api.get("/v1/platform/price-snapshots/global?oem=B2", &service()).await, 404);
    expect(&api.get("/v1/platform/price-snapshots/global?oem=A1", &owner("t1")).await, 403);

    age(&api, &mine, "8 days").await;
    assert_eq!(api.get(&latest("t1", "A1"), &viewer("t1")).await.json()["id"], global["id"], "older than 7 days");
    age(&api, &global, "9 days").await;
    expect(&api.get(&latest("t1", "A1"), &viewer("t1")).await, 404);
    expect(&api.get("/v1/platform/price-snapshots/global?oem=A1", &service()).await, 404);
    let r = api.get(&format!("{}&maxAgeDays=10", latest("t1", "A1")), &viewer("t1")).await;
    assert_eq!(r.json()["id"], mine["id"], "maxAgeDays");
    // expiresAt decides over the age when set.
    let expired =
        tenant_snapshot(&api, "t1", json!({"oem": "A1", "source": "web", "expiresAt": "2001-01-01T00:00:00.000Z"}))
            .await;
    let lasting =
        tenant_snapshot(&api, "t1", json!({"oem": "B2", "source": "web", "expiresAt": "2099-01-01T00:00:00.000Z"}))
            .await;
    age(&api, &lasting, "30 days").await;
    expect(&api.get(&latest("t1", "A1"), &viewer("t1")).await, 404);
    assert_eq!(api.get(&latest("t1", "B2"), &viewer("t1")).await.json()["id"], lasting["id"]);
    expect(&api.get(&latest("t1", "C3"), &viewer("t1")).await, 404);

    // The list by OEM: the tenant's and the global ones, newest first.
    let r = api.get("/v1/tenants/t1/price-snapshots?oem=A1", &viewer("t1")).await;
    expect(&r, 200);
    let listed = r.json();
    let ids: Vec<&Value> = listed.as_array().expect("array").iter().map(|s| &s["id"]).collect();
    assert_eq!(ids, [&expired["id"], &mine["id"], &global["id"]], "no t2 row: {}", r.text());
}

#[tokio::test]
async fn snapshots_by_oem_come_fifty_at_a_time() {
    let api = Api::start().await;
    api.sql
        .batch_execute(
            "INSERT INTO price_snapshots (tenant_id, oem, source, created_at)
             SELECT 't1', 'P1', 'web', now() - n * interval '1 minute' FROM generate_series(1, 55) n",
        )
        .await
        .expect("snapshots");
    let r = api.get("/v1/tenants/t1/price-snapshots?oem=P1", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json().as_array().map(Vec::len), Some(50), "storage-api §29: limit 50");
    let cursor = r.header("x-next-cursor").expect("a next page").to_string();
    let rest = api.get(&format!("/v1/tenants/t1/price-snapshots?oem=P1&after={cursor}"), &viewer("t1")).await;
    assert_eq!(rest.json().as_array().map(Vec::len), Some(5));
}

#[tokio::test]
async fn the_internal_price_upsert_matches_on_oem_condition_and_supplier_but_never_on_null() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/internal-prices";
    let put = |body: Value| {
        let token = operator("t1");
        let api = &api;
        async move {
            let r = api.post(path, &token, body).await;
            expect(&r, 201);
            r.json()
        }
    };
    let first = put(json!({"oem": "A1", "price": 1000, "currency": "USD", "condition": "used", "supplier": "S"})).await;
    let second = put(json!({"oem": "A1", "price": 1200, "condition": "used", "supplier": "S"})).await;
    assert_eq!(second["id"], first["id"], "the row of (tenant, oem, condition, supplier)");
    assert_eq!((second["price"].as_i64(), second["currency"].as_str()), (Some(1200), Some("RUB")), "currency ?? RUB");
    assert_ne!(second["updatedAt"], first["updatedAt"]);
    let new = put(json!({"oem": "A1", "price": 900, "condition": "new", "supplier": "S"})).await;
    assert_ne!(new["id"], first["id"]);
    // schema.md §8.4: NULL condition or supplier never conflicts, so each is a new row.
    let a = put(json!({"oem": "A1", "price": 800, "supplier": "S"})).await;
    let b = put(json!({"oem": "A1", "price": 800, "supplier": "S"})).await;
    assert_ne!(a["id"], b["id"]);
    assert_eq!(api.count("SELECT count(*) FROM internal_prices").await, 4);
    let r = api.post("/v1/tenants/t2/internal-prices", &owner("t2"), json!({"oem": "A1", "price": 1})).await;
    expect(&r, 201);

    let r = api.get("/v1/tenants/t1/internal-prices?oem=A1", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json().as_array().map(Vec::len), Some(4), "the tenant's only: {}", r.text());
    let r = api.get("/v1/tenants/t1/internal-prices?oem=B2", &viewer("t1")).await;
    assert_eq!(r.json().as_array().map(Vec::len), Some(0));
    let r = api.post(path, &viewer("t1"), json!({"oem": "A1", "price": 1})).await;
    expect(&r, 403);
}
