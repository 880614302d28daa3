//! The route table types and the router.
//!
//! Every operation is declared once, as a [`Route`] in [`crate::routes::ROUTES`]: method, path
//! template, operation, scope, who may call it, parameters, body and response, and whether the
//! edge may cache it. From that table come the router below (method + path → the route with
//! its parsed parameters), the OpenAPI document ([`crate::openapi`]) and the request gate
//! ([`crate::gate`]) that the edge and the server both run.

use crate::error::{ApiError, FieldError};
use crate::schema::{Column, Table};
use std::sync::OnceLock;

/// HTTP methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        Some(match s {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Whose data a route touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// No token needed (the OpenAPI document).
    Public,
    /// One tenant's data: the path has `{tenantId}`, which must be the token's tenant unless the
    /// token has a platform role.
    Tenant,
    /// Across tenants: platform roles only.
    Platform,
}

/// Which roles may call a route (on top of the scope check).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Every role, `viewer` and `guest` included.
    Read,
    /// Every role but `viewer` and `guest`.
    Write,
    /// `owner`, `admin` and platform roles: tenant settings and channels.
    Admin,
    /// Platform roles only, even on a tenant path (e.g. feature-flag overrides).
    Platform,
}

/// A body schema that is not a table's: its fields declared as columns, so validation and the
/// OpenAPI document treat them like table columns.
#[derive(Debug, PartialEq)]
pub struct Schema {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Column],
}

/// What a route accepts as its body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Body {
    None,
    /// Creates a row: the table's client-settable columns, required ones enforced.
    Insert(&'static Table),
    /// Patches a row: the table's writable columns, all optional.
    Patch(&'static Table),
    /// A custom body, validated as an insert of its fields.
    Custom(&'static Schema),
}

/// What a route answers with (for the OpenAPI document).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Response {
    /// One row of the table.
    Row(&'static Table),
    /// A JSON array of rows, in pages (`x-next-cursor` header).
    Rows(&'static Table),
    /// A named response shape, described in [`crate::openapi`].
    Named(&'static str),
    /// 204, no body.
    Empty,
}

/// Kinds of query parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A row id (`[A-Za-z0-9_-]{1,64}`).
    Id,
    Int {
        min: i64,
        max: i64,
        default: Option<i64>,
    },
    Text {
        max: usize,
    },
    OneOf(&'static [&'static str]),
}

/// A query parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
    pub required: bool,
    pub doc: &'static str,
}

/// One operation of the API.
#[derive(Debug, PartialEq)]
pub struct Route {
    pub method: Method,
    /// Path template, `{name}` for parameters (ids).
    pub path: &'static str,
    pub op: crate::routes::Op,
    pub summary: &'static str,
    pub scope: Scope,
    pub access: Access,
    pub query: &'static [Param],
    pub body: Body,
    pub response: Response,
    /// Success status: 200, 201 or 204.
    pub status: u16,
    /// Seconds the edge may cache a success answer for (per tenant and URL); `None` = never.
    pub cache_ttl: Option<u32>,
}

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

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'a str)> + '_ {
        self.items[..self.len].iter().copied()
    }
}

/// A request matched to a route.
#[derive(Debug, Clone, Copy)]
pub struct Matched<'a> {
    pub route: &'static Route,
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
        for route in crate::routes::ROUTES {
            let segments: Vec<&'static str> = route.path.trim_start_matches('/').split('/').collect();
            root.insert(&segments, route);
        }
        root
    })
}

/// Finds the route for `method` and `path` (without the query string).
///
/// Unknown path → 404 `route_not_found`; known path with another method → 405 with `Allow`;
/// a path parameter that is not an id → 400 `invalid_parameter`.
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
    let bad: Vec<FieldError> = params
        .iter()
        .filter(|(_, v)| !is_id(v))
        .map(|(n, _)| {
            FieldError::new(n, "invalid_format", format!("{n} must be an id: 1-64 characters of A-Z a-z 0-9 _ -"))
        })
        .collect();
    if !bad.is_empty() {
        return Err(ApiError::invalid_parameters(bad));
    }
    Ok(Matched { route, params })
}

/// Row ids are `varchar` holding UUID text; older rows may hold other short tokens.
pub fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A parsed query parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryValue {
    Int(i64),
    Text(String),
}

/// The route's query parameters, checked and typed; defaults applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    values: Vec<(&'static str, QueryValue)>,
}

impl Query {
    pub fn int(&self, name: &str) -> Option<i64> {
        self.values.iter().find_map(|(n, v)| match v {
            QueryValue::Int(i) if *n == name => Some(*i),
            _ => None,
        })
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.values.iter().find_map(|(n, v)| match v {
            QueryValue::Text(s) if *n == name => Some(s.as_str()),
            _ => None,
        })
    }
}

