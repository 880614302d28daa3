//! Billing (storage-api appendix A): the plan, the subscription's lifecycle, the access rule of
//! getBillingStatus, and the races the old service lost: two concurrent startTrials, and
//! refreshExpiredSubscriptions run by two servers at once.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::client;
use salesgate_server::testing::server::{self, TestServer};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn service() -> String {
    server::token(None, Role::Service)
}

/// Waits until `n` backends wait on a lock (the concurrent requests are really racing).
async fn wait_for_lock_waiters(api: &Api, n: i64) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let sql = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
    while api.count(sql).await < n {
        assert!(Instant::now() < deadline, "the requests never waited on the lock");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A request to another server on the same database (a second replica).
async fn call_other(other: &TestServer, method: &str, path: &str, token: &str) -> client::Response {
    client::request(other.addr, method, path, Some(token), None).await.expect("request")
}

#[tokio::test]
async fn a_trial_starts_once_per_tenant() {
    let api = Api::start().await;
    let r = api.call("POST", "/v1/tenants/t1/subscription/trial", Some(&owner("t1")), None).await;
    expect(&r, 200);
    let s = r.json();
    assert_eq!((s["status"].as_str(), s["hadTrial"].as_bool()), (Some("trialing"), Some(true)));
    assert_eq!(s["paymentProvider"], "cryptobot");
    let hours = api
        .count(
            "SELECT round(extract(epoch FROM trial_ends_at - trial_started_at) / 3600)::int8 FROM subscriptions \
             WHERE tenant_id = 't1'",
        )
        .await;
    assert_eq!(hours, 72, "a 72-hour trial");
    let again = api.call("POST", "/v1/tenants/t1/subscription/trial", Some(&owner("t1")), None).await;
    expect(&again, 409);
    assert_eq!(code(&again), "invalid_state");

    // Any existing subscription (here: expired by the fraud path) rules a trial out.
    expect(&api.call("POST", "/v1/tenants/t2/subscription/expired", Some(&service()), None).await, 200);
    expect(&api.call("POST", "/v1/tenants/t2/subscription/trial", Some(&owner("t2")), None).await, 409);
    let r = api.call("POST", "/v1/tenants/nobody/subscription/trial", Some(&service()), None).await;
    expect(&r, 404);
    expect(&api.call("POST", "/v1/tenants/t1/subscription/trial", Some(&operator("t1")), None).await, 403);
    assert_eq!(api.count("SELECT count(*) FROM subscriptions").await, 2);
}

/// Two startTrials at once, on two servers (two connections), both waiting on a third
/// transaction that holds the tenant's subscription key: when it goes away, one starts the
/// trial and the other is refused by the same statement's rule.
#[tokio::test]
async fn two_concurrent_start_trials_start_one_trial() {
    let api = Arc::new(Api::start().await);
    let other = TestServer::start(&api.db.url).await;
    let blocker = connect(&api.db.url).await;
    blocker
        .batch_execute("BEGIN; INSERT INTO subscriptions (tenant_id, status) VALUES ('t1', 'incomplete')")
        .await
        .expect("an uncommitted row holds the key");
    let a = {
        let api = api.clone();
        tokio::spawn(
            async move { api.call("POST", "/v1/tenants/t1/subscription/trial", Some(&owner("t1")), None).await },
        )
    };
    let b = {
        let addr = other.addr;
        tokio::spawn(async move {
            client::request(addr, "POST", "/v1/tenants/t1/subscription/trial", Some(&owner("t1")), None)
                .await
                .expect("request")
        })
    };
    wait_for_lock_waiters(&api, 2).await;
    blocker.batch_execute("ROLLBACK").await.expect("rollback");
    let (a, b) = (a.await.expect("task"), b.await.expect("task"));
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.text(), b.text());
    assert_eq!(api.count("SELECT count(*) FROM subscriptions WHERE tenant_id = 't1' AND status = 'trialing'").await, 1);
}

