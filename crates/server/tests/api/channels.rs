//! §2 Channels.

use crate::common::*;
use serde_json::json;

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

/// D3: a channel's `config` (bot tokens, API keys) is read by owner, admin, platform staff and
/// `service` only: not by operators, viewers or guests, neither from the channel routes nor
/// embedded in conversation lists.
#[tokio::test]
async fn channel_config_is_only_read_by_admins() {
    use salesgate_core::auth::Role;
    use salesgate_server::testing::server;
    let api = Api::start().await;
    let config = json!({"botToken": "123:SECRET-BOT-TOKEN"});
    let ch = api
        .post("/v1/tenants/t1/channels", &owner("t1"), json!({"type": "telegram", "name": "Bot", "config": config}))
        .await;
    expect(&ch, 201);
    assert_eq!(ch.json()["config"], config, "the owner who set it reads it");
    let id = ch.json()["id"].as_str().expect("id").to_string();
    let c = customer(&api, "t1", "1").await;
    let conv = api.post("/v1/tenants/t1/conversations", &owner("t1"), json!({"customerId": c, "channelId": id})).await;
    expect(&conv, 201);
    for (role, reads) in
        [(Role::Owner, true), (Role::Admin, true), (Role::Operator, false), (Role::Viewer, false), (Role::Guest, false)]
    {
        let token = server::token(Some("t1"), role);
        for path in [
            format!("/v1/tenants/t1/channels/{id}"),
            "/v1/tenants/t1/channels".into(),
            "/v1/tenants/t1/conversations".into(),
        ] {
            let r = api.get(&path, &token).await;
            expect(&r, 200);
            assert_eq!(r.text().contains("SECRET-BOT-TOKEN"), reads, "{role:?} {path}: {}", r.text());
        }
    }
    for role in [Role::PlatformAdmin, Role::Service] {
        let r = api.get(&format!("/v1/tenants/t1/channels/{id}"), &server::token(None, role)).await;
        assert_eq!(r.json()["config"], config, "{role:?}");
    }
}
