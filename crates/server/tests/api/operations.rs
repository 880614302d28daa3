//! Health, readiness, metrics and the OpenAPI document.

use crate::common::*;

#[tokio::test]
async fn health_readiness_metrics_and_openapi() {
    let api = Api::start().await;
    expect(&api.call("GET", "/healthz", None, None).await, 200);
    let ready = api.call("GET", "/readyz", None, None).await;
    expect(&ready, 200);
    api.get("/v1/tenants/t1/feature-flags", &owner("t1")).await;
    api.get("/v1/tenants/t1/feature-flags", &owner("t2")).await;
    let metrics = api.call("GET", "/metrics", None, None).await;
    expect(&metrics, 200);
    let text = metrics.text();
    assert!(
        text.contains(
            "salesgate_http_requests_total{route=\"GET /v1/tenants/{tenantId}/feature-flags\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(text.contains(
        "salesgate_http_requests_total{route=\"GET /v1/tenants/{tenantId}/feature-flags\",status=\"403\"} 1"
    ));
    assert!(text.contains("salesgate_http_request_duration_seconds_bucket{route=\"GET /v1/tenants/{tenantId}/feature-flags\",le=\"+Inf\"} 2"));
    assert!(text.contains("salesgate_db_pool_max_connections 9"), "8 transaction connections and 1 shared one");

    let doc = api.call("GET", "/v1/openapi.json", None, None).await;
    expect(&doc, 200);
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for route in salesgate_core::routes::all() {
        let method = route.method.as_str().to_lowercase();
        assert_eq!(doc["paths"][route.path][&method]["operationId"], route.id, "{} {}", method, route.path);
    }

    // Not ready when a migration is missing.
    api.sql.batch_execute("DELETE FROM salesgate.schema_migrations WHERE name LIKE '0017%'").await.expect("delete");
    let r = api.call("GET", "/readyz", None, None).await;
    expect(&r, 503);
    assert!(r.text().contains("0017_chat_flow_indexes.sql"), "{}", r.text());
}
