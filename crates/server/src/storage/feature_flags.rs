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
use std::sync::OnceLock;

/// Flags the old service seeded as enabled; every other known flag defaults to disabled.
pub const ENABLED_BY_DEFAULT: [&str; 3] = ["AI_SUGGESTIONS_ENABLED", "RAG_ENABLED", "FEW_SHOT_LEARNING"];

/// The statement of [`effective`] ($1 tenant): the global rows and the tenant's overrides, as
/// one row of three parallel arrays (one row to decode instead of one per flag).
pub const EFFECTIVE_SQL: &str = "SELECT array_agg(name), array_agg(enabled), array_agg(tenant_id IS NOT NULL) \
     FROM feature_flags WHERE tenant_id IS NULL OR tenant_id = $1";

/// The effective flags of a tenant (W4): `{"flags": {"NAME": bool, …}}`, names sorted.
pub async fn effective(conn: &Conn, tenant: &str) -> Result<Reply> {
    let stmt = conn.prepare_cached(EFFECTIVE_SQL).await?;
    let row = conn.query_one(&stmt, &[&tenant]).await?;
    let names: Vec<&str> = row.try_get::<_, Option<Vec<&str>>>(0)?.unwrap_or_default();
    let enabled: Vec<bool> = row.try_get::<_, Option<Vec<bool>>>(1)?.unwrap_or_default();
    let overrides: Vec<bool> = row.try_get::<_, Option<Vec<bool>>>(2)?.unwrap_or_default();
    let rows: Vec<(&str, bool, bool)> =
        names.into_iter().zip(enabled).zip(overrides).map(|((n, e), o)| (n, e, o)).collect();
    Ok(Reply::json(render(&merge(&rows))))
}

/// Built-in defaults, then global rows, then the tenant's overrides: later sources win. Sorted
/// by name.
fn merge<'a>(rows: &[(&'a str, bool, bool)]) -> Vec<(&'a str, bool)> {
    let mut flags: Vec<(&str, bool)> =
        FEATURE_FLAG_NAMES.iter().map(|n| (*n, ENABLED_BY_DEFAULT.contains(n))).collect();
    flags.sort_unstable_by_key(|(n, _)| *n);
    for want_override in [false, true] {
        for &(name, enabled, _) in rows.iter().filter(|r| r.2 == want_override) {
            match flags.binary_search_by_key(&name, |(n, _)| *n) {
                Ok(i) => flags[i].1 = enabled,
                Err(i) => flags.insert(i, (name, enabled)),
            }
        }
    }
    flags
}

fn render(flags: &[(&str, bool)]) -> String {
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
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_beat_globals_beat_defaults() {
        // Rows in any order: an override listed before its global row still wins.
        let rows = [("RAG_ENABLED", true, true), ("RAG_ENABLED", false, false), ("EXTRA", true, false)];
        let flags = merge(&rows);
        assert_eq!(flags.iter().find(|(n, _)| *n == "RAG_ENABLED"), Some(&("RAG_ENABLED", true)));
        assert_eq!(flags.iter().find(|(n, _)| *n == "EXTRA"), Some(&("EXTRA", true)));
        assert_eq!(flags.iter().find(|(n, _)| *n == "FEW_SHOT_LEARNING"), Some(&("FEW_SHOT_LEARNING", true)));
        assert_eq!(flags.iter().find(|(n, _)| *n == "AI_AUTOSEND_ENABLED"), Some(&("AI_AUTOSEND_ENABLED", false)));
        assert!(flags.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert_eq!(flags.len(), 14);
        assert_eq!(render(&flags[..1]), r#"{"flags":{"AI_AUTOSEND_ENABLED":false}}"#);
    }
}
