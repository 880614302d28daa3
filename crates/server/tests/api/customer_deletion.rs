//! Customer data deletion (storage-api appendix A, issue 10): one transaction over every table
//! holding the customer's data — including the vehicle_lookup_cases, escalation_events and
//! learning_queue rows the old service forgot (which made it fail on their foreign keys).

use crate::common::*;
use serde_json::json;

/// Every table the deletion reaches, with the customer's rows seeded below.
const TABLES: [&str; 14] = [
    "human_actions",
    "vehicle_lookup_cases",
    "escalation_events",
    "learning_queue",
    "ai_training_samples",
    "csat_ratings",
    "conversions",
    "lost_deals",
    "ai_suggestions",
    "messages",
    "conversations",
    "customer_memory",
    "customer_notes",
    "customers",
];

/// A customer `k` of `tenant` with a row in every dependent table: two conversations, each with
/// two messages and one row of each per-conversation table. Every id starts with `k-`.
async fn seed(api: &Api, tenant: &str, k: &str) {
    let mut sql = format!(
        "INSERT INTO customers (id, tenant_id, channel, external_id, name) VALUES ('{k}-c', '{tenant}', 'telegram', '{k}', '{k}');
         INSERT INTO customer_memory (id, tenant_id, customer_id) VALUES ('{k}-mem', '{tenant}', '{k}-c');
         INSERT INTO customer_notes (id, tenant_id, customer_id, note_text) VALUES ('{k}-n', '{tenant}', '{k}-c', 'note');"
    );
    for v in ["1", "2"] {
        let c = format!("{k}-v{v}");
        sql.push_str(&format!(
            "INSERT INTO conversations (id, tenant_id, customer_id) VALUES ('{c}', '{tenant}', '{k}-c');
             INSERT INTO messages (id, conversation_id, role, content) VALUES ('{c}-m1', '{c}', 'customer', 'hi'), ('{c}-m2', '{c}', 'assistant', 'hello');
             INSERT INTO ai_suggestions (id, conversation_id, message_id, suggested_reply) VALUES ('{c}-s', '{c}', '{c}-m1', 'reply');
             INSERT INTO human_actions (id, suggestion_id, action) VALUES ('{c}-h', '{c}-s', 'approve');
             INSERT INTO ai_training_samples (id, tenant_id, conversation_id, user_message, ai_suggestion, outcome)
               VALUES ('{c}-t', '{tenant}', '{c}', 'q', 'a', 'APPROVED');
             INSERT INTO learning_queue (id, tenant_id, conversation_id) VALUES ('{c}-l', '{tenant}', '{c}');
             INSERT INTO csat_ratings (id, tenant_id, conversation_id, rating) VALUES ('{c}-r', '{tenant}', '{c}', 5);
             INSERT INTO conversions (id, tenant_id, conversation_id, amount) VALUES ('{c}-cv', '{tenant}', '{c}', 100);
             INSERT INTO lost_deals (id, tenant_id, conversation_id, reason) VALUES ('{c}-ld', '{tenant}', '{c}', 'OTHER');
             INSERT INTO vehicle_lookup_cases (id, tenant_id, conversation_id, message_id, id_type, raw_value,
               normalized_value, status, verification_status)
               VALUES ('{c}-vl', '{tenant}', '{c}', '{c}-m1', 'VIN', 'x', 'X', 'PENDING', 'NONE');
             INSERT INTO escalation_events (id, conversation_id, reason) VALUES ('{c}-e', '{c}', 'angry');"
        ));
    }
    api.sql.batch_execute(&sql).await.expect("seed");
}

/// Rows of customer `k` per table, in [`TABLES`] order.
async fn rows_of(api: &Api, k: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for t in TABLES {
        out.push(api.count(&format!("SELECT count(*) FROM {t} WHERE id LIKE '{k}-%'")).await);
    }
    out
}

#[tokio::test]
async fn deleting_a_customer_deletes_every_row_of_it_and_nothing_else() {
    let api = Api::start().await;
    seed(&api, "t1", "a").await;
    seed(&api, "t1", "b").await;
    seed(&api, "t2", "z").await;
    let seeded = rows_of(&api, "a").await;
    assert_eq!(seeded, [2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 2, 1, 1, 1], "a row in every table");

    let path = "/v1/tenants/t1/customers/a-c";
    expect(&api.call("DELETE", path, Some(&operator("t1")), None).await, 403);
    // Another tenant's customer is not found (the old TENANT_MISMATCH), and nothing goes.
    let r = api.call("DELETE", "/v1/tenants/t1/customers/z-c", Some(&owner("t1")), None).await;
    expect(&r, 404);
    expect(&api.call("DELETE", path, Some(&owner("t2")), None).await, 403);
    expect(&api.call("DELETE", "/v1/tenants/t2/customers/a-c", Some(&owner("t2")), None).await, 404);
    assert_eq!(rows_of(&api, "z").await, seeded);
    assert_eq!(rows_of(&api, "a").await, seeded);

    let r = api.call("DELETE", path, Some(&owner("t1")), None).await;
    expect(&r, 200);
    assert_eq!(
        r.json(),
        json!({
            "humanActions": 2, "vehicleLookupCases": 2, "escalationEvents": 2, "learningQueue": 2,
            "aiTrainingSamples": 2, "csatRatings": 2, "conversions": 2, "lostDeals": 2, "aiSuggestions": 2,
            "messages": 4, "conversations": 2, "customerMemory": 1, "customerNotes": 1, "customers": 1
        }),
        "what was deleted, per table"
    );
    assert_eq!(rows_of(&api, "a").await, [0; 14], "all gone");
    assert_eq!(rows_of(&api, "b").await, seeded, "the tenant's other customer is untouched");
    assert_eq!(rows_of(&api, "z").await, seeded, "the other tenant is untouched");
    expect(&api.call("DELETE", path, Some(&owner("t1")), None).await, 404);
    expect(&api.get(path, &owner("t1")).await, 404);

    // A customer without any data: only its own row.
    let lone = customer(&api, "t1", "lone").await;
    let r = api.call("DELETE", &format!("/v1/tenants/t1/customers/{lone}"), Some(&owner("t1")), None).await;
    expect(&r, 200);
    assert_eq!(r.json()["customers"], 1);
    assert_eq!(r.json()["messages"], 0);
}

/// One transaction: a step that fails late leaves every row in place.
#[tokio::test]
async fn a_deletion_that_fails_late_deletes_nothing() {
    let api = Api::start().await;
    seed(&api, "t1", "a").await;
    api.sql
        .batch_execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$;
             CREATE TRIGGER refuse BEFORE DELETE ON customer_notes FOR EACH ROW EXECUTE FUNCTION refuse();",
        )
        .await
        .expect("trigger");
    let before = rows_of(&api, "a").await;
    let r = api.call("DELETE", "/v1/tenants/t1/customers/a-c", Some(&owner("t1")), None).await;
    expect(&r, 500);
    assert_eq!(rows_of(&api, "a").await, before, "rolled back");
}
