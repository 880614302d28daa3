//! §21 Dashboard: getDashboardMetrics counts the tenant's rows only, in one round trip, and
//! keeps the old constant fields.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn dashboard_metrics_count_the_tenants_rows_and_keep_the_old_constants() {
    let api = Api::start().await;
    let empty = api.get("/v1/tenants/t1/dashboard", &viewer("t1")).await;
    expect(&empty, 200);
    assert_eq!(
        empty.json(),
        json!({"totalConversations": 0, "activeConversations": 0, "escalatedConversations": 0, "resolvedToday": 0,
               "avgResponseTime": 12, "aiAccuracy": 0, "pendingSuggestions": 0, "productsCount": 0,
               "knowledgeDocsCount": 0})
    );
    api.sql
        .batch_execute(
            "INSERT INTO customers (id, tenant_id, channel, external_id, name) VALUES
               ('cu1', 't1', 'telegram', '1', 'A'), ('cu2', 't2', 'telegram', '1', 'B');
             INSERT INTO conversations (id, tenant_id, customer_id, status) VALUES
               ('c1', 't1', 'cu1', 'active'), ('c2', 't1', 'cu1', 'active'), ('c3', 't1', 'cu1', 'escalated'),
               ('c4', 't1', 'cu1', 'resolved'), ('c5', 't2', 'cu2', 'active'), ('c6', 't2', 'cu2', 'escalated');
             INSERT INTO ai_suggestions (conversation_id, suggested_reply, status) VALUES
               ('c1', 'a', 'pending'), ('c3', 'b', 'pending'), ('c1', 'c', 'approved'), ('c5', 'd', 'pending');
             INSERT INTO products (tenant_id, name) VALUES ('t1', 'p1'), ('t1', 'p2'), ('t2', 'p3');
             INSERT INTO knowledge_docs (tenant_id, title, content) VALUES ('t1', 'd1', 'x'), ('t2', 'd2', 'y'),
               ('t2', 'd3', 'z');",
        )
        .await
        .expect("rows");
    let r = api.get("/v1/tenants/t1/dashboard", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(
        r.json(),
        json!({"totalConversations": 4, "activeConversations": 2, "escalatedConversations": 1, "resolvedToday": 0,
               "avgResponseTime": 12, "aiAccuracy": 0, "pendingSuggestions": 2, "productsCount": 2,
               "knowledgeDocsCount": 1})
    );
    let text = r.text();
    let positions: Vec<usize> = [
        "totalConversations",
        "activeConversations",
        "escalatedConversations",
        "resolvedToday",
        "avgResponseTime",
        "aiAccuracy",
        "pendingSuggestions",
        "productsCount",
        "knowledgeDocsCount",
    ]
    .iter()
    .map(|k| text.find(&format!("\"{k}\"")).expect(k))
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "the old member order: {text}");
    let t2 = api.get("/v1/tenants/t2/dashboard", &platform()).await;
    assert_eq!(
        (t2.json()["totalConversations"].as_i64(), t2.json()["pendingSuggestions"].as_i64()),
        (Some(2), Some(1)),
        "platform staff read any tenant's, and only that tenant's"
    );
}
