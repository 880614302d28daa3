//! Feature flags (storage-api appendix A, schema.md §10.5): the effective flags of a tenant
//! (W4) are hand-tuned; setting and removing values are plain declarations.
//!
//! The effective value of a flag for a tenant is its override, else the global row, else the
//! built-in default the old service seeded. salesgate does not seed rows at start-up (many
//! replicas starting would all write); the defaults apply when no global row exists.

use super::values::{BoolArray, TextArray};
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
    let names: Vec<&str> = match row.try_get::<_, Option<TextArray>>(0)? {
        Some(TextArray(names)) => names
            .into_iter()
            .map(|n| n.ok_or_else(|| super::StorageError::Bug("a feature flag without a name".into())))
            .collect::<Result<_>>()?,
        None => Vec::new(),
    };
    let enabled: Vec<bool> = row.try_get::<_, Option<BoolArray>>(1)?.map(|a| a.0).unwrap_or_default();
    let overrides: Vec<bool> = row.try_get::<_, Option<BoolArray>>(2)?.map(|a| a.0).unwrap_or_default();
    if names.len() != enabled.len() || names.len() != overrides.len() {
        return Err(super::StorageError::Bug("the flag arrays differ in length".into()));
    }
    Ok(Reply::json(render(&merge(&names, &enabled, &overrides))))
}

/// A flag of the merge: its [`order_key`], name, value, and the index of its JSON key in
/// [`json_keys`] when it is a built-in name ([`NO_KEY`] for the others, escaped as they are
/// written). An index, not the key itself, keeps a flag at 32 bytes for the merge's inserts.
type Flag<'a> = (u64, &'a str, bool, u8);

/// The [`Flag`] of a name without a JSON key escaped in advance.
const NO_KEY: u8 = u8::MAX;

/// `"NAME":` of the built-in names, escaped once per process, in [`defaults`]' order.
fn json_keys() -> &'static [String] {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        defaults()
            .iter()
            .map(|(_, name, ..)| {
                let mut key = String::with_capacity(name.len() + 3);
                push_json_string(&mut key, name);
                key.push(':');
                key
            })
            .collect()
    })
}

/// The first eight bytes of `name`, big-endian, zero-padded: comparing these keys orders names
/// as comparing the strings does (a flag name holds no NUL byte), so the merge's binary searches
/// compare integers and only look at whole strings when eight bytes are equal (W4's merge was
/// 4.7% of the server's CPU, mostly `memcmp`).
fn order_key(name: &str) -> u64 {
    let mut key = [0u8; 8];
    let n = name.len().min(8);
    key[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_be_bytes(key)
}

/// Built-in defaults, then global rows, then the tenant's overrides (`overrides[i]`: row `i` is
/// the tenant's): later sources win. Sorted by name.
fn merge<'a>(names: &[&'a str], enabled: &[bool], overrides: &[bool]) -> Vec<Flag<'a>> {
    let mut flags: Vec<Flag<'a>> = Vec::with_capacity(FEATURE_FLAG_NAMES.len() + names.len());
    flags.extend_from_slice(defaults());
    for want_override in [false, true] {
        for (i, &name) in names.iter().enumerate().filter(|(i, _)| overrides[*i] == want_override) {
            let key = order_key(name);
            match flags.binary_search_by(|(k, n, ..)| k.cmp(&key).then_with(|| n.cmp(&name))) {
                Ok(at) => flags[at].2 = enabled[i],
                Err(at) => flags.insert(at, (key, name, enabled[i], NO_KEY)),
            }
        }
    }
    flags
}

/// The built-in defaults, sorted by name (once: W4 merges into a copy per request).
fn defaults() -> &'static [Flag<'static>] {
    static DEFAULTS: std::sync::OnceLock<Vec<Flag<'static>>> = std::sync::OnceLock::new();
    DEFAULTS.get_or_init(|| {
        let mut flags: Vec<Flag<'static>> =
            FEATURE_FLAG_NAMES.iter().map(|n| (order_key(n), *n, ENABLED_BY_DEFAULT.contains(n), NO_KEY)).collect();
        flags.sort_unstable_by_key(|(_, n, ..)| *n);
        for (i, flag) in flags.iter_mut().enumerate() {
            flag.3 = u8::try_from(i).unwrap_or(NO_KEY);
        }
        flags
    })
}

