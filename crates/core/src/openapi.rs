//! The OpenAPI 3.1 document, generated from the route table, the schema model and the declared
//! response shapes (never written by hand, so it cannot drift from what the gate enforces and
//! what the server writes).
//!
//! Answers keep what the model knows: enums, the id pattern, the typed JSON columns
//! (`config`, `metadata`, `tags`, `attachments`…). Columns only some roles read are in the row
//! schema but not `required`, with the roles in their description; each operation lists the
//! roles that may call it in `x-roles`.

use crate::route::{Body, Method, ParamKind, Response, Route, Scope};
use crate::routes::all;
use crate::schema::{Access, Column, JsonShape, Read, Rule, SqlType, Table};
use crate::shape::{Kind, Shape};
use serde_json::{Map, Value, json};

/// The id pattern of path parameters, reference columns and ids in answers.
pub const ID_PATTERN: &str = "^[A-Za-z0-9_-]{1,64}$";

/// The document, as JSON.
pub fn document() -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for route in all() {
        let entry = paths.entry(route.path.to_string()).or_insert_with(|| json!({}));
        entry[method_key(route.method)] = operation(route, &mut schemas);
    }
    schemas.insert("Error".into(), error_schema());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "salesgate",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The data API of the AI sales operator. Every tenant route is scoped by the tenant of the \
                            verified token (platform roles and the `service` identity may act for any tenant). Each \
                            operation lists the roles that may call it in `x-roles`. Errors share one shape: \
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

fn param_schema(kind: ParamKind) -> Value {
    match kind {
        ParamKind::Id => json!({"type": "string", "pattern": ID_PATTERN}),
        ParamKind::Int { min, max, default } => {
            let mut s = json!({"type": "integer", "minimum": min, "maximum": max});
            if let Some(d) = default {
                s["default"] = json!(d);
            }
            s
        }
        ParamKind::Text { max } => json!({"type": "string", "maxLength": max}),
        ParamKind::OneOf(values) => json!({"type": "string", "enum": values}),
    }
}

fn operation(route: &Route, schemas: &mut Map<String, Value>) -> Value {
    let mut parameters = Vec::new();
    for name in route.path_params() {
        let schema = param_schema(route.path_kind(name));
        parameters.push(json!({"name": name, "in": "path", "required": true, "schema": schema}));
    }
    for p in route.query {
        parameters.push(json!({
            "name": p.name, "in": "query", "required": p.required, "description": p.doc, "schema": param_schema(p.kind)
        }));
    }
    let roles: Vec<&str> = route.roles.iter().map(|r| r.as_str()).collect();
    let mut description = String::new();
    if route.scope != Scope::Public {
        description = format!("Roles: {}.", roles.join(", "));
    }
    for group in route.exclusive {
        description.push_str(&format!(" At most one of {} may be given.", group.join(", ")));
    }
    let mut op = json!({
        "operationId": route.id,
        "summary": route.summary,
        "description": description.trim(),
        "parameters": parameters,
        "responses": responses(route, schemas),
    });
    if route.scope == Scope::Public {
        op["security"] = json!([]);
    } else {
        op["x-roles"] = json!(roles);
    }
    let bound: Vec<&str> = route.bound_columns().collect();
    let body_schema = match route.body {
        Body::None => None,
        Body::Insert(t) => {
            let name = input_name(t.entity, "Insert", &bound);
            Some(register(schemas, &name, |_| input_schema(t.doc, t.columns, true, &bound)))
        }
        Body::Patch(t) => {
            let name = input_name(t.entity, "Patch", &bound);
            Some(register(schemas, &name, |_| input_schema(t.doc, t.columns, false, &bound)))
        }
        Body::Custom(s) => Some(register(schemas, s.name, |_| input_schema(s.doc, s.fields, true, &[]))),
        Body::Array(s) => {
            let item = register(schemas, s.name, |_| input_schema(s.doc, s.fields, true, &[]));
            Some(json!({"type": "array", "maxItems": crate::validate::MAX_BODY_ITEMS, "items": item}))
        }
    };
    if let Some(schema) = body_schema {
        op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
    }
    op
}

