//! §10 Conversations.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn conversations() {
    let api = Api::start().await;
    let c1 = customer(&api, "t1", "1").await;
    let c2 = customer(&api, "t2", "1").await;

    let r = api.post("/v1/tenants/t1/conversations", &owner("t1"), json!({"customerId": c2})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/customerId".into(), "not_found".into())], "another tenant's customer");
    let r = api.post("/v1/tenants/t1/conversations", &owner("t1"), json!({"customerId": c1, "mode": "turbo"})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/mode".into(), "not_allowed".into())]);
    expect(&api.post("/v1/tenants/t1/conversations", &viewer("t1"), json!({"customerId": c1})).await, 403);

    let conv = conversation(&api, "t1", &c1).await;
    let other = conversation(&api, "t2", &c2).await;
    let m = api
        .post(
            &format!("/v1/tenants/t1/conversations/{conv}/messages"),
            &operator("t1"),
            json!({"role": "owner", "content": "Hello"}),
        )
        .await;
    expect(&m, 201);

    let list = api.get("/v1/tenants/t1/conversations", &viewer("t1")).await;
    expect(&list, 200);
    let items = list.json();
    assert_eq!(items.as_array().map(Vec::len), Some(1));
    assert_eq!(items[0]["id"], conv.as_str());
    assert_eq!(items[0]["customer"]["id"], c1.as_str());
    assert_eq!(items[0]["lastMessage"]["content"], "Hello");
    assert!(items[0].get("channel").is_none());
    let active = api.get("/v1/tenants/t1/conversations?status=resolved", &owner("t1")).await;
    assert_eq!(active.json(), json!([]));

    let r = api.get(&format!("/v1/tenants/t1/conversations/{conv}"), &owner("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["status"], "active");
    expect(&api.get(&format!("/v1/tenants/t1/conversations/{other}"), &owner("t1")).await, 404);
    let with = api.get(&format!("/v1/tenants/t1/conversations/{conv}/with-customer"), &owner("t1")).await;
    expect(&with, 200);
    assert_eq!(with.json()["lastMessage"]["content"], "Hello");
    expect(&api.get(&format!("/v1/tenants/t1/conversations/{other}/with-customer"), &owner("t1")).await, 404);
    let detail = api.get(&format!("/v1/tenants/t1/conversations/{conv}/detail"), &owner("t1")).await;
    expect(&detail, 200);
    assert_eq!(detail.json()["messages"][0]["content"], "Hello");
    assert!(detail.json().get("currentSuggestion").is_none());
    let stolen = api.get(&format!("/v1/tenants/t1/conversations/{other}/detail"), &owner("t1")).await;
    expect(&stolen, 404);

    // Status transitions (schema.md §3.1).
    let path = format!("/v1/tenants/t1/conversations/{conv}");
    let r = api.patch(&path, &operator("t1"), json!({"status": "resolved"})).await;
    expect(&r, 200);
    let r = api.patch(&path, &operator("t1"), json!({"status": "escalated"})).await;
    expect(&r, 409);
    assert_eq!(code(&r), "invalid_state");
    assert_eq!(details(&r), [("/status".into(), "invalid_transition".into())]);
    expect(&api.patch(&path, &operator("t1"), json!({"status": "active", "unreadCount": 0})).await, 200);
    expect(&api.patch(&path, &operator("t1"), json!({"customerId": c1})).await, 422);
    expect(
        &api.patch(&format!("/v1/tenants/t2/conversations/{conv}"), &owner("t2"), json!({"mode": "auto"})).await,
        404,
    );
    expect(&api.patch(&path, &viewer("t1"), json!({"mode": "auto"})).await, 403);

    let counts = api.get("/v1/tenants/t1/conversations/channel-counts", &owner("t1")).await;
    expect(&counts, 200);
    assert_eq!(counts.json(), json!({"all": 0}));

    // Delete: everything attached goes, in one transaction; another tenant cannot.
    expect(&api.call("DELETE", &format!("/v1/tenants/t1/conversations/{other}"), Some(&owner("t1")), None).await, 404);
    expect(&api.call("DELETE", &path, Some(&operator("t1")), None).await, 403);
    let r = api.call("DELETE", &path, Some(&owner("t1")), None).await;
    expect(&r, 204);
    expect(&api.get(&path, &owner("t1")).await, 404);
    assert_eq!(api.count("SELECT count(*) FROM messages").await, 0);
    assert_eq!(api.count("SELECT count(*) FROM conversations").await, 1, "t2's conversation stays");
}

#[tokio::test]
async fn channel_counts_sum_unread_messages_per_family() {
    let api = Api::start().await;
    let ch =
        api.post("/v1/tenants/t1/channels", &owner("t1"), json!({"type": "telegram_personal", "name": "tg"})).await;
    let channel = ch.json()["id"].as_str().expect("id").to_string();
    let c = customer(&api, "t1", "1").await;
    let conv = api
        .post(
            "/v1/tenants/t1/conversations",
            &owner("t1"),
            json!({"customerId": c, "channelId": channel, "unreadCount": 3}),
        )
        .await;
    expect(&conv, 201);
    let plain = conversation(&api, "t1", &c).await;
    api.patch(&format!("/v1/tenants/t1/conversations/{plain}"), &owner("t1"), json!({"unreadCount": 2})).await;
    let r = api.get("/v1/tenants/t1/conversations/channel-counts", &owner("t1")).await;
    assert_eq!(r.json(), json!({"all": 5, "telegram": 3}));
}

/// getActiveConversations (storage-api §10): getConversationsByTenant's list with `status =
/// 'active'`, as its own route; paged, most recent activity first, the tenant's only.
#[tokio::test]
async fn active_conversations_are_their_own_route() {
    let api = Api::start().await;
    let c = customer(&api, "t1", "1").await;
    let mut ids = Vec::new();
    for _ in 0..4 {
        ids.push(conversation(&api, "t1", &c).await);
    }
    conversation(&api, "t2", &customer(&api, "t2", "1").await).await;
    let resolved = format!("/v1/tenants/t1/conversations/{}", ids[1]);
    expect(&api.patch(&resolved, &owner("t1"), json!({"status": "resolved"})).await, 200);
    let waiting = format!("/v1/tenants/t1/conversations/{}", ids[2]);
    expect(&api.patch(&waiting, &owner("t1"), json!({"status": "waiting_operator"})).await, 200);
    let listed = |r: &salesgate_server::testing::client::Response| -> Vec<String> {
        r.json()
            .as_array()
            .map(|a| a.iter().map(|c| c["id"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    };
    let r = api.get("/v1/tenants/t1/conversations/active", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(listed(&r), [ids[3].clone(), ids[0].clone()], "active only, most recent first");
    assert_eq!(r.json()[0]["customer"]["id"], c.as_str());
    let page = api.get("/v1/tenants/t1/conversations/active?limit=1", &viewer("t1")).await;
    assert_eq!(listed(&page), [ids[3].clone()]);
    let cursor = page.header("x-next-cursor").expect("more").to_string();
    let rest = api.get(&format!("/v1/tenants/t1/conversations/active?after={cursor}"), &viewer("t1")).await;
    assert_eq!(listed(&rest), [ids[0].clone()]);
    assert_eq!(rest.header("x-next-cursor"), None);
    expect(&api.get("/v1/tenants/t1/conversations/active?status=resolved", &owner("t1")).await, 400);
    expect(&api.get("/v1/tenants/t1/conversations/active?after=nope", &owner("t1")).await, 400);
    assert_eq!(listed(&api.get("/v1/tenants/t1/conversations?status=active", &owner("t1")).await), listed(&r));
}
