//! §7 Customers.

use crate::common::*;
use salesgate_server::testing::client;
use serde_json::json;

#[tokio::test]
async fn customers() {
    let api = Api::start().await;
    let body = json!({"channel": "telegram", "externalId": "42", "name": "Anna", "tags": ["vip"]});
    let r = api.post("/v1/tenants/t1/customers", &operator("t1"), body.clone()).await;
    expect(&r, 201);
    let id = r.json()["id"].as_str().expect("id").to_string();
    let created_updated = r.json()["updatedAt"].clone();

    let dup = api.post("/v1/tenants/t1/customers", &operator("t1"), body.clone()).await;
    expect(&dup, 409);
    assert_eq!(details(&dup), [("/channel".into(), "conflict".into()), ("/externalId".into(), "conflict".into())]);
    expect(&api.post("/v1/tenants/t2/customers", &owner("t2"), body).await, 201);
    expect(&api.post("/v1/tenants/t1/customers", &viewer("t1"), json!({"name": "x"})).await, 403);

    let r = api.post("/v1/tenants/t1/customers", &owner("t1"), json!({"email": "bad", "tags": "vip", "x": 1})).await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [
            ("/x".into(), "unknown_field".into()),
            ("/email".into(), "invalid_format".into()),
            ("/tags".into(), "invalid_type".into())
        ]
    );

    let found = api.get("/v1/tenants/t1/customers/lookup?channel=telegram&externalId=42", &viewer("t1")).await;
    expect(&found, 200);
    assert_eq!(found.json()["id"], id.as_str());
    expect(&api.get("/v1/tenants/t1/customers/lookup?channel=telegram&externalId=43", &owner("t1")).await, 404);
    let r = api.get("/v1/tenants/t1/customers/lookup?channel=fax", &owner("t1")).await;
    expect(&r, 400);
    assert_eq!(details(&r), [("channel".into(), "not_allowed".into()), ("externalId".into(), "required".into())]);
    expect(&api.get("/v1/tenants/t2/customers/lookup?channel=telegram&externalId=42", &owner("t1")).await, 403);

    expect(&api.get(&format!("/v1/tenants/t1/customers/{id}"), &owner("t1")).await, 200);
    let other = api.get(&format!("/v1/tenants/t2/customers/{id}"), &owner("t2")).await;
    expect(&other, 404);
    assert!(!other.text().contains("Anna"));

    let r = api
        .patch(&format!("/v1/tenants/t1/customers/{id}"), &operator("t1"), json!({"name": "Anna K", "phone": null}))
        .await;
    expect(&r, 200);
    assert_eq!(r.json()["name"], "Anna K");
    assert_ne!(r.json()["updatedAt"], created_updated, "updateCustomer refreshes updatedAt");
    let r = api.patch(&format!("/v1/tenants/t1/customers/{id}"), &operator("t1"), json!({"externalId": "9"})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/externalId".into(), "read_only".into())]);
    expect(&api.patch(&format!("/v1/tenants/t2/customers/{id}"), &owner("t2"), json!({"name": "x"})).await, 404);
    assert_eq!(api.count("SELECT count(*) FROM customers WHERE name = 'x'").await, 0);
}

