//! §3–§6 Users, invites, e-mail tokens and password, account linking: the semantics of each
//! custom operation, the race-safe login counter, the once-only marks, and the secret-field
//! rule for password hashes over every route that answers users.

use crate::common::*;
use crate::contract::{Fixtures, token_for};
use salesgate_core::auth::Role;
use salesgate_core::route::Response;
use salesgate_core::routes::all;
use salesgate_core::shape::Kind;
use salesgate_core::tables::USERS;
use salesgate_server::testing::server;
use serde_json::{Value, json};
use std::sync::Arc;

fn service() -> String {
    server::token(None, Role::Service)
}

/// A user of `tenant` made through createUser (as `service`); the answer holds its hash.
async fn user(api: &Api, tenant: &str, username: &str, email: Option<&str>) -> Value {
    let body = json!({"username": username, "password": format!("$2b$10$hash-of-{username}"), "email": email});
    let r = api.post(&format!("/v1/tenants/{tenant}/users"), &service(), body).await;
    expect(&r, 201);
    r.json()
}

fn id(v: &Value) -> String {
    v["id"].as_str().expect("an id").to_string()
}

#[tokio::test]
async fn users_are_created_for_their_tenant_and_found_by_username_email_and_oidc_id() {
    let api = Api::start().await;
    let anna = user(&api, "t1", "Anna", Some("Anna.Petrova@Example.COM")).await;
    assert_eq!(anna["email"], "anna.petrova@example.com", "lower-cased on write");
    assert_eq!((anna["tenantId"].as_str(), anna["role"].as_str()), (Some("t1"), Some("operator")));
    assert_eq!(anna["password"], "$2b$10$hash-of-Anna", "service reads the hash it stored");
    let anna_id = id(&anna);

    let found = api.get("/v1/service/users/by-email?email=%20ANNA.petrova%40example.com%09", &service()).await;
    expect(&found, 200);
    assert_eq!(found.json()["id"], anna_id.as_str(), "trimmed and lower-cased on lookup");
    expect(&api.get("/v1/service/users/by-email?email=nobody%40example.com", &service()).await, 404);
    let r = api.get("/v1/service/users/by-username?username=Anna", &service()).await;
    expect(&r, 200);
    assert_eq!(r.json()["password"], "$2b$10$hash-of-Anna");
    expect(&api.get("/v1/service/users/by-username?username=anna", &service()).await, 404);
    let r = api.get(&format!("/v1/service/users/{anna_id}"), &service()).await;
    expect(&r, 200);
    assert_eq!(r.json()["username"], "Anna");
    expect(&api.get("/v1/service/users/nobody", &service()).await, 404);

    let r = api
        .post("/v1/tenants/t2/users", &service(), json!({"username": "oidc", "password": "x", "oidcId": "sub-1"}))
        .await;
    expect(&r, 201);
    let r = api.get("/v1/service/users/by-oidc-id?oidcId=sub-1", &service()).await;
    expect(&r, 200);
    assert_eq!(r.json()["tenantId"], "t2", "service lookups cross tenants");

    // The e-mail's unique index is on lower(email): another case of it is taken.
    let taken = json!({"username": "anna2", "password": "x", "email": "ANNA.PETROVA@example.com"});
    expect(&api.post("/v1/tenants/t2/users", &service(), taken).await, 409);
    expect(&api.post("/v1/tenants/t1/users", &service(), json!({"username": "Anna", "password": "x"})).await, 409);
    let r = api
        .post(
            "/v1/tenants/t1/users",
            &service(),
            json!({"username": "u", "password": "x", "tenantId": "t2", "isPlatformAdmin": true, "email": " a@b.org"}),
        )
        .await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [("/isPlatformAdmin".into(), "read_only".into()), ("/tenantId".into(), "read_only".into())],
        "server-owned fields are refused"
    );
    assert_eq!(api.count("SELECT count(*) FROM users").await, 2);
    let padded = json!({"username": "padded", "password": "x", "email": "  Padded.User@Example.org  "});
    let r = api.post("/v1/tenants/t1/users", &service(), padded).await;
    expect(&r, 201);
    assert_eq!(r.json()["email"], "padded.user@example.org", "trimmed and lower-cased on write");
}

