//! §30 Telegram accounts: session strings in the old at-rest format (schema.md §9.1) both ways —
//! an envelope the old application wrote is read, and what salesgate writes is that envelope;
//! legacy plaintext is read as is, an undecryptable value as null; only `service` ever sees a
//! session string.

use crate::common::*;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use salesgate_core::auth::Role;
use salesgate_server::testing::server::{self, MASTER_KEY};
use serde_json::{Value, json};

/// An envelope made by the old application's runtime (Node `crypto`, `createCipheriv("aes-256-gcm")`
/// under [`MASTER_KEY`], IV `cafebabefacedbaddecaf888`, then `getAuthTag()`), of [`PLAINTEXT`].
const OLD_ENVELOPE: &str = r#"{"v":1,"ciphertext":"u+HxZ+Q1G14zRgmcT1Hjaj9sqhSlVw0zeaxlHdv6Ap7ZNew1pKc6C0k1Baab","meta":{"iv":"yv66vvrO263eyviI","authTag":"n2G7InrNb+A/IICom/dnsw==","version":1,"alg":"aes-256-gcm"}}"#;
const PLAINTEXT: &str = "1BQANOTEuMTA4LjU2LjEzNgG7salesgate-session-Ω";

fn service() -> String {
    server::token(None, Role::Service)
}

/// What the old application does with a stored value (schema.md §9.1), written here from the
/// spec with the RustCrypto primitives alone: parse the envelope, AES-256-GCM-decrypt
/// `ciphertext` with `meta.iv` and `meta.authTag` under the master key.
fn old_app_reads(stored: &str) -> String {
    let envelope: Value = serde_json::from_str(stored).expect("an envelope");
    assert_eq!(envelope["v"], 1);
    assert_eq!(envelope["meta"]["alg"], "aes-256-gcm");
    assert_eq!(envelope["meta"]["version"], 1);
    let part = |v: &Value| STANDARD.decode(v.as_str().expect("base64 text")).expect("base64");
    let (iv, tag, mut data) =
        (part(&envelope["meta"]["iv"]), part(&envelope["meta"]["authTag"]), part(&envelope["ciphertext"]));
    assert_eq!((iv.len(), tag.len()), (12, 16), "schema.md §9.1: 12-byte IV, 16-byte tag");
    let key = STANDARD.decode(MASTER_KEY).expect("key");
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key));
    data.extend_from_slice(&tag);
    String::from_utf8(cipher.decrypt(Nonce::from_slice(&iv), data.as_slice()).expect("decrypts")).expect("utf-8")
}

async fn stored(api: &Api, id: &str) -> Option<String> {
    api.sql.query_one("SELECT session_string FROM telegram_sessions WHERE id = $1", &[&id]).await.expect("row").get(0)
}

async fn seed(api: &Api, id: &str, tenant: &str, session: &str, status: &str) {
    api.sql
        .execute(
            "INSERT INTO telegram_sessions (id, tenant_id, session_string, status) VALUES ($1, $2, $3, $4)",
            &[&id, &tenant, &session, &status],
        )
        .await
        .expect("seed");
}

#[tokio::test]
async fn an_envelope_of_the_old_application_is_read_and_only_service_sees_it() {
    let api = Api::start().await;
    assert_eq!(old_app_reads(OLD_ENVELOPE), PLAINTEXT, "the fixed vector is the spec's format");
    seed(&api, "old", "t1", OLD_ENVELOPE, "active").await;
    seed(&api, "legacy", "t1", "1AgAOMTQ5LjE1NC4xNjcuNTEBuPlain", "active").await;
    let tampered = OLD_ENVELOPE.replace("n2G7InrNb+A/IICom/dnsw==", "AAAAAAAAAAAAAAAAAAAAAA==");
    seed(&api, "broken", "t1", &tampered, "active").await;
    let get = |id: &str, token: String| {
        let api = &api;
        let path = format!("/v1/tenants/t1/telegram-accounts/{id}");
        async move { api.get(&path, &token).await.json() }
    };
    assert_eq!(get("old", service()).await["sessionString"], PLAINTEXT);
    assert_eq!(get("legacy", service()).await["sessionString"], "1AgAOMTQ5LjE1NC4xNjcuNTEBuPlain", "legacy plaintext");
    let broken = get("broken", service()).await;
    assert!(broken["sessionString"].is_null() && broken["id"] == "broken", "undecryptable: null, {broken}");
    for token in [owner("t1"), operator("t1"), server::token(None, Role::PlatformAdmin)] {
        let row = get("old", token).await;
        assert_eq!(row["id"], "old");
        assert!(row.get("sessionString").is_none(), "{row}");
    }
    let list = api.get("/v1/tenants/t1/telegram-accounts", &service()).await;
    expect(&list, 200);
    assert!(list.text().contains(PLAINTEXT) && !list.text().contains("ciphertext"), "{}", list.text());
    let list = api.get("/v1/tenants/t1/telegram-accounts", &owner("t1")).await;
    assert!(!list.text().contains("sessionString") && !list.text().contains("ciphertext"), "{}", list.text());
}