#[tokio::test]
async fn customer_lists_page_and_search_literally() {
    let api = Api::start().await;
    for (i, name) in ["Ann 100%", "Bob", "Boris_1", "Boris", "Cid"].iter().enumerate() {
        let body = json!({"channel": "max", "externalId": format!("e{i}"), "name": name});
        expect(&api.post("/v1/tenants/t1/customers", &owner("t1"), body).await, 201);
    }
    let first = api.get("/v1/tenants/t1/customers?limit=2", &owner("t1")).await;
    expect(&first, 200);
    let names = |r: &client::Response| -> Vec<String> {
        r.json()
            .as_array()
            .map(|a| a.iter().map(|c| c["name"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(names(&first), ["Ann 100%", "Bob"]);
    let cursor = first.header("x-next-cursor").expect("more pages").to_string();
    let second = api.get(&format!("/v1/tenants/t1/customers?limit=2&after={cursor}"), &owner("t1")).await;
    assert_eq!(names(&second), ["Boris_1", "Boris"]);
    let last = api
        .get(
            &format!("/v1/tenants/t1/customers?limit=2&after={}", second.header("x-next-cursor").expect("more")),
            &owner("t1"),
        )
        .await;
    assert_eq!(names(&last), ["Cid"]);
    assert_eq!(last.header("x-next-cursor"), None);

    let r = api.get("/v1/tenants/t1/customers?q=0%25", &owner("t1")).await;
    assert_eq!(names(&r), ["Ann 100%"], "% is literal");
    let r = api.get("/v1/tenants/t1/customers?q=is_", &owner("t1")).await;
    assert_eq!(names(&r), ["Boris_1"], "_ is literal");
    let r = api.get("/v1/tenants/t1/customers?q=BOR", &owner("t1")).await;
    assert_eq!(names(&r), ["Boris_1", "Boris"], "case-insensitive");
    let r = api.get("/v1/tenants/t2/customers?q=Bob", &owner("t2")).await;
    assert_eq!(r.json(), json!([]));
    let r = api.get("/v1/tenants/t1/customers?after=nope", &owner("t1")).await;
    expect(&r, 400);
    let r = api.get("/v1/tenants/t1/customers?limit=0", &owner("t1")).await;
    expect(&r, 400);
}

/// searchCustomers (storage-api §7) as its own route: `q` required, the literal search of the
/// list, paged oldest first, scoped to the tenant.
#[tokio::test]
async fn search_customers_is_its_own_route() {
    let api = Api::start().await;
    for (i, (name, phone)) in
        [("Boris", "+7 900"), ("Anna", "+7 901"), ("boris_k", "+7 902"), ("Cid", "555")].iter().enumerate()
    {
        let body = json!({"channel": "max", "externalId": format!("e{i}"), "name": name, "phone": phone});
        expect(&api.post("/v1/tenants/t1/customers", &owner("t1"), body).await, 201);
    }
    let body = json!({"channel": "max", "externalId": "boris", "name": "Boris of t2"});
    expect(&api.post("/v1/tenants/t2/customers", &owner("t2"), body).await, 201);
    let names = |r: &client::Response| -> Vec<String> {
        r.json()
            .as_array()
            .map(|a| a.iter().map(|c| c["name"].as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default()
    };
    let r = api.get("/v1/tenants/t1/customers/search?q=BORIS", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(names(&r), ["Boris", "boris_k"], "case-insensitive, oldest first, the tenant's only");
    let r = api.get("/v1/tenants/t1/customers/search?q=%2B7%2090", &viewer("t1")).await;
    assert_eq!(names(&r), ["Boris", "Anna", "boris_k"], "phone");
    let r = api.get("/v1/tenants/t1/customers/search?q=e3", &viewer("t1")).await;
    assert_eq!(names(&r), ["Cid"], "external id");
    let r = api.get("/v1/tenants/t1/customers/search?q=s_", &viewer("t1")).await;
    assert_eq!(names(&r), ["boris_k"], "_ is literal");
    let page = api.get("/v1/tenants/t1/customers/search?q=%2B7&limit=2", &owner("t1")).await;
    assert_eq!(names(&page), ["Boris", "Anna"]);
    let cursor = page.header("x-next-cursor").expect("more").to_string();
    let rest = api.get(&format!("/v1/tenants/t1/customers/search?q=%2B7&limit=2&after={cursor}"), &owner("t1")).await;
    assert_eq!(names(&rest), ["boris_k"]);
    let r = api.get("/v1/tenants/t1/customers/search", &owner("t1")).await;
    expect(&r, 400);
    assert_eq!(details(&r), [("q".into(), "required".into())]);
    let r = api.get("/v1/tenants/t1/customers/search?q=nobody", &owner("t1")).await;
    assert_eq!(r.json(), json!([]));
    // The list's own `q` keeps working.
    assert_eq!(names(&api.get("/v1/tenants/t1/customers?q=boris", &owner("t1")).await), ["Boris", "boris_k"]);
    // Cyrillic folds too: the managed cluster's LC_CTYPE is C.UTF-8 (the C locale folded ASCII only).
    let body = json!({"channel": "telegram", "externalId": "cyr", "name": "Иван Петров"});
    expect(&api.post("/v1/tenants/t1/customers", &owner("t1"), body).await, 201);
    for q in ["иван", "ИВАН", "пЕтРоВ"] {
        let r = api.get(&format!("/v1/tenants/t1/customers/search?q={}", encode(q)), &viewer("t1")).await;
        assert_eq!(names(&r), ["Иван Петров"], "q={q}");
    }
}

/// `q` percent-encoded as UTF-8 bytes.
fn encode(q: &str) -> String {
    q.bytes().map(|b| format!("%{b:02X}")).collect()
}