#[tokio::test]
async fn a_tenants_owner_and_admin_read_its_users_only_and_never_their_hashes() {
    let api = Api::start().await;
    let anna = id(&user(&api, "t1", "anna", None).await);
    let boris = id(&user(&api, "t2", "boris", None).await);
    api.sql
        .batch_execute("INSERT INTO users (id, tenant_id, username, password) VALUES ('staff', NULL, 'root', 'x')")
        .await
        .expect("a platform user");
    let list = api.get("/v1/tenants/t1/users", &owner("t1")).await;
    expect(&list, 200);
    let users = list.json();
    let ids: Vec<&str> = users.as_array().expect("array").iter().filter_map(|u| u["id"].as_str()).collect();
    assert_eq!(ids, [anna.as_str()], "no other tenant's users, no platform staff");
    assert!(users[0].get("password").is_none());
    let admin = server::token(Some("t1"), Role::Admin);
    expect(&api.get(&format!("/v1/tenants/t1/users/{anna}"), &admin).await, 200);
    expect(&api.get(&format!("/v1/tenants/t1/users/{boris}"), &admin).await, 404);
    expect(&api.get("/v1/tenants/t1/users/staff", &admin).await, 404);
    expect(&api.get("/v1/tenants/t1/users", &operator("t1")).await, 403);
    expect(&api.get(&format!("/v1/service/users/{anna}"), &owner("t1")).await, 403);
}

/// Issue 9: the counter is incremented by the database, so concurrent failed logins each
/// count; the lock policy is applied by the same statement.
#[tokio::test]
async fn concurrent_failed_logins_each_count_and_lock_the_user_at_the_threshold() {
    let api = Arc::new(Api::start_with(server::Options { pool_size: 16, shared: 4, ..Default::default() }).await);
    let target = id(&user(&api, "t1", "target", None).await);
    let path = format!("/v1/service/users/{target}/login-failures");
    let policy = json!({"lockAfter": 5, "lockSeconds": 900});
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let (api, path, policy) = (api.clone(), path.clone(), policy.clone());
        tasks.push(tokio::spawn(async move { api.post(&path, &service(), policy).await }));
    }
    let mut counts = Vec::new();
    for t in tasks {
        let r = t.await.expect("task");
        expect(&r, 200);
        counts.push(r.json()["failedLoginAttempts"].as_i64().expect("a count"));
    }
    counts.sort_unstable();
    assert_eq!(counts, (1..=12).collect::<Vec<i64>>(), "every failure counted once, none lost");
    let sql = format!("SELECT failed_login_attempts::int8 FROM users WHERE id = '{target}'");
    assert_eq!(api.count(&sql).await, 12);
    let locked = format!(
        "SELECT count(*) FROM users WHERE id = '{target}' AND locked_until BETWEEN now() + interval '14 minutes' \
         AND now() + interval '16 minutes'"
    );
    assert_eq!(api.count(&locked).await, 1, "locked for lockSeconds from now");

    // One by one: unlocked below the threshold, locked when it is reached.
    let other = id(&user(&api, "t1", "other", None).await);
    let path = format!("/v1/service/users/{other}/login-failures");
    for n in 1..=3 {
        let r = api.post(&path, &service(), json!({"lockAfter": 4, "lockSeconds": 60})).await;
        assert_eq!((r.json()["failedLoginAttempts"].as_i64(), r.json()["lockedUntil"].is_null()), (Some(n), true));
    }
    let r = api.post(&path, &service(), json!({"lockAfter": 4, "lockSeconds": 60})).await;
    assert!(r.json()["lockedUntil"].is_string(), "the 4th failure locks: {}", r.text());

    // A success resets the counter and the lock and records the login.
    expect(&api.post(&format!("/v1/service/users/{other}/login-success"), &service(), json!({})).await, 204);
    let reset = format!(
        "SELECT count(*) FROM users WHERE id = '{other}' AND failed_login_attempts = 0 AND locked_until IS NULL \
         AND last_login_at > now() - interval '1 minute'"
    );
    assert_eq!(api.count(&reset).await, 1);

    expect(&api.post("/v1/service/users/nobody/login-success", &service(), json!({})).await, 404);
    let r = api
        .post("/v1/service/users/nobody/login-failures", &service(), json!({"lockAfter": 5, "lockSeconds": 1}))
        .await;
    expect(&r, 404);
    let r = api.post(&path, &service(), json!({"lockAfter": 0})).await;
    assert_eq!(details(&r), [("/lockAfter".into(), "out_of_range".into()), ("/lockSeconds".into(), "required".into())]);
}

