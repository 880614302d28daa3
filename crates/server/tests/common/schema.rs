//! Checks answers against the OpenAPI document's schema of their route and status.
//!
//! A small JSON Schema validator for exactly the keywords the generator writes; any other
//! keyword (or an unknown `pattern`) is reported as an error rather than skipped, so a schema
//! the validator does not understand fails the test instead of passing it.

use salesgate_core::openapi::ID_PATTERN;
use salesgate_core::router;
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The document, generated once per test binary.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(salesgate_core::openapi::document)
}

/// The problems of an answer `status` + `body` to `method path` (empty: it fits its schema).
/// The operations endpoints outside `/v1/` (`/healthz`, …) are not checked.
pub fn check_answer(method: &str, path: &str, status: u16, body: &str) -> Vec<String> {
    let path = path.split('?').next().unwrap_or(path);
    let route = match router::resolve(method, path) {
        Ok(m) => m.route,
        Err(_) if !path.starts_with("/v1/") => return Vec::new(), // /healthz, /readyz, /metrics
        Err(_) => return check_error(body),
    };
    let doc = document();
    let op = &doc["paths"][route.path][method.to_ascii_lowercase()];
    let Some(response) = op["responses"].get(status.to_string()) else {
        return vec![format!("{} answered {status}, which its operation does not document", route.id)];
    };
    let response = resolve(doc, response);
    let Some(schema) = response.pointer("/content/application~1json/schema") else {
        return if body.is_empty() {
            vec![]
        } else {
            vec![format!("{} {status}: a body where none is documented", route.id)]
        };
    };
    let value: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(e) => return vec![format!("{} {status}: not JSON ({e}): {body}", route.id)],
    };
    let mut errors = Vec::new();
    validate(doc, schema, &value, "", &mut errors);
    errors.into_iter().map(|e| format!("{} {status}: {e}", route.id)).collect()
}

fn check_error(body: &str) -> Vec<String> {
    let doc = document();
    let Ok(value) = serde_json::from_str::<Value>(body) else { return vec![format!("not JSON: {body}")] };
    let mut errors = Vec::new();
    validate(doc, &doc["components"]["schemas"]["Error"], &value, "", &mut errors);
    errors
}

fn resolve<'a>(doc: &'a Value, mut schema: &'a Value) -> &'a Value {
    while let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        schema = doc.pointer(target.trim_start_matches('#')).unwrap_or(&Value::Null);
    }
    schema
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(expected: &str, v: &Value) -> bool {
    let actual = type_name(v);
    actual == expected || (expected == "number" && actual == "integer")
}

fn pattern_matches(pattern: &str, s: &str) -> Option<bool> {
    Some(match pattern {
        p if p == ID_PATTERN => salesgate_core::route::is_id(s),
        "^([01][0-9]|2[0-3]):[0-5][0-9]$" => salesgate_core::validate::is_hh_mm(s),
        "^[A-Z0-9_]{3,64}$" => {
            (3..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        }
        _ => return None,
    })
}

/// Validates `value` at JSON pointer `at` against `schema`, collecting every problem.
pub fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    let Some(keywords) = schema.as_object() else {
        errors.push(format!("{at}: the schema is not an object: {schema}"));
        return;
    };
    for (keyword, arg) in keywords {
        check_keyword(doc, keywords, keyword, arg, value, at, errors);
    }
}