/// Sets the subscription of `tenant` through SQL (states no route makes directly).
async fn seed(api: &Api, tenant: &str, status: &str, fields: &str) {
    api.sql
        .batch_execute(&format!(
            "INSERT INTO tenants (id, name) VALUES ('{tenant}', '{tenant}') ON CONFLICT DO NOTHING;
             INSERT INTO subscriptions (tenant_id, status) VALUES ('{tenant}', '{status}')
               ON CONFLICT (tenant_id) DO UPDATE SET status = EXCLUDED.status;
             UPDATE subscriptions SET {fields} WHERE tenant_id = '{tenant}'"
        ))
        .await
        .expect("seed");
}

/// refreshExpiredSubscriptions run by two servers at once, both held by a row lock so they
/// really overlap: every row ends in its rule's state, and each moved exactly once (a trigger
/// logs every status change), counted by one of the two runs.
#[tokio::test]
async fn refresh_expired_subscriptions_run_by_two_servers_moves_each_row_once() {
    let api = Arc::new(Api::start().await);
    let other = TestServer::start(&api.db.url).await;
    let past = "now() - interval '1 hour'";
    let future = "now() + interval '1 day'";
    let cases = [
        ("a1", "trialing", format!("trial_ends_at = {past}"), "expired"),
        ("a2", "trialing", format!("trial_ends_at = {past}"), "expired"),
        ("a3", "trialing", format!("trial_ends_at = {future}"), "trialing"),
        ("b1", "active", format!("current_period_end = {past}, cancel_at_period_end = true"), "canceled"),
        ("c1", "active", format!("current_period_end = {past}, cancel_at_period_end = false"), "past_due"),
        ("c2", "active", format!("current_period_end = {past}, cancel_at_period_end = NULL"), "past_due"),
        ("d1", "active", format!("current_period_end = {future}, cancel_at_period_end = true"), "active"),
        ("d2", "active", "current_period_end = NULL".to_string(), "active"),
        ("e1", "past_due", format!("current_period_end = {past}"), "past_due"),
    ];
    for (tenant, status, fields, _) in &cases {
        seed(&api, tenant, status, fields).await;
    }
    api.sql
        .batch_execute(
            "CREATE TABLE moves (tenant_id varchar, old_status text, new_status text);
             CREATE FUNCTION log_move() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW.status IS DISTINCT FROM OLD.status THEN
                 INSERT INTO moves VALUES (NEW.tenant_id, OLD.status, NEW.status); END IF; RETURN NEW; END $$;
             CREATE TRIGGER log_move AFTER UPDATE ON subscriptions FOR EACH ROW EXECUTE FUNCTION log_move();",
        )
        .await
        .expect("trigger");
    let blocker = connect(&api.db.url).await;
    blocker
        .batch_execute("BEGIN; SELECT 1 FROM subscriptions WHERE tenant_id = 'a2' FOR UPDATE")
        .await
        .expect("lock a row");
    let path = "/v1/platform/subscriptions/refresh-expired";
    let a = {
        let api = api.clone();
        tokio::spawn(async move { api.call("POST", path, Some(&service()), None).await })
    };
    let b = {
        let addr = other.addr;
        tokio::spawn(async move {
            client::request(addr, "POST", path, Some(&server::token(None, Role::Service)), None).await.expect("request")
        })
    };
    wait_for_lock_waiters(&api, 2).await;
    blocker.batch_execute("COMMIT").await.expect("release");
    let (a, b) = (a.await.expect("task"), b.await.expect("task"));
    expect(&a, 200);
    expect(&b, 200);
    for (name, moved) in [("expired", 2), ("canceled", 1), ("pastDue", 2)] {
        let total = a.json()[name].as_i64().expect("count") + b.json()[name].as_i64().expect("count");
        assert_eq!(total, moved, "{name}: {} + {}", a.text(), b.text());
    }
    for (tenant, _, _, expected) in &cases {
        let tenant: &str = tenant;
        let status: String = api
            .sql
            .query_one("SELECT status FROM subscriptions WHERE tenant_id = $1", &[&tenant])
            .await
            .expect("row")
            .get(0);
        assert_eq!(&status, expected, "{tenant}");
    }
    assert_eq!(api.count("SELECT count(*) FROM moves").await, 5, "one move per row that had to move");
    assert_eq!(api.count("SELECT count(DISTINCT tenant_id) FROM moves").await, 5, "no row moved twice");
    assert_eq!(
        api.count("SELECT count(*) FROM subscriptions WHERE canceled_at IS NOT NULL").await,
        1,
        "canceled_at only on the canceled row"
    );
    // A second run finds nothing left to move.
    let again = call_other(&other, "POST", path, &service()).await;
    assert_eq!(again.json(), json!({"expired": 0, "canceled": 0, "pastDue": 0}));
    expect(&api.call("POST", path, Some(&owner("t1")), None).await, 403);
}