/// Parses and checks the query string against the route's parameters. Unknown parameters,
/// repeated ones, and bad values are all reported (400 `invalid_parameter`).
pub fn parse_query(route: &Route, raw: Option<&str>) -> Result<Query, ApiError> {
    let mut errors = Vec::new();
    let mut given: Vec<(&'static Param, String)> = Vec::new();
    for pair in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (Some(key), Some(value)) = (percent_decode(key), percent_decode(value)) else {
            errors.push(FieldError::new(
                pair,
                "invalid_format",
                "Query parameters must be valid percent-encoded UTF-8",
            ));
            continue;
        };
        match route.query.iter().find(|p| p.name == key) {
            None => errors.push(FieldError::new(
                &key,
                "unknown_parameter",
                format!("{key} is not a parameter of this route"),
            )),
            Some(p) if given.iter().any(|(g, _)| g.name == p.name) => {
                errors.push(FieldError::new(&key, "repeated", format!("{key} is given more than once")))
            }
            Some(p) => given.push((p, value)),
        }
    }
    let mut query = Query::default();
    for param in route.query {
        let Some((_, raw)) = given.iter().find(|(p, _)| p.name == param.name) else {
            match param.kind {
                ParamKind::Int { default: Some(d), .. } => query.values.push((param.name, QueryValue::Int(d))),
                _ if param.required => {
                    errors.push(FieldError::new(param.name, "required", format!("{} is required", param.name)))
                }
                _ => {}
            }
            continue;
        };
        let name = param.name;
        match param.kind {
            ParamKind::Id if !is_id(raw) => {
                errors.push(FieldError::new(name, "invalid_format", format!("{name} must be an id")))
            }
            ParamKind::Id => query.values.push((name, QueryValue::Text(raw.clone()))),
            ParamKind::Int { min, max, .. } => match raw.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => query.values.push((name, QueryValue::Int(n))),
                _ => errors.push(FieldError::new(
                    name,
                    "out_of_range",
                    format!("{name} must be an integer from {min} to {max}"),
                )),
            },
            ParamKind::Text { max } => {
                if raw.chars().count() > max {
                    errors.push(FieldError::new(name, "too_long", format!("{name} must be at most {max} characters")));
                } else if raw.is_empty() && param.required {
                    errors.push(FieldError::new(name, "too_short", format!("{name} must not be empty")));
                } else {
                    query.values.push((name, QueryValue::Text(raw.clone())));
                }
            }
            ParamKind::OneOf(allowed) if !allowed.contains(&raw.as_str()) => errors.push(FieldError::new(
                name,
                "not_allowed",
                format!("{name} must be one of: {}", allowed.join(", ")),
            )),
            ParamKind::OneOf(_) => query.values.push((name, QueryValue::Text(raw.clone()))),
        }
    }
    if errors.is_empty() { Ok(query) } else { Err(ApiError::invalid_parameters(errors)) }
}

/// Decodes `%XX` escapes and `+` (form encoding) into UTF-8; `None` if that is not valid.
pub fn percent_decode(s: &str) -> Option<String> {
    if !s.contains(['%', '+']) {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hi = (hex[0] as char).to_digit(16)?;
                let lo = (hex[1] as char).to_digit(16)?;
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::code;
    use crate::routes::{Op, ROUTES};

    #[test]
    fn resolves_templates_and_captures_ids() {
        let m = resolve("GET", "/v1/tenants/t-1/customers/c_2").expect("route");
        assert_eq!(m.route.op, Op::GetCustomer);
        assert_eq!(m.params.get("tenantId"), Some("t-1"));
        assert_eq!(m.params.get("customerId"), Some("c_2"));
    }

    #[test]
    fn literal_segments_win_over_parameters() {
        let m = resolve("GET", "/v1/tenants/t1/customers/lookup").expect("route");
        assert_eq!(m.route.op, Op::LookupCustomer);
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
    fn every_route_is_reachable_and_unique() {
        for route in ROUTES {
            let path = route.path.replace(['{', '}'], "");
            let m = resolve(route.method.as_str(), &path)
                .unwrap_or_else(|e| panic!("{} {}: {e}", route.method.as_str(), route.path));
            assert!(std::ptr::eq(m.route, route), "{} {} resolves to another route", route.method.as_str(), route.path);
        }
    }

    #[test]
    fn query_parameters_are_typed_defaulted_and_checked() {
        let route = resolve("GET", "/v1/tenants/t1/conversations/c1/messages").expect("route").route;
        let q = parse_query(route, Some("before=m-1")).expect("valid");
        assert_eq!(q.int("limit"), Some(50));
        assert_eq!(q.text("before"), Some("m-1"));
        let e = parse_query(route, Some("limit=0&limit=5&bogus=1&before=a%20b")).expect_err("invalid");
        let got: Vec<(&str, &str)> = e.details.iter().map(|d| (d.path.as_str(), d.code)).collect();
        assert_eq!(
            got,
            [
                ("limit", "repeated"),
                ("bogus", "unknown_parameter"),
                ("limit", "out_of_range"),
                ("before", "invalid_format")
            ]
        );
        let lookup = resolve("GET", "/v1/tenants/t1/customers/lookup").expect("route").route;
        let e = parse_query(lookup, Some("channel=fax")).expect_err("invalid");
        let got: Vec<(&str, &str)> = e.details.iter().map(|d| (d.path.as_str(), d.code)).collect();
        assert_eq!(got, [("channel", "not_allowed"), ("externalId", "required")]);
        let ok = parse_query(lookup, Some("channel=telegram&externalId=%2B7+999")).expect("valid");
        assert_eq!(ok.text("externalId"), Some("+7 999"));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%2Fb+c").as_deref(), Some("a/b c"));
        assert_eq!(percent_decode("%D0%AF").as_deref(), Some("Я"));
        for bad in ["%", "%4", "%zz", "%FF"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }
}