fn check_keyword(
    doc: &Value,
    keywords: &Map<String, Value>,
    keyword: &str,
    arg: &Value,
    value: &Value,
    at: &str,
    errors: &mut Vec<String>,
) {
    let n = value.as_f64();
    match keyword {
        "description" | "default" => {}
        "type" => {
            let ok = match arg {
                Value::String(t) => type_matches(t, value),
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_matches(t, value)),
                _ => false,
            };
            if !ok {
                errors.push(format!("{at}: {} is not of type {arg}", type_name(value)));
            }
        }
        "enum" => {
            if !arg.as_array().is_some_and(|values| values.contains(value)) {
                errors.push(format!("{at}: {value} is not one of {arg}"));
            }
        }
        "allOf" => {
            for s in arg.as_array().into_iter().flatten() {
                validate(doc, s, value, at, errors);
            }
        }
        "properties" => {
            if let (Some(props), Some(object)) = (arg.as_object(), value.as_object()) {
                for (name, s) in props {
                    if let Some(member) = object.get(name) {
                        validate(doc, s, member, &format!("{at}/{name}"), errors);
                    }
                }
            }
        }
        "required" => {
            if let Some(object) = value.as_object() {
                for name in arg.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !object.contains_key(name) {
                        errors.push(format!("{at}: the required member {name} is missing"));
                    }
                }
            }
        }
        "additionalProperties" => {
            if let Some(object) = value.as_object() {
                let known = keywords.get("properties").and_then(Value::as_object);
                for (name, member) in object {
                    if known.is_some_and(|k| k.contains_key(name)) {
                        continue;
                    }
                    match arg {
                        Value::Bool(false) => errors.push(format!("{at}: the member {name} is not allowed")),
                        Value::Bool(true) => {}
                        s => validate(doc, s, member, &format!("{at}/{name}"), errors),
                    }
                }
            }
        }
        "items" => {
            for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                validate(doc, arg, item, &format!("{at}/{i}"), errors);
            }
        }
        "pattern" => {
            if let Some(s) = value.as_str() {
                match arg.as_str().and_then(|p| pattern_matches(p, s)) {
                    Some(true) => {}
                    Some(false) => errors.push(format!("{at}: {s:?} does not match {arg}")),
                    None => errors.push(format!("{at}: the validator does not know the pattern {arg}")),
                }
            }
        }
        "format" => {
            if let (Some("date-time"), Some(s)) = (arg.as_str(), value.as_str())
                && salesgate_core::time::Timestamp::parse(s).is_none()
            {
                errors.push(format!("{at}: {s:?} is not a date-time"));
            }
        }
        "minLength" | "maxLength" => {
            if let (Some(s), Some(bound)) = (value.as_str(), arg.as_u64()) {
                let len = s.chars().count() as u64;
                if (keyword == "minLength" && len < bound) || (keyword == "maxLength" && len > bound) {
                    errors.push(format!("{at}: length {len} breaks {keyword} {bound}"));
                }
            }
        }
        "minItems" | "maxItems" => {
            if let (Some(items), Some(bound)) = (value.as_array(), arg.as_u64()) {
                let len = items.len() as u64;
                if (keyword == "minItems" && len < bound) || (keyword == "maxItems" && len > bound) {
                    errors.push(format!("{at}: {len} items break {keyword} {bound}"));
                }
            }
        }
        "minimum" | "maximum" | "exclusiveMinimum" => {
            if let (Some(n), Some(bound)) = (n, arg.as_f64()) {
                let ok = match keyword {
                    "minimum" => n >= bound,
                    "maximum" => n <= bound,
                    _ => n > bound,
                };
                if !ok {
                    errors.push(format!("{at}: {n} breaks {keyword} {bound}"));
                }
            }
        }
        other => errors.push(format!("{at}: the validator does not support the keyword {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(schema: Value, value: Value) -> Vec<String> {
        let mut e = Vec::new();
        validate(document(), &schema, &value, "", &mut e);
        e
    }

    /// The validator can fail: each keyword refuses what it must.
    #[test]
    fn refuses_what_breaks_the_schema() {
        assert!(errors(json!({"type": "string"}), json!(1))[0].contains("not of type"));
        assert!(!errors(json!({"type": ["string", "null"]}), json!(null)).iter().any(|e| !e.is_empty()));
        assert_eq!(errors(json!({"enum": ["a"]}), json!("b")).len(), 1);
        assert_eq!(errors(json!({"required": ["x"]}), json!({})).len(), 1);
        assert_eq!(errors(json!({"properties": {"x": {"type": "integer"}}}), json!({"x": "1"})).len(), 1);
        assert_eq!(errors(json!({"pattern": ID_PATTERN}), json!("a b")).len(), 1);
        assert_eq!(errors(json!({"pattern": "^x+$"}), json!("x")).len(), 1, "unknown patterns fail");
        assert_eq!(errors(json!({"format": "date-time"}), json!("yesterday")).len(), 1);
        assert_eq!(errors(json!({"additionalProperties": {"type": "boolean"}}), json!({"a": 1})).len(), 1);
        assert_eq!(errors(json!({"items": {"type": "string"}}), json!(["a", 2])).len(), 1);
        assert_eq!(errors(json!({"oneOf": []}), json!(1)).len(), 1, "unknown keywords fail");
        let row = json!({"$ref": "#/components/schemas/Conversation"});
        assert!(!errors(row, json!({"id": "c1"})).is_empty(), "a partial row is refused");
    }
}
