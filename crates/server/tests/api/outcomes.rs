//! §24 CSAT ratings, conversions, lost deals: one rating and one conversion per conversation
//! (a second is a 409 naming /conversationId, also when two race), lost deals any number; the
//! conversation must be the tenant's, and the by-conversation reads are scoped to the tenant.

use crate::common::*;
use serde_json::json;

/// A conversation of `tenant` (with its own customer).
async fn conv(api: &Api, tenant: &str, n: &str) -> String {
    let c = customer(api, tenant, n).await;
    conversation(api, tenant, &c).await
}

#[tokio::test]
async fn a_second_csat_rating_or_conversion_for_one_conversation_is_a_409_naming_the_field() {
    let api = Api::start().await;
    let c = conv(&api, "t1", "1").await;
    let r = api.post("/v1/tenants/t1/csat-ratings", &operator("t1"), json!({"conversationId": c, "rating": 5})).await;
    expect(&r, 201);
    assert_eq!((r.json()["tenantId"].as_str(), r.json()["rating"].as_i64()), (Some("t1"), Some(5)));
    let again =
        api.post("/v1/tenants/t1/csat-ratings", &operator("t1"), json!({"conversationId": c, "rating": 1})).await;
    expect(&again, 409);
    assert_eq!(code(&again), "conflict");
    assert_eq!(details(&again), [("/conversationId".into(), "conflict".into())]);
    assert_eq!(api.count("SELECT count(*) FROM csat_ratings").await, 1);
    let r = api.get(&format!("/v1/tenants/t1/conversations/{c}/csat-rating"), &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["rating"], 5, "the first rating stays");

    // storage-api §24: currency RUB unless given.
    let r =
        api.post("/v1/tenants/t1/conversions", &operator("t1"), json!({"conversationId": c, "amount": 1500.5})).await;
    expect(&r, 201);
    assert_eq!(r.json()["currency"], "RUB");
    let again = api
        .post(
            "/v1/tenants/t1/conversions",
            &operator("t1"),
            json!({"conversationId": c, "amount": 10, "currency": "USD"}),
        )
        .await;
    expect(&again, 409);
    assert_eq!(details(&again), [("/conversationId".into(), "conflict".into())]);
    assert_eq!(api.count("SELECT count(*) FROM conversions").await, 1);
    let other = conv(&api, "t1", "2").await;
    let r = api
        .post(
            "/v1/tenants/t1/conversions",
            &operator("t1"),
            json!({"conversationId": other, "amount": 10, "currency": "USD"}),
        )
        .await;
    expect(&r, 201);
    assert_eq!(r.json()["currency"], "USD");
    let c_conversion = api.get(&format!("/v1/tenants/t1/conversations/{c}/conversion"), &viewer("t1")).await;
    assert_eq!(c_conversion.json()["currency"], "RUB");

    // The rules of schema.md §13.
    let r =
        api.post("/v1/tenants/t1/csat-ratings", &operator("t1"), json!({"conversationId": other, "rating": 6})).await;
    assert_eq!(details(&r), [("/rating".into(), "out_of_range".into())]);
    let r =
        api.post("/v1/tenants/t1/conversions", &operator("t1"), json!({"conversationId": other, "amount": 0})).await;
    assert_eq!(details(&r), [("/amount".into(), "out_of_range".into())]);
}