#[tokio::test]
async fn invites_are_the_tenants_found_by_email_and_token_hash_and_used_once() {
    let api = Arc::new(Api::start().await);
    let inviter = id(&user(&api, "t1", "inviter", None).await);
    let stranger = id(&user(&api, "t2", "stranger", None).await);
    let invite = |hash: &str, by: &str| {
        json!({"email": "New.Member@Example.com", "role": "admin", "tokenHash": hash, "invitedBy": by,
               "expiresAt": "2099-01-01T00:00:00Z"})
    };
    let r = api.post("/v1/tenants/t1/user-invites", &owner("t1"), invite("h1", &inviter)).await;
    expect(&r, 201);
    assert_eq!(r.json()["email"], "new.member@example.com", "lower-cased on write");
    assert!(r.json().get("tokenHash").is_none(), "the owner never reads token hashes");
    let first = id(&r.json());
    let r = api.post("/v1/tenants/t1/user-invites", &owner("t1"), invite("h9", &stranger)).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/invitedBy".into(), "not_found".into())], "another tenant's user");
    api.sql
        .batch_execute("UPDATE user_invites SET created_at = created_at - interval '1 hour'")
        .await
        .expect("the first invite is older");
    let admin = server::token(Some("t1"), Role::Admin);
    let r = api.post("/v1/tenants/t1/user-invites", &admin, invite("h2", &inviter)).await;
    expect(&r, 201);
    let second = id(&r.json());

    let pending = "/v1/tenants/t1/user-invites/pending?email=%20NEW.member%40example.COM";
    let r = api.get(pending, &owner("t1")).await;
    expect(&r, 200);
    assert_eq!(r.json()["id"], second.as_str(), "the newest unused invite");
    assert!(r.json().get("tokenHash").is_none());
    assert_eq!(api.get(pending, &service()).await.json()["tokenHash"], "h2");
    expect(&api.get("/v1/tenants/t2/user-invites/pending?email=new.member%40example.com", &owner("t2")).await, 404);
    expect(&api.get(pending, &operator("t1")).await, 403);

    let r = api.get("/v1/service/user-invites/by-token-hash?tokenHash=h1", &service()).await;
    expect(&r, 200);
    assert_eq!((r.json()["id"].as_str(), r.json()["tenantId"].as_str()), (Some(first.as_str()), Some("t1")));
    expect(&api.get("/v1/service/user-invites/by-token-hash?tokenHash=nope", &service()).await, 404);

    let used = |tenant: &str, invite: &str| format!("/v1/tenants/{tenant}/user-invites/{invite}/used");
    expect(&api.post(&used("t1", &second), &service(), json!({})).await, 204);
    let again = api.post(&used("t1", &second), &service(), json!({})).await;
    assert_eq!((again.status, code(&again)), (409, "invalid_state".into()), "{}", again.text());
    assert_eq!(api.get(pending, &owner("t1")).await.json()["id"], first.as_str(), "a used invite is not pending");
    expect(&api.post(&used("t2", &first), &service(), json!({})).await, 404);
    expect(&api.post(&used("t1", "nobody"), &service(), json!({})).await, 404);

    // Concurrent acceptances of one invite: exactly one marks it.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (api, path) = (api.clone(), used("t1", &first));
        tasks.push(tokio::spawn(async move { api.post(&path, &service(), json!({})).await.status }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("task"));
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [204, 409, 409, 409, 409, 409, 409, 409]);
    expect(&api.get(pending, &owner("t1")).await, 404);
}

