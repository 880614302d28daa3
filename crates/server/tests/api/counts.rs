//! §25 Metrics: counts of the tenant's rows only.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn counts_are_of_the_tenants_rows() {
    let api = Api::start().await;
    for what in ["customers", "customer-notes", "customer-memory"] {
        let r = api.get(&format!("/v1/tenants/t1/{what}/count"), &viewer("t1")).await;
        expect(&r, 200);
        assert_eq!(r.json(), json!({"count": 0}), "{what}");
    }
    api.sql
        .batch_execute(
            "INSERT INTO customers (id, tenant_id, channel, external_id) VALUES
               ('a', 't1', 'telegram', '1'), ('b', 't1', 'telegram', '2'), ('c', 't1', 'max', '1'),
               ('z', 't2', 'telegram', '1');
             INSERT INTO customer_notes (tenant_id, customer_id, note_text) VALUES
               ('t1', 'a', 'x'), ('t1', 'a', 'y'), ('t1', 'b', 'z'), ('t2', 'z', 'w');
             INSERT INTO customer_memory (tenant_id, customer_id) VALUES ('t1', 'a'), ('t2', 'z');",
        )
        .await
        .expect("rows");
    for (what, n) in [("customers", 3), ("customer-notes", 3), ("customer-memory", 1)] {
        let r = api.get(&format!("/v1/tenants/t1/{what}/count"), &viewer("t1")).await;
        assert_eq!(r.json(), json!({"count": n}), "{what}");
    }
    let r = api.get("/v1/tenants/t2/customers/count", &platform()).await;
    assert_eq!(r.json(), json!({"count": 1}));
    expect(&api.get("/v1/tenants/t2/customers/count", &viewer("t1")).await, 403);
}
