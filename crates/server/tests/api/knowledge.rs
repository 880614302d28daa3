//! §13 Knowledge docs: the search covers active docs only and treats `%` and `_` literally;
//! deleting a doc deletes its chunks (the foreign key cascades).

use crate::common::*;
use serde_json::json;

fn titles(r: &salesgate_server::testing::client::Response) -> Vec<String> {
    let items = r.json();
    items.as_array().expect("an array").iter().map(|d| d["title"].as_str().unwrap_or("").to_string()).collect()
}

async fn doc(api: &Api, tenant: &str, body: serde_json::Value) -> String {
    let r = api.post(&format!("/v1/tenants/{tenant}/knowledge-docs"), &operator(tenant), body).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

#[tokio::test]
async fn knowledge_search_finds_active_docs_literally() {
    let api = Api::start().await;
    doc(&api, "t1", json!({"title": "Returns 100%", "content": "Money back", "docType": "returns"})).await;
    doc(&api, "t1", json!({"title": "Delivery", "content": "Within 1000 km_zone"})).await;
    doc(&api, "t1", json!({"title": "Old returns 100%", "content": "gone", "isActive": false})).await;
    doc(&api, "t1", json!({"title": "Kilometres", "content": "1000 kmXzone"})).await;
    doc(&api, "t2", json!({"title": "Returns 100% (t2)", "content": "x"})).await;

    let search = |q: &str| format!("/v1/tenants/t1/knowledge-docs/search?q={q}");
    assert_eq!(titles(&api.get(&search("0%25"), &viewer("t1")).await), ["Returns 100%"], "% literal, active only");
    assert_eq!(titles(&api.get(&search("km_"), &viewer("t1")).await), ["Delivery"], "_ is literal, in content");
    assert_eq!(titles(&api.get(&search("RETURNS"), &viewer("t1")).await), ["Returns 100%"], "ILIKE");
    assert_eq!(titles(&api.get("/v1/tenants/t1/knowledge-docs/search", &viewer("t1")).await).len(), 3);
    // storage-api §13: getKnowledgeDocsByTenant lists active and inactive docs.
    assert_eq!(titles(&api.get("/v1/tenants/t1/knowledge-docs", &viewer("t1")).await).len(), 4);
    let r = api
        .post(
            "/v1/tenants/t1/knowledge-docs",
            &operator("t1"),
            json!({"title": "x", "content": "y", "docType": "memo"}),
        )
        .await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/docType".into(), "not_allowed".into())]);
}

#[tokio::test]
async fn deleting_a_knowledge_doc_deletes_its_chunks() {
    let api = Api::start().await;
    let gone = doc(&api, "t1", json!({"title": "FAQ", "content": "Q and A"})).await;
    let kept = doc(&api, "t1", json!({"title": "Policy", "content": "Rules"})).await;
    for (d, n) in [(&gone, 3), (&kept, 2)] {
        for i in 0..n {
            api.sql
                .execute(
                    "INSERT INTO knowledge_doc_chunks (doc_id, tenant_id, chunk_index, content, token_count) \
                     VALUES ($1, 't1', $2, 'chunk', 1)",
                    &[d, &i],
                )
                .await
                .expect("chunk");
        }
    }
    expect(&api.call("DELETE", &format!("/v1/tenants/t2/knowledge-docs/{gone}"), Some(&owner("t2")), None).await, 404);
    assert_eq!(api.count("SELECT count(*) FROM knowledge_doc_chunks").await, 5, "another tenant deletes nothing");
    expect(
        &api.call("DELETE", &format!("/v1/tenants/t1/knowledge-docs/{gone}"), Some(&operator("t1")), None).await,
        204,
    );
    let left = api.sql.query("SELECT DISTINCT doc_id FROM knowledge_doc_chunks", &[]).await.expect("chunks");
    assert_eq!(
        left.iter().map(|r| r.get::<_, String>(0)).collect::<Vec<_>>(),
        [kept.as_str()],
        "its chunks went with it"
    );
    assert_eq!(api.count("SELECT count(*) FROM knowledge_doc_chunks").await, 2);
    expect(&api.get(&format!("/v1/tenants/t1/knowledge-docs/{gone}"), &owner("t1")).await, 404);
    expect(&api.get(&format!("/v1/tenants/t1/knowledge-docs/{kept}"), &owner("t1")).await, 200);
}