#[tokio::test]
async fn email_tokens_are_consumed_once_and_invalidated_by_type() {
    let api = Api::start().await;
    let u = id(&user(&api, "t1", "anna", Some("anna@example.com")).await);
    let token = |hash: &str, kind: &str| json!({"userId": u, "tokenHash": hash, "type": kind, "expiresAt": "2099-01-01T00:00:00Z"});
    for (hash, kind) in [("e1", "password_reset"), ("e2", "password_reset"), ("e3", "email_verification")] {
        expect(&api.post("/v1/service/email-tokens", &service(), token(hash, kind)).await, 201);
    }
    let mut old = token("e4", "password_reset");
    old["usedAt"] = json!("2020-01-01T00:00:00Z");
    expect(&api.post("/v1/service/email-tokens", &service(), old).await, 201);
    expect(&api.post("/v1/service/email-tokens", &service(), token("e1", "email_verification")).await, 409);
    let r = api.post("/v1/service/email-tokens", &service(), json!({"userId": "nobody", "tokenHash": "e6", "type": "password_reset", "expiresAt": "2099-01-01T00:00:00Z"})).await;
    assert_eq!(r.status, 409, "no such user: {}", r.text());

    let r = api.get("/v1/service/email-tokens/by-hash?tokenHash=e1", &service()).await;
    expect(&r, 200);
    assert_eq!((r.json()["tokenHash"].as_str(), r.json()["usedAt"].is_null()), (Some("e1"), true));
    let e1 = id(&r.json());
    let used = format!("/v1/service/email-tokens/{e1}/used");
    expect(&api.post(&used, &service(), json!({})).await, 204);
    let again = api.post(&used, &service(), json!({})).await;
    assert_eq!((again.status, code(&again)), (409, "invalid_state".into()));
    expect(&api.post("/v1/service/email-tokens/nobody/used", &service(), json!({})).await, 404);
    assert!(api.get("/v1/service/email-tokens/by-hash?tokenHash=e1", &service()).await.json()["usedAt"].is_string());

    let invalidate = format!("/v1/service/users/{u}/email-tokens/invalidate");
    let r = api.post(&invalidate, &service(), json!({"type": "password_reset"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["count"], 1, "e2 only: e1 and e4 were used already");
    assert_eq!(api.post(&invalidate, &service(), json!({"type": "password_reset"})).await.json()["count"], 0);
    let state =
        |hash: &str| format!("SELECT count(*) FROM email_tokens WHERE token_hash = '{hash}' AND used_at IS NULL");
    assert_eq!(api.count(&state("e3")).await, 1, "another type is left alone");
    assert_eq!(
        api.count("SELECT count(*) FROM email_tokens WHERE token_hash = 'e4' AND used_at = '2020-01-01'").await,
        1,
        "a used token keeps its time"
    );
    let r = api
        .post("/v1/service/users/nobody/email-tokens/invalidate", &service(), json!({"type": "password_reset"}))
        .await;
    expect(&r, 404);
    let r = api.post(&invalidate, &service(), json!({"type": "magic_link"})).await;
    assert_eq!(details(&r), [("/type".into(), "not_allowed".into())]);
}

#[tokio::test]
async fn password_verification_and_oidc_updates_change_their_columns_only() {
    let api = Api::start().await;
    let u = id(&user(&api, "t1", "anna", Some("anna@example.com")).await);
    let at = |what: &str| format!("/v1/service/users/{u}/{what}");
    expect(&api.post(&at("password"), &service(), json!({"passwordHash": "$2b$10$new"})).await, 204);
    expect(&api.post(&at("email-verified"), &service(), json!({})).await, 204);
    expect(&api.post(&at("oidc"), &service(), json!({"oidcId": "google-123"})).await, 204);
    let row = api
        .sql
        .query_one(
            "SELECT password, password_updated_at IS NOT NULL, email_verified_at IS NOT NULL, oidc_id, auth_provider, \
             username, email FROM users WHERE id = $1",
            &[&u],
        )
        .await
        .expect("the user");
    let got: (String, bool, bool, String, String, String, String) =
        (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6));
    assert_eq!(
        got,
        (
            "$2b$10$new".into(),
            true,
            true,
            "google-123".into(),
            "mixed".into(),
            "anna".into(),
            "anna@example.com".into()
        )
    );
    let r = api.get("/v1/service/users/by-oidc-id?oidcId=google-123", &service()).await;
    assert_eq!(r.json()["id"], u.as_str());
    for (what, body) in
        [("password", json!({"passwordHash": "x"})), ("email-verified", json!({})), ("oidc", json!({"oidcId": "x"}))]
    {
        expect(&api.post(&format!("/v1/service/users/nobody/{what}"), &service(), body).await, 404);
    }
    let r = api.post(&at("password"), &service(), json!({"passwordHash": ""})).await;
    assert_eq!(details(&r), [("/passwordHash".into(), "too_short".into())]);
}

/// Whether answers of `response` hold rows of `users` (as rows, or inside a declared shape).
fn holds_users(response: Response) -> bool {
    let users = |t: &salesgate_core::schema::Table| std::ptr::eq(t, &USERS);
    match response {
        Response::Row(t) | Response::Rows(t) => users(t),
        Response::Shape(s) | Response::Shapes(s) => s.fields.iter().any(|f| match f.kind {
            Kind::Columns(t) | Kind::Row(t) | Kind::Rows(t) => users(t),
            _ => false,
        }),
        Response::Empty | Response::Document => false,
    }
}

/// Whether `v` has an object member named `key`, at any depth.
fn has_member(v: &Value, key: &str) -> bool {
    match v {
        Value::Object(o) => o.iter().any(|(k, v)| k == key || has_member(v, key)),
        Value::Array(items) => items.iter().any(|v| has_member(v, key)),
        _ => false,
    }
}

/// Issue 9: the password hash is absent from every answer to every non-service token. Walks
/// every route of the table whose answer holds users rows (whatever its section), calls it
/// with every role it allows, and checks that neither the `password` member nor any stored
/// hash appears unless the caller is `service` (whose answers do hold it).
#[tokio::test]
async fn password_hashes_are_in_no_answer_to_any_role_but_service() {
    let api = Api::start().await;
    let mut fx = Fixtures::default();
    let routes: Vec<_> = all().iter().copied().filter(|r| holds_users(r.response)).collect();
    assert!(routes.len() >= 6, "routes answering users: {}", routes.len());
    let (mut others, mut by_service) = (0, 0);
    for route in routes {
        for role in route.roles.iter() {
            let path = format!("{}{}", fx.fill(&api, route, "t1", "t1").await, fx.query(&api, route, "t1").await);
            let body = fx.body(&api, route, "t1", 0).await;
            // Hashes no other value of an answer can contain by chance.
            api.sql.batch_execute("UPDATE users SET password = '$2b$10$secret.' || id").await.expect("hashes");
            let r = api.call(route.method.as_str(), &path, Some(&token_for(role, "t1")), body).await;
            assert!(r.status < 500, "{} as {role:?}: {}", route.id, r.text());
            let hashes: Vec<String> = api
                .sql
                .query("SELECT password FROM users WHERE password LIKE '$2b$10$secret.%'", &[])
                .await
                .expect("hashes")
                .iter()
                .map(|row| row.get(0))
                .collect();
            assert!(!hashes.is_empty(), "the fixtures made users");
            if role == Role::Service {
                if r.status < 300 {
                    assert!(has_member(&r.json(), "password"), "{}: service reads the hash", route.id);
                    by_service += 1;
                }
                continue;
            }
            assert!(!has_member(&r.json(), "password"), "{} as {role:?} answered a password: {}", route.id, r.text());
            for h in &hashes {
                assert!(!r.text().contains(h.as_str()), "{} as {role:?} leaked a hash", route.id);
            }
            others += usize::from(r.status < 300);
        }
    }
    assert!(others >= 8, "answers with users to non-service roles checked: {others}");
    assert!(by_service >= 6, "service answers with users: {by_service}");
}
