//! Grants and admin actions (storage-api appendix A): every admin mutation and its
//! `admin_actions` row commit or roll back together, no-ops are recorded with the old metadata,
//! and only platform roles may call them (promotion: the platform owner only).

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::{Value, json};

/// The tokens' subject (`sub` of the test tokens) as a platform user, so admin actions and
/// grants can name it.
async fn with_admin_user(api: &Api) {
    api.sql
        .batch_execute(
            "INSERT INTO users (id, username, password, is_platform_admin) VALUES ('test-user', 'staff', 'x', true)",
        )
        .await
        .expect("admin user");
}

fn owner_of_platform() -> String {
    server::token(None, Role::PlatformOwner)
}

/// The admin actions recorded, oldest first: (type, target type, target id, admin, reason,
/// previous state, metadata).
async fn actions(api: &Api) -> Vec<(String, String, String, String, String, Option<Value>, Option<Value>)> {
    api.sql
        .query(
            "SELECT action_type, target_type, target_id, admin_id, reason, previous_state, metadata \
             FROM admin_actions ORDER BY created_at, id",
            &[],
        )
        .await
        .expect("actions")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)))
        .collect()
}

fn reason(text: &str) -> Value {
    json!({"reason": text})
}

#[tokio::test]
async fn restricting_a_tenant_is_recorded_and_a_repeat_is_a_recorded_no_op() {
    let api = Api::start().await;
    with_admin_user(&api).await;
    let r = api.post("/v1/tenants/t1/restrict", &platform(), reason("chargebacks")).await;
    expect(&r, 200);
    assert_eq!((r.json()["id"].as_str(), r.json()["status"].as_str()), (Some("t1"), Some("restricted")));
    let again = api.post("/v1/tenants/t1/restrict", &platform(), reason("still")).await;
    expect(&again, 200);
    assert_eq!(again.json()["status"], "restricted");
    let r = api.post("/v1/tenants/t1/unrestrict", &owner_of_platform(), reason("paid")).await;
    assert_eq!(r.json()["status"], "active");
    let a = actions(&api).await;
    assert_eq!(a.len(), 3);
    assert_eq!(
        a[0],
        (
            "tenant_restrict".into(),
            "tenant".into(),
            "t1".into(),
            "test-user".into(),
            "chargebacks".into(),
            Some(json!({"status": "active"})),
            None
        )
    );
    assert_eq!((a[1].0.as_str(), a[1].4.as_str(), &a[1].5), ("tenant_restrict", "still", &None), "no previous state");
    assert_eq!(a[1].6, Some(json!({"idempotent": true, "noOp": true, "alreadyState": "restricted"})));
    assert_eq!((a[2].0.as_str(), &a[2].5), ("tenant_unrestrict", &Some(json!({"status": "restricted"}))));
    expect(&api.post("/v1/tenants/nobody/restrict", &platform(), reason("x")).await, 404);
    let missing = api.post("/v1/tenants/t1/restrict", &platform(), json!({})).await;
    assert_eq!(details(&missing), [("/reason".into(), "required".into())]);
    assert_eq!(actions(&api).await.len(), 3, "refused calls record nothing");
}

/// The change and its admin action are one transaction: an admin action that cannot be
/// written (a test trigger raising) leaves the tenant, the user and the grants as they were.
#[tokio::test]
async fn an_admin_action_that_fails_rolls_the_change_back() {
    let api = Api::start().await;
    with_admin_user(&api).await;
    api.sql
        .batch_execute(
            "INSERT INTO users (id, tenant_id, username, password) VALUES ('u1', 't1', 'anna', 'x');
             CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$;
             CREATE TRIGGER refuse BEFORE INSERT ON admin_actions FOR EACH ROW EXECUTE FUNCTION refuse();",
        )
        .await
        .expect("trigger");
    let r = api.post("/v1/tenants/t1/restrict", &platform(), reason("x")).await;
    expect(&r, 500);
    assert_eq!(code(&r), "internal");
    assert_eq!(api.count("SELECT count(*) FROM tenants WHERE id = 't1' AND status = 'active'").await, 1);
    expect(&api.post("/v1/platform/users/u1/disable", &platform(), reason("x")).await, 500);
    expect(&api.post("/v1/platform/users/u1/promote", &owner_of_platform(), reason("x")).await, 500);
    assert_eq!(api.count("SELECT count(*) FROM users WHERE id = 'u1' AND (is_disabled OR is_platform_admin)").await, 0);
    let grant = json!({"startsAt": "2030-01-01T00:00:00.000Z", "endsAt": "2030-02-01T00:00:00.000Z", "reason": "x"});
    expect(&api.post("/v1/tenants/t1/subscription-grants", &platform(), grant).await, 500);
    assert_eq!(api.count("SELECT count(*) FROM subscription_grants").await, 0);
    assert_eq!(api.count("SELECT count(*) FROM admin_actions").await, 0);
}

