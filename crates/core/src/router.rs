//! The router: method + path → the route of the table, with its path parameters checked.
//!
//! A tree of path segments built once from [`crate::routes::all`]; literal segments win over
//! parameters (`/customers/lookup` is not a customer id). Path parameters are row ids unless
//! the route declares another kind ([`crate::route::Route::path_kinds`]): the edge refuses a
//! malformed one exactly as the origin does.

use crate::error::{ApiError, FieldError};
use crate::route::{Method, ParamKind, Route, is_id};
use std::sync::OnceLock;

/// Most path parameters any route has.
pub const MAX_PATH_PARAMS: usize = 4;

/// Path parameters of a matched route, without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathParams<'a> {
    items: [(&'static str, &'a str); MAX_PATH_PARAMS],
    len: usize,
}

impl<'a> PathParams<'a> {
    fn new() -> PathParams<'a> {
        PathParams { items: [("", ""); MAX_PATH_PARAMS], len: 0 }
    }

    fn push(&mut self, name: &'static str, value: &'a str) -> bool {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = (name, value);
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// The value of path parameter `name` (always present for a matched route's own params).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.items[..self.len].iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// `(name, value)` pairs in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'a str)> + '_ {
        self.items[..self.len].iter().copied()
    }
}

/// A request matched to a route.
#[derive(Debug, Clone, Copy)]
pub struct Matched<'a> {
    /// The route of the method and path.
    pub route: &'static Route,
    /// Its path parameters, each of its kind.
    pub params: PathParams<'a>,
}

#[derive(Default)]
struct Node {
    literals: Vec<(&'static str, Node)>,
    param: Option<(&'static str, Box<Node>)>,
    /// Routes ending here, by method.
    routes: Vec<&'static Route>,
}

impl Node {
    fn insert(&mut self, segments: &[&'static str], route: &'static Route) {
        let Some((first, rest)) = segments.split_first() else {
            self.routes.push(route);
            return;
        };
        let child = if let Some(name) = first.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            &mut self.param.get_or_insert_with(|| (name, Box::default())).1
        } else {
            match self.literals.iter().position(|(l, _)| l == first) {
                Some(i) => &mut self.literals[i].1,
                None => {
                    self.literals.push((first, Node::default()));
                    let last = self.literals.len() - 1;
                    &mut self.literals[last].1
                }
            }
        };
        child.insert(rest, route);
    }

    /// The node for `path`, literals preferred over parameters (so `/customers/lookup` is not
    /// taken for a customer id), collecting parameter values.
    fn find<'n, 'a>(
        &'n self,
        mut segments: std::str::Split<'a, char>,
        params: &mut PathParams<'a>,
    ) -> Option<&'n Node> {
        let Some(segment) = segments.next() else { return Some(self) };
        if let Some((_, child)) = self.literals.iter().find(|(l, _)| *l == segment) {
            let mut attempt = *params;
            if let Some(found) = child.find(segments.clone(), &mut attempt) {
                *params = attempt;
                return Some(found);
            }
        }
        let (name, child) = self.param.as_ref()?;
        if segment.is_empty() || !params.push(name, segment) {
            return None;
        }
        child.find(segments, params)
    }
}

fn tree() -> &'static Node {
    static TREE: OnceLock<Node> = OnceLock::new();
    TREE.get_or_init(|| {
        let mut root = Node::default();
        for route in crate::routes::all() {
            let segments: Vec<&'static str> = route.path.trim_start_matches('/').split('/').collect();
            root.insert(&segments, route);
        }
        root
    })
}

/// Finds the route for `method` and `path` (without the query string).
///
/// Unknown path → 404 `route_not_found`; known path with another method → 405 with `Allow`;
/// a path parameter that is not of its kind (an id unless declared) → 400 `invalid_parameter`.
pub fn resolve<'a>(method: &str, path: &'a str) -> Result<Matched<'a>, ApiError> {
    let mut params = PathParams::new();
    let trimmed = path.strip_prefix('/').ok_or_else(ApiError::route_not_found)?;
    let node = tree().find(trimmed.split('/'), &mut params).ok_or_else(ApiError::route_not_found)?;
    if node.routes.is_empty() {
        return Err(ApiError::route_not_found());
    }
    let Some(route) = Method::parse(method).and_then(|m| node.routes.iter().find(|r| r.method == m)) else {
        let allow: Vec<&str> = node.routes.iter().map(|r| r.method.as_str()).collect();
        return Err(ApiError::method_not_allowed(allow.join(", ")));
    };
    let bad: Vec<FieldError> = params.iter().filter_map(|(n, v)| check_path_param(route, n, v)).collect();
    if !bad.is_empty() {
        return Err(ApiError::invalid_parameters(bad));
    }
    Ok(Matched { route, params })
}

