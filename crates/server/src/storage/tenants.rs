//! Tenants (storage-api.md §1). The tenant of a tenant route is the path's (already checked
//! against the token by the gate); creating tenants and reading the default one are platform
//! operations.

use super::rows::Projection;
use super::{Conn, Reply, Result, sql};
use salesgate_core::error::{ApiError, push_json_string};
use salesgate_core::schema::quote_ident;
use salesgate_core::tables::TENANTS;
use salesgate_core::validate::Validated;
use serde_json::Value;

/// Built-in reply texts for `getTenantTemplates` when a tenant has no override. The old
/// system's texts are not part of the recorded spec; these are salesgate's, with the same
/// placeholders.
pub const DEFAULT_TEMPLATES: [(&str, &str); 5] = [
    (
        "gearboxLookupFound",
        "По вашему автомобилю подходит коробка передач {{model}} (OEM {{oem}}, источник: {{source}}). Подобрать варианты?",
    ),
    (
        "gearboxLookupModelOnly",
        "Определили модель коробки передач: {{model}}. Чтобы подобрать точно, пришлите, пожалуйста, фото шильдика коробки.",
    ),
    (
        "gearboxTagRequest",
        "Пришлите, пожалуйста, фото шильдика (таблички) на корпусе коробки передач — так мы подберём её точно.",
    ),
    (
        "gearboxLookupFallback",
        "Не получилось автоматически определить коробку передач. Менеджер проверит данные и ответит вам.",
    ),
    (
        "gearboxNoVin",
        "Пришлите, пожалуйста, VIN или номер кузова (FRAME) автомобиля — по нему подберём коробку передач.",
    ),
];

fn one(row: &tokio_postgres::Row) -> Result<Reply> {
    Ok(super::rows::one(Projection::of(&TENANTS), row)?)
}

/// createTenant (platform).
pub async fn create(conn: &Conn, body: &Validated) -> Result<Reply> {
    let p = Projection::of(&TENANTS);
    let columns: Vec<String> = body.entries.iter().map(|e| quote_ident(e.column.name)).collect();
    let values: Vec<String> = (1..=body.entries.len()).map(|i| format!("${i}")).collect();
    let sql =
        format!("INSERT INTO tenants ({}) VALUES ({}) RETURNING {}", columns.join(", "), values.join(", "), p.list());
    let params = sql::body_params(body);
    let stmt = conn.prepare_cached(&sql).await?;
    one(&conn.query_one(&stmt, &sql::with_body(&[], &params)).await?)
}

/// getDefaultTenant: the oldest tenant (the old system took the first row in no order).
pub async fn default_tenant(conn: &Conn) -> Result<Reply> {
    let sql = format!("SELECT {} FROM tenants ORDER BY created_at, id LIMIT 1", Projection::of(&TENANTS).list());
    let stmt = conn.prepare_cached(&sql).await?;
    let row = conn.query_opt(&stmt, &[]).await?.ok_or_else(|| ApiError::not_found("Tenant"))?;
    one(&row)
}

/// getTenant.
pub async fn get(conn: &Conn, tenant: &str) -> Result<Reply> {
    let sql = format!("SELECT {} FROM tenants WHERE id = $1", Projection::of(&TENANTS).list());
    let stmt = conn.prepare_cached(&sql).await?;
    let row = conn.query_opt(&stmt, &[&tenant]).await?.ok_or_else(|| ApiError::not_found("Tenant"))?;
    one(&row)
}

/// updateTenant.
pub async fn update(conn: &Conn, tenant: &str, body: &Validated) -> Result<Reply> {
    if body.is_empty() {
        return get(conn, tenant).await;
    }
    let sets = sql::assignments(body, 2);
    let sql =
        format!("UPDATE tenants SET {} WHERE id = $1 RETURNING {}", sets.join(", "), Projection::of(&TENANTS).list());
    let params = sql::body_params(body);
    let stmt = conn.prepare_cached(&sql).await?;
    let row = conn
        .query_opt(&stmt, &sql::with_body(&[&tenant], &params))
        .await?
        .ok_or_else(|| ApiError::not_found("Tenant"))?;
    one(&row)
}

/// getTenantTemplates: each text is the tenant's override when it is a non-empty string,
/// else the built-in default. An unknown tenant is a 404 (the old system answered defaults).
pub async fn templates(conn: &Conn, tenant: &str) -> Result<Reply> {
    let stmt = conn.prepare_cached("SELECT templates FROM tenants WHERE id = $1").await?;
    let row = conn.query_opt(&stmt, &[&tenant]).await?.ok_or_else(|| ApiError::not_found("Tenant"))?;
    let templates: Option<Value> = row.try_get(0)?;
    Ok(Reply::json(render_templates(templates.as_ref())))
}

fn render_templates(templates: Option<&Value>) -> String {
    let mut out = String::from("{");
    for (i, (key, default)) in DEFAULT_TEMPLATES.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let text =
            templates.and_then(|t| t.get(key)).and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or(default);
        push_json_string(&mut out, key);
        out.push(':');
        push_json_string(&mut out, text);
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn overrides_win_when_non_empty() {
        let t = json!({"gearboxNoVin": "VIN?", "gearboxTagRequest": "", "gearboxLookupFound": null});
        let out: Value = serde_json::from_str(&render_templates(Some(&t))).expect("json");
        assert_eq!(out["gearboxNoVin"], "VIN?");
        assert_eq!(out["gearboxTagRequest"], DEFAULT_TEMPLATES[2].1);
        assert_eq!(out["gearboxLookupFound"], DEFAULT_TEMPLATES[0].1);
        assert_eq!(out.as_object().map(|o| o.len()), Some(5));
        let none: Value = serde_json::from_str(&render_templates(None)).expect("json");
        assert_eq!(none["gearboxLookupFallback"], DEFAULT_TEMPLATES[3].1);
    }
}
