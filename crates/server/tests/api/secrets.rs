//! Integration secrets (storage-api appendix A, schema.md §10.4): the envelope of the old
//! format, one active secret per scope/tenant/key (409), metadata-only answers, resolution for
//! `service` with the tenant-then-global fallback, each admin change committed or rolled back
//! with its admin_actions row — and no answer of any route, to any role, holding a secret or a
//! session string that role may not read.

use crate::common::*;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use salesgate_core::auth::Role;
use salesgate_core::route::Response;
use salesgate_core::routes::all;
use salesgate_core::shape::Kind;
use salesgate_core::tables::{INTEGRATION_SECRETS, TELEGRAM_SESSIONS};
use salesgate_server::testing::server::{self, MASTER_KEY};
use serde_json::{Value, json};

const SECRETS: &str = "/v1/platform/integration-secrets";

fn service() -> String {
    server::token(None, Role::Service)
}

/// Test tokens name `test-user`: as platform staff it must be a user (the admin of the
/// admin_actions rows and the secrets' creator).
async fn start() -> Api {
    start_with(server::Options::default()).await
}

async fn start_with(options: server::Options) -> Api {
    let api = Api::start_with(options).await;
    api.sql
        .batch_execute(
            "INSERT INTO users (id, username, password, is_platform_admin) VALUES ('test-user', 'staff', 'x', true)",
        )
        .await
        .expect("platform user");
    api
}

fn create_body(scope: &str, tenant: Option<&str>, key: &str, value: &str) -> Value {
    json!({"scope": scope, "tenantId": tenant, "keyName": key, "value": value, "reason": "setup"})
}

async fn create(api: &Api, scope: &str, tenant: Option<&str>, key: &str, value: &str) -> Value {
    let r = api.post(SECRETS, &platform(), create_body(scope, tenant, key, value)).await;
    expect(&r, 201);
    r.json()
}

/// The old application's decryption of an integration_secrets row (schema.md §10.4), from the
/// spec with the RustCrypto primitives alone.
fn old_app_decrypts(encrypted_value: &str, meta: &Value) -> String {
    assert_eq!((meta["version"].as_i64(), meta["alg"].as_str()), (Some(1), Some("aes-256-gcm")));
    let part = |s: &str| STANDARD.decode(s).expect("base64");
    let (iv, tag, mut data) = (
        part(meta["iv"].as_str().expect("iv")),
        part(meta["authTag"].as_str().expect("authTag")),
        part(encrypted_value),
    );
    assert_eq!((iv.len(), tag.len()), (12, 16));
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&STANDARD.decode(MASTER_KEY).expect("key")));
    data.extend_from_slice(&tag);
    String::from_utf8(cipher.decrypt(Nonce::from_slice(&iv), data.as_slice()).expect("decrypts")).expect("utf-8")
}

async fn stored(api: &Api, id: &str) -> (String, Value, Option<String>) {
    let row = api
        .sql
        .query_one("SELECT encrypted_value, encryption_meta, last_4 FROM integration_secrets WHERE id = $1", &[&id])
        .await
        .expect("row");
    (row.get(0), row.get(1), row.get(2))
}

async fn resolve(api: &Api, query: &str) -> (u16, Value) {
    let r = api.get(&format!("/v1/service/integration-secrets/resolve?{query}"), &service()).await;
    (r.status, r.json())
}

