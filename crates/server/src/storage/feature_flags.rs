//! Feature flags (storage-api appendix A, schema.md §10.5): the effective flags of a tenant
//! (W4) are hand-tuned; setting and removing values are plain declarations.
//!
//! The effective value of a flag for a tenant is its override, else the global row, else the
//! built-in default the old service seeded. salesgate does not seed rows at start-up (many
//! replicas starting would all write); the defaults apply when no global row exists.

use super::{Ctx, Db, Reply, Result};
use crate::pg::Hot;
use salesgate_core::enums::FEATURE_FLAG_NAMES;
use salesgate_core::error::push_json_string;
use salesgate_core::routes::EFFECTIVE_FEATURE_FLAGS;
use salesgate_core::routes::feature_flags::Custom;
use tokio_postgres::types::Type;

/// Flags the old service seeded as enabled; every other known flag defaults to disabled.
pub const ENABLED_BY_DEFAULT: [&str; 3] = ["AI_SUGGESTIONS_ENABLED", "RAG_ENABLED", "FEW_SHOT_LEARNING"];

/// The statement of [`get_effective_feature_flags`] ($1 tenant): the global rows and the
/// tenant's overrides, as one row of three parallel arrays (one row to decode instead of one
/// per flag).
pub const EFFECTIVE_SQL: &str = "SELECT array_agg(name), array_agg(enabled), array_agg(tenant_id IS NOT NULL) \
     FROM feature_flags WHERE tenant_id IS NULL OR tenant_id = $1";

/// The effective flags of a tenant (W4): `{"flags": {"NAME": bool, …}}`, names sorted.
pub async fn get_effective_feature_flags(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    static HOT: Hot = Hot { text: EFFECTIVE_SQL, types: &[Type::VARCHAR] };
    let rows = db.query_hot(&HOT, &[&ctx.tenant()?]).await?;
    let Some(row) = rows.first() else {
        return Err(super::StorageError::Bug("an aggregate returned no row".into()));
    };
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
    let mut flags: Vec<(&str, bool)> = Vec::with_capacity(FEATURE_FLAG_NAMES.len() + rows.len());
    flags.extend_from_slice(defaults());
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

/// The built-in defaults, sorted by name (once: W4 merges into a copy per request).
fn defaults() -> &'static [(&'static str, bool)] {
    static DEFAULTS: std::sync::OnceLock<Vec<(&'static str, bool)>> = std::sync::OnceLock::new();
    DEFAULTS.get_or_init(|| {
        let mut flags: Vec<(&'static str, bool)> =
            FEATURE_FLAG_NAMES.iter().map(|n| (*n, ENABLED_BY_DEFAULT.contains(n))).collect();
        flags.sort_unstable_by_key(|(n, _)| *n);
        flags
    })
}

/// `{"flags":{…}}`: the one member of [`EFFECTIVE_FEATURE_FLAGS`].
fn render(flags: &[(&str, bool)]) -> String {
    let mut out = String::with_capacity(40 * flags.len() + 16);
    out.push('{');
    push_json_string(&mut out, EFFECTIVE_FEATURE_FLAGS.fields[0].name);
    out.push_str(":{");
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

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetEffectiveFeatureFlags => get_effective_feature_flags(db, ctx).await,
    }
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