#[tokio::test]
async fn grants_are_created_listed_and_revoked_once_each_recorded() {
    let api = Api::start().await;
    with_admin_user(&api).await;
    let path = "/v1/tenants/t1/subscription-grants";
    let body = |starts: &str, ends: &str| json!({"startsAt": starts, "endsAt": ends, "reason": "promo"});
    let r = api.post(path, &platform(), body("2030-01-01T00:00:00.000Z", "2030-12-31T00:00:00.000Z")).await;
    expect(&r, 201);
    let g = r.json();
    assert_eq!((g["tenantId"].as_str(), g["grantedByUserId"].as_str()), (Some("t1"), Some("test-user")));
    let id = g["id"].as_str().expect("id").to_string();
    let too_long = api.post(path, &platform(), body("2030-01-01T00:00:00.000Z", "2031-01-02T00:00:00.000Z")).await;
    expect(&too_long, 422);
    assert_eq!(details(&too_long), [("/endsAt".into(), "out_of_range".into())]);
    let backwards = api.post(path, &platform(), body("2030-02-01T00:00:00.000Z", "2030-01-01T00:00:00.000Z")).await;
    expect(&backwards, 422);
    let r = api.post(path, &platform(), body("2030-03-01T00:00:00.000Z", "2030-04-01T00:00:00.000Z")).await;
    let second = r.json()["id"].as_str().expect("id").to_string();
    let list = api.get(path, &platform()).await;
    expect(&list, 200);
    let listed: Vec<String> =
        list.json().as_array().expect("array").iter().filter_map(|g| g["id"].as_str().map(str::to_string)).collect();
    assert_eq!(listed, [second.clone(), id.clone()], "newest first");
    expect(&api.get(path, &owner("t1")).await, 403);

    let revoke = format!("{path}/{id}/revoke");
    let r = api.post(&revoke, &platform(), reason("abuse")).await;
    expect(&r, 200);
    assert_eq!(
        (r.json()["revokedByUserId"].as_str(), r.json()["revokedReason"].as_str()),
        (Some("test-user"), Some("abuse"))
    );
    let revoked_at = r.json()["revokedAt"].clone();
    assert!(revoked_at.is_string());
    let again = api.post(&revoke, &platform(), reason("again")).await;
    expect(&again, 200);
    assert_eq!((&again.json()["revokedAt"], again.json()["revokedReason"].as_str()), (&revoked_at, Some("abuse")));
    expect(&api.post(&format!("/v1/tenants/t2/subscription-grants/{id}/revoke"), &platform(), reason("x")).await, 404);

    let a = actions(&api).await;
    let kinds: Vec<(&str, &str)> = a.iter().map(|x| (x.0.as_str(), x.2.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("grant_create", id.as_str()),
            ("grant_create", second.as_str()),
            ("grant_revoke", id.as_str()),
            ("grant_revoke", id.as_str())
        ]
    );
    assert_eq!(a[0].6.as_ref().map(|m| m["tenantId"].clone()), Some(json!("t1")));
    assert_eq!(a[2].5.as_ref().map(|p| p["revokedAt"].clone()), Some(Value::Null), "the previous state: not revoked");
    assert_eq!(
        (&a[3].5, &a[3].6),
        (&None, &Some(json!({"idempotent": true, "noOp": true, "alreadyState": "revoked"})))
    );
    assert_eq!(a[2].4, "abuse");
}