/// The JSON of an answer.
fn status(r: &client::Response) -> Value {
    r.json()
}

#[tokio::test]
async fn the_billing_status_follows_the_access_rule() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/billing-status";
    let none = status(&api.get(path, &viewer("t1")).await);
    assert_eq!(
        none,
        json!({"hasSubscription": false, "cancelAtPeriodEnd": false, "canAccess": false, "isTrial": false,
               "hadTrial": false, "hasActiveGrant": false})
    );
    expect(&api.call("POST", "/v1/tenants/t1/subscription/trial", Some(&owner("t1")), None).await, 200);
    let trial = status(&api.get(path, &viewer("t1")).await);
    assert_eq!((trial["status"].as_str(), trial["canAccess"].as_bool()), (Some("trialing"), Some(true)));
    assert_eq!((trial["isTrial"].as_bool(), trial["trialDaysRemaining"].as_i64()), (Some(true), Some(3)));
    assert!(trial["trialEndsAt"].as_str().is_some_and(|t| t.ends_with('Z')), "{trial}");
    assert_eq!(trial["hadTrial"], true);

    api.sql
        .batch_execute("UPDATE subscriptions SET trial_ends_at = now() + interval '25 hours' WHERE tenant_id = 't1'")
        .await
        .expect("update");
    assert_eq!(status(&api.get(path, &viewer("t1")).await)["trialDaysRemaining"], 2, "rounded up");
    api.sql
        .batch_execute("UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute' WHERE tenant_id = 't1'")
        .await
        .expect("update");
    let over = status(&api.get(path, &viewer("t1")).await);
    assert_eq!((over["canAccess"].as_bool(), over["trialDaysRemaining"].as_i64()), (Some(false), Some(0)));

    // Paid statuses: until the period's end, or without an end.
    for (status_name, end, access) in [
        ("active", "now() + interval '1 day'", true),
        ("past_due", "NULL", true),
        ("canceled", "now() + interval '1 hour'", true),
        ("active", "now() - interval '1 second'", false),
        ("unpaid", "now() + interval '1 day'", false),
        ("incomplete", "NULL", false),
    ] {
        api.sql
            .batch_execute(&format!(
                "UPDATE subscriptions SET status = '{status_name}', current_period_end = {end} WHERE tenant_id = 't1'"
            ))
            .await
            .expect("update");
        let s = status(&api.get(path, &viewer("t1")).await);
        assert_eq!(s["canAccess"], access, "{status_name} until {end}: {s}");
        assert_eq!((s["isTrial"].as_bool(), s.get("trialDaysRemaining")), (Some(false), None));
    }

    // A grant in effect always gives access, and the status reads active (CryptoBot variant).
    api.sql
        .batch_execute(
            "INSERT INTO users (id, username, password) VALUES ('u-admin', 'admin', 'x');
             INSERT INTO subscription_grants (tenant_id, starts_at, ends_at, granted_by_user_id, reason) VALUES
               ('t1', now() - interval '1 day', now() + interval '10 days', 'u-admin', 'promo')",
        )
        .await
        .expect("grant");
    let granted = status(&api.get(path, &viewer("t1")).await);
    assert_eq!((granted["status"].as_str(), granted["canAccess"].as_bool()), (Some("active"), Some(true)));
    assert_eq!(granted["hasActiveGrant"], true);
    assert!(granted["grantEndsAt"].is_string());
    expect(&api.get("/v1/tenants/nobody/billing-status", &service()).await, 404);
    expect(&api.get(path, &viewer("t2")).await, 403);
}

