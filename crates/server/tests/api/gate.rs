//! The gate over HTTP: tokens, the error shape, request ids, body limits.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::client;
use salesgate_server::testing::server::{self, SECRET};
use serde_json::json;

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

/// D1: a NUL character (U+0000) in a text, a JSON string or key, an array item, a query or a
/// path value is refused by core (422/400), so it never reaches PostgreSQL (which refuses it
/// with SQLSTATE 22021/22P05: before, a 500 and an ERROR log line).
#[tokio::test]
async fn nul_characters_are_refused_before_the_database() {
    let api = Api::start().await;
    let nul = "a\u{0}b";
    for (path, body) in [
        ("/v1/tenants/t1/inbound-messages", json!({"channel": "telegram", "externalId": "1", "content": nul})),
        ("/v1/tenants/t1/customers", json!({"channel": "max", "externalId": "2", "name": nul})),
        ("/v1/tenants/t1/customers", json!({"channel": "max", "externalId": "3", "tags": ["ok", nul]})),
        ("/v1/tenants/t1/channels", json!({"type": "max", "name": "n", "config": {"k": nul}})),
        ("/v1/tenants/t1/channels", json!({"type": "max", "name": "n", "config": {nul: 1}})),
    ] {
        let r = api.post(path, &owner("t1"), body).await;
        assert_eq!((r.status, code(&r)), (422, "validation_failed".into()), "{path}: {}", r.text());
    }
    let r = api.get("/v1/tenants/t1/customers?q=a%00b", &owner("t1")).await;
    expect(&r, 400);
    let r = api.get("/v1/tenants/t1/customers/a%00b", &owner("t1")).await;
    expect(&r, 400);
    assert_eq!(api.count("SELECT count(*) FROM customers").await, 0);
}
