//! Query strings: parsed and checked against the route's parameters, in core so the edge
//! refuses exactly what the origin refuses (unknown, repeated and mutually exclusive
//! parameters, bad values, NUL characters).

use crate::error::{ApiError, FieldError};
use crate::route::{Param, ParamKind, Route, is_id};

/// A parsed query parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryValue {
    /// Of a [`ParamKind::Int`] parameter, within its bounds.
    Int(i64),
    /// Of any other kind, percent-decoded.
    Text(String),
}

/// The route's query parameters, checked and typed; defaults applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    values: Vec<(&'static str, QueryValue)>,
}

impl Query {
    /// The value of parameter `name`, if given (or defaulted).
    pub fn get(&self, name: &str) -> Option<&QueryValue> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The integer value of parameter `name` (`None` when absent or not an integer parameter).
    pub fn int(&self, name: &str) -> Option<i64> {
        self.values.iter().find_map(|(n, v)| match v {
            QueryValue::Int(i) if *n == name => Some(*i),
            _ => None,
        })
    }

    /// The value of a parameter the route declares `required` (parsing refused the request
    /// otherwise); `Err` names the parameter, so a declaration that lost its `required` fails
    /// loudly instead of reading as `""`.
    pub fn required_text(&self, name: &str) -> Result<&str, String> {
        self.text(name).ok_or_else(|| format!("the required query parameter {name} is missing after parsing"))
    }

    /// The text value of parameter `name` (`None` when absent or an integer parameter).
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
                if raw.contains('\0') {
                    errors.push(FieldError::new(
                        name,
                        "invalid_format",
                        format!("{name} must not contain the NUL character (U+0000)"),
                    ));
                } else if raw.chars().count() > max {
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
    for group in route.exclusive {
        let present: Vec<&str> = group.iter().copied().filter(|n| given.iter().any(|(p, _)| p.name == *n)).collect();
        if present.len() > 1 {
            errors.push(FieldError::new(
                present[1],
                "conflict",
                format!("give at most one of {}, not {}", group.join(", "), present.join(" and ")),
            ));
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
    use crate::router::resolve;

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

    /// D4: `before` and `after` exclude each other, decided here so the edge refuses it too.
    #[test]
    fn exclusive_parameters_are_refused_together() {
        let route = resolve("GET", "/v1/tenants/t1/conversations/c1/messages").expect("route").route;
        let e = parse_query(route, Some("before=m1&after=m2")).expect_err("both");
        assert_eq!((e.details[0].path.as_str(), e.details[0].code), ("after", "conflict"));
        assert!(parse_query(route, Some("after=m2")).is_ok());
    }

    /// D1: a NUL character cannot reach PostgreSQL through a query value.
    #[test]
    fn nul_characters_are_refused() {
        let route = resolve("GET", "/v1/tenants/t1/customers").expect("route").route;
        let e = parse_query(route, Some("q=a%00b")).expect_err("NUL");
        assert_eq!((e.status, e.details[0].code), (400, "invalid_format"));
        let e = parse_query(route, Some("after=a%00")).expect_err("NUL id");
        assert_eq!(e.details[0].code, "invalid_format");
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