/// `{"flags":{…}}`: the one member of [`EFFECTIVE_FEATURE_FLAGS`].
fn render(flags: &[Flag<'_>]) -> String {
    let mut out = String::with_capacity(40 * flags.len() + 16);
    out.push('{');
    push_json_string(&mut out, EFFECTIVE_FEATURE_FLAGS.fields[0].name);
    out.push_str(":{");
    let keys = json_keys();
    for (i, &(_, name, enabled, key)) in flags.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match keys.get(usize::from(key)) {
            Some(json_key) => out.push_str(json_key),
            None => {
                push_json_string(&mut out, name);
                out.push(':');
            }
        }
        out.push_str(if enabled { "true" } else { "false" });
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
        let flags = merge(&["RAG_ENABLED", "RAG_ENABLED", "EXTRA"], &[true, false, true], &[true, false, false]);
        let value = |name: &str| flags.iter().find(|f| f.1 == name).map(|f| f.2);
        assert_eq!(value("RAG_ENABLED"), Some(true));
        assert_eq!(value("EXTRA"), Some(true));
        assert_eq!(value("FEW_SHOT_LEARNING"), Some(true));
        assert_eq!(value("AI_AUTOSEND_ENABLED"), Some(false));
        assert!(flags.windows(2).all(|w| w[0].1 < w[1].1), "sorted");
        assert_eq!(flags.len(), 14);
        assert_eq!(render(&flags[..1]), r#"{"flags":{"AI_AUTOSEND_ENABLED":false}}"#);
    }

    #[test]
    fn keys_order_names_as_strings_do() {
        // Equal first eight bytes, shorter than eight, a prefix of another, and bytes past 0x7f.
        let mut names =
            vec!["AI_SUGGESTIONS_ENABLED", "AI_SUGGESTIONS", "AI_SUGG", "AI", "A", "B", "AI_AUTOSEND", "é", "Z_9"];
        let by_key = {
            let mut v = names.clone();
            v.sort_by(|a, b| order_key(a).cmp(&order_key(b)).then_with(|| a.cmp(b)));
            v
        };
        names.sort();
        assert_eq!(by_key, names);
        // Many global flags sharing a prefix merge into sorted order with their overrides.
        let globals: Vec<String> = (0..40).rev().map(|i| format!("AI_SUGGESTIONS_{i:02}")).collect();
        let mut all: Vec<&str> = globals.iter().map(String::as_str).collect();
        all.push("AI_SUGGESTIONS_07");
        let mut overrides = vec![false; 40];
        overrides.push(true);
        let mut enabled = vec![false; 40];
        enabled.push(true);
        let flags = merge(&all, &enabled, &overrides);
        assert!(flags.windows(2).all(|w| w[0].1 < w[1].1), "sorted and unique");
        assert_eq!(flags.len(), FEATURE_FLAG_NAMES.len() + 40);
        assert_eq!(flags.iter().find(|f| f.1 == "AI_SUGGESTIONS_07").map(|f| f.2), Some(true));
    }

    #[test]
    fn the_merge_matches_applying_the_sources_in_order() {
        // Reference: defaults, then global rows in array order, then the tenant's, into a map.
        fn reference<'a>(names: &[&'a str], enabled: &[bool], overrides: &[bool]) -> Vec<(&'a str, bool)> {
            let mut map: std::collections::BTreeMap<&'a str, bool> =
                FEATURE_FLAG_NAMES.iter().map(|n| (*n, ENABLED_BY_DEFAULT.contains(n))).collect();
            for want in [false, true] {
                for i in (0..names.len()).filter(|&i| overrides[i] == want) {
                    map.insert(names[i], enabled[i]);
                }
            }
            map.into_iter().collect::<Vec<_>>()
        }
        let pool = [
            "RAG_ENABLED",
            "TELEGRAM_CHANNEL_ENABLED",
            "TELEGRAM_X",
            "A",
            "ZZ",
            "AI_SUGGESTIONS_ENABLED",
            "é",
            "q\"/\\",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..500 {
            let len = next(12) as usize;
            let names: Vec<&str> = (0..len).map(|_| pool[next(pool.len() as u64) as usize]).collect();
            let enabled: Vec<bool> = (0..len).map(|_| next(2) == 1).collect();
            let overrides: Vec<bool> = (0..len).map(|_| next(2) == 1).collect();
            let flags = merge(&names, &enabled, &overrides);
            let merged: Vec<(&str, bool)> = flags.iter().map(|&(_, n, v, _)| (n, v)).collect();
            let want = reference(&names, &enabled, &overrides);
            assert_eq!(merged, want, "{names:?} {enabled:?} {overrides:?}");
            // Written with the built-in names' keys escaped in advance, the others as they come.
            let written: serde_json::Value = serde_json::from_str(&render(&flags)).expect("valid JSON");
            let want: serde_json::Map<String, serde_json::Value> =
                want.into_iter().map(|(n, v)| (n.to_string(), v.into())).collect();
            assert_eq!(written, serde_json::json!({ "flags": want }));
        }
    }
}
