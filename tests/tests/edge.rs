//! The edge Worker in workerd (`wrangler dev`) in front of the real `salesgate serve` on a
//! throwaway PostgreSQL: what issue 4's acceptance asks, end to end.
//!
//! One test, because starting the tiers dominates its cost (a few seconds each); its steps are
//! separate functions, run in an order where each one's traffic cannot disturb the next.
//! Run it with `cargo make e2e` (builds the Worker and the `salesgate` binary first).

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use salesgate_core::auth::Role;
use salesgate_core::{router, routes};
use salesgate_e2e::{Edge, Origin, get, send};
use salesgate_server::migrate::{self, Options};
use salesgate_server::testing::client::Response;
use salesgate_server::testing::cluster;
use salesgate_server::testing::server::{SECRET, token_with};
use serde_json::{Value, json};

const APP_ORIGIN: &str = "https://app.example";
/// Both tiers get the same, smaller body limit: it must be configured alike, and the 413 case
/// then needs no megabyte upload.
const BODY_LIMIT: usize = 64 * 1024;

fn token(tenant: Option<&str>, role: Role) -> String {
    format!("Bearer {}", token_with(tenant, role, 3600, SECRET))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_edge_in_front_of_the_origin() {
    let started = Instant::now();
    tokio::time::timeout(Duration::from_secs(240), run()).await.expect("the end-to-end test took over 4 minutes");
    eprintln!("end-to-end test finished in {:?}", started.elapsed());
}

async fn run() {
    let setup = Instant::now();
    let dir = tempfile::Builder::new().prefix("sg-e2e-").tempdir().expect("temp dir");
    let pg = cluster();
    let template = pg
        .template(
            "e2e_migrated",
            |url| async move { migrate::run(&url, &Options::default(), &|_| {}).await.map(|_| ()) },
        )
        .await
        .expect("migrated template");
    let db = pg.create_database("e2e", Some(template)).await.expect("database");
    let (sql, connection) = tokio_postgres::connect(&db.url, tokio_postgres::NoTls).await.expect("connect");
    tokio::spawn(connection);
    sql.batch_execute(
        "INSERT INTO tenants (id, name) VALUES ('t1', 'Store One'), ('t2', 'Store Two'), ('t3', 'Store Three')",
    )
    .await
    .expect("tenants");

    let limit = ("SALESGATE_BODY_LIMIT", BODY_LIMIT.to_string());
    let mut origin = Origin::start(&db.url, SECRET, std::slice::from_ref(&limit), dir.path()).await;
    // A second edge whose origin accepts connections and never answers: the 504 path.
    let black_hole = TcpListener::bind("127.0.0.1:0").expect("bind");
    let silent = format!("http://{}", black_hole.local_addr().expect("addr"));
    let edge_vars = [
        ("ORIGIN_URL", format!("http://{}", origin.addr)),
        ("CORS_ALLOWED_ORIGINS", APP_ORIGIN.to_string()),
        limit.clone(),
    ];
    let slow_vars = [("ORIGIN_URL", silent), ("ORIGIN_TIMEOUT_MS", "700".to_string())];
    let (mut edge, slow_edge) = tokio::join!(Edge::start(&edge_vars, SECRET), Edge::start(&slow_vars, SECRET));
    eprintln!(
        "origin on {}, edge on {}, slow edge on {}: up after {:?}",
        origin.addr,
        edge.addr,
        slow_edge.addr,
        setup.elapsed()
    );

    let step = Instant::now();
    let lap = |what: &str| eprintln!("  {what}: done at {:?}", step.elapsed());
    lap("start");
    benchmark_routes_pass_through(&edge, &origin).await;
    lap("benchmark routes");
    every_section_through_the_edge(&edge).await;
    lap("one operation of every section");
    bad_requests_are_answered_by_the_edge_alone(&edge, &origin).await;
    lap("bad requests");
    cacheable_reads_hit_per_tenant(&edge, &origin).await;
    lap("cache");
    cors(&edge).await;
    lap("cors");
    slow_origin_is_a_504(&slow_edge).await;
    lap("slow origin: 504");
    origin_down_is_a_502(&edge, &mut origin).await;
    lap("origin down: 502");

    // Nothing the Worker did was an uncaught exception.
    let log = edge.process.log();
    assert!(!log.contains("Uncaught") && !log.contains("panicked"), "edge log:\n{log}");
    edge.process.stop(Duration::from_secs(3));
}

/// W1–W4 through the edge, the request id travelling to the origin and back.
async fn benchmark_routes_pass_through(edge: &Edge, origin: &Origin) {
    let operator = token(Some("t1"), Role::Operator);
    let viewer = token(Some("t1"), Role::Viewer);
    let body =
        json!({"channel": "telegram", "externalId": "e2e-42", "name": "Ivan", "content": "Нужна коробка передач"});
    let w2 = call(edge.addr, "POST", "/v1/tenants/t1/inbound-messages", &operator, Some(&body), "e2e-w2").await;
    assert_status(&w2, 201);
    assert_eq!(w2.header("x-request-id"), Some("e2e-w2"));
    let ids = w2.json();
    let (customer, conversation) = (text(&ids["customerId"]), text(&ids["conversationId"]));

    let w1_path = "/v1/tenants/t1/customers/lookup?channel=telegram&externalId=e2e-42";
    let w1 = call(edge.addr, "GET", w1_path, &viewer, None, "e2e-w1").await;
    assert_status(&w1, 200);
    assert_eq!(w1.json()["id"], json!(customer));
    assert_eq!(w1.header("x-salesgate-cache"), None, "W1 is not cacheable");
    // The edge passes the origin's answer through untouched.
    let direct = call(origin.addr, "GET", w1_path, &viewer, None, "e2e-w1").await;
    assert_eq!(w1.body, direct.body);
    assert_eq!(w1.header("cache-control"), direct.header("cache-control"));

    let w3 = call(
        edge.addr,
        "GET",
        &format!("/v1/tenants/t1/conversations/{conversation}/messages?limit=50"),
        &viewer,
        None,
        "e2e-w3",
    )
    .await;
    assert_status(&w3, 200);
    let messages = w3.json();
    assert_eq!(messages.as_array().map(Vec::len), Some(1), "{messages}");
    assert_eq!(messages[0]["content"], "Нужна коробка передач");

    let w4 = call(edge.addr, "GET", "/v1/tenants/t1/feature-flags", &viewer, None, "e2e-w4").await;
    assert_status(&w4, 200);
    assert!(w4.json()["flags"].is_object());

    // Ids the client sent, and ids the edge generated, are the ones the origin logged.
    let generated = send(edge.addr, "GET", w1_path, &[("authorization", &viewer)], None).await.expect("W1");
    let id = generated.header("x-request-id").expect("generated id").to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let log = origin.process.log();
    for id in ["e2e-w1", "e2e-w2", "e2e-w3", "e2e-w4", &id] {
        assert!(log.contains(id), "the origin never saw request id {id}:\n{log}");
    }
}

/// One case of [`every_section_through_the_edge`]: label, method, path, token, body, the
/// statuses the origin may answer.
type SectionCase<'a> = (&'a str, &'a str, String, &'a String, Option<Value>, &'a [u16]);

/// One operation of every section of storage-api (and Appendix A) through the edge: the gate
/// admits it at the edge and the origin answers it (issues 9 and 10).
async fn every_section_through_the_edge(edge: &Edge) {
    let (owner, operator) = (token(Some("t1"), Role::Owner), token(Some("t1"), Role::Operator));
    let (platform, service) = (token(None, Role::PlatformAdmin), token(None, Role::Service));
    let customer = call(
        edge.addr,
        "POST",
        "/v1/tenants/t1/customers",
        &owner,
        Some(&json!({"channel": "max", "externalId": "e2e-sections", "name": "Sections"})),
        "e2e-customer",
    )
    .await;
    assert_status(&customer, 201);
    let customer = text(&customer.json()["id"]);
    let notes = format!("/v1/tenants/t1/customers/{customer}/notes");
    let memory = format!("/v1/tenants/t1/customers/{customer}/memory/frequent-topics");
    let deletion = format!("/v1/tenants/t1/customers/{customer}");
    let session = json!({"sess": {"cookie": {}}, "expire": "2099-01-01T00:00:00Z"});
    let cases: Vec<SectionCase> = vec![
        ("§8 notes", "POST", notes.clone(), &operator, Some(json!({"noteText": "via the edge"})), &[201]),
        ("§3 users", "GET", "/v1/tenants/t1/users".into(), &owner, None, &[200]),
        ("§9 memory", "POST", memory, &operator, Some(json!({"intent": "price"})), &[200]),
        ("§12 products", "GET", "/v1/tenants/t1/products".into(), &operator, None, &[200]),
        ("§13 knowledge", "GET", "/v1/tenants/t1/knowledge-docs".into(), &operator, None, &[200]),
        ("§14 suggestions", "GET", "/v1/tenants/t1/ai-suggestions".into(), &operator, None, &[200]),
        ("§16 training", "GET", "/v1/tenants/t1/ai-training-samples/count".into(), &operator, None, &[200]),
        ("§18 learning", "GET", "/v1/tenants/t1/learning-queue".into(), &operator, None, &[200]),
        ("§19 escalations", "GET", "/v1/tenants/t1/escalations".into(), &operator, None, &[200]),
        ("§20 response templates", "GET", "/v1/tenants/t1/response-templates".into(), &operator, None, &[200]),
        ("§21 dashboard", "GET", "/v1/tenants/t1/dashboard".into(), &operator, None, &[200]),
        ("§22 settings", "GET", "/v1/tenants/t1/human-delay-settings".into(), &operator, None, &[200]),
        ("§23 readiness", "GET", "/v1/tenants/t1/readiness-reports/latest".into(), &operator, None, &[404]),
        ("§24 outcomes", "GET", "/v1/tenants/t1/csat-ratings".into(), &operator, None, &[200]),
        ("§25 counts", "GET", "/v1/tenants/t1/customers/count".into(), &operator, None, &[200]),
        ("§26 rag", "GET", "/v1/tenants/t1/rag-chunks/without-embedding".into(), &operator, None, &[200]),
        ("§27 update history", "GET", "/v1/platform/update-history".into(), &platform, None, &[200]),
        (
            "§28 vehicle lookup",
            "GET",
            "/v1/platform/vehicle-lookup-cache/by-key?lookupKey=VIN:none".into(),
            &service,
            None,
            &[404],
        ),
        ("§29 prices", "GET", "/v1/tenants/t1/price-snapshots".into(), &operator, None, &[200]),
        ("§30 telegram", "GET", "/v1/tenants/t1/telegram-accounts".into(), &owner, None, &[200]),
        ("§31 message templates", "GET", "/v1/tenants/t1/message-templates".into(), &operator, None, &[200]),
        ("§32 payment methods", "GET", "/v1/tenants/t1/payment-methods".into(), &operator, None, &[200]),
        ("§33 agent settings", "GET", "/v1/tenants/t1/agent-settings".into(), &operator, None, &[404]),
        ("A billing", "GET", "/v1/tenants/t1/billing-status".into(), &operator, None, &[200]),
        ("A admin", "GET", "/v1/tenants/t1/subscription-grants".into(), &platform, None, &[200]),
        ("A MAX Personal", "GET", "/v1/tenants/t1/max-personal-accounts".into(), &platform, None, &[200]),
        ("A fraud", "GET", "/v1/tenants/t1/fraud-flags".into(), &platform, None, &[200]),
        ("A secrets", "GET", "/v1/platform/integration-secrets".into(), &platform, None, &[200]),
        ("A audit", "GET", "/v1/tenants/t1/audit-events".into(), &owner, None, &[200]),
        ("A proxies", "GET", "/v1/platform/proxies/stats".into(), &platform, None, &[200]),
        ("A sessions", "PUT", "/v1/service/sessions/e2e-session".into(), &service, Some(session), &[200]),
        ("A customer deletion", "DELETE", deletion, &owner, None, &[200]),
    ];
    for (section, method, path, auth, body, statuses) in cases {
        let id = format!("e2e-{}", section.replace([' ', '§'], "-"));
        let r = call(edge.addr, method, &path, auth, body.as_ref(), &id).await;
        assert!(statuses.contains(&r.status), "{section}: {method} {path} answered {}: {}", r.status, r.text());
        assert_eq!(r.header("x-request-id"), Some(id.as_str()), "{section}");
        if r.status == 404 {
            // The origin's "no such row", not the edge's "no such route".
            assert_eq!(r.json()["error"]["code"], "not_found", "{section}");
        }
    }
}

/// A bad request as the test sends it to both tiers.
struct Bad {
    what: &'static str,
    method: &'static str,
    path: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    status: u16,
    /// The error message both tiers must give, where the test pins it.
    message: Option<String>,
}

fn bad(what: &'static str, method: &'static str, path: &'static str, auth: Option<String>, status: u16) -> Bad {
    let headers = auth.map(|a| vec![("authorization", a)]).unwrap_or_default();
    Bad { what, method, path, headers, body: None, status, message: None }
}

fn saying(mut b: Bad, message: impl Into<String>) -> Bad {
    b.message = Some(message.into());
    b
}

/// Core's 403 for a role the route does not list, built from the route table.
fn role_refused(role: Role, operation: &str) -> String {
    let route = routes::by_id(operation).unwrap_or_else(|| panic!("no route {operation}"));
    let allowed: Vec<&str> = route.roles.iter().map(Role::as_str).collect();
    format!("The role {} may not call {}; allowed: {}", role.as_str(), route.id, allowed.join(", "))
}

fn with_json(mut b: Bad, body: &[u8]) -> Bad {
    b.headers.push(("content-type", "application/json".into()));
    b.body = Some(body.to_vec());
    b
}

/// Forged, expired, wrong tenant, unknown route, invalid bodies… are answered by the edge, never
/// reach the origin (its request counters do not move), and carry the origin's exact bytes.
async fn bad_requests_are_answered_by_the_edge_alone(edge: &Edge, origin: &Origin) {
    let forged =
        format!("Bearer {}", token_with(Some("t1"), Role::Owner, 3600, "a-forger-secret-0123456789abcdef-01234"));
    let expired = format!("Bearer {}", token_with(Some("t1"), Role::Owner, -3600, SECRET));
    let owner = token(Some("t1"), Role::Owner);
    let operator = token(Some("t1"), Role::Operator);
    let viewer = token(Some("t1"), Role::Viewer);
    let inbound = "/v1/tenants/t1/inbound-messages";
    let platform_channels = router::resolve("GET", "/v1/platform/channels").expect("a route").route.id;
    let mut too_large = with_json(bad("413 too large", "POST", inbound, Some(operator.clone()), 413), b"");
    too_large.body = Some(vec![b' '; BODY_LIMIT + 1]);
    let mut text_plain = with_json(bad("415 not JSON", "POST", inbound, Some(operator.clone()), 415), b"hello");
    text_plain.headers[1].1 = "text/plain".into();
    let cases = vec![
        bad("401 forged token", "GET", "/v1/tenants/t1/feature-flags", Some(forged), 401),
        bad(
            "401 expired token",
            "GET",
            "/v1/tenants/t1/customers/lookup?channel=telegram&externalId=1",
            Some(expired),
            401,
        ),
        bad("401 no token", "GET", "/v1/tenants/t1/feature-flags", None, 401),
        saying(
            bad("403 wrong tenant", "GET", "/v1/tenants/t2/feature-flags", Some(owner.clone()), 403),
            "The token is for another tenant",
        ),
        bad(
            "403 wrong tenant W1",
            "GET",
            "/v1/tenants/t2/customers/lookup?channel=telegram&externalId=1",
            Some(owner.clone()),
            403,
        ),
        saying(
            with_json(
                bad("403 read-only role", "POST", inbound, Some(viewer), 403),
                br#"{"channel":"telegram","externalId":"1","content":"x"}"#,
            ),
            role_refused(Role::Viewer, "receiveInboundMessage"),
        ),
        saying(
            bad("403 tenant role on a platform route", "GET", "/v1/platform/channels", Some(owner.clone()), 403),
            role_refused(Role::Owner, platform_channels),
        ),
        bad("404 unknown route", "GET", "/v1/tenants/t1/nope", Some(owner.clone()), 404),
        bad("404 unknown root", "GET", "/v2/tenants", None, 404),
        bad("405 wrong method", "DELETE", "/v1/tenants/t1/customers", Some(owner.clone()), 405),
        bad("400 bad query", "GET", "/v1/tenants/t1/conversations/c1/messages?limit=0&x=1", Some(owner.clone()), 400),
        bad("400 bad path id", "GET", "/v1/tenants/t%201/feature-flags", Some(owner.clone()), 400),
        with_json(
            bad("422 invalid body", "POST", inbound, Some(operator.clone()), 422),
            br#"{"channel":"fax","content":"","extra":1}"#,
        ),
        with_json(bad("400 malformed JSON", "POST", inbound, Some(operator.clone()), 400), br#"{"channel":"#),
        too_large,
        text_plain,
    ];

    let before = requests_total(origin.addr).await;
    let mut from_edge = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let id = format!("e2e-bad-{i}");
        let r = send_case(edge.addr, case, &id).await;
        assert_eq!(r.status, case.status, "{} via the edge: {}", case.what, r.text());
        if let Some(message) = &case.message {
            assert_eq!(r.json()["error"]["message"], json!(message), "{} via the edge", case.what);
        }
        from_edge.push((id, r));
    }
    // Preflights are answered at the edge too.
    let preflight = send(
        edge.addr,
        "OPTIONS",
        "/v1/tenants/t1/inbound-messages",
        &[("origin", APP_ORIGIN), ("access-control-request-method", "POST")],
        None,
    )
    .await
    .expect("preflight");
    assert_eq!(preflight.status, 204);
    let after = requests_total(origin.addr).await;
    assert_eq!(before, after, "requests the edge refused reached the origin");

    for (case, (id, edge_answer)) in cases.iter().zip(&from_edge) {
        let direct = send_case(origin.addr, case, id).await;
        assert_eq!(direct.status, edge_answer.status, "{}", case.what);
        assert_eq!(
            edge_answer.text(),
            direct.text(),
            "{}: the edge's body differs from the origin's for the same request",
            case.what
        );
        for header in ["content-type", "cache-control", "allow", "www-authenticate", "retry-after", "x-request-id"] {
            assert_eq!(edge_answer.header(header), direct.header(header), "{}: header {header}", case.what);
        }
        assert_eq!(edge_answer.json()["error"]["requestId"], json!(id));
    }
}

/// The cacheable route is a miss then a hit, per tenant; other tenants never see another's body;
/// roles that cross tenants (platform staff, `service`) share the entry of the path's tenant.
/// Tenants t2 and t3: the earlier steps never read their (cacheable) flags.
async fn cacheable_reads_hit_per_tenant(edge: &Edge, origin: &Origin) {
    let path_a = "/v1/tenants/t2/feature-flags";
    let path_b = "/v1/tenants/t3/feature-flags";
    // Make t2's answer differ from t3's: a tenant override, written through the edge.
    let platform = token(None, Role::PlatformAdmin);
    let set = call(
        edge.addr,
        "PUT",
        "/v1/tenants/t2/feature-flags/AI_AUTOSEND_ENABLED",
        &platform,
        Some(&json!({"enabled": true})),
        "e2e-set-flag",
    )
    .await;
    assert_status(&set, 200);
    assert_eq!(set.header("x-salesgate-cache"), None, "writes are never cached");

    let label = "GET /v1/tenants/{tenantId}/feature-flags";
    let count = async || requests_total(origin.addr).await.get(&(label.to_string(), 200)).copied().unwrap_or(0);
    let origin_200s = count().await;

    let first = call(edge.addr, "GET", path_a, &token(Some("t2"), Role::Owner), None, "e2e-c1").await;
    assert_status(&first, 200);
    assert_eq!(first.header("x-salesgate-cache"), Some("miss"));
    assert_eq!(first.json()["flags"]["AI_AUTOSEND_ENABLED"], true);
    let second = call(edge.addr, "GET", path_a, &token(Some("t2"), Role::Viewer), None, "e2e-c2").await;
    assert_status(&second, 200);
    assert_eq!(second.header("x-salesgate-cache"), Some("hit"));
    assert_eq!(second.body, first.body);
    assert_eq!(second.header("x-request-id"), Some("e2e-c2"), "a hit carries its own request id");
    assert_eq!(second.header("cache-control"), first.header("cache-control"), "the origin's Cache-Control");
    assert_eq!(count().await, origin_200s + 1, "the hit did not reach the origin");

    // Another tenant: its own miss and its own body, never t2's.
    let t3 = token(Some("t3"), Role::Owner);
    let other = call(edge.addr, "GET", path_b, &t3, None, "e2e-c3").await;
    assert_status(&other, 200);
    assert_eq!(other.header("x-salesgate-cache"), Some("miss"));
    assert_eq!(other.json()["flags"]["AI_AUTOSEND_ENABLED"], false);
    assert_ne!(other.body, first.body);
    let again = call(edge.addr, "GET", path_b, &t3, None, "e2e-c4").await;
    assert_eq!((again.header("x-salesgate-cache"), &again.body), (Some("hit"), &other.body));
    // t3's token on t2's URL: refused by the gate before the cache is looked at.
    let cross = call(edge.addr, "GET", path_a, &t3, None, "e2e-c5").await;
    assert_status(&cross, 403);
    assert_eq!(cross.header("x-salesgate-cache"), None);
    // A forged token on the cached URL is refused too: every hit is authenticated.
    let forged =
        format!("Bearer {}", token_with(Some("t2"), Role::Owner, 3600, "a-forger-secret-0123456789abcdef-01234"));
    assert_status(&call(edge.addr, "GET", path_a, &forged, None, "e2e-c6").await, 401);
    // A platform role reading t2 gets t2's data: for platform roles the key is the path's tenant.
    let platform_read = call(edge.addr, "GET", path_a, &platform, None, "e2e-c7").await;
    assert_eq!((platform_read.header("x-salesgate-cache"), &platform_read.body), (Some("hit"), &first.body));
    // So it is for the backend's `service` identity (no tenant_id, crosses tenants): t3's entry.
    let service = token(None, Role::Service);
    let service_read = call(edge.addr, "GET", path_b, &service, None, "e2e-c8").await;
    assert_eq!((service_read.header("x-salesgate-cache"), &service_read.body), (Some("hit"), &other.body));
    assert_eq!(count().await, origin_200s + 2, "one origin request per tenant");
}

/// CORS headers on normal answers; preflights for other origins get no allow headers.
async fn cors(edge: &Edge) {
    let owner = token(Some("t1"), Role::Owner);
    let r = send(
        edge.addr,
        "GET",
        "/v1/tenants/t1/feature-flags",
        &[("authorization", &owner), ("origin", APP_ORIGIN)],
        None,
    )
    .await
    .expect("GET");
    assert_eq!(r.header("access-control-allow-origin"), Some(APP_ORIGIN));
    assert_eq!(r.header("vary"), Some("Origin"));
    let refused = send(edge.addr, "GET", "/nope", &[("origin", APP_ORIGIN)], None).await.expect("GET");
    assert_eq!((refused.status, refused.header("access-control-allow-origin")), (404, Some(APP_ORIGIN)));
    let preflight = async |origin: &'static str| {
        let headers = [
            ("origin", origin),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "authorization"),
        ];
        send(edge.addr, "OPTIONS", "/v1/tenants/t1/inbound-messages", &headers, None).await
    };
    let allowed = preflight(APP_ORIGIN).await.expect("preflight");
    assert_eq!(allowed.status, 204);
    assert_eq!(allowed.header("access-control-allow-origin"), Some(APP_ORIGIN));
    assert!(allowed.header("access-control-allow-headers").is_some_and(|h| h.contains("authorization")));
    assert!(allowed.header("access-control-allow-methods").is_some_and(|h| h.contains("POST")));
    let other = preflight("https://evil.example").await.expect("preflight");
    assert_eq!((other.status, other.header("access-control-allow-origin")), (204, None));
    // A plain OPTIONS (not a preflight) is the gate's 405, as at the origin.
    let plain = send(edge.addr, "OPTIONS", "/v1/tenants/t1/feature-flags", &[], None).await.expect("OPTIONS");
    assert_eq!((plain.status, plain.header("allow")), (405, Some("GET")));
}

