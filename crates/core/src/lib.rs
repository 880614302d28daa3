//! salesgate core: every decision about data and requests that the edge Worker and the native
//! server both make, with no I/O, so it compiles natively and to `wasm32-unknown-unknown` and
//! the two tiers can never disagree.
//!
//! - [`schema`] / [`tables`]: one definition per table (the 51 of the old system) that drives
//!   validation, SQL column lists, JSON rows, `schema verify` and the OpenAPI document;
//! - [`routes`] / [`route`] / [`router`] / [`query`]: the route table (one declaration per
//!   operation, split by domain), its types and builders, the router, query parsing;
//! - [`shape`]: the declared shapes of custom answers (writer and OpenAPI derive from them);
//! - [`auth`]: HS256 JWTs, roles, key rotation;
//! - [`validate`]: bodies checked against the model (strict drizzle-zod semantics);
//! - [`gate`]: the whole per-request decision — route, token, scope and role, parameters, body;
//! - [`error`]: one error shape with stable codes, rendered identically by both tiers;
//! - [`openapi`]: the OpenAPI 3.1 document, generated from the route table.
//!
//! A request through the gate, as both tiers run it:
//!
//! ```
//! use salesgate_core::auth::{Claims, Keys, Role, Verifier, sign};
//! use salesgate_core::gate::{Gate, Request, RequestBody};
//!
//! let secret = "a-secret-of-at-least-32-bytes-0123456789";
//! let gate = Gate { verifier: Verifier::new(Keys::parse(secret)?, None, 30), body_limit: 1 << 20 };
//! let now = 1_800_000_000;
//! let claims = Claims::new("user-1", Some("t1"), Role::Operator, now, 3600);
//! let authorization = format!("Bearer {}", sign(&claims, Keys::parse(secret)?.signing_key()));
//! let mut request = Request {
//!     method: "POST",
//!     path: "/v1/tenants/t1/inbound-messages",
//!     query: None,
//!     authorization: Some(&authorization),
//!     content_type: Some("application/json"),
//!     body: RequestBody::Bytes(br#"{"channel":"telegram","externalId":"42","content":"Hi"}"#),
//! };
//! let admitted = gate.admit(&request, now).expect("a good request");
//! assert_eq!(admitted.route.id, "receiveInboundMessage");
//! assert_eq!(admitted.body.expect("checked body").text("external_id"), Some("42"));
//!
//! // A bad one is refused with a field-level error, rendered the same everywhere.
//! request.body = RequestBody::Bytes(br#"{"channel":"fax","content":"Hi","tenantId":"t2"}"#);
//! let refused = gate.admit(&request, now).expect_err("a bad body");
//! assert_eq!(refused.status, 422);
//! assert_eq!(
//!     refused.details.iter().map(|d| (d.path.as_str(), d.code)).collect::<Vec<_>>(),
//!     [("/tenantId", "unknown_field"), ("/channel", "not_allowed"), ("/externalId", "required")]
//! );
//! assert!(refused.to_json("req-1").starts_with(r#"{"error":{"code":"validation_failed""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod auth;
pub mod enums;
pub mod error;
pub mod gate;
pub mod migration;
pub mod openapi;
pub mod query;
pub mod request_id;
pub mod route;
pub mod router;
pub mod routes;
pub mod schema;
pub mod shape;
pub mod tables;
pub mod time;
pub mod validate;