#[tokio::test]
async fn what_salesgate_writes_is_the_old_envelope_and_only_non_empty_strings_are_encrypted() {
    let api = Api::start().await;
    let body =
        json!({"phoneNumber": "+70000000000", "sessionString": PLAINTEXT, "authMethod": "qr", "status": "active"});
    let r = api.post("/v1/tenants/t1/telegram-accounts", &service(), body).await;
    expect(&r, 201);
    assert_eq!(r.json()["sessionString"], PLAINTEXT, "storage-api §30: the answer decrypted");
    let id = r.json()["id"].as_str().expect("id").to_string();
    let raw = stored(&api, &id).await.expect("a stored value");
    assert_ne!(raw, PLAINTEXT, "never stored in plaintext");
    let keys: Vec<String> =
        serde_json::from_str::<Value>(&raw).expect("json").as_object().expect("object").keys().cloned().collect();
    assert_eq!(keys, ["ciphertext", "meta", "v"]);
    assert!(
        raw.starts_with(r#"{"v":1,"ciphertext":""#) && raw.ends_with(r#","version":1,"alg":"aes-256-gcm"}}"#),
        "{raw}"
    );
    assert_eq!(old_app_reads(&raw), PLAINTEXT, "the old application reads it");

    // As an owner: written the same, answered without it.
    let r = api.post("/v1/tenants/t1/telegram-accounts", &owner("t1"), json!({"sessionString": "owner-made"})).await;
    expect(&r, 201);
    assert!(r.json().get("sessionString").is_none(), "{}", r.text());
    let owned = r.json()["id"].as_str().expect("id").to_string();
    assert_eq!(old_app_reads(&stored(&api, &owned).await.expect("stored")), "owner-made");

    // Update: re-encrypted when non-empty; "" and null written as they are.
    let path = format!("/v1/tenants/t1/telegram-accounts/{id}");
    let r = api.patch(&path, &service(), json!({"sessionString": "rotated-session"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["sessionString"], "rotated-session");
    assert_eq!(old_app_reads(&stored(&api, &id).await.expect("stored")), "rotated-session");
    let r = api.patch(&path, &service(), json!({"sessionString": ""})).await;
    assert_eq!(r.json()["sessionString"], "");
    assert_eq!(stored(&api, &id).await.as_deref(), Some(""));
    let r = api.patch(&path, &owner("t1"), json!({"sessionString": null, "status": "disconnected"})).await;
    expect(&r, 200);
    assert_eq!(stored(&api, &id).await, None);
    let r = api.patch(&path, &service(), json!({"lastError": "FLOOD_WAIT"})).await;
    assert!(r.json()["sessionString"].is_null());
    assert_eq!(r.json()["lastError"], "FLOOD_WAIT");

    // Scoped to the path's tenant (the old getTelegramAccountById was not).
    let t2 = server::token(Some("t2"), Role::Owner);
    expect(&api.get(&path.replace("/t1/", "/t2/"), &t2).await, 404);
    expect(&api.patch(&path.replace("/t1/", "/t2/"), &t2, json!({"status": "error"})).await, 404);
    expect(&api.call("DELETE", &path.replace("/t1/", "/t2/"), Some(&t2), None).await, 404);
    expect(&api.call("DELETE", &path, Some(&owner("t1")), None).await, 204);
}

#[tokio::test]
async fn active_accounts_of_every_tenant_come_decrypted_to_service_only() {
    let api = Api::start().await;
    for (id, tenant, status) in
        [("a1", "t1", "active"), ("a2", "t2", "active"), ("p1", "t1", "pending"), ("off", "t2", "active")]
    {
        seed(&api, id, tenant, OLD_ENVELOPE, status).await;
    }
    api.sql.execute("UPDATE telegram_sessions SET is_enabled = false WHERE id = 'off'", &[]).await.expect("sql");
    let r = api.get("/v1/platform/telegram-accounts/active", &service()).await;
    expect(&r, 200);
    let rows = r.json();
    let ids: Vec<&str> = rows.as_array().expect("array").iter().filter_map(|a| a["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["a1", "a2"], "active and enabled, every tenant");
    assert!(rows.as_array().expect("array").iter().all(|a| a["sessionString"] == PLAINTEXT));
    let r = api.get("/v1/platform/telegram-accounts/active?limit=1", &platform()).await;
    expect(&r, 200);
    assert!(!r.text().contains("sessionString"), "{}", r.text());
    let cursor = r.header("x-next-cursor").expect("a second page").to_string();
    let rest = api.get(&format!("/v1/platform/telegram-accounts/active?limit=1&after={cursor}"), &platform()).await;
    assert_eq!(rest.json().as_array().map(Vec::len), Some(1));
    assert_ne!(rest.json()[0]["id"], r.json()[0]["id"]);
    expect(&api.get("/v1/platform/telegram-accounts/active", &owner("t1")).await, 403);
}

#[tokio::test]
async fn without_the_master_key_session_strings_are_neither_written_nor_read() {
    let api = Api::start_with(server::Options { master_key: None, ..Default::default() }).await;
    let r = api.post("/v1/tenants/t1/telegram-accounts", &service(), json!({"sessionString": PLAINTEXT})).await;
    expect(&r, 503);
    assert!(r.text().contains("INTEGRATION_SECRETS_MASTER_KEY"), "{}", r.text());
    assert_eq!(api.count("SELECT count(*) FROM telegram_sessions").await, 0, "nothing stored in plaintext");
    let r = api
        .post("/v1/tenants/t1/telegram-accounts", &service(), json!({"phoneNumber": "+7", "sessionString": ""}))
        .await;
    expect(&r, 201);
    seed(&api, "old", "t1", OLD_ENVELOPE, "active").await;
    seed(&api, "legacy", "t1", "plain-legacy", "active").await;
    let get = |id: &str| format!("/v1/tenants/t1/telegram-accounts/{id}");
    assert!(api.get(&get("old"), &service()).await.json()["sessionString"].is_null(), "an envelope reads as null");
    assert_eq!(api.get(&get("legacy"), &service()).await.json()["sessionString"], "plain-legacy");
}
