//! The OpenAPI 3.1 document, generated from the route table and the schema model (never
//! written by hand, so it cannot drift from what the gate enforces).

use crate::route::{Body, Method, ParamKind, Response, Route, Schema, Scope};
use crate::routes::{INBOUND_MESSAGE, ROUTES};
use crate::schema::{Access, Column, JsonShape, Rule, SqlType, Table};
use crate::tables::{CONVERSATIONS, CUSTOMERS, MESSAGES};
use serde_json::{Map, Value, json};

/// The document, as JSON.
pub fn document() -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for route in ROUTES {
        let entry = paths.entry(route.path.to_string()).or_insert_with(|| json!({}));
        entry[method_key(route.method)] = operation(route, &mut schemas);
    }
    for (name, schema) in named_schemas() {
        schemas.insert(name.to_string(), schema);
    }
    schemas.insert("Error".into(), error_schema());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "salesgate",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The data API of the AI sales operator. Every tenant route is scoped by the tenant of the \
                            verified token (platform roles may act for any tenant). Errors share one shape: \
                            {\"error\": {\"code\", \"message\", \"details\"?, \"requestId\"}}. Lists answer a JSON \
                            array; when more rows exist the x-next-cursor header carries the `after` value of the next page.",
        },
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                           "description": "HS256 JWT with sub, role, exp and (for tenant users) tenant_id"}
            },
            "schemas": schemas,
            "responses": {
                "Error": {
                    "description": "An error (see the code)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                }
            }
        }
    })
}

fn method_key(method: Method) -> &'static str {
    match method {
        Method::Get => "get",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
    }
}