#[tokio::test]
async fn users_are_disabled_enabled_promoted_and_demoted_recorded() {
    let api = Api::start().await;
    with_admin_user(&api).await;
    api.sql
        .batch_execute(
            "INSERT INTO users (id, tenant_id, username, password) VALUES ('u1', 't1', 'anna', 'secret-hash')",
        )
        .await
        .expect("user");
    let r = api.post("/v1/platform/users/u1/disable", &platform(), reason("spam")).await;
    expect(&r, 200);
    let u = r.json();
    assert_eq!((u["isDisabled"].as_bool(), u["disabledReason"].as_str()), (Some(true), Some("spam")));
    assert!(u["disabledAt"].is_string());
    assert!(u.get("password").is_none(), "platform staff never read password hashes");
    expect(&api.post("/v1/platform/users/u1/disable", &platform(), reason("twice")).await, 200);
    let r = api.post("/v1/platform/users/u1/enable", &platform(), reason("ok")).await;
    assert_eq!((r.json()["isDisabled"].as_bool(), &r.json()["disabledAt"]), (Some(false), &Value::Null));
    expect(&api.post("/v1/platform/users/u1/promote", &platform(), reason("x")).await, 403);
    let r = api.post("/v1/platform/users/u1/promote", &owner_of_platform(), reason("new staff")).await;
    assert_eq!(r.json()["isPlatformAdmin"], true);
    let r = api.post("/v1/platform/users/u1/demote", &owner_of_platform(), reason("left")).await;
    assert_eq!(r.json()["isPlatformAdmin"], false);
    expect(&api.post("/v1/platform/users/u1/demote", &owner_of_platform(), reason("again")).await, 200);
    expect(&api.post("/v1/platform/users/nobody/disable", &platform(), reason("x")).await, 404);

    let a = actions(&api).await;
    let kinds: Vec<(&str, Option<&Value>)> = a.iter().map(|x| (x.0.as_str(), x.6.as_ref())).collect();
    let no_op = |state: &str| json!({"idempotent": true, "noOp": true, "alreadyState": state});
    assert_eq!(
        kinds,
        [
            ("user_disable", None),
            ("user_disable", Some(&no_op("disabled"))),
            ("user_enable", None),
            ("admin_promote", None),
            ("admin_demote", None),
            ("admin_demote", Some(&no_op("not_platform_admin"))),
        ]
    );
    assert_eq!(a[0].5, Some(json!({"isDisabled": false, "disabledAt": null, "disabledReason": null})));
    assert_eq!(a[3].5, Some(json!({"isPlatformAdmin": false})));
    assert!(a.iter().all(|x| x.1 == "user" && x.2 == "u1" && x.3 == "test-user"));
}

#[tokio::test]
async fn admin_mutations_are_for_platform_roles_only() {
    let api = Api::start().await;
    with_admin_user(&api).await;
    api.sql
        .batch_execute("INSERT INTO users (id, tenant_id, username, password) VALUES ('u1', 't1', 'anna', 'x')")
        .await
        .expect("user");
    let grant = json!({"startsAt": "2030-01-01T00:00:00.000Z", "endsAt": "2030-02-01T00:00:00.000Z", "reason": "x"});
    for role in [Role::Owner, Role::Admin, Role::Operator, Role::Service] {
        let token = if role == Role::Service { server::token(None, role) } else { server::token(Some("t1"), role) };
        for (path, body) in [
            ("/v1/tenants/t1/restrict", reason("x")),
            ("/v1/tenants/t1/unrestrict", reason("x")),
            ("/v1/tenants/t1/subscription-grants", grant.clone()),
            ("/v1/platform/users/u1/disable", reason("x")),
            ("/v1/platform/users/u1/promote", reason("x")),
        ] {
            let r = api.post(path, &token, body).await;
            assert_eq!((r.status, code(&r)), (403, "forbidden".to_string()), "{path} as {role:?}");
        }
    }
    assert_eq!(api.count("SELECT count(*) FROM admin_actions").await, 0);
    assert_eq!(api.count("SELECT count(*) FROM tenants WHERE status = 'active'").await, 2);
}
