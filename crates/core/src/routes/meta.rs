//! The API's own description.

use crate::route::{Action, Method, Response, Route, Scope, route};

/// The routes of this section.
pub static ROUTES: &[Route] = &[Route {
    scope: Scope::Public,
    response: Response::Document,
    ..route(Method::Get, "/v1/openapi.json", "getOpenApi", "This API's OpenAPI 3.1 document", Action::Document)
}];