/// An origin that never answers: 504 `timeout` after ORIGIN_TIMEOUT_MS.
async fn slow_origin_is_a_504(slow_edge: &Edge) {
    let started = Instant::now();
    let r =
        call(slow_edge.addr, "GET", "/v1/tenants/t1/feature-flags", &token(Some("t1"), Role::Owner), None, "e2e-slow")
            .await;
    assert_status(&r, 504);
    assert_eq!(
        r.text(),
        r#"{"error":{"code":"timeout","message":"The origin did not answer within 700 ms","requestId":"e2e-slow"}}"#
    );
    assert!(started.elapsed() >= Duration::from_millis(700), "{:?}", started.elapsed());
    // Refusals need no origin at all.
    assert_status(
        &call(slow_edge.addr, "GET", "/v1/tenants/t2/feature-flags", &token(Some("t1"), Role::Owner), None, "x").await,
        403,
    );
}

/// The origin stopped: 502 `bad_gateway` JSON.
async fn origin_down_is_a_502(edge: &Edge, origin: &mut Origin) {
    origin.process.stop(Duration::from_secs(10));
    let r = call(
        edge.addr,
        "GET",
        "/v1/tenants/t1/customers/lookup?channel=telegram&externalId=e2e-42",
        &token(Some("t1"), Role::Owner),
        None,
        "e2e-down",
    )
    .await;
    assert_status(&r, 502);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-request-id"), Some("e2e-down"));
    assert_eq!(
        r.text(),
        r#"{"error":{"code":"bad_gateway","message":"The edge could not reach the origin; try again shortly","requestId":"e2e-down"}}"#
    );
}

