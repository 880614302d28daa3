//! The inbound message of a messenger (W2).

use crate::common::*;
use salesgate_server::testing::server;
use serde_json::json;

#[tokio::test]
async fn inbound_messages_create_then_reuse_the_customer_and_conversation() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/inbound-messages";
    let first = api.post(path, &operator("t1"), inbound("777", "Нужна коробка")).await;
    expect(&first, 201);
    let ids = first.json();
    let second = api.post(path, &operator("t1"), json!({"channel": "telegram", "externalId": "777", "content": "VIN 123", "attachments": [{"type": "image", "url": "https://x/1.jpg"}]})).await;
    expect(&second, 201);
    assert_eq!(second.json()["customerId"], ids["customerId"]);
    assert_eq!(second.json()["conversationId"], ids["conversationId"]);
    let conv = api
        .get(&format!("/v1/tenants/t1/conversations/{}", ids["conversationId"].as_str().expect("id")), &owner("t1"))
        .await;
    assert_eq!(conv.json()["unreadCount"], 2);
    let customer =
        api.get(&format!("/v1/tenants/t1/customers/{}", ids["customerId"].as_str().expect("id")), &owner("t1")).await;
    assert_eq!(customer.json()["name"], "Ivan", "a message without a name keeps the customer's name");
    let m = api
        .get(&format!("/v1/tenants/t1/messages/{}", second.json()["messageId"].as_str().expect("id")), &owner("t1"))
        .await;
    assert_eq!(m.json()["role"], "customer");
    assert_eq!(m.json()["attachments"][0]["url"], "https://x/1.jpg");

    // A resolved conversation is not reused.
    let conv_path = format!("/v1/tenants/t1/conversations/{}", ids["conversationId"].as_str().expect("id"));
    expect(&api.patch(&conv_path, &owner("t1"), json!({"status": "resolved"})).await, 200);
    let third = api.post(path, &operator("t1"), inbound("777", "снова я")).await;
    assert_ne!(third.json()["conversationId"], ids["conversationId"]);
    assert_eq!(third.json()["customerId"], ids["customerId"]);

    // The same external id on another tenant is another customer.
    let r = api.post("/v1/tenants/t2/inbound-messages", &operator("t2"), inbound("777", "hi")).await;
    expect(&r, 201);
    assert_ne!(r.json()["customerId"], ids["customerId"]);

    expect(&api.post(path, &viewer("t1"), inbound("1", "x")).await, 403);
    expect(&api.post(path, &operator("t2"), inbound("1", "x")).await, 403);
    let r = api
        .post(
            path,
            &operator("t1"),
            json!({"channel": "pigeon", "externalId": "", "content": "x".repeat(4001), "tenantId": "t2"}),
        )
        .await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [
            ("/tenantId".into(), "unknown_field".into()),
            ("/channel".into(), "not_allowed".into()),
            ("/externalId".into(), "too_short".into()),
            ("/content".into(), "too_long".into()),
        ]
    );
    let r = api.post(path, &operator("t1"), json!({"channel": "telegram", "externalId": "5"})).await;
    assert_eq!(details(&r), [("/content".into(), "required".into())]);
    assert_eq!(api.count("SELECT count(*) FROM customers WHERE external_id IN ('1', '5', '')").await, 0);
}

#[tokio::test]
async fn an_inbound_message_that_fails_late_leaves_nothing_behind() {
    let api = Api::start().await;
    api.sql
        .batch_execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW.content = 'FAIL' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
             CREATE TRIGGER refuse BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse();",
        )
        .await
        .expect("trigger");
    let r = api.post("/v1/tenants/t1/inbound-messages", &operator("t1"), inbound("900", "FAIL")).await;
    expect(&r, 500);
    assert_eq!(code(&r), "internal");
    assert!(!r.text().contains("refused"), "no internals leak");
    assert_eq!(api.count("SELECT count(*) FROM customers").await, 0, "the customer upsert rolled back");
    assert_eq!(api.count("SELECT count(*) FROM conversations").await, 0);
    // The pooled connection is healthy afterwards (the transaction was ended).
    for _ in 0..10 {
        expect(&api.post("/v1/tenants/t1/inbound-messages", &operator("t1"), inbound("900", "ok")).await, 201);
    }
    assert_eq!(api.count("SELECT count(*) FROM messages").await, 10);
}

#[tokio::test]
async fn fifty_concurrent_first_messages_make_one_customer_and_one_conversation() {
    let api = std::sync::Arc::new(Api::start_with(server::Options { pool_size: 16, ..Default::default() }).await);
    let mut tasks = Vec::new();
    for i in 0..50 {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            api.post("/v1/tenants/t1/inbound-messages", &operator("t1"), inbound("new-1", &format!("msg {i}"))).await
        }));
    }
    let mut conversations = std::collections::HashSet::new();
    for t in tasks {
        let r = t.await.expect("task");
        expect(&r, 201);
        conversations.insert(r.json()["conversationId"].as_str().expect("id").to_string());
    }
    assert_eq!(conversations.len(), 1);
    assert_eq!(api.count("SELECT count(*) FROM customers").await, 1);
    assert_eq!(api.count("SELECT count(*) FROM conversations WHERE status = 'active'").await, 1);
    assert_eq!(api.count("SELECT count(*) FROM messages").await, 50);
    assert_eq!(api.count("SELECT unread_count::int8 FROM conversations").await, 50);
}

/// D2: an inbound message racing a delete of its conversation. The delete holds the
/// conversation's lock; the message waits for it, then — the conversation gone — is stored in a
/// new conversation of the same customer (before: 500, no message stored, the customer upsert
/// committed, nothing logged).
#[tokio::test]
async fn an_inbound_message_racing_a_delete_of_its_conversation_is_stored_in_a_new_one() {
    let api = std::sync::Arc::new(Api::start().await);
    let first = api.post("/v1/tenants/t1/inbound-messages", &operator("t1"), inbound("race-1", "hello")).await;
    expect(&first, 201);
    let (customer, old) = (first.json()["customerId"].clone(), first.json()["conversationId"].clone());
    let old = old.as_str().expect("id").to_string();
    let deleter = connect(&api.db.url).await;
    deleter
        .batch_execute(&format!(
            "BEGIN; DELETE FROM messages WHERE conversation_id = '{old}'; DELETE FROM conversations WHERE id = '{old}'"
        ))
        .await
        .expect("delete, uncommitted");
    let sender = api.clone();
    let pending = tokio::spawn(async move {
        sender.post("/v1/tenants/t1/inbound-messages", &operator("t1"), inbound("race-1", "second")).await
    });
    // The message is stored only once it waits on the conversation's lock.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while api.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").await == 0 {
        assert!(std::time::Instant::now() < deadline, "the inbound message never waited for the delete");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    deleter.batch_execute("COMMIT").await.expect("commit the delete");
    let r = pending.await.expect("task");
    expect(&r, 201);
    assert_eq!(r.json()["customerId"], customer, "the same customer");
    let new = r.json()["conversationId"].as_str().expect("id").to_string();
    assert_ne!(new, old, "a new conversation, the old one is gone");
    assert_eq!(api.count(&format!("SELECT count(*) FROM messages WHERE conversation_id = '{new}'")).await, 1);
    assert_eq!(api.count("SELECT count(*) FROM conversations WHERE status = 'active'").await, 1);
}