/// `CustomerNoteInsert`, or `CustomerNoteInsertForCustomer` when the path binds columns the body
/// therefore cannot have (a different schema, so a different name).
fn input_name(entity: &str, kind: &str, bound: &[&str]) -> String {
    let mut name = format!("{entity}{kind}");
    for column in bound.iter().filter(|c| **c != "id") {
        let camel = crate::schema::camel_case(column.trim_end_matches("_id"));
        let mut chars = camel.chars();
        if let Some(first) = chars.next() {
            name.push_str("For");
            name.push(first.to_ascii_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name
}

fn responses(route: &Route, schemas: &mut Map<String, Value>) -> Value {
    let success = match route.response {
        Response::Empty => json!({"description": "Done"}),
        Response::Document => json!({
            "description": "This document",
            "content": {"application/json": {"schema": {"type": "object"}}}
        }),
        Response::Row(t) => {
            json!({"description": t.doc, "content": {"application/json": {"schema": row_ref(schemas, t)}}})
        }
        Response::Rows(t) => paged(t.doc, row_ref(schemas, t)),
        Response::Shape(s) => json!({
            "description": s.doc,
            "content": {"application/json": {"schema": shape_ref(schemas, s)}}
        }),
        Response::Shapes(s) => paged(s.doc, shape_ref(schemas, s)),
    };
    let mut out = Map::new();
    out.insert(route.status.to_string(), success);
    let mut errors = vec!["400", "500", "503", "504"];
    if route.scope != Scope::Public {
        errors.extend(["401", "403"]);
    }
    // A row named by the path, the one row a read looks up (by username, by token hash), or what
    // a read by a required query parameter finds (a secret by its key name).
    let lookup = matches!(route.response, Response::Row(_)) || route.query.iter().any(|p| p.required);
    if route.path.contains('{') || (route.method == Method::Get && lookup) {
        errors.push("404");
    }
    if route.body != Body::None || route.method != Method::Get {
        errors.extend(["409", "413", "415", "422"]);
    }
    for status in errors {
        out.insert(status.into(), json!({"$ref": "#/components/responses/Error"}));
    }
    Value::Object(out)
}

fn paged(doc: &str, item: Value) -> Value {
    json!({
        "description": doc,
        "headers": {"x-next-cursor": {"description": "The `after` value of the next page, when there is one",
                                      "schema": {"type": "string"}}},
        "content": {"application/json": {"schema": {"type": "array", "items": item}}}
    })
}

/// Registers a schema under `name` once and returns a `$ref` to it.
fn register(
    schemas: &mut Map<String, Value>,
    name: &str,
    build: impl FnOnce(&mut Map<String, Value>) -> Value,
) -> Value {
    if !schemas.contains_key(name) {
        schemas.insert(name.to_string(), json!({})); // reserve: shapes refer to rows
        let schema = build(schemas);
        schemas.insert(name.to_string(), schema);
    }
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn row_ref(schemas: &mut Map<String, Value>, table: &'static Table) -> Value {
    register(schemas, table.entity, |_| row_schema(table))
}

fn shape_ref(schemas: &mut Map<String, Value>, shape: &'static Shape) -> Value {
    register(schemas, shape.name, |schemas| shape_schema(schemas, shape))
}

/// A row as the API returns it: every column some role may read, always present for the roles
/// that read it (maybe null); columns only some roles read are not `required`.
pub fn row_schema(table: &Table) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for c in table.columns.iter().filter(|c| c.read < Read::Never) {
        let mut schema = with_null(output_schema(c), c.nullable);
        match c.read {
            Read::All => required.push(c.field),
            Read::Admin => schema["description"] = json!("Only in answers to owner, admin, platform roles and service"),
            Read::Service | Read::Never => schema["description"] = json!("Only in answers to the service role"),
        }
        properties.insert(c.field.into(), schema);
    }
    json!({"type": "object", "description": table.doc, "properties": properties, "required": required})
}

fn shape_schema(schemas: &mut Map<String, Value>, shape: &'static Shape) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut base = None;
    for f in shape.fields {
        let schema = match f.kind {
            Kind::Columns(t) => {
                base = Some(row_ref(schemas, t));
                continue;
            }
            Kind::Row(t) => row_ref(schemas, t),
            Kind::Rows(t) => json!({"type": "array", "items": row_ref(schemas, t)}),
            Kind::Id => json!({"type": "string", "pattern": ID_PATTERN}),
            Kind::Int => json!({"type": "integer"}),
            Kind::Text => json!({"type": "string"}),
            Kind::Bool => json!({"type": "boolean"}),
            Kind::BoolMap => json!({"type": "object", "additionalProperties": {"type": "boolean"}}),
            Kind::Number if f.optional => json!({"type": "number"}),
            Kind::Number => json!({"type": ["number", "null"]}),
            Kind::Json => json!({}),
            Kind::Numbers if f.optional => json!({"type": "array", "items": {"type": "number"}}),
            Kind::Numbers => json!({"type": ["array", "null"], "items": {"type": "number"}}),
        };
        let schema = if f.doc.is_empty() || schema.get("$ref").is_some() {
            if f.doc.is_empty() { schema } else { json!({"allOf": [schema], "description": f.doc}) }
        } else {
            let mut s = schema;
            s["description"] = json!(f.doc);
            s
        };
        properties.insert(f.name.into(), schema);
        if !f.optional {
            required.push(f.name);
        }
    }
    let own = json!({"type": "object", "properties": properties, "required": required});
    match base {
        Some(base) => json!({"description": shape.doc, "allOf": [base, own]}),
        None => {
            let mut own = own;
            own["description"] = json!(shape.doc);
            own
        }
    }
}

/// What a client may send: insert (required fields enforced) or patch (all optional); columns
/// the path binds are left out.
fn input_schema(doc: &str, columns: &[Column], insert: bool, bound: &[&str]) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for c in columns.iter().filter(|c| !bound.contains(&c.name)) {
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

fn is_id_column(c: &Column) -> bool {
    c.primary_key && c.ty == SqlType::Varchar || c.references.is_some() || c.rules.contains(&Rule::Id)
}

fn attachments_schema() -> Value {
    json!({
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

/// A column in an answer: its type, enum, id pattern and JSON shape (no lengths: rows the old
/// system wrote may be longer than today's input rules allow).
fn output_schema(c: &Column) -> Value {
    let mut s = type_schema(c.ty);
    let text = matches!(c.ty, SqlType::Text | SqlType::Varchar);
    if text && is_id_column(c) {
        s["pattern"] = json!(ID_PATTERN);
    }
    for rule in c.rules {
        match *rule {
            Rule::OneOf(values) if text => s["enum"] = json!(values),
            Rule::OneOf(values) => s["items"] = json!({"type": "string", "enum": values}),
            Rule::Json(JsonShape::Object) => s = json!({"type": "object"}),
            Rule::Json(JsonShape::StringArray) => s = json!({"type": "array", "items": {"type": "string"}}),
            Rule::Json(JsonShape::Attachments) => {
                s = attachments_schema();
                s.as_object_mut().map(|o| o.remove("maxItems"));
            }
            Rule::Json(JsonShape::Numbers) => s = json!({"type": "array", "items": {"type": "number"}}),
            _ => {}
        }
    }
    s
}

/// The column's type with its validation rules as JSON Schema keywords.
fn constrained(c: &Column) -> Value {
    let mut s = type_schema(c.ty);
    let text = matches!(c.ty, SqlType::Text | SqlType::Varchar);
    let array = c.ty == SqlType::TextArray
        || c.rules.contains(&Rule::Json(JsonShape::StringArray))
        || c.rules.contains(&Rule::Json(JsonShape::Attachments))
        || c.rules.contains(&Rule::Json(JsonShape::Numbers));
    if text && c.references.is_some() {
        s["pattern"] = json!(ID_PATTERN);
    }
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
            Rule::Id => s["pattern"] = json!(ID_PATTERN),
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
            Rule::Json(JsonShape::Attachments) => s = attachments_schema(),
            Rule::Json(JsonShape::Numbers) => {
                s["type"] = json!("array");
                s["items"] = json!({"type": "number"});
            }
            _ => {}
        }
    }
    if text && s.get("maxLength").is_none() && s.get("enum").is_none() && s.get("pattern").is_none() {
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

fn error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "requestId"],
                "properties": {
                    "code": {"type": "string", "enum": crate::error::code::ALL.iter().map(|(c, _)| *c).collect::<Vec<_>>()},
                    "message": {"type": "string"},
                    "requestId": {"type": "string"},
                    "details": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["path", "code", "message"],
                            "properties": {
                                "path": {"type": "string"},
                                "code": {"type": "string", "enum": crate::error::code::FIELD},
                                "message": {"type": "string"}
                            }
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
    fn lists_every_route_with_its_operation_id_and_roles() {
        let doc = document();
        for route in all() {
            let op = &doc["paths"][route.path][method_key(route.method)];
            assert_eq!(op["operationId"], route.id, "{} {}", route.method.as_str(), route.path);
            if route.scope != Scope::Public {
                let roles: Vec<&str> = route.roles.iter().map(|r| r.as_str()).collect();
                assert_eq!(op["x-roles"], json!(roles), "{}", route.id);
            }
        }
    }

    #[test]
    fn every_ref_resolves() {
        let doc = document();
        let text = doc.to_string();
        for piece in text.split("\"$ref\":\"").skip(1) {
            let target = piece.split('"').next().unwrap_or("");
            let pointer = target.trim_start_matches('#');
            let resolved = doc.pointer(pointer);
            assert!(resolved.is_some_and(|s| s != &json!({})), "unresolved {target}");
        }
    }

    #[test]
    fn input_schemas_follow_the_access_rules() {
        let doc = document();
        let insert = &doc["components"]["schemas"]["CustomerInsert"]["properties"];
        assert!(insert.get("externalId").is_some() && insert.get("tenantId").is_none() && insert.get("id").is_none());
        let patch = &doc["components"]["schemas"]["CustomerPatch"]["properties"];
        assert!(patch.get("externalId").is_none() && patch.get("name").is_some());
        assert_eq!(
            doc["components"]["schemas"]["MessageInsertForConversation"]["required"],
            json!(["role", "content"])
        );
        assert!(
            doc["components"]["schemas"]["MessageInsertForConversation"]["properties"].get("conversationId").is_none(),
            "bound by the path"
        );
        assert_eq!(insert["channelId"]["pattern"], ID_PATTERN, "references follow the id rule");
    }

    /// The secret-field rule in the document: never-read columns are absent, restricted ones
    /// are optional and say who reads them.
    #[test]
    fn restricted_columns_are_optional_and_documented() {
        let users = row_schema(&crate::tables::USERS);
        assert!(users["properties"]["password"]["description"].as_str().is_some_and(|d| d.contains("service")));
        assert!(!users["required"].as_array().is_some_and(|r| r.contains(&json!("password"))));
        let channels = row_schema(&crate::tables::CHANNELS);
        assert!(!channels["required"].as_array().is_some_and(|r| r.contains(&json!("config"))));
        let secrets = row_schema(&crate::tables::INTEGRATION_SECRETS);
        assert!(secrets["properties"].get("encryptedValue").is_none());
    }

    /// Answers keep enums, id patterns and typed JSON (they were dropped before).
    #[test]
    fn answers_keep_enums_ids_and_json_types() {
        let conv = row_schema(&crate::tables::CONVERSATIONS);
        assert!(conv["properties"]["status"]["enum"].as_array().is_some_and(|e| e.contains(&json!("active"))));
        assert_eq!(conv["properties"]["customerId"]["pattern"], ID_PATTERN);
        assert_eq!(conv["properties"]["id"]["pattern"], ID_PATTERN);
        let customer = row_schema(&crate::tables::CUSTOMERS);
        assert_eq!(customer["properties"]["metadata"]["type"], json!(["object", "null"]));
        assert_eq!(customer["properties"]["tags"]["type"], json!(["array", "null"]));
        let channel = row_schema(&crate::tables::CHANNELS);
        assert_eq!(channel["properties"]["config"]["type"], json!(["object", "null"]));
        let message = row_schema(&crate::tables::MESSAGES);
        assert_eq!(message["properties"]["attachments"]["items"]["required"], json!(["type", "url"]));
    }
}