fn operation(route: &Route, schemas: &mut Map<String, Value>) -> Value {
    let mut parameters = Vec::new();
    for segment in route.path.split('/') {
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let schema = if name == "flagName" {
                json!({"type": "string", "enum": crate::enums::FEATURE_FLAG_NAMES})
            } else {
                json!({"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"})
            };
            parameters.push(json!({"name": name, "in": "path", "required": true, "schema": schema}));
        }
    }
    for p in route.query {
        let schema = match p.kind {
            ParamKind::Id => json!({"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}),
            ParamKind::Int { min, max, default } => {
                let mut s = json!({"type": "integer", "minimum": min, "maximum": max});
                if let Some(d) = default {
                    s["default"] = json!(d);
                }
                s
            }
            ParamKind::Text { max } => json!({"type": "string", "maxLength": max}),
            ParamKind::OneOf(values) => json!({"type": "string", "enum": values}),
        };
        parameters.push(
            json!({"name": p.name, "in": "query", "required": p.required, "description": p.doc, "schema": schema}),
        );
    }
    let mut op = json!({
        "operationId": route.op.id(),
        "summary": route.summary,
        "parameters": parameters,
        "responses": responses(route, schemas),
    });
    if route.scope == Scope::Public {
        op["security"] = json!([]);
    }
    let body_schema = match route.body {
        Body::None => None,
        Body::Insert(t) => {
            Some(register(schemas, &format!("{}Insert", t.entity), || input_schema(t.doc, t.columns, true)))
        }
        Body::Patch(t) => {
            Some(register(schemas, &format!("{}Patch", t.entity), || input_schema(t.doc, t.columns, false)))
        }
        Body::Custom(s) => Some(register(schemas, s.name, || custom_schema(s))),
    };
    if let Some(schema) = body_schema {
        op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
    }
    op
}

fn responses(route: &Route, schemas: &mut Map<String, Value>) -> Value {
    let success = match route.response {
        Response::Empty => json!({"description": "Done"}),
        Response::Row(t) => {
            json!({"description": t.doc, "content": {"application/json": {"schema": row_ref(schemas, t)}}})
        }
        Response::Rows(t) => json!({
            "description": t.doc,
            "headers": {"x-next-cursor": {"description": "The `after` value of the next page, when there is one",
                                          "schema": {"type": "string"}}},
            "content": {"application/json": {"schema": {"type": "array", "items": row_ref(schemas, t)}}}
        }),
        Response::Named(name) => json!({
            "description": route.summary,
            "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}
        }),
    };
    let mut out = Map::new();
    out.insert(route.status.to_string(), success);
    let mut errors = vec!["400", "500", "503", "504"];
    if route.scope != Scope::Public {
        errors.extend(["401", "403"]);
    }
    if route.path.contains('{') {
        errors.push("404");
    }
    if route.body != Body::None {
        errors.extend(["409", "413", "415", "422"]);
    }
    for status in errors {
        out.insert(status.into(), json!({"$ref": "#/components/responses/Error"}));
    }
    Value::Object(out)
}

/// Registers a schema under `name` once and returns a `$ref` to it.
fn register(schemas: &mut Map<String, Value>, name: &str, build: impl FnOnce() -> Value) -> Value {
    if !schemas.contains_key(name) {
        let schema = build();
        schemas.insert(name.to_string(), schema);
    }
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn row_ref(schemas: &mut Map<String, Value>, table: &Table) -> Value {
    register(schemas, table.entity, || row_schema(table))
}

/// A row as the API returns it: every column but secrets, always present (maybe null).
pub fn row_schema(table: &Table) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for c in table.columns.iter().filter(|c| !c.secret) {
        properties.insert(c.field.into(), with_null(type_schema(c.ty), c.nullable));
        required.push(c.field);
    }
    json!({"type": "object", "description": table.doc, "properties": properties, "required": required})
}

/// What a client may send: insert (required fields enforced) or patch (all optional).
fn input_schema(doc: &str, columns: &[Column], insert: bool) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for c in columns {
        let allowed = match c.access {
            Access::Server => false,
            Access::Create => insert,
            Access::Write => true,
        };
        if !allowed {
            continue;
        }
        properties.insert(c.field.into(), with_null(constrained(c), c.nullable));
        if insert && c.required_on_insert() {
            required.push(c.field);
        }
    }
    json!({
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn custom_schema(schema: &Schema) -> Value {
    input_schema(schema.doc, schema.fields, true)
}

fn type_schema(ty: SqlType) -> Value {
    match ty {
        SqlType::Varchar | SqlType::Text => json!({"type": "string"}),
        SqlType::Integer => json!({"type": "integer", "format": "int32"}),
        SqlType::Real => json!({"type": "number", "format": "float"}),
        SqlType::Boolean => json!({"type": "boolean"}),
        SqlType::Timestamp => json!({"type": "string", "format": "date-time"}),
        SqlType::Jsonb => json!({}),
        SqlType::TextArray => json!({"type": "array", "items": {"type": "string"}}),
    }
}

/// The column's type with its validation rules as JSON Schema keywords.
fn constrained(c: &Column) -> Value {
    let mut s = type_schema(c.ty);
    let text = matches!(c.ty, SqlType::Text | SqlType::Varchar);
    let array = c.ty == SqlType::TextArray
        || c.rules.contains(&Rule::Json(JsonShape::StringArray))
        || c.rules.contains(&Rule::Json(JsonShape::Attachments));
    for rule in c.rules {
        match *rule {
            Rule::Len { min, max } if text => {
                s["minLength"] = json!(min);
                s["maxLength"] = json!(max);
            }
            Rule::Len { min, max } if array => {
                s["minItems"] = json!(min);
                s["maxItems"] = json!(max);
            }
            Rule::OneOf(values) if text => s["enum"] = json!(values),
            Rule::OneOf(values) if array => s["items"] = json!({"type": "string", "enum": values}),
            Rule::ItemLen(max) => s["items"] = json!({"type": "string", "maxLength": max}),
            Rule::Email => s["format"] = json!("email"),
            Rule::HhMm => s["pattern"] = json!("^([01][0-9]|2[0-3]):[0-5][0-9]$"),
            Rule::KeyName => s["pattern"] = json!("^[A-Z0-9_]{3,64}$"),
            Rule::Range { min, max } => {
                s["minimum"] = json!(min);
                s["maximum"] = json!(max);
            }
            Rule::GreaterThan(min) => s["exclusiveMinimum"] = json!(min),
            Rule::Json(JsonShape::Object) => s["type"] = json!("object"),
            Rule::Json(JsonShape::StringArray) => {
                s["type"] = json!("array");
                if s.get("items").is_none() {
                    s["items"] = json!({"type": "string"});
                }
            }
            Rule::Json(JsonShape::Attachments) => {
                s = json!({
                    "type": "array", "maxItems": 10,
                    "items": {
                        "type": "object",
                        "required": ["type", "url"],
                        "additionalProperties": false,
                        "properties": {
                            "type": {"type": "string", "minLength": 1, "maxLength": 50},
                            "url": {"type": "string", "minLength": 1, "maxLength": 2048},
                            "metadata": {"type": "object"}
                        }
                    }
                })
            }
            _ => {}
        }
    }
    if text && s.get("maxLength").is_none() && s.get("enum").is_none() {
        s["maxLength"] = json!(crate::validate::DEFAULT_TEXT_MAX);
    }
    s
}

/// Adds `null` to a schema's allowed types.
fn with_null(mut schema: Value, nullable: bool) -> Value {
    if !nullable {
        return schema;
    }
    match schema.get("type").cloned() {
        Some(Value::String(t)) => {
            schema["type"] = json!([t, "null"]);
            if let Some(values) = schema.get("enum").and_then(Value::as_array).cloned() {
                let mut values = values;
                values.push(Value::Null);
                schema["enum"] = Value::Array(values);
            }
            schema
        }
        Some(_) => schema,
        None => schema, // `{}` already allows null
    }
}

fn rf(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn named_schemas() -> Vec<(&'static str, Value)> {
    let with_customer = json!({
        "allOf": [rf(CONVERSATIONS.entity), {
            "type": "object",
            "required": ["customer"],
            "properties": {
                "customer": rf(CUSTOMERS.entity),
                "lastMessage": rf(MESSAGES.entity),
                "channel": rf("Channel")
            }
        }]
    });
    let suggestion =
        json!({"type": "object", "description": "The latest pending AI suggestion (an ai_suggestions row)"});
    vec![
        ("OpenApiDocument", json!({"type": "object", "description": "This document"})),
        (
            "TenantTemplates",
            json!({
                "type": "object",
                "required": ["gearboxLookupFound", "gearboxLookupModelOnly", "gearboxTagRequest", "gearboxLookupFallback", "gearboxNoVin"],
                "properties": {
                    "gearboxLookupFound": {"type": "string"}, "gearboxLookupModelOnly": {"type": "string"},
                    "gearboxTagRequest": {"type": "string"}, "gearboxLookupFallback": {"type": "string"},
                    "gearboxNoVin": {"type": "string"}
                }
            }),
        ),
        ("ConversationWithCustomer", with_customer),
        ("ConversationWithCustomerList", json!({"type": "array", "items": rf("ConversationWithCustomer")})),
        (
            "ConversationDetail",
            json!({
                "allOf": [rf(CONVERSATIONS.entity), {
                    "type": "object",
                    "required": ["customer", "messages"],
                    "properties": {
                        "customer": rf(CUSTOMERS.entity),
                        "messages": {"type": "array", "items": rf(MESSAGES.entity)},
                        "currentSuggestion": suggestion
                    }
                }]
            }),
        ),
        (
            "ConversationChannelCounts",
            json!({
                "type": "object",
                "description": "Unread messages (sum of unreadCount) in all conversations and per channel family; \
                                a family key is present when the tenant has a channel of that family",
                "required": ["all"],
                "properties": {
                    "all": {"type": "integer"}, "telegram": {"type": "integer"},
                    "max": {"type": "integer"}, "whatsapp": {"type": "integer"}
                }
            }),
        ),
        (
            "InboundMessageResult",
            json!({
                "type": "object",
                "required": ["customerId", "conversationId", "messageId"],
                "properties": {
                    "customerId": {"type": "string"}, "conversationId": {"type": "string"}, "messageId": {"type": "string"}
                }
            }),
        ),
        (
            "EffectiveFeatureFlags",
            json!({
                "type": "object",
                "required": ["flags"],
                "properties": {"flags": {"type": "object", "additionalProperties": {"type": "boolean"}}}
            }),
        ),
        (INBOUND_MESSAGE.name, custom_schema(&INBOUND_MESSAGE)),
    ]
}

fn error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "requestId"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "requestId": {"type": "string"},
                    "details": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["path", "code", "message"],
                            "properties": {"path": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}
                        }
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_route_with_its_operation_id() {
        let doc = document();
        for route in ROUTES {
            let op = &doc["paths"][route.path][method_key(route.method)];
            assert_eq!(op["operationId"], route.op.id(), "{} {}", route.method.as_str(), route.path);
        }
    }

    #[test]
    fn every_ref_resolves() {
        let doc = document();
        let text = doc.to_string();
        for piece in text.split("\"$ref\":\"").skip(1) {
            let target = piece.split('"').next().unwrap_or("");
            let pointer = target.trim_start_matches('#');
            assert!(doc.pointer(pointer).is_some(), "unresolved {target}");
        }
    }

    #[test]
    fn input_schemas_follow_the_access_rules() {
        let doc = document();
        let insert = &doc["components"]["schemas"]["CustomerInsert"]["properties"];
        assert!(insert.get("externalId").is_some() && insert.get("tenantId").is_none() && insert.get("id").is_none());
        let patch = &doc["components"]["schemas"]["CustomerPatch"]["properties"];
        assert!(patch.get("externalId").is_none() && patch.get("name").is_some());
        let users = row_schema(&crate::tables::USERS);
        assert!(users["properties"].get("password").is_none(), "secrets never appear");
        assert_eq!(doc["components"]["schemas"]["MessageInsert"]["required"], json!(["role", "content"]));
    }
}
