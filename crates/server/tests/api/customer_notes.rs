//! §8 Customer notes: plain declarations only; these tests check the semantics storage-api
//! gives them and D5 (a reference to a table without its own NOT NULL tenant_id is guarded).

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn notes_are_listed_newest_first_and_scoped_through_their_customer() {
    let api = Api::start().await;
    let c = customer(&api, "t1", "1").await;
    let path = format!("/v1/tenants/t1/customers/{c}/notes");
    let mut ids = Vec::new();
    for text in ["first", "second", "third"] {
        let r = api.post(&path, &operator("t1"), json!({"noteText": text})).await;
        expect(&r, 201);
        assert_eq!((r.json()["customerId"].as_str(), r.json()["tenantId"].as_str()), (Some(c.as_str()), Some("t1")));
        ids.push(r.json()["id"].as_str().expect("id").to_string());
    }
    let list = api.get(&path, &viewer("t1")).await;
    expect(&list, 200);
    let notes = list.json();
    let texts: Vec<&str> = notes.as_array().expect("array").iter().filter_map(|n| n["noteText"].as_str()).collect();
    assert_eq!(texts, ["third", "second", "first"], "storage-api §8: newest first");
    let r = api.post(&path, &operator("t1"), json!({"noteText": "x", "customerId": "other"})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/customerId".into(), "read_only".into())], "the path gives the customer");

    let other = customer(&api, "t2", "1").await;
    let r = api.post(&format!("/v1/tenants/t1/customers/{other}/notes"), &owner("t1"), json!({"noteText": "x"})).await;
    expect(&r, 404);
    expect(&api.get(&format!("/v1/tenants/t1/customers/{other}/notes"), &owner("t1")).await, 404);
    expect(&api.get("/v1/tenants/t1/customers/nobody/notes", &owner("t1")).await, 404);

    expect(&api.get(&format!("/v1/tenants/t1/customer-notes/{}", ids[0]), &owner("t1")).await, 200);
    expect(&api.get(&format!("/v1/tenants/t2/customer-notes/{}", ids[0]), &owner("t2")).await, 404);
    expect(
        &api.call("DELETE", &format!("/v1/tenants/t1/customer-notes/{}", ids[0]), Some(&viewer("t1")), None).await,
        403,
    );
    expect(
        &api.call("DELETE", &format!("/v1/tenants/t2/customer-notes/{}", ids[0]), Some(&owner("t2")), None).await,
        404,
    );
    expect(
        &api.call("DELETE", &format!("/v1/tenants/t1/customer-notes/{}", ids[0]), Some(&owner("t1")), None).await,
        204,
    );
    expect(&api.get(&format!("/v1/tenants/t1/customer-notes/{}", ids[0]), &owner("t1")).await, 404);
    assert_eq!(api.count("SELECT count(*) FROM customer_notes").await, 2);
}

/// D5: `authorUserId` references `users`, a table whose `tenant_id` is nullable (platform
/// staff have none). A user of another tenant, or a platform user, cannot be referenced: 422
/// naming the field, nothing written. (Before, only references to tables with a NOT NULL
/// tenant_id were guarded.)
#[tokio::test]
async fn a_note_cannot_name_another_tenants_user() {
    let api = Api::start().await;
    api.sql
        .batch_execute(
            "INSERT INTO users (id, tenant_id, username, password) VALUES
               ('u1', 't1', 'anna', 'x'), ('u2', 't2', 'boris', 'x'), ('staff', NULL, 'root', 'x')",
        )
        .await
        .expect("users");
    let c = customer(&api, "t1", "1").await;
    let path = format!("/v1/tenants/t1/customers/{c}/notes");
    let r = api.post(&path, &operator("t1"), json!({"noteText": "mine", "authorUserId": "u1"})).await;
    expect(&r, 201);
    for user in ["u2", "staff", "missing"] {
        let r = api.post(&path, &operator("t1"), json!({"noteText": "stolen", "authorUserId": user})).await;
        expect(&r, 422);
        assert_eq!(details(&r), [("/authorUserId".into(), "not_found".into())], "{user}");
    }
    assert_eq!(api.count("SELECT count(*) FROM customer_notes WHERE note_text = 'stolen'").await, 0);
}