#[tokio::test]
async fn two_racing_ratings_of_one_conversation_make_one_row_and_one_409() {
    let api = std::sync::Arc::new(Api::start().await);
    let c = conv(&api, "t1", "1").await;
    let mut tasks = Vec::new();
    for rating in [2, 4] {
        let (api, c) = (api.clone(), c.clone());
        tasks.push(tokio::spawn(async move {
            api.post("/v1/tenants/t1/csat-ratings", &operator("t1"), json!({"conversationId": c, "rating": rating}))
                .await
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let r = t.await.expect("task");
        if r.status == 409 {
            assert_eq!(details(&r), [("/conversationId".into(), "conflict".into())]);
        }
        statuses.push(r.status);
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409]);
    assert_eq!(api.count("SELECT count(*) FROM csat_ratings").await, 1);
}

#[tokio::test]
async fn outcomes_name_only_the_tenants_conversations_and_read_in_their_order() {
    let api = Api::start().await;
    let (c1, c2) = (conv(&api, "t1", "1").await, conv(&api, "t1", "2").await);
    let theirs = conv(&api, "t2", "1").await;
    for (path, body) in [
        ("csat-ratings", json!({"conversationId": theirs, "rating": 3})),
        ("conversions", json!({"conversationId": theirs, "amount": 5})),
        ("lost-deals", json!({"conversationId": theirs, "reason": "OTHER"})),
    ] {
        let r = api.post(&format!("/v1/tenants/t1/{path}"), &operator("t1"), body).await;
        expect(&r, 422);
        assert_eq!(details(&r), [("/conversationId".into(), "not_found".into())], "{path}");
    }
    let r =
        api.post("/v1/tenants/t2/csat-ratings", &operator("t2"), json!({"conversationId": theirs, "rating": 4})).await;
    expect(&r, 201);
    for what in ["csat-rating", "conversion", "lost-deal"] {
        let r = api.get(&format!("/v1/tenants/t1/conversations/{theirs}/{what}"), &owner("t1")).await;
        expect(&r, 404);
    }

    // Lost deals: several per conversation; the by-conversation read is the oldest (the old
    // "first match" had no order), the list newest first.
    for (reason, at) in [("PRICE_TOO_HIGH", "2026-01-02"), ("NO_STOCK", "2026-01-01"), ("AI_ERROR", "2026-01-03")] {
        let r = api
            .post("/v1/tenants/t1/lost-deals", &operator("t1"), json!({"conversationId": c1, "reason": reason}))
            .await;
        expect(&r, 201);
        assert_eq!(r.json()["detectedAutomatically"], true, "the column default");
        let id = r.json()["id"].as_str().expect("id").to_string();
        api.sql
            .execute("UPDATE lost_deals SET created_at = $1::text::timestamp WHERE id = $2", &[&at, &id])
            .await
            .expect("age");
    }
    let r = api.get(&format!("/v1/tenants/t1/conversations/{c1}/lost-deal"), &viewer("t1")).await;
    assert_eq!(r.json()["reason"], "NO_STOCK");
    let r = api.get("/v1/tenants/t1/lost-deals", &viewer("t1")).await;
    let deals = r.json();
    let reasons: Vec<&str> = deals.as_array().expect("array").iter().filter_map(|d| d["reason"].as_str()).collect();
    assert_eq!(reasons, ["AI_ERROR", "PRICE_TOO_HIGH", "NO_STOCK"]);
    let r =
        api.post("/v1/tenants/t1/lost-deals", &operator("t1"), json!({"conversationId": c2, "reason": "BORED"})).await;
    assert_eq!(details(&r), [("/reason".into(), "not_allowed".into())]);

    // Ratings and conversions of the tenant, newest first.
    for (c, rating, at) in [(&c1, 1, "2026-02-01"), (&c2, 2, "2026-02-02")] {
        let r = api
            .post("/v1/tenants/t1/csat-ratings", &operator("t1"), json!({"conversationId": c, "rating": rating}))
            .await;
        let id = r.json()["id"].as_str().expect("id").to_string();
        api.sql
            .execute("UPDATE csat_ratings SET created_at = $1::text::timestamp WHERE id = $2", &[&at, &id])
            .await
            .expect("age");
    }
    let r = api.get("/v1/tenants/t1/csat-ratings", &viewer("t1")).await;
    let ratings: Vec<i64> = r.json().as_array().expect("array").iter().filter_map(|d| d["rating"].as_i64()).collect();
    assert_eq!(ratings, [2, 1], "newest first, none of t2's");
    let r = api.get("/v1/tenants/t1/conversions", &viewer("t1")).await;
    assert_eq!(r.json(), json!([]));
}
