//! §12 Products: plain declarations; the search treats `%` and `_` literally, like the
//! customer search.

use crate::common::*;
use salesgate_server::testing::client::Response;
use serde_json::json;

fn names(r: &Response) -> Vec<String> {
    let items = r.json();
    items.as_array().expect("an array").iter().map(|p| p["name"].as_str().unwrap_or("").to_string()).collect()
}

#[tokio::test]
async fn product_search_matches_name_description_and_category_literally() {
    let api = Api::start().await;
    let products = [
        json!({"name": "Tyre 50% off", "price": 10.5}),
        json!({"name": "Tyre 500", "description": "Winter 50 percent"}),
        json!({"name": "Cap", "category": "hats_caps"}),
        json!({"name": "Hat", "category": "hatsXcaps"}),
        json!({"name": "Oil", "description": "Back\\slash"}),
    ];
    for body in products {
        expect(&api.post("/v1/tenants/t1/products", &operator("t1"), body).await, 201);
    }
    expect(&api.post("/v1/tenants/t2/products", &owner("t2"), json!({"name": "Tyre 50% off (t2)"})).await, 201);

    let search = |q: &str| format!("/v1/tenants/t1/products/search?q={q}");
    assert_eq!(names(&api.get(&search("50%25"), &viewer("t1")).await), ["Tyre 50% off"], "% is literal");
    assert_eq!(names(&api.get(&search("s_c"), &viewer("t1")).await), ["Cap"], "_ is literal");
    assert_eq!(names(&api.get(&search("k%5Cs"), &viewer("t1")).await), ["Oil"], "\\ is literal");
    assert_eq!(names(&api.get(&search("tyre"), &viewer("t1")).await), ["Tyre 50% off", "Tyre 500"], "ILIKE");
    assert_eq!(names(&api.get(&search("WINTER"), &viewer("t1")).await), ["Tyre 500"], "description");
    assert_eq!(names(&api.get(&search("HATS"), &viewer("t1")).await), ["Cap", "Hat"], "category");
    // storage-api §12: an empty query matches every product (ILIKE '%%'); so does no query.
    assert_eq!(names(&api.get(&search(""), &viewer("t1")).await).len(), 5);
    assert_eq!(names(&api.get("/v1/tenants/t1/products/search", &viewer("t1")).await).len(), 5);
    let page = api.get("/v1/tenants/t1/products/search?q=a&limit=2", &viewer("t1")).await;
    assert_eq!(names(&page).len(), 2);
    let next = page.header("x-next-cursor").expect("a next page").to_string();
    let rest = api.get(&format!("/v1/tenants/t1/products/search?q=a&limit=2&after={next}"), &viewer("t1")).await;
    assert!(!names(&rest).is_empty());
    assert!(!api.get(&search("t2"), &owner("t1")).await.text().contains("t2"), "another tenant's products");
}

#[tokio::test]
async fn products_are_the_tenants_and_deleting_one_leaves_its_rag_rows() {
    let api = Api::start().await;
    let r = api.post("/v1/tenants/t1/products", &operator("t1"), json!({"name": "Tyre", "images": ["a.jpg"]})).await;
    expect(&r, 201);
    assert_eq!((r.json()["currency"].as_str(), r.json()["inStock"].as_bool()), (Some("RUB"), Some(true)), "defaults");
    let id = r.json()["id"].as_str().expect("id").to_string();
    let product = format!("/v1/tenants/t1/products/{id}");
    let r = api.patch(&product, &operator("t1"), json!({"price": 99.5, "description": null})).await;
    expect(&r, 200);
    assert_eq!(r.json()["price"], 99.5);
    expect(&api.patch(&product, &operator("t1"), json!({"price": -1})).await, 422);
    expect(&api.get(&format!("/v1/tenants/t2/products/{id}"), &owner("t2")).await, 404);
    let rag = json!({"type": "PRODUCT", "sourceId": id, "content": "Tyre"});
    expect(&api.post("/v1/tenants/t1/rag-documents", &operator("t1"), rag).await, 201);
    expect(&api.call("DELETE", &product, Some(&operator("t1")), None).await, 204);
    expect(&api.get(&product, &owner("t1")).await, 404);
    expect(&api.call("DELETE", &product, Some(&operator("t1")), None).await, 404);
    assert_eq!(
        api.count(&format!("SELECT count(*) FROM rag_documents WHERE source_id = '{id}'")).await,
        1,
        "storage-api §12: RAG rows are removed by deleteRagBySource, not by deleteProduct"
    );
}