#[tokio::test]
async fn the_billing_status_shows_the_subscriptions_plan_else_the_active_one() {
    let api = Api::start().await;
    let path = "/v1/platform/plans/ensure";
    let plan = api.post(path, &service(), json!({"name": "Pro", "amount": 5000, "cryptoAmount": "50"})).await;
    expect(&plan, 200);
    assert_eq!((plan.json()["isActive"].as_bool(), plan.json()["cryptoAsset"].as_str()), (Some(true), Some("USDT")));
    let plan_id = plan.json()["id"].as_str().expect("id").to_string();
    let trial = api.call("POST", "/v1/tenants/t1/subscription/trial", Some(&owner("t1")), None).await;
    expect(&trial, 200);
    assert_eq!(api.get("/v1/tenants/t1/billing-status", &owner("t1")).await.json()["plan"]["id"], plan_id.as_str());
    api.sql
        .batch_execute(
            "INSERT INTO plans (id, name, amount, is_active) VALUES ('old-plan', 'Legacy', 100, false);
             UPDATE subscriptions SET plan_id = 'old-plan' WHERE tenant_id = 't1'",
        )
        .await
        .expect("plan");
    assert_eq!(api.get("/v1/tenants/t1/billing-status", &owner("t1")).await.json()["plan"]["id"], "old-plan");
}

#[tokio::test]
async fn ensure_plan_exists_creates_one_plan_also_when_called_twice_at_once() {
    let api = Arc::new(Api::start().await);
    let path = "/v1/platform/plans/ensure";
    let mut tasks = Vec::new();
    for i in 0..6 {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            api.post(path, &service(), json!({"name": format!("Plan {i}"), "amount": 5000})).await
        }));
    }
    let mut ids = std::collections::HashSet::new();
    for t in tasks {
        let r = t.await.expect("task");
        expect(&r, 200);
        ids.insert(r.json()["id"].as_str().expect("id").to_string());
    }
    assert_eq!(ids.len(), 1, "every call answers the same plan");
    assert_eq!(api.count("SELECT count(*) FROM plans").await, 1);
    let r = api.post(path, &platform(), json!({"name": "Other", "amount": 1, "interval": "year"})).await;
    assert_eq!(r.json()["id"], ids.iter().next().expect("id").as_str(), "an active plan exists: kept");
    let bad = api.post(path, &service(), json!({"name": "x", "amount": 1, "isActive": false})).await;
    assert_eq!(details(&bad), [("/isActive".into(), "unknown_field".into())]);
    expect(&api.post(path, &owner("t1"), json!({"name": "x", "amount": 1})).await, 403);
}

#[tokio::test]
async fn the_active_grant_is_the_latest_ending_one_in_effect() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/subscription-grants/active";
    assert_eq!(api.get(path, &service()).await.json(), json!({"hasGrant": false}));
    api.sql
        .batch_execute(
            "INSERT INTO users (id, username, password) VALUES ('u-admin', 'admin', 'x');
             INSERT INTO subscription_grants (tenant_id, starts_at, ends_at, granted_by_user_id, reason, revoked_at) VALUES
               ('t1', now() - interval '1 day', now() + interval '90 days', 'u-admin', 'revoked', now()),
               ('t1', now() + interval '1 day', now() + interval '80 days', 'u-admin', 'not yet', NULL),
               ('t1', now() - interval '9 days', now() - interval '1 day', 'u-admin', 'over', NULL),
               ('t2', now() - interval '1 day', now() + interval '70 days', 'u-admin', 'other tenant', NULL),
               ('t1', now() - interval '1 day', '2031-01-01T00:00:00', 'u-admin', 'shorter', NULL),
               ('t1', now() - interval '1 day', '2032-06-01T12:30:00', 'u-admin', 'longest', NULL)",
        )
        .await
        .expect("grants");
    let g = api.get(path, &viewer("t1")).await.json();
    assert_eq!(g, json!({"hasGrant": true, "grantEndsAt": "2032-06-01T12:30:00.000Z"}));
}