#[tokio::test]
async fn a_secret_is_stored_in_the_old_envelope_and_answered_as_metadata_only() {
    let api = start().await;
    let made = create(&api, "global", None, "OPENAI_API_KEY", "sk-live-0123456789abcdefWXYZ").await;
    let id = made["id"].as_str().expect("id").to_string();
    assert_eq!(made["last4"], "WXYZ");
    assert!(
        made.get("encryptedValue").is_none() && made.get("encryptionMeta").is_none() && made.get("value").is_none()
    );
    assert_eq!(made["createdByAdminId"], "test-user", "the token's sub");
    let (encrypted, meta, last_4) = stored(&api, &id).await;
    assert_eq!(old_app_decrypts(&encrypted, &meta), "sk-live-0123456789abcdefWXYZ", "the old application reads it");
    assert_eq!(last_4.as_deref(), Some("WXYZ"));
    let action = api
        .sql
        .query_one(
            "SELECT action_type, target_type, target_id, admin_id, reason, metadata::text FROM admin_actions",
            &[],
        )
        .await
        .expect("one admin action");
    let got: (String, String, String, String, String, String) =
        (action.get(0), action.get(1), action.get(2), action.get(3), action.get(4), action.get(5));
    assert_eq!(
        (got.0.as_str(), got.1.as_str(), got.2.as_str(), got.3.as_str(), got.4.as_str()),
        ("secret_create", "secret", id.as_str(), "test-user", "setup")
    );
    assert!(!got.5.contains("sk-live"), "the value is in no admin action: {}", got.5);

    // A value of fewer than 4 characters has no last4.
    assert!(create(&api, "tenant", Some("t1"), "PIN", "123").await["last4"].is_null());

    // One active secret per scope, tenant and key: the partial unique index answers 409.
    let r = api.post(SECRETS, &platform(), create_body("global", None, "OPENAI_API_KEY", "other")).await;
    expect(&r, 409);
    assert_eq!(code(&r), "conflict");
    create(&api, "tenant", Some("t1"), "OPENAI_API_KEY", "sk-t1-key").await;
    create(&api, "tenant", Some("t2"), "OPENAI_API_KEY", "sk-t2-key").await;

    let r = api.post(SECRETS, &platform(), create_body("global", Some("t1"), "X_KEY", "v")).await;
    assert_eq!(details(&r), [("/tenantId".into(), "not_allowed".into())]);
    let r = api.post(SECRETS, &platform(), create_body("tenant", None, "X_KEY", "v")).await;
    assert_eq!(details(&r), [("/tenantId".into(), "required".into())]);
    let r = api.post(SECRETS, &platform(), create_body("tenant", Some("nobody"), "X_KEY", "v")).await;
    assert_eq!((r.status, code(&r)), (409, "reference_violation".into()));
    let r = api.post(SECRETS, &platform(), create_body("global", None, "bad key", "v")).await;
    assert_eq!(details(&r), [("/keyName".into(), "invalid_format".into())]);
    expect(&api.post(SECRETS, &service(), create_body("global", None, "X_KEY", "v")).await, 403);

    let list = api.get(&format!("{SECRETS}?keyName=OPENAI_API_KEY"), &platform()).await;
    expect(&list, 200);
    assert_eq!(list.json().as_array().map(Vec::len), Some(3));
    assert!(!list.text().contains("sk-") && !list.text().contains(&encrypted), "{}", list.text());
    let list = api.get(&format!("{SECRETS}?scope=tenant&tenantId=t1"), &platform()).await;
    assert_eq!(list.json().as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn rotation_and_revocation_change_the_active_secret_and_record_it() {
    let api = start().await;
    let id =
        create(&api, "global", None, "PARTS_API_KEY", "old-value-1111").await["id"].as_str().expect("id").to_string();
    let target = |extra: Value| {
        let mut body = json!({"scope": "global", "keyName": "PARTS_API_KEY", "reason": "leaked"});
        body.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
        body
    };
    let r = api.post(&format!("{SECRETS}/rotate"), &platform(), target(json!({"value": "new-value-2222"}))).await;
    expect(&r, 200);
    assert_eq!((r.json()["id"].as_str(), r.json()["last4"].as_str()), (Some(id.as_str()), Some("2222")));
    assert!(r.json()["rotatedAt"].is_string());
    let (encrypted, meta, _) = stored(&api, &id).await;
    assert_eq!(old_app_decrypts(&encrypted, &meta), "new-value-2222");
    assert_eq!(resolve(&api, "keyName=PARTS_API_KEY").await.1["value"], "new-value-2222");
    let previous: Value = api
        .sql
        .query_one("SELECT previous_state FROM admin_actions WHERE action_type = 'secret_rotate'", &[])
        .await
        .expect("a rotate action")
        .get(0);
    assert_eq!(previous["last4"], "1111", "the state before: {previous}");

    let r = api.post(&format!("{SECRETS}/revoke"), &platform(), target(json!({}))).await;
    expect(&r, 200);
    assert!(r.json()["revokedAt"].is_string());
    assert_eq!(resolve(&api, "keyName=PARTS_API_KEY").await.0, 404, "a revoked secret resolves to nothing");
    let r = api.post(&format!("{SECRETS}/rotate"), &platform(), target(json!({"value": "x-value"}))).await;
    assert_eq!((r.status, code(&r)), (409, "invalid_state".into()), "nothing active to rotate");
    // Revoking again is a recorded no-op, as the old admin routes recorded it.
    let again = api.post(&format!("{SECRETS}/revoke"), &platform(), target(json!({}))).await;
    expect(&again, 200);
    assert_eq!(again.json()["id"], id.as_str());
    let noops = api
        .count("SELECT count(*) FROM admin_actions WHERE action_type = 'secret_revoke' AND metadata->>'noOp' = 'true'")
        .await;
    assert_eq!(noops, 1, "the second revocation is recorded as a no-op");
    assert_eq!(api.count("SELECT count(*) FROM admin_actions").await, 4, "create, rotate, revoke, no-op revoke");
    let r = api
        .post(
            &format!("{SECRETS}/revoke"),
            &platform(),
            json!({"scope": "global", "keyName": "NEVER_SET", "reason": "x"}),
        )
        .await;
    assert_eq!((r.status, code(&r)), (409, "invalid_state".into()));
    // After the revocation a new secret of the key may be created.
    create(&api, "global", None, "PARTS_API_KEY", "third-value").await;
}

#[tokio::test]
async fn resolution_prefers_the_tenants_secret_and_falls_back_to_the_global_one() {
    let api = start().await;
    create(&api, "global", None, "MAPS_KEY", "global-maps").await;
    create(&api, "tenant", Some("t1"), "MAPS_KEY", "t1-maps").await;
    create(&api, "tenant", Some("t2"), "ONLY_T2", "t2-only").await;
    let (status, body) = resolve(&api, "keyName=MAPS_KEY&tenantId=t1").await;
    assert_eq!((status, body["value"].as_str(), body["scope"].as_str()), (200, Some("t1-maps"), Some("tenant")));
    assert!(body.get("encryptedValue").is_none());
    assert_eq!(resolve(&api, "keyName=MAPS_KEY&tenantId=t2").await.1["value"], "global-maps", "fallback to global");
    assert_eq!(resolve(&api, "keyName=MAPS_KEY").await.1["value"], "global-maps");
    assert_eq!(resolve(&api, "keyName=ONLY_T2&tenantId=t1").await.0, 404, "never another tenant's");
    assert_eq!(resolve(&api, "keyName=ONLY_T2").await.0, 404);
    assert_eq!(resolve(&api, "keyName=ONLY_T2&tenantId=t2").await.1["value"], "t2-only");
    for role in [Role::PlatformAdmin, Role::PlatformOwner] {
        let r = api.get("/v1/service/integration-secrets/resolve?keyName=MAPS_KEY", &server::token(None, role)).await;
        expect(&r, 403);
    }
}

/// A trigger that fails every insert into admin_actions: the change it would record must be
/// rolled back with it.
#[tokio::test]
async fn a_change_whose_admin_action_fails_is_rolled_back() {
    let api = start().await;
    let id = create(&api, "global", None, "KEEP_KEY", "kept-value-0000").await["id"].as_str().expect("id").to_string();
    let before = stored(&api, &id).await;
    api.sql
        .batch_execute(
            "CREATE FUNCTION refuse_admin_action() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'admin_actions refused'; END $$;
             CREATE TRIGGER refuse BEFORE INSERT ON admin_actions FOR EACH ROW EXECUTE FUNCTION refuse_admin_action();",
        )
        .await
        .expect("trigger");
    let r = api.post(SECRETS, &platform(), create_body("global", None, "NEW_KEY", "never-stored")).await;
    expect(&r, 500);
    assert_eq!(api.count("SELECT count(*) FROM integration_secrets WHERE key_name = 'NEW_KEY'").await, 0);
    let body = json!({"scope": "global", "keyName": "KEEP_KEY", "value": "rotated-value", "reason": "x"});
    expect(&api.post(&format!("{SECRETS}/rotate"), &platform(), body).await, 500);
    let body = json!({"scope": "global", "keyName": "KEEP_KEY", "reason": "x"});
    expect(&api.post(&format!("{SECRETS}/revoke"), &platform(), body).await, 500);
    assert_eq!(stored(&api, &id).await, before, "neither rotated nor revoked");
    assert_eq!(
        api.count("SELECT count(*) FROM integration_secrets WHERE rotated_at IS NOT NULL OR revoked_at IS NOT NULL")
            .await,
        0
    );
    assert_eq!(resolve(&api, "keyName=KEEP_KEY").await.1["value"], "kept-value-0000");
}

#[tokio::test]
async fn without_the_master_key_secrets_are_neither_written_nor_resolved() {
    let api = start_with(server::Options { master_key: None, ..Default::default() }).await;
    let r = api.post(SECRETS, &platform(), create_body("global", None, "A_KEY", "value")).await;
    expect(&r, 503);
    assert!(r.text().contains("INTEGRATION_SECRETS_MASTER_KEY"), "{}", r.text());
    assert_eq!(api.count("SELECT count(*) FROM integration_secrets").await, 0);
    assert_eq!(api.count("SELECT count(*) FROM admin_actions").await, 0);
}

/// Every route answering rows of integration_secrets or telegram_sessions, as every role: no
/// answer holds a secret's value or its ciphertext, and only `service` answers hold a session
/// string — decrypted, never the stored envelope.
#[tokio::test]
async fn no_answer_holds_a_secret_or_session_string_its_role_may_not_read() {
    const VALUE: &str = "sk-never-leaked-9f8e7d6c";
    const SESSION: &str = "1BQANOTE-session-never-leaked";
    let api = start().await;
    create(&api, "global", None, "LEAK_KEY", VALUE).await;
    create(&api, "global", None, "REVOKE_KEY", VALUE).await;
    let made = api
        .post("/v1/tenants/t1/telegram-accounts", &service(), json!({"sessionString": SESSION, "status": "active"}))
        .await;
    expect(&made, 201);
    let account = made.json()["id"].as_str().expect("id").to_string();
    let envelope: String = api
        .sql
        .query_one("SELECT session_string FROM telegram_sessions WHERE id = $1", &[&account])
        .await
        .expect("row")
        .get(0);
    let ciphertexts: Vec<String> = api
        .sql
        .query("SELECT encrypted_value FROM integration_secrets", &[])
        .await
        .expect("rows")
        .iter()
        .map(|r| r.get(0))
        .collect();
    let session_ciphertext = serde_json::from_str::<Value>(&envelope).expect("envelope")["ciphertext"]
        .as_str()
        .expect("ciphertext")
        .to_string();

    // The request of each route (path and body); every route of these tables must have one.
    let requests: Vec<(&str, String, Option<Value>)> = vec![
        ("listIntegrationSecrets", SECRETS.into(), None),
        ("createIntegrationSecret", SECRETS.into(), Some(create_body("global", None, "LEAK_KEY", VALUE))),
        (
            "rotateIntegrationSecret",
            format!("{SECRETS}/rotate"),
            Some(json!({"scope": "global", "keyName": "LEAK_KEY", "value": VALUE, "reason": "check"})),
        ),
        (
            "revokeIntegrationSecret",
            format!("{SECRETS}/revoke"),
            Some(json!({"scope": "global", "keyName": "REVOKE_KEY", "reason": "check"})),
        ),
        (
            "resolveIntegrationSecret",
            "/v1/service/integration-secrets/resolve?keyName=LEAK_KEY&tenantId=t1".into(),
            None,
        ),
        ("getTelegramAccountsByTenant", "/v1/tenants/t1/telegram-accounts".into(), None),
        ("getTelegramAccountById", format!("/v1/tenants/t1/telegram-accounts/{account}"), None),
        ("getActiveTelegramAccounts", "/v1/platform/telegram-accounts/active".into(), None),
        ("createTelegramAccount", "/v1/tenants/t1/telegram-accounts".into(), Some(json!({"sessionString": SESSION}))),
        (
            "updateTelegramAccount",
            format!("/v1/tenants/t1/telegram-accounts/{account}"),
            Some(json!({"sessionString": SESSION, "status": "active"})),
        ),
    ];
    let holds = |r: &Response, table: &str| match r {
        Response::Row(t) | Response::Rows(t) => t.name == table,
        Response::Shape(s) | Response::Shapes(s) => s.fields.iter().any(|f| match f.kind {
            Kind::Columns(t) | Kind::Row(t) | Kind::Rows(t) => t.name == table,
            _ => false,
        }),
        _ => false,
    };
    let covered: Vec<&str> = all()
        .iter()
        .filter(|r| holds(&r.response, INTEGRATION_SECRETS.name) || holds(&r.response, TELEGRAM_SESSIONS.name))
        .map(|r| r.id)
        .collect();
    for id in &covered {
        assert!(requests.iter().any(|(r, _, _)| r == id), "{id} answers secret rows: give it a request here");
    }
    let mut answered = 0;
    for (id, path, body) in &requests {
        let route = all().iter().find(|r| r.id == *id).expect("a route");
        for role in Role::ALL {
            let token =
                if role.crosses_tenants() { server::token(None, role) } else { server::token(Some("t1"), role) };
            let r = api.call(route.method.as_str(), path, Some(&token), body.clone()).await;
            let text = r.text();
            for secret in ciphertexts.iter().chain([&session_ciphertext, &envelope]) {
                assert!(!text.contains(secret.as_str()), "{id} as {role:?}: a stored ciphertext in {text}");
            }
            let may_hold_value = *id == "resolveIntegrationSecret" && role == Role::Service;
            assert!(may_hold_value || !text.contains(VALUE), "{id} as {role:?}: the secret's value in {text}");
            assert!(role == Role::Service || !text.contains(SESSION), "{id} as {role:?}: a session string in {text}");
            assert!(!text.contains("encryptedValue") && !text.contains("encryptionMeta") && !text.contains("authTag"));
            answered += usize::from(r.status < 300);
        }
    }
    assert!(answered >= 20, "most calls succeeded ({answered}), so answers with rows were checked");
    assert_eq!(resolve(&api, "keyName=LEAK_KEY").await.1["value"], VALUE, "service resolves it");
}
