//! §19 Escalation events: plain declarations, scoped through their conversation (issue 9:
//! `escalation_events` has no tenant_id; the old reads and the update took any tenant's id).

use crate::common::*;
use serde_json::{Value, json};

fn reasons(list: &Value) -> Vec<&str> {
    list.as_array().into_iter().flatten().filter_map(|e| e["reason"].as_str()).collect()
}

#[tokio::test]
async fn escalations_are_scoped_through_their_conversation() {
    let api = Api::start().await;
    api.sql
        .batch_execute("INSERT INTO users (id, tenant_id, username, password) VALUES ('u1', 't1', 'anna', 'x'), ('u2', 't2', 'boris', 'x')")
        .await
        .expect("users");
    let conv = conversation(&api, "t1", &customer(&api, "t1", "1").await).await;
    let theirs = conversation(&api, "t2", &customer(&api, "t2", "1").await).await;
    let mut ids = Vec::new();
    for reason in ["first", "second", "third"] {
        let r = api
            .post(
                "/v1/tenants/t1/escalations",
                &operator("t1"),
                json!({"conversationId": conv, "reason": reason, "summary": "wants a discount"}),
            )
            .await;
        expect(&r, 201);
        assert_eq!(r.json()["status"], "pending", "schema.md §3.3 default");
        ids.push(r.json()["id"].as_str().expect("id").to_string());
    }
    let r =
        api.post("/v1/tenants/t2/escalations", &owner("t2"), json!({"conversationId": theirs, "reason": "t2-r"})).await;
    expect(&r, 201);
    let their_id = r.json()["id"].as_str().expect("id").to_string();

    // A conversation or a user of another tenant cannot be referenced.
    let r =
        api.post("/v1/tenants/t1/escalations", &owner("t1"), json!({"conversationId": theirs, "reason": "x"})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/conversationId".into(), "not_found".into())]);
    let r = api
        .post(
            "/v1/tenants/t1/escalations",
            &owner("t1"),
            json!({"conversationId": conv, "reason": "x", "handledBy": "u2"}),
        )
        .await;
    assert_eq!(details(&r), [("/handledBy".into(), "not_found".into())]);
    let r = api
        .post(
            "/v1/tenants/t1/escalations",
            &owner("t1"),
            json!({"conversationId": conv, "reason": "x", "status": "lost"}),
        )
        .await;
    assert_eq!(details(&r), [("/status".into(), "not_allowed".into())]);
    expect(
        &api.post("/v1/tenants/t1/escalations", &viewer("t1"), json!({"conversationId": conv, "reason": "x"})).await,
        403,
    );

    // storage-api §19: newest first; only the tenant's (through the conversation).
    let list = api.get("/v1/tenants/t1/escalations", &viewer("t1")).await;
    expect(&list, 200);
    assert_eq!(reasons(&list.json()), ["third", "second", "first"]);
    let page = api.get("/v1/tenants/t1/escalations?limit=2", &owner("t1")).await;
    assert_eq!(reasons(&page.json()), ["third", "second"]);
    let next = page.header("x-next-cursor").expect("more").to_string();
    let rest = api.get(&format!("/v1/tenants/t1/escalations?after={next}"), &owner("t1")).await;
    assert_eq!(reasons(&rest.json()), ["first"]);
    let recent = api.get("/v1/tenants/t1/escalations/recent?limit=1", &owner("t1")).await;
    expect(&recent, 200);
    assert_eq!(reasons(&recent.json()), ["third"], "getRecentEscalations: the first `limit`");
    let r = api.get("/v1/tenants/t1/escalations/recent", &owner("t1")).await;
    expect(&r, 400);
    assert_eq!(details(&r), [("limit".into(), "required".into())]);
    assert_eq!(reasons(&api.get("/v1/tenants/t2/escalations", &owner("t2")).await.json()), ["t2-r"]);

    let one = format!("/v1/tenants/t1/escalations/{}", ids[0]);
    let r = api.get(&one, &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["conversationId"], conv.as_str());
    expect(&api.get(&format!("/v1/tenants/t1/escalations/{their_id}"), &owner("t1")).await, 404);
    expect(&api.get(&format!("/v1/tenants/t2/escalations/{}", ids[0]), &owner("t2")).await, 404);

    // updateEscalationEvent (status, handledBy, handledAt): scoped, references guarded.
    let body = json!({"status": "handled", "handledBy": "u1", "handledAt": "2030-01-01T10:00:00.000Z"});
    let r = api.patch(&one, &operator("t1"), body.clone()).await;
    expect(&r, 200);
    assert_eq!((r.json()["status"].as_str(), r.json()["handledBy"].as_str()), (Some("handled"), Some("u1")));
    assert_eq!(r.json()["handledAt"], "2030-01-01T10:00:00.000Z");
    let r = api.patch(&one, &operator("t1"), json!({"handledBy": "u2"})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/handledBy".into(), "not_found".into())]);
    let r = api.patch(&one, &operator("t1"), json!({"conversationId": conv})).await;
    assert_eq!(
        details(&r),
        [("/conversationId".into(), "read_only".into())],
        "an escalation stays on its conversation"
    );
    let r = api
        .patch(&format!("/v1/tenants/t2/escalations/{}", ids[0]), &owner("t2"), json!({"status": "dismissed"}))
        .await;
    expect(&r, 404);
    expect(
        &api.patch(&format!("/v1/tenants/t1/escalations/{their_id}"), &owner("t1"), json!({"status": "dismissed"}))
            .await,
        404,
    );
    assert_eq!(api.count("SELECT count(*) FROM escalation_events WHERE status = 'dismissed'").await, 0);
    expect(&api.patch(&one, &viewer("t1"), json!({"status": "dismissed"})).await, 403);
}