#[tokio::test]
async fn invoices_expiry_cancellation_and_the_stripe_sync_write_the_one_row() {
    let api = Api::start().await;
    let sub = "/v1/tenants/t1/subscription";
    expect(&api.get(sub, &owner("t1")).await, 404);
    expect(&api.call("POST", &format!("{sub}/cancel"), Some(&owner("t1")), None).await, 404);

    // createInvoice: inserted incomplete, then (while not active) updated likewise.
    let r = api.post(&format!("{sub}/invoice"), &owner("t1"), json!({"cryptoInvoiceId": "inv-1"})).await;
    expect(&r, 200);
    assert_eq!(
        (r.json()["status"].as_str(), r.json()["cryptoInvoiceId"].as_str()),
        (Some("incomplete"), Some("inv-1"))
    );
    let r = api.post(&format!("{sub}/invoice"), &owner("t1"), json!({"cryptoInvoiceId": "inv-2"})).await;
    assert_eq!(r.json()["cryptoInvoiceId"], "inv-2");
    let r = api.post(&format!("{sub}/invoice"), &owner("t1"), json!({"cryptoInvoiceId": "x", "planId": "none"})).await;
    expect(&r, 409);
    assert_eq!(code(&r), "reference_violation");
    api.sql.batch_execute("UPDATE subscriptions SET status = 'active'").await.expect("paid");
    let r = api.post(&format!("{sub}/invoice"), &owner("t1"), json!({"cryptoInvoiceId": "inv-3"})).await;
    expect(&r, 409);
    assert_eq!(code(&r), "invalid_state");
    assert_eq!(api.get(sub, &viewer("t1")).await.json()["cryptoInvoiceId"], "inv-2", "refused: unchanged");

    // cancelSubscription.
    let r = api.call("POST", &format!("{sub}/cancel"), Some(&owner("t1")), None).await;
    expect(&r, 200);
    assert_eq!((r.json()["cancelAtPeriodEnd"].as_bool(), r.json()["status"].as_str()), (Some(true), Some("active")));

    // createExpiredSubscription: whatever the state, expired with the trial used.
    let r = api.call("POST", &format!("{sub}/expired"), Some(&service()), None).await;
    assert_eq!((r.json()["status"].as_str(), r.json()["hadTrial"].as_bool()), (Some("expired"), Some(true)));
    expect(&api.call("POST", &format!("{sub}/expired"), Some(&owner("t1")), None).await, 403);

    // syncStripeSubscription: mapped status, provider stripe, absent fields unchanged.
    let sync = |body: Value| {
        let api = &api;
        async move { api.call("PUT", "/v1/tenants/t2/subscription", Some(&service()), Some(body)).await }
    };
    let r = sync(json!({"stripeStatus": "active", "stripeSubscriptionId": "sub_1", "stripeCustomerId": "cus_1",
                        "currentPeriodEnd": "2031-02-01T00:00:00.000Z", "cancelAtPeriodEnd": false}))
    .await;
    expect(&r, 200);
    assert_eq!((r.json()["status"].as_str(), r.json()["paymentProvider"].as_str()), (Some("active"), Some("stripe")));
    let r = sync(json!({"stripeStatus": "incomplete_expired"})).await;
    assert_eq!(
        (r.json()["status"].as_str(), r.json()["stripeSubscriptionId"].as_str()),
        (Some("unpaid"), Some("sub_1"))
    );
    assert_eq!(r.json()["currentPeriodEnd"], "2031-02-01T00:00:00.000Z", "absent fields are left unchanged");
    let r = sync(json!({"stripeStatus": "something_new", "trialEnd": null})).await;
    assert_eq!(r.json()["status"], "incomplete");
    let body = json!({"stripeStatus": "active", "stripeSubscriptionId": "sub_1"});
    let taken = api.call("PUT", "/v1/tenants/t1/subscription", Some(&service()), Some(body)).await;
    expect(&taken, 409);
    assert_eq!(details(&taken), [("/stripeSubscriptionId".into(), "conflict".into())]);
    expect(
        &api.call("PUT", "/v1/tenants/t2/subscription", Some(&platform()), Some(json!({"stripeStatus": "active"})))
            .await,
        403,
    );
    assert_eq!(api.count("SELECT count(*) FROM subscriptions").await, 2);
}
