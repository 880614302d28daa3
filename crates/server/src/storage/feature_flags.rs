//! Feature flags (storage-api.md appendix A, schema.md §10.5): global rows (`tenant_id` NULL)
//! and per-tenant overrides.
//!
//! The effective value of a flag for a tenant is its override, else the global row, else the
//! built-in default the old service seeded. salesgate does not seed rows at start-up (many
//! replicas starting would all write); the defaults apply when no global row exists.

use super::rows::{Projection, write_rows};
use super::sql::once;
use super::{Conn, Reply, Result};
use salesgate_core::enums::FEATURE_FLAG_NAMES;
use salesgate_core::error::push_json_string;
use salesgate_core::tables::FEATURE_FLAGS;
use salesgate_core::validate::Validated;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Flags the old service seeded as enabled; every other known flag defaults to disabled.
pub const ENABLED_BY_DEFAULT: [&str; 3] = ["AI_SUGGESTIONS_ENABLED", "RAG_ENABLED", "FEW_SHOT_LEARNING"];

/// The statement of [`effective`] ($1 tenant): global rows and the tenant's overrides.
pub const EFFECTIVE_SQL: &str =
    "SELECT name, enabled, tenant_id IS NOT NULL FROM feature_flags WHERE tenant_id IS NULL OR tenant_id = $1";

/// The effective flags of a tenant (W4): `{"flags": {"NAME": bool, …}}`, names sorted.
pub async fn effective(conn: &Conn, tenant: &str) -> Result<Reply> {
    let stmt = conn.prepare_cached(EFFECTIVE_SQL).await?;
    let rows = conn.query(&stmt, &[&tenant]).await?;
    let mut flags: BTreeMap<&str, bool> =
        FEATURE_FLAG_NAMES.iter().map(|n| (*n, ENABLED_BY_DEFAULT.contains(n))).collect();
    let mut overridden = Vec::new();
    for row in &rows {
        let (name, enabled, is_override): (&str, bool, bool) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        if is_override {
            overridden.push(name);
            flags.insert(name, enabled);
        } else if !overridden.contains(&name) {
            flags.insert(name, enabled);
        }
    }
    let mut out = String::with_capacity(40 * flags.len() + 16);
    out.push_str("{\"flags\":{");
    for (i, (name, enabled)) in flags.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, name);
        out.push_str(if *enabled { ":true" } else { ":false" });
    }
    out.push_str("}}");
    Ok(Reply::json(out))
}

fn toggle(body: &Validated) -> (bool, Option<&str>) {
    let enabled = matches!(body.get("enabled"), Some(salesgate_core::validate::Value::Bool(true)));
    (enabled, body.text("description"))
}

/// setTenantFeatureFlag: upserts the tenant's override.
pub async fn set_for_tenant(conn: &Conn, tenant: &str, name: &str, body: &Validated) -> Result<Reply> {
    static SQL: OnceLock<String> = OnceLock::new();
    let p = Projection::of(&FEATURE_FLAGS);
    let text = once(&SQL, || {
        format!(
            "INSERT INTO feature_flags (name, enabled, description, tenant_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name, tenant_id) WHERE tenant_id IS NOT NULL DO UPDATE SET enabled = EXCLUDED.enabled, \
             description = COALESCE(EXCLUDED.description, feature_flags.description), updated_at = now() \
             RETURNING {}",
            p.list()
        )
    });
    let (enabled, description) = toggle(body);
    let stmt = conn.prepare_cached(text).await?;
    let row = conn.query_one(&stmt, &[&name, &enabled, &description, &tenant]).await?;
    Ok(super::rows::one(p, &row)?)
}

/// deleteTenantFeatureFlag: removes the override (idempotent).
pub async fn delete_for_tenant(conn: &Conn, tenant: &str, name: &str) -> Result<Reply> {
    let stmt = conn.prepare_cached("DELETE FROM feature_flags WHERE name = $1 AND tenant_id = $2").await?;
    conn.execute(&stmt, &[&name, &tenant]).await?;
    Ok(Reply::empty())
}

/// getGlobalFeatureFlags: the global rows.
pub async fn list_global(conn: &Conn) -> Result<Reply> {
    let p = Projection::of(&FEATURE_FLAGS);
    let sql = format!("SELECT {} FROM feature_flags WHERE tenant_id IS NULL ORDER BY name", p.list());
    let stmt = conn.prepare_cached(&sql).await?;
    let rows = conn.query(&stmt, &[]).await?;
    let mut out = String::with_capacity(256 * rows.len() + 2);
    write_rows(&mut out, p, &rows)?;
    Ok(Reply::json(out))
}

/// setGlobalFeatureFlag: upserts the global row.
pub async fn set_global(conn: &Conn, name: &str, body: &Validated) -> Result<Reply> {
    static SQL: OnceLock<String> = OnceLock::new();
    let p = Projection::of(&FEATURE_FLAGS);
    let text = once(&SQL, || {
        format!(
            "INSERT INTO feature_flags (name, enabled, description) VALUES ($1, $2, $3) \
             ON CONFLICT (name) WHERE tenant_id IS NULL DO UPDATE SET enabled = EXCLUDED.enabled, \
             description = COALESCE(EXCLUDED.description, feature_flags.description), updated_at = now() \
             RETURNING {}",
            p.list()
        )
    });
    let (enabled, description) = toggle(body);
    let stmt = conn.prepare_cached(text).await?;
    let row = conn.query_one(&stmt, &[&name, &enabled, &description]).await?;
    Ok(super::rows::one(p, &row)?)
}
