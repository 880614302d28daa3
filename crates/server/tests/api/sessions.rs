//! Sessions of the backend's session store: the connect-pg-simple calls over HTTP, for the
//! `service` identity only.

use crate::common::*;
use salesgate_core::auth::Role;
use salesgate_server::testing::server;
use serde_json::json;

fn service() -> String {
    server::token(None, Role::Service)
}

#[tokio::test]
async fn sessions_are_set_read_until_they_expire_touched_destroyed_and_pruned() {
    let api = Api::start().await;
    let sid = "sess_0123456789abcdefABCDEF-xyz";
    let path = format!("/v1/service/sessions/{sid}");
    let sess = json!({"cookie": {"maxAge": 604800000}, "userId": "u1", "tenantId": "t1"});
    let r =
        api.call("PUT", &path, Some(&service()), Some(json!({"sess": sess, "expire": "2099-01-01T00:00:00Z"}))).await;
    expect(&r, 200);
    assert_eq!(r.json()["sid"], sid);
    let r = api.get(&path, &service()).await;
    expect(&r, 200);
    assert_eq!((&r.json()["sess"], r.json()["expire"].as_str()), (&sess, Some("2099-01-01T00:00:00.000Z")));

    // set again replaces the data and the expiry (connect-pg-simple's upsert).
    let r = api
        .call("PUT", &path, Some(&service()), Some(json!({"sess": {"userId": "u2"}, "expire": "2098-01-01T00:00:00Z"})))
        .await;
    expect(&r, 200);
    assert_eq!(api.get(&path, &service()).await.json()["sess"], json!({"userId": "u2"}));
    assert_eq!(api.count("SELECT count(*) FROM sessions").await, 1);

    // touch: a new expiry, the data unchanged; an expired session is not read.
    let r = api.patch(&path, &service(), json!({"expire": "2000-01-01T00:00:00Z"})).await;
    expect(&r, 200);
    assert_eq!(r.json()["sess"], json!({"userId": "u2"}));
    expect(&api.get(&path, &service()).await, 404);
    expect(&api.patch(&path, &service(), json!({"expire": "2097-01-01T00:00:00Z"})).await, 200);
    expect(&api.get(&path, &service()).await, 200);
    expect(&api.patch("/v1/service/sessions/nobody", &service(), json!({"expire": "2097-01-01T00:00:00Z"})).await, 404);

    // prune deletes the expired rows only, and says how many.
    for (i, expire) in ["2001-01-01T00:00:00Z", "2002-01-01T00:00:00Z", "2099-06-01T00:00:00Z"].iter().enumerate() {
        let r = api
            .call(
                "PUT",
                &format!("/v1/service/sessions/other-{i}"),
                Some(&service()),
                Some(json!({"sess": {}, "expire": expire})),
            )
            .await;
        expect(&r, 200);
    }
    let r = api.call("DELETE", "/v1/service/expired-sessions", Some(&service()), None).await;
    expect(&r, 200);
    assert_eq!(r.json()["count"], 2);
    assert_eq!(api.count("SELECT count(*) FROM sessions").await, 2);
    assert_eq!(api.call("DELETE", "/v1/service/expired-sessions", Some(&service()), None).await.json()["count"], 0);

    expect(&api.call("DELETE", &path, Some(&service()), None).await, 204);
    expect(&api.get(&path, &service()).await, 404);
    expect(&api.call("DELETE", &path, Some(&service()), None).await, 404);

    // The session data is the service's alone; a body is checked like any other.
    expect(&api.get("/v1/service/sessions/other-2", &server::token(None, Role::PlatformOwner)).await, 403);
    expect(&api.get("/v1/service/sessions/other-2", &owner("t1")).await, 403);
    let r = api.call("PUT", &path, Some(&service()), Some(json!({"sess": [1], "sid": "x"}))).await;
    expect(&r, 422);
    assert_eq!(
        details(&r),
        [
            ("/sid".into(), "read_only".into()),
            ("/sess".into(), "invalid_type".into()),
            ("/expire".into(), "required".into()),
        ]
    );
}