/// The error of path parameter `name` = `value`, if it is not of its declared kind.
fn check_path_param(route: &Route, name: &'static str, value: &str) -> Option<FieldError> {
    match route.path_kind(name) {
        ParamKind::OneOf(allowed) if !allowed.contains(&value) => {
            Some(FieldError::new(name, "not_allowed", format!("{name} must be one of: {}", allowed.join(", "))))
        }
        ParamKind::OneOf(_) => None,
        _ if !is_id(value) => Some(FieldError::new(
            name,
            "invalid_format",
            format!("{name} must be an id: 1-64 characters of A-Z a-z 0-9 _ -"),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::code;
    use crate::routes::all;

    #[test]
    fn resolves_templates_and_captures_ids() {
        let m = resolve("GET", "/v1/tenants/t-1/customers/c_2").expect("route");
        assert_eq!(m.route.id, "getCustomer");
        assert_eq!(m.params.get("tenantId"), Some("t-1"));
        assert_eq!(m.params.get("customerId"), Some("c_2"));
    }

    #[test]
    fn literal_segments_win_over_parameters() {
        let m = resolve("GET", "/v1/tenants/t1/customers/lookup").expect("route");
        assert_eq!(m.route.id, "getCustomerByExternalId");
    }

    #[test]
    fn unknown_paths_are_404_and_wrong_methods_405_with_allow() {
        for path in ["/", "", "/v1", "/v1/tenants/t1/nope", "/v1/tenants/t1/customers/c1/x", "v1/tenants/t1"] {
            let e = resolve("GET", path).expect_err(path);
            assert_eq!((e.status, e.code), (404, code::ROUTE_NOT_FOUND), "{path}");
        }
        let e = resolve("DELETE", "/v1/tenants/t1/customers").expect_err("405");
        assert_eq!(e.status, 405);
        assert_eq!(e.allow.as_deref(), Some("GET, POST"));
        assert_eq!(resolve("BREW", "/v1/tenants/t1").expect_err("405").status, 405);
        assert_eq!(resolve("GET", "/v1/tenants").expect_err("405").allow.as_deref(), Some("POST"));
    }

    #[test]
    fn path_parameters_must_be_ids() {
        let e = resolve("GET", "/v1/tenants/t%201/customers").expect_err("bad id");
        assert_eq!((e.status, e.code), (400, code::INVALID_PARAMETER));
        assert_eq!(e.details[0].path, "tenantId");
        assert_eq!(resolve("GET", "/v1/tenants//customers").expect_err("empty").status, 404);
        assert!(!is_id(&"a".repeat(65)) && is_id(&"a".repeat(64)));
    }

    #[test]
    fn declared_path_kinds_are_checked() {
        let e = resolve("PUT", "/v1/platform/feature-flags/NOPE").expect_err("not a flag");
        assert_eq!((e.status, e.code, e.details[0].code), (400, code::INVALID_PARAMETER, "not_allowed"));
        assert!(resolve("PUT", "/v1/platform/feature-flags/RAG_ENABLED").is_ok());
    }

    #[test]
    fn every_route_is_reachable_and_unique() {
        for route in all() {
            let mut path = route.path.to_string();
            for name in route.path_params() {
                let value = match route.path_kind(name) {
                    ParamKind::OneOf(values) => values[0].to_string(),
                    _ => name.to_string(),
                };
                path = path.replace(&format!("{{{name}}}"), &value);
            }
            let m = resolve(route.method.as_str(), &path)
                .unwrap_or_else(|e| panic!("{} {}: {e}", route.method.as_str(), route.path));
            assert!(
                std::ptr::eq(m.route, *route),
                "{} {} resolves to another route",
                route.method.as_str(),
                route.path
            );
        }
    }
}
