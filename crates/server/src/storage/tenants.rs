//! §1 Tenants: the one custom operation (the rest are plain declarations).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::error::ApiError;
use salesgate_core::routes::TENANT_TEMPLATES;
use salesgate_core::routes::tenants::Custom;
use serde_json::Value;
use tokio_postgres::types::Type;

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

/// getTenantTemplates: each text is the tenant's override when it is a non-empty string,
/// else the built-in default. An unknown tenant is a 404 (the old system answered defaults).
pub async fn get_tenant_templates(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let rows =
        db.query_text("SELECT templates FROM tenants WHERE id = $1", &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    let row = rows.first().ok_or_else(|| ApiError::not_found("Tenant"))?;
    let templates: Option<Value> = row.try_get(0)?;
    Ok(Reply::json(render_templates(templates.as_ref())))
}

fn render_templates(templates: Option<&Value>) -> String {
    let mut out = String::with_capacity(1024);
    super::shape::write_texts(&mut out, &TENANT_TEMPLATES, |key| {
        let default = DEFAULT_TEMPLATES.iter().find(|(k, _)| *k == key).map_or("", |(_, d)| d);
        templates.and_then(|t| t.get(key)).and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or(default)
    });
    out
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetTenantTemplates => get_tenant_templates(db, ctx).await,
    }
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
        for f in TENANT_TEMPLATES.fields {
            assert!(DEFAULT_TEMPLATES.iter().any(|(k, _)| *k == f.name), "a default for {}", f.name);
        }
        let none: Value = serde_json::from_str(&render_templates(None)).expect("json");
        assert_eq!(none["gearboxLookupFallback"], DEFAULT_TEMPLATES[3].1);
    }
}
