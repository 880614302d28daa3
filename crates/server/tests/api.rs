//! HTTP-level tests of the chat-flow slice: a real server on a loopback port, a real database.
//! For every route: success, validation failures with their field paths, unknown fields,
//! another tenant's token (403) and ids (404, no data), read-only roles (403).

mod common;

use common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::client;
use salesgate_server::testing::server::{self, SECRET};
use serde_json::{Value, json};

// ───────────────────────────── auth and the gate ─────────────────────────────

#[tokio::test]
async fn tokens_are_required_and_checked() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/customers";
    let missing = api.call("GET", path, None, None).await;
    expect(&missing, 401);
    assert_eq!(code(&missing), "missing_token");
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));

    let expired = server::token_with(Some("t1"), Role::Owner, -3600, SECRET);
    let r = api.get(path, &expired).await;
    expect(&r, 401);
    assert_eq!(code(&r), "expired_token");

    let forged = server::token_with(Some("t1"), Role::Owner, 3600, "another-secret-0123456789abcdef-0123456789");
    let r = api.get(path, &forged).await;
    expect(&r, 401);
    assert_eq!(code(&r), "invalid_token");

    let r = api.get(path, "not.a.jwt").await;
    expect(&r, 401);
    let r = api.get(path, &owner("t1")).await;
    expect(&r, 200);
}

