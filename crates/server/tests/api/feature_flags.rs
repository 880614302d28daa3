//! Feature flags (appendix A).

use crate::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn feature_flags() {
    let api = Api::start().await;
    let path = "/v1/tenants/t1/feature-flags";
    let r = api.get(path, &viewer("t1")).await;
    expect(&r, 200);
    let flags = r.json()["flags"].clone();
    assert_eq!(flags.as_object().map(|f| f.len()), Some(13));
    assert_eq!((flags["RAG_ENABLED"].clone(), flags["AI_AUTOSEND_ENABLED"].clone()), (json!(true), json!(false)));
    assert!(r.header("cache-control").is_some_and(|c| c.contains("max-age=30")));

    let r = api
        .call(
            "PUT",
            "/v1/platform/feature-flags/AI_AUTOSEND_ENABLED",
            Some(&platform()),
            Some(json!({"enabled": true})),
        )
        .await;
    expect(&r, 200);
    assert_eq!(r.json()["tenantId"], Value::Null);
    let r = api
        .call(
            "PUT",
            "/v1/tenants/t2/feature-flags/AI_AUTOSEND_ENABLED",
            Some(&platform()),
            Some(json!({"enabled": false})),
        )
        .await;
    expect(&r, 200);
    assert_eq!(api.get(path, &owner("t1")).await.json()["flags"]["AI_AUTOSEND_ENABLED"], true, "global value");
    assert_eq!(
        api.get("/v1/tenants/t2/feature-flags", &owner("t2")).await.json()["flags"]["AI_AUTOSEND_ENABLED"],
        false,
        "override"
    );

    expect(
        &api.call(
            "PUT",
            "/v1/tenants/t1/feature-flags/RAG_ENABLED",
            Some(&owner("t1")),
            Some(json!({"enabled": false})),
        )
        .await,
        403,
    );
    let r =
        api.call("PUT", "/v1/tenants/t1/feature-flags/NOPE", Some(&platform()), Some(json!({"enabled": false}))).await;
    expect(&r, 400);
    let r = api
        .call("PUT", "/v1/tenants/t1/feature-flags/RAG_ENABLED", Some(&platform()), Some(json!({"enabled": "no"})))
        .await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/enabled".into(), "invalid_type".into())]);
    expect(&api.call("DELETE", "/v1/tenants/t2/feature-flags/AI_AUTOSEND_ENABLED", Some(&platform()), None).await, 204);
    assert_eq!(
        api.get("/v1/tenants/t2/feature-flags", &owner("t2")).await.json()["flags"]["AI_AUTOSEND_ENABLED"],
        true
    );
    let globals = api.get("/v1/platform/feature-flags", &platform()).await;
    assert_eq!(globals.json().as_array().map(Vec::len), Some(1));
    expect(&api.get("/v1/tenants/t2/feature-flags", &owner("t1")).await, 403);
}