// ───────────────────────────── helpers ─────────────────────────────

async fn call(addr: SocketAddr, method: &str, path: &str, auth: &str, body: Option<&Value>, id: &str) -> Response {
    let body = body.map(|b| b.to_string().into_bytes());
    let mut headers = vec![("authorization", auth), ("x-request-id", id)];
    if body.is_some() {
        headers.push(("content-type", "application/json"));
    }
    send(addr, method, path, &headers, body.as_deref())
        .await
        .unwrap_or_else(|e| panic!("{method} {path} on {addr}: {e}"))
}

async fn send_case(addr: SocketAddr, case: &Bad, id: &str) -> Response {
    let mut headers: Vec<(&str, &str)> = case.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    headers.push(("x-request-id", id));
    send(addr, case.method, case.path, &headers, case.body.as_deref())
        .await
        .unwrap_or_else(|e| panic!("{} on {addr}: {e}", case.what))
}

/// `salesgate_http_requests_total` by (route, status), without the `/metrics` scrapes themselves.
async fn requests_total(origin: SocketAddr) -> BTreeMap<(String, u16), u64> {
    let r = get(origin, "/metrics").await.expect("metrics");
    assert_eq!(r.status, 200);
    let mut out = BTreeMap::new();
    for line in r.text().lines() {
        let Some(rest) = line.strip_prefix("salesgate_http_requests_total{route=\"") else { continue };
        let Some((route, rest)) = rest.split_once("\",status=\"") else { continue };
        let Some((status, value)) = rest.split_once("\"} ") else { continue };
        if route == "GET /metrics" {
            continue;
        }
        let status = status.parse().unwrap_or(0);
        out.insert((route.to_string(), status), value.trim().parse().unwrap_or(0));
    }
    out
}

#[track_caller]
fn assert_status(r: &Response, status: u16) {
    assert_eq!(r.status, status, "unexpected answer: {}", r.text());
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string()
}
