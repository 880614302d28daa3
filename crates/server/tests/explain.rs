//! Every query of the chat-flow slice uses an index: PostgreSQL's `auto_explain` logs the plan of
//! every statement the server runs — the storage operations' own and the nested ones (foreign
//! key checks) — while `enable_seqscan = off` makes the planner pick an index whenever one can
//! serve the query. Any remaining `Seq Scan` means a query has no usable index.
//!
//! Its own test binary, so the cluster log holds only this test's plans.

mod common;

use common::*;
use salesgate_server::testing::cluster;
use salesgate_server::testing::server::TestServer;
use serde_json::json;

/// Tables a sequential scan is acceptable on: one row per business, read by
/// getDefaultTenant (platform) only.
const SMALL_TABLES: [&str; 1] = ["tenants"];

#[tokio::test]
async fn every_slice_query_uses_an_index() {
    let db = migrated_db().await;
    let sql = connect(&db.url).await;
    sql.batch_execute(&format!(
        "ALTER DATABASE \"{db}\" SET session_preload_libraries = 'auto_explain';
         ALTER DATABASE \"{db}\" SET auto_explain.log_min_duration = 0;
         ALTER DATABASE \"{db}\" SET auto_explain.log_nested_statements = on;
         ALTER DATABASE \"{db}\" SET enable_seqscan = off;
         INSERT INTO tenants (id, name) VALUES ('t1', 'One'), ('t2', 'Two');",
        db = db.name
    ))
    .await
    .expect("configure auto_explain");
    let server = TestServer::start(&db.url).await;
    let api = |method: &'static str, path: String, token: String, body: Option<serde_json::Value>| {
        let addr = server.addr;
        async move {
            salesgate_server::testing::client::request(addr, method, &path, Some(&token), body.as_ref())
                .await
                .expect("request")
        }
    };
    let (o, p) = (owner("t1"), platform());

    // Every route of the slice, with and without cursors.
    let ch = api("POST", "/v1/tenants/t1/channels".into(), o.clone(), Some(json!({"type": "max", "name": "m"}))).await;
    let channel = ch.json()["id"].as_str().expect("channel").to_string();
    api("GET", "/v1/tenants/t1/channels".into(), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/channels/{channel}"), o.clone(), None).await;
    api("PATCH", format!("/v1/tenants/t1/channels/{channel}"), o.clone(), Some(json!({"name": "n"}))).await;
    api("GET", "/v1/platform/channels?type=max".into(), p.clone(), None).await;
    let w2 = api("POST", "/v1/tenants/t1/inbound-messages".into(), o.clone(), Some(inbound("1", "hi"))).await;
    expect(&w2, 201);
    api("POST", "/v1/tenants/t1/inbound-messages".into(), o.clone(), Some(inbound("1", "again"))).await;
    let (customer, conversation, message) = {
        let j = w2.json();
        (
            j["customerId"].as_str().expect("c").to_string(),
            j["conversationId"].as_str().expect("v").to_string(),
            j["messageId"].as_str().expect("m").to_string(),
        )
    };
    let cu =
        api("POST", "/v1/tenants/t1/customers".into(), o.clone(), Some(json!({"channel": "max", "externalId": "2"})))
            .await;
    expect(&cu, 201);
    api("GET", "/v1/tenants/t1/customers/lookup?channel=telegram&externalId=1".into(), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/customers?limit=1&after={customer}"), o.clone(), None).await;
    api("GET", "/v1/tenants/t1/customers?q=Iv".into(), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/customers/{customer}"), o.clone(), None).await;
    api("PATCH", format!("/v1/tenants/t1/customers/{customer}"), o.clone(), Some(json!({"name": "I"}))).await;
    let conv2 = api(
        "POST",
        "/v1/tenants/t1/conversations".into(),
        o.clone(),
        Some(json!({"customerId": customer, "channelId": channel})),
    )
    .await;
    expect(&conv2, 201);
    let conv2 = conv2.json()["id"].as_str().expect("id").to_string();
    api("GET", "/v1/tenants/t1/conversations?limit=1".into(), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/conversations?status=active&after={conversation}"), o.clone(), None).await;
    api("GET", "/v1/tenants/t1/conversations/channel-counts".into(), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/conversations/{conversation}"), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/conversations/{conversation}/with-customer"), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/conversations/{conversation}/detail"), o.clone(), None).await;
    api(
        "PATCH",
        format!("/v1/tenants/t1/conversations/{conversation}"),
        o.clone(),
        Some(json!({"status": "resolved"})),
    )
    .await;
    api(
        "PATCH",
        format!("/v1/tenants/t1/conversations/{conversation}"),
        o.clone(),
        Some(json!({"status": "escalated"})),
    )
    .await;
    api("GET", format!("/v1/tenants/t1/conversations/{conversation}/messages?limit=1"), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/conversations/{conversation}/messages?before={message}"), o.clone(), None).await;
    api("GET", format!("/v1/tenants/t1/conversations/{conversation}/messages?after={message}"), o.clone(), None).await;
    let m = api(
        "POST",
        format!("/v1/tenants/t1/conversations/{conv2}/messages"),
        o.clone(),
        Some(json!({"role": "owner", "content": "x"})),
    )
    .await;
    expect(&m, 201);
    api("GET", format!("/v1/tenants/t1/messages/{message}"), o.clone(), None).await;
    api("PATCH", format!("/v1/tenants/t1/messages/{message}"), o.clone(), Some(json!({"content": "y"}))).await;
    api("GET", "/v1/tenants/t1/feature-flags".into(), o.clone(), None).await;
    api("PUT", "/v1/tenants/t1/feature-flags/RAG_ENABLED".into(), p.clone(), Some(json!({"enabled": false}))).await;
    api("DELETE", "/v1/tenants/t1/feature-flags/RAG_ENABLED".into(), p.clone(), None).await;
    api("PUT", "/v1/platform/feature-flags/RAG_ENABLED".into(), p.clone(), Some(json!({"enabled": true}))).await;
    api("GET", "/v1/platform/feature-flags".into(), p.clone(), None).await;
    api("GET", "/v1/tenants/t1".into(), o.clone(), None).await;
    api("PATCH", "/v1/tenants/t1".into(), o.clone(), Some(json!({"name": "One!"}))).await;
    api("GET", "/v1/tenants/t1/templates".into(), o.clone(), None).await;
    api("GET", "/v1/platform/default-tenant".into(), p.clone(), None).await;
    let deleted = api("DELETE", format!("/v1/tenants/t1/conversations/{conv2}"), o.clone(), None).await;
    expect(&deleted, 204);
    drop(server);

    let log = std::fs::read_to_string(&cluster().cluster().config().log_file).expect("server log");
    let plans: Vec<&str> = log.split("LOG:  duration:").skip(1).collect();
    assert!(plans.len() > 50, "auto_explain logged {} plans; is it active?", plans.len());
    let mut scans = Vec::new();
    for plan in &plans {
        for line in plan.lines().filter(|l| l.contains("Seq Scan on ")) {
            let table = line.split("Seq Scan on ").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or("");
            if !SMALL_TABLES.contains(&table) {
                scans.push(plan.lines().take(12).collect::<Vec<_>>().join("\n"));
            }
        }
    }
    assert!(scans.is_empty(), "queries without an index:\n{}", scans.join("\n---\n"));
    // `SHOW_PLANS=<text>` prints the plans whose query mentions <text>.
    if let Ok(filter) = std::env::var("SHOW_PLANS") {
        plans.iter().filter(|p| p.contains(&filter)).for_each(|p| eprintln!("PLAN:{p}"));
    }
    for index in [
        "customers_tenant_channel_external_idx",
        "conversations_customer_status_created_idx",
        "messages_conversation_created_idx",
        "conversations_tenant_last_message_idx",
    ] {
        assert!(log.contains(index), "no plan used {index}");
    }
}