#[tokio::test]
async fn errors_have_one_shape_and_request_ids_are_echoed() {
    let api = Api::start().await;
    let unknown = api.get("/v1/nope", &owner("t1")).await;
    expect(&unknown, 404);
    assert_eq!(code(&unknown), "route_not_found");
    let generated = unknown.header("x-request-id").expect("generated id").to_string();
    assert_eq!(unknown.json()["error"]["requestId"], generated.as_str());

    let raw = format!(
        "DELETE /v1/tenants/t1/customers HTTP/1.1\r\nHost: x\r\nConnection: close\r\nx-request-id: my-id-1\r\nAuthorization: Bearer {}\r\n\r\n",
        owner("t1")
    );
    let r = client::send_raw(api.server.addr, raw.as_bytes(), std::time::Duration::from_secs(5)).await.expect("send");
    expect(&r, 405);
    assert_eq!(r.header("allow"), Some("GET, POST"));
    assert_eq!(r.header("x-request-id"), Some("my-id-1"));
    assert_eq!(r.json()["error"]["requestId"], "my-id-1");
    assert_eq!(r.json()["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn bodies_are_bounded_typed_and_parsed() {
    let api = Api::start_with(server::Options { body_limit: 4096, ..Default::default() }).await;
    let path = "/v1/tenants/t1/inbound-messages";
    let big = json!({"channel": "telegram", "externalId": "1", "content": "x".repeat(5000)});
    let r = api.post(path, &owner("t1"), big).await;
    expect(&r, 413);
    assert_eq!(code(&r), "payload_too_large");
    assert_eq!(api.count("SELECT count(*) FROM customers").await, 0);

    let raw = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {}\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{{}}",
        owner("t1")
    );
    let r = client::send_raw(api.server.addr, raw.as_bytes(), std::time::Duration::from_secs(5)).await.expect("send");
    expect(&r, 415);

    let raw = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{{\"a\": tru",
        owner("t1")
    );
    let r = client::send_raw(api.server.addr, raw.as_bytes(), std::time::Duration::from_secs(5)).await.expect("send");
    expect(&r, 400);
    assert_eq!(code(&r), "malformed_json");
}

// ───────────────────────────── tenants ─────────────────────────────

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

// ───────────────────────────── channels ─────────────────────────────

#[tokio::test]
async fn channels() {
    let api = Api::start().await;
    let r = api.post("/v1/tenants/t1/channels", &owner("t1"), json!({"type": "telegram", "name": "Bot"})).await;
    expect(&r, 201);
    let id = r.json()["id"].as_str().expect("id").to_string();
    assert_eq!(r.json()["tenantId"], "t1");
    assert_eq!(r.json()["config"], json!({}));
    let r = api.post("/v1/tenants/t2/channels", &owner("t2"), json!({"type": "telegram", "name": "Other"})).await;
    expect(&r, 201);

    let r = api.post("/v1/tenants/t1/channels", &owner("t1"), json!({"type": "fax", "tenantId": "t2"})).await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [
            ("/tenantId".into(), "read_only".into()),
            ("/type".into(), "not_allowed".into()),
            ("/name".into(), "required".into())
        ]
    );
    expect(&api.post("/v1/tenants/t1/channels", &operator("t1"), json!({"type": "max", "name": "x"})).await, 403);

    let list = api.get("/v1/tenants/t1/channels", &viewer("t1")).await;
    expect(&list, 200);
    assert_eq!(list.json().as_array().map(Vec::len), Some(1));
    expect(&api.get(&format!("/v1/tenants/t1/channels/{id}"), &owner("t1")).await, 200);
    let other = api.get(&format!("/v1/tenants/t2/channels/{id}"), &owner("t2")).await;
    expect(&other, 404);
    assert!(!other.text().contains("Bot"), "no data of the other tenant");

    let r = api.patch(&format!("/v1/tenants/t1/channels/{id}"), &owner("t1"), json!({"isActive": false})).await;
    expect(&r, 200);
    assert_eq!(r.json()["isActive"], false);
    let r = api.patch(&format!("/v1/tenants/t1/channels/{id}"), &owner("t1"), json!({"type": "max"})).await;
    expect(&r, 422);
    expect(&api.patch(&format!("/v1/tenants/t2/channels/{id}"), &owner("t2"), json!({"name": "stolen"})).await, 404);

    let by_type = api.get("/v1/platform/channels?type=telegram", &platform()).await;
    expect(&by_type, 200);
    assert_eq!(by_type.json().as_array().map(Vec::len), Some(2));
    expect(&api.get("/v1/platform/channels?type=telegram", &owner("t1")).await, 403);
    let r = api.get("/v1/platform/channels", &platform()).await;
    expect(&r, 400);
    assert_eq!(details(&r), [("type".into(), "required".into())]);
}

// ───────────────────────────── customers ─────────────────────────────

#[tokio::test]
async fn customers() {
    let api = Api::start().await;
    let body = json!({"channel": "telegram", "externalId": "42", "name": "Anna", "tags": ["vip"]});
    let r = api.post("/v1/tenants/t1/customers", &operator("t1"), body.clone()).await;
    expect(&r, 201);
    let id = r.json()["id"].as_str().expect("id").to_string();
    let created_updated = r.json()["updatedAt"].clone();

    let dup = api.post("/v1/tenants/t1/customers", &operator("t1"), body.clone()).await;
    expect(&dup, 409);
    assert_eq!(details(&dup), [("/channel".into(), "conflict".into()), ("/externalId".into(), "conflict".into())]);
    expect(&api.post("/v1/tenants/t2/customers", &owner("t2"), body).await, 201);
    expect(&api.post("/v1/tenants/t1/customers", &viewer("t1"), json!({"name": "x"})).await, 403);

    let r = api.post("/v1/tenants/t1/customers", &owner("t1"), json!({"email": "bad", "tags": "vip", "x": 1})).await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [
            ("/x".into(), "unknown_field".into()),
            ("/email".into(), "invalid_format".into()),
            ("/tags".into(), "invalid_type".into())
        ]
    );

    let found = api.get("/v1/tenants/t1/customers/lookup?channel=telegram&externalId=42", &viewer("t1")).await;
    expect(&found, 200);
    assert_eq!(found.json()["id"], id.as_str());
    expect(&api.get("/v1/tenants/t1/customers/lookup?channel=telegram&externalId=43", &owner("t1")).await, 404);
    let r = api.get("/v1/tenants/t1/customers/lookup?channel=fax", &owner("t1")).await;
    expect(&r, 400);
    assert_eq!(details(&r), [("channel".into(), "not_allowed".into()), ("externalId".into(), "required".into())]);
    expect(&api.get("/v1/tenants/t2/customers/lookup?channel=telegram&externalId=42", &owner("t1")).await, 403);

    expect(&api.get(&format!("/v1/tenants/t1/customers/{id}"), &owner("t1")).await, 200);
    let other = api.get(&format!("/v1/tenants/t2/customers/{id}"), &owner("t2")).await;
    expect(&other, 404);
    assert!(!other.text().contains("Anna"));

    let r = api
        .patch(&format!("/v1/tenants/t1/customers/{id}"), &operator("t1"), json!({"name": "Anna K", "phone": null}))
        .await;
    expect(&r, 200);
    assert_eq!(r.json()["name"], "Anna K");
    assert_ne!(r.json()["updatedAt"], created_updated, "updateCustomer refreshes updatedAt");
    let r = api.patch(&format!("/v1/tenants/t1/customers/{id}"), &operator("t1"), json!({"externalId": "9"})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/externalId".into(), "read_only".into())]);
    expect(&api.patch(&format!("/v1/tenants/t2/customers/{id}"), &owner("t2"), json!({"name": "x"})).await, 404);
    assert_eq!(api.count("SELECT count(*) FROM customers WHERE name = 'x'").await, 0);
}

#[tokio::test]
async fn customer_lists_page_and_search_literally() {
    let api = Api::start().await;
    for (i, name) in ["Ann 100%", "Bob", "Boris_1", "Boris", "Cid"].iter().enumerate() {
        let body = json!({"channel": "max", "externalId": format!("e{i}"), "name": name});
        expect(&api.post("/v1/tenants/t1/customers", &owner("t1"), body).await, 201);
    }
    let first = api.get("/v1/tenants/t1/customers?limit=2", &owner("t1")).await;
    expect(&first, 200);
    let names = |r: &client::Response| -> Vec<String> {
        r.json()
            .as_array()
            .map(|a| a.iter().map(|c| c["name"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(names(&first), ["Ann 100%", "Bob"]);
    let cursor = first.header("x-next-cursor").expect("more pages").to_string();
    let second = api.get(&format!("/v1/tenants/t1/customers?limit=2&after={cursor}"), &owner("t1")).await;
    assert_eq!(names(&second), ["Boris_1", "Boris"]);
    let last = api
        .get(
            &format!("/v1/tenants/t1/customers?limit=2&after={}", second.header("x-next-cursor").expect("more")),
            &owner("t1"),
        )
        .await;
    assert_eq!(names(&last), ["Cid"]);
    assert_eq!(last.header("x-next-cursor"), None);

    let r = api.get("/v1/tenants/t1/customers?q=0%25", &owner("t1")).await;
    assert_eq!(names(&r), ["Ann 100%"], "% is literal");
    let r = api.get("/v1/tenants/t1/customers?q=is_", &owner("t1")).await;
    assert_eq!(names(&r), ["Boris_1"], "_ is literal");
    let r = api.get("/v1/tenants/t1/customers?q=BOR", &owner("t1")).await;
    assert_eq!(names(&r), ["Boris_1", "Boris"], "case-insensitive");
    let r = api.get("/v1/tenants/t2/customers?q=Bob", &owner("t2")).await;
    assert_eq!(r.json(), json!([]));
    let r = api.get("/v1/tenants/t1/customers?after=nope", &owner("t1")).await;
    expect(&r, 400);
    let r = api.get("/v1/tenants/t1/customers?limit=0", &owner("t1")).await;
    expect(&r, 400);
}

// ───────────────────────────── conversations & messages ─────────────────────────────

async fn customer(api: &Api, tenant: &str, external_id: &str) -> String {
    let body = json!({"channel": "telegram", "externalId": external_id, "name": "C"});
    let r = api.post(&format!("/v1/tenants/{tenant}/customers"), &owner(tenant), body).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

async fn conversation(api: &Api, tenant: &str, customer: &str) -> String {
    let r =
        api.post(&format!("/v1/tenants/{tenant}/conversations"), &owner(tenant), json!({"customerId": customer})).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

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

// ───────────────────────────── inbound messages (W2) ─────────────────────────────

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

// ───────────────────────────── feature flags ─────────────────────────────

#[tokio::test]
async fn feature_flags() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/feature-flags";
    let r = api.get(path, &viewer("t1")).await;
    expect(&r, 200);
    let flags = r.json()["flags"].clone();
    assert_eq!(flags.as_object().map(|f| f.len()), Some(13));
    assert_eq!((flags["RAG_ENABLED"].clone(), flags["AI_AUTOSEND_ENABLED"].clone()), (json!(true), json!(false)));
    assert!(r.header("cache-control").is_some_and(|c| c.contains("max-age=30")));

    let r = api
        .call(
            "PUT",
            "/v1/platform/feature-flags/AI_AUTOSEND_ENABLED",
            Some(&platform()),
            Some(json!({"enabled": true})),
        )
        .await;
    expect(&r, 200);
    assert_eq!(r.json()["tenantId"], Value::Null);
    let r = api
        .call(
            "PUT",
            "/v1/tenants/t2/feature-flags/AI_AUTOSEND_ENABLED",
            Some(&platform()),
            Some(json!({"enabled": false})),
        )
        .await;
    expect(&r, 200);
    assert_eq!(api.get(path, &owner("t1")).await.json()["flags"]["AI_AUTOSEND_ENABLED"], true, "global value");
    assert_eq!(
        api.get("/v1/tenants/t2/feature-flags", &owner("t2")).await.json()["flags"]["AI_AUTOSEND_ENABLED"],
        false,
        "override"
    );

    expect(
        &api.call(
            "PUT",
            "/v1/tenants/t1/feature-flags/RAG_ENABLED",
            Some(&owner("t1")),
            Some(json!({"enabled": false})),
        )
        .await,
        403,
    );
    let r =
        api.call("PUT", "/v1/tenants/t1/feature-flags/NOPE", Some(&platform()), Some(json!({"enabled": false}))).await;
    expect(&r, 400);
    let r = api
        .call("PUT", "/v1/tenants/t1/feature-flags/RAG_ENABLED", Some(&platform()), Some(json!({"enabled": "no"})))
        .await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/enabled".into(), "invalid_type".into())]);
    expect(&api.call("DELETE", "/v1/tenants/t2/feature-flags/AI_AUTOSEND_ENABLED", Some(&platform()), None).await, 204);
    assert_eq!(
        api.get("/v1/tenants/t2/feature-flags", &owner("t2")).await.json()["flags"]["AI_AUTOSEND_ENABLED"],
        true
    );
    let globals = api.get("/v1/platform/feature-flags", &platform()).await;
    assert_eq!(globals.json().as_array().map(Vec::len), Some(1));
    expect(&api.get("/v1/tenants/t2/feature-flags", &owner("t1")).await, 403);
}

// ───────────────────────────── operations ─────────────────────────────

#[tokio::test]
async fn health_readiness_metrics_and_openapi() {
    let api = Api::start().await;
    expect(&api.call("GET", "/healthz", None, None).await, 200);
    let ready = api.call("GET", "/readyz", None, None).await;
    expect(&ready, 200);
    api.get("/v1/tenants/t1/feature-flags", &owner("t1")).await;
    api.get("/v1/tenants/t1/feature-flags", &owner("t2")).await;
    let metrics = api.call("GET", "/metrics", None, None).await;
    expect(&metrics, 200);
    let text = metrics.text();
    assert!(
        text.contains(
            "salesgate_http_requests_total{route=\"GET /v1/tenants/{tenantId}/feature-flags\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(text.contains(
        "salesgate_http_requests_total{route=\"GET /v1/tenants/{tenantId}/feature-flags\",status=\"403\"} 1"
    ));
    assert!(text.contains("salesgate_http_request_duration_seconds_bucket{route=\"GET /v1/tenants/{tenantId}/feature-flags\",le=\"+Inf\"} 2"));
    assert!(text.contains("salesgate_db_pool_max_connections 8"));

    let doc = api.call("GET", "/v1/openapi.json", None, None).await;
    expect(&doc, 200);
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for route in salesgate_core::routes::ROUTES {
        let method = route.method.as_str().to_lowercase();
        assert_eq!(doc["paths"][route.path][&method]["operationId"], route.op.id(), "{} {}", method, route.path);
    }

    // Not ready when a migration is missing.
    api.sql.batch_execute("DELETE FROM salesgate.schema_migrations WHERE name LIKE '0017%'").await.expect("delete");
    let r = api.call("GET", "/readyz", None, None).await;
    expect(&r, 503);
    assert!(r.text().contains("0017_chat_flow_indexes.sql"), "{}", r.text());
}

// ───────────────────────────── every route of the table ─────────────────────────────

/// The route's path with its parameters filled in.
fn fill(path: &str, tenant: &str, id: &str) -> String {
    let mut out = path.replace("{tenantId}", tenant).replace("{flagName}", "RAG_ENABLED");
    for param in ["{customerId}", "{channelId}", "{conversationId}", "{messageId}"] {
        out = out.replace(param, id);
    }
    out
}

#[tokio::test]
async fn every_route_refuses_expired_tokens_other_tenants_and_read_only_roles() {
    use salesgate_core::route::{Access, Body, Scope};
    let api = Api::start().await;
    let expired = server::token_with(Some("t1"), Role::Owner, -3600, SECRET);
    for route in salesgate_core::routes::ROUTES {
        if route.scope == Scope::Public {
            continue;
        }
        let method = route.method.as_str();
        let path = fill(route.path, "t1", "some-id");
        let body = (route.body != Body::None).then(|| json!({}));
        let what = format!("{method} {}", route.path);
        let r = api.call(method, &path, Some(&expired), body.clone()).await;
        assert_eq!((r.status, code(&r)), (401, "expired_token".into()), "{what}");
        let stranger = match route.scope {
            Scope::Tenant => owner("t2"),
            _ => owner("t1"), // platform routes: any tenant role is a stranger
        };
        let r = api.call(method, &path, Some(&stranger), body.clone()).await;
        assert_eq!(r.status, 403, "{what}: {}", r.text());
        if route.access != Access::Read && route.scope == Scope::Tenant {
            for role in [Role::Viewer, Role::Guest] {
                let r = api.call(method, &path, Some(&server::token(Some("t1"), role)), body.clone()).await;
                assert_eq!(r.status, 403, "{what} as {role:?}: {}", r.text());
            }
        }
    }
    assert_eq!(api.count("SELECT count(*) FROM customers").await, 0, "nothing was written");
}

#[tokio::test]
async fn every_route_with_an_id_answers_404_for_another_tenants_rows() {
    use salesgate_core::route::{Body, Method};
    let api = Api::start().await;
    // t2's rows of every kind a path can name.
    let ch =
        api.post("/v1/tenants/t2/channels", &owner("t2"), json!({"type": "max", "name": "T2 secret channel"})).await;
    let w2 =
        api.post("/v1/tenants/t2/inbound-messages", &owner("t2"), inbound("t2-customer", "T2 secret message")).await;
    let ids = w2.json();
    let channel = ch.json()["id"].as_str().expect("channel").to_string();
    let of = |key: &str| ids[key].as_str().expect(key).to_string();
    let (customer, conversation, message) = (of("customerId"), of("conversationId"), of("messageId"));
    let before = api.count("SELECT count(*) FROM messages").await;
    let secrets = ["T2 secret", &channel, &customer, &conversation, &message, "t2-customer"];
    let mut checked = 0;
    for route in salesgate_core::routes::ROUTES {
        let id = if route.path.contains("{customerId}") {
            &customer
        } else if route.path.contains("{channelId}") {
            &channel
        } else if route.path.contains("{conversationId}") {
            &conversation
        } else if route.path.contains("{messageId}") {
            &message
        } else {
            continue;
        };
        let body = match (route.method, route.body) {
            (_, Body::None) => None,
            (Method::Post, _) => Some(json!({"role": "owner", "content": "intruder"})),
            (_, Body::Patch(t)) if t.name == "conversations" => Some(json!({"mode": "auto"})),
            (_, Body::Patch(t)) if t.name == "messages" => Some(json!({"content": "intruder"})),
            (_, Body::Patch(_)) => Some(json!({"name": "intruder"})),
            (_, _) => Some(json!({})),
        };
        let method = route.method.as_str();
        let r = api.call(method, &fill(route.path, "t1", id), Some(&owner("t1")), body).await;
        assert_eq!(r.status, 404, "{method} {}: {}", route.path, r.text());
        for secret in secrets {
            assert!(!r.text().contains(secret), "{method} {} leaked {secret}", route.path);
        }
        checked += 1;
    }
    assert!(checked >= 12, "routes with ids checked: {checked}");
    assert_eq!(api.count("SELECT count(*) FROM messages").await, before, "nothing was added to t2");
    assert_eq!(api.count("SELECT count(*) FROM customers WHERE name = 'intruder'").await, 0);
    assert_eq!(api.count("SELECT count(*) FROM channels WHERE name = 'intruder'").await, 0);
    assert_eq!(api.count("SELECT count(*) FROM conversations WHERE mode = 'auto'").await, 0);
    assert_eq!(api.count("SELECT count(*) FROM conversations").await, 1, "t2's conversation was not deleted");
}
