//! §11 Messages.

use crate::common::*;
use salesgate_server::testing::client;
use serde_json::json;

#[tokio::test]
async fn messages() {
    let api = Api::start().await;
    let c = customer(&api, "t1", "1").await;
    let conv = conversation(&api, "t1", &c).await;
    let other = conversation(&api, "t2", &customer(&api, "t2", "1").await).await;
    let path = format!("/v1/tenants/t1/conversations/{conv}/messages");
    let mut ids = Vec::new();
    for i in 0..5 {
        let r = api.post(&path, &operator("t1"), json!({"role": "customer", "content": format!("m{i}")})).await;
        expect(&r, 201);
        ids.push(r.json()["id"].as_str().expect("id").to_string());
    }
    let bumped = api.get(&format!("/v1/tenants/t1/conversations/{conv}"), &owner("t1")).await;
    let last = api.get(&format!("/v1/tenants/t1/messages/{}", ids[4]), &owner("t1")).await;
    assert_eq!(bumped.json()["lastMessageAt"], last.json()["createdAt"], "createMessage bumps lastMessageAt");

    let r = api.post(&path, &operator("t1"), json!({"role": "bot", "content": "", "conversationId": other})).await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [
            ("/conversationId".into(), "read_only".into()),
            ("/role".into(), "not_allowed".into()),
            ("/content".into(), "too_short".into())
        ]
    );
    let r = api
        .post(&path, &operator("t1"), json!({"role": "owner", "content": "x", "attachments": [{"type": "image"}]}))
        .await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/attachments/0/url".into(), "required".into())]);
    expect(&api.post(&path, &viewer("t1"), json!({"role": "owner", "content": "x"})).await, 403);
    expect(
        &api.post(
            &format!("/v1/tenants/t1/conversations/{other}/messages"),
            &owner("t1"),
            json!({"role": "owner", "content": "x"}),
        )
        .await,
        404,
    );
    assert_eq!(api.count(&format!("SELECT count(*) FROM messages WHERE conversation_id = '{other}'")).await, 0);

    let contents = |r: &client::Response| -> Vec<String> {
        r.json()
            .as_array()
            .map(|a| a.iter().map(|m| m["content"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    };
    let page = api.get(&format!("{path}?limit=2"), &viewer("t1")).await;
    expect(&page, 200);
    assert_eq!(contents(&page), ["m4", "m3"], "newest first");
    let cursor = page.header("x-next-cursor").expect("more").to_string();
    let older = api.get(&format!("{path}?limit=2&before={cursor}"), &owner("t1")).await;
    assert_eq!(contents(&older), ["m2", "m1"]);
    let forward = api.get(&format!("{path}?limit=10&after={}", ids[1]), &owner("t1")).await;
    assert_eq!(contents(&forward), ["m2", "m3", "m4"], "after: oldest first");
    assert_eq!(forward.header("x-next-cursor"), None);
    expect(&api.get(&format!("{path}?before={}&after={}", ids[1], ids[2]), &owner("t1")).await, 400);
    let r = api.get(&format!("{path}?before=unknown"), &owner("t1")).await;
    expect(&r, 400);
    assert_eq!(details(&r), [("before".into(), "not_found".into())]);
    let r = api.get(&format!("/v1/tenants/t1/conversations/{other}/messages"), &owner("t1")).await;
    expect(&r, 404);
    let empty = conversation(&api, "t1", &c).await;
    let r = api.get(&format!("/v1/tenants/t1/conversations/{empty}/messages"), &owner("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json(), json!([]));

    expect(&api.get(&format!("/v1/tenants/t2/messages/{}", ids[0]), &owner("t2")).await, 404);
    let r =
        api.patch(&format!("/v1/tenants/t1/messages/{}", ids[0]), &operator("t1"), json!({"content": "edited"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["content"], "edited");
    expect(
        &api.patch(&format!("/v1/tenants/t2/messages/{}", ids[0]), &owner("t2"), json!({"content": "x"})).await,
        404,
    );
    expect(
        &api.patch(&format!("/v1/tenants/t1/messages/{}", ids[0]), &operator("t1"), json!({"role": "owner"})).await,
        422,
    );
}

/// D6 backstop: a value too large for an index row (SQLSTATE 54000) is a 422, not a 500. Core
/// bounds every indexed client column (a model test); an index added outside the model (here,
/// by the test, on a 4,000-character column) still cannot turn into a 500.
#[tokio::test]
async fn a_value_too_large_for_an_index_is_a_422() {
    let api = Api::start().await;
    api.sql.batch_execute("CREATE INDEX messages_content_test_idx ON messages (content)").await.expect("index");
    let conv = conversation(&api, "t1", &customer(&api, "t1", "1").await).await;
    let path = format!("/v1/tenants/t1/conversations/{conv}/messages");
    // Incompressible (PostgreSQL compresses index values): pseudo-random CJK characters.
    let mut x: u32 = 7;
    let content: String = (0..4000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from_u32(0x4E00 + (x >> 8) % 20_000).unwrap_or('x')
        })
        .collect();
    let r = api.post(&path, &operator("t1"), json!({"role": "owner", "content": content})).await;
    expect(&r, 422);
    assert_eq!(code(&r), "validation_failed");
    expect(&api.post(&path, &operator("t1"), json!({"role": "owner", "content": "short"})).await, 201);
}

/// getMessagesByConversation (storage-api §11): every message, oldest first — in pages here.
#[tokio::test]
async fn all_messages_of_a_conversation_oldest_first_in_pages() {
    let api = Api::start().await;
    let conv = conversation(&api, "t1", &customer(&api, "t1", "1").await).await;
    let other = conversation(&api, "t2", &customer(&api, "t2", "1").await).await;
    for i in 0..5 {
        let path = format!("/v1/tenants/t1/conversations/{conv}/messages");
        expect(&api.post(&path, &operator("t1"), json!({"role": "customer", "content": format!("m{i}")})).await, 201);
    }
    let contents = |r: &client::Response| -> Vec<String> {
        r.json()
            .as_array()
            .map(|a| a.iter().map(|m| m["content"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    };
    let all = format!("/v1/tenants/t1/conversations/{conv}/messages/all");
    let r = api.get(&all, &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(contents(&r), ["m0", "m1", "m2", "m3", "m4"]);
    let page = api.get(&format!("{all}?limit=3"), &viewer("t1")).await;
    assert_eq!(contents(&page), ["m0", "m1", "m2"]);
    let cursor = page.header("x-next-cursor").expect("more").to_string();
    let rest = api.get(&format!("{all}?limit=3&after={cursor}"), &viewer("t1")).await;
    assert_eq!(contents(&rest), ["m3", "m4"]);
    assert_eq!(rest.header("x-next-cursor"), None);
    expect(&api.get(&format!("/v1/tenants/t1/conversations/{other}/messages/all"), &owner("t1")).await, 404);
    expect(&api.get(&format!("/v1/tenants/t2/conversations/{conv}/messages/all"), &owner("t2")).await, 404);
    let empty = conversation(&api, "t1", &customer(&api, "t1", "2").await).await;
    let r = api.get(&format!("/v1/tenants/t1/conversations/{empty}/messages/all"), &owner("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json(), json!([]));
}

/// getMessagesBySuggestionId (storage-api §11): the messages (oldest first) of the suggestion's
/// conversation. A suggestion that is not the tenant's is a 404 (the old method answered [] for
/// an unknown id and the messages of any tenant's suggestion); a known one without messages [].
#[tokio::test]
async fn messages_of_a_suggestion_are_those_of_its_conversation() {
    let api = Api::start().await;
    let conv = conversation(&api, "t1", &customer(&api, "t1", "1").await).await;
    let quiet = conversation(&api, "t1", &customer(&api, "t1", "2").await).await;
    let other = conversation(&api, "t2", &customer(&api, "t2", "1").await).await;
    for (c, tenant, content) in
        [(&conv, "t1", "first"), (&conv, "t1", "second"), (&conv, "t1", "third"), (&other, "t2", "t2-secret")]
    {
        let path = format!("/v1/tenants/{tenant}/conversations/{c}/messages");
        expect(&api.post(&path, &owner(tenant), json!({"role": "customer", "content": content})).await, 201);
    }
    api.sql
        .execute(
            "INSERT INTO ai_suggestions (id, conversation_id, suggested_reply) VALUES ('s1', $1, 'a'), ('s-quiet', $2, 'b'), ('s2', $3, 'c')",
            &[&conv, &quiet, &other],
        )
        .await
        .expect("suggestions");
    let contents = |r: &client::Response| -> Vec<String> {
        r.json()
            .as_array()
            .map(|a| a.iter().map(|m| m["content"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    };
    let path = "/v1/tenants/t1/ai-suggestions/s1/messages";
    let r = api.get(path, &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(contents(&r), ["first", "second", "third"]);
    let page = api.get(&format!("{path}?limit=2"), &viewer("t1")).await;
    assert_eq!(contents(&page), ["first", "second"]);
    let cursor = page.header("x-next-cursor").expect("more").to_string();
    let rest = api.get(&format!("{path}?limit=2&after={cursor}"), &viewer("t1")).await;
    assert_eq!(contents(&rest), ["third"]);
    assert_eq!(rest.header("x-next-cursor"), None);
    let r = api.get(&format!("{path}?after=nope"), &viewer("t1")).await;
    expect(&r, 400);
    assert_eq!(details(&r), [("after".into(), "not_found".into())]);

    let r = api.get("/v1/tenants/t1/ai-suggestions/s-quiet/messages", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json(), json!([]));
    for (tenant, s) in [("t1", "s2"), ("t1", "missing"), ("t2", "s1")] {
        let r = api.get(&format!("/v1/tenants/{tenant}/ai-suggestions/{s}/messages"), &owner(tenant)).await;
        expect(&r, 404);
        assert!(!r.text().contains("secret") && !r.text().contains("first"), "{}", r.text());
    }
}
