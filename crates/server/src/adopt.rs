//! Adopting a database that the old system created and migrated with drizzle-kit.
//!
//! Such a database has no salesgate history but has `drizzle.__drizzle_migrations`, one row per
//! applied journal entry, holding the entry's `when` (migrations.md §5). Adoption maps those rows
//! to our files by the journal `when` values, checks by introspection that what each file creates
//! really exists, records the files that pass as *adopted* (without running them), and leaves
//! every other file pending so it runs normally. Our files are idempotent, so running one whose
//! objects partly exist is safe; adopting one whose objects are missing would not be.
//!
//! - The baseline (what `drizzle-kit push` created) and the manual `0001b` were never journaled:
//!   they are adopted when their objects exist.
//! - `0014`/`0015` were not journaled at the target version (migrations.md §1): they run, unless a
//!   later version of the old system recorded them (`when` 1740300000000 / 1740400000000).
//! - Both `0006` files share one `when`; one row adopts both.

use crate::introspect::LiveSchema;
use crate::migrations::Migration;
use salesgate_core::migration::*;
use salesgate_core::tables::TABLES;
use std::fmt;

/// drizzle journal `when` (ms) of each old file (migrations.md §2).
pub const DRIZZLE_JOURNAL: &[(&str, i64)] = &[
    ("0000_pre_migration_check_duplicates", 1_739_872_166_000),
    ("0001a_normalize_emails", 1_739_872_226_000),
    (M0002_GRANTS_INDEXES, 1_739_872_286_000),
    (M0003_VEHICLE_LOOKUP, 1_739_958_814_000),
    (M0004_TENANT_TEMPLATES, 1_739_958_874_000),
    (M0005_PRICE_SNAPSHOTS, 1_739_958_934_000),
    (M0006_INTERNAL_PRICES, 1_739_983_977_000),
    (M0006_TELEGRAM_MULTIACCOUNT, 1_739_983_977_000),
    (M0007_PRICE_COMMERCIAL, 1_739_984_037_000),
    (M0008_PRICE_SEARCH_KEY, 1_739_984_097_000),
    (M0009_TEMPLATES_PAYMENTS, 1_740_133_740_000),
    (M0010_AGENT_SETTINGS, 1_740_136_366_000),
    (M0011_PRICE_SNAPSHOTS_UPDATE, 1_740_138_252_000),
    (M0012_MILEAGE_TIERS, 1_740_139_162_000),
    (M0013_FEATURE_FLAGS_UNIQUE, 1_740_200_000_000),
    (M0014_MAX_PERSONAL, 1_740_300_000_000),
    (M0015_MAX_PERSONAL_MULTI, 1_740_400_000_000),
];

/// Old files that exist in every old database without a journal row.
const UNJOURNALED_OLD: &[(&str, &str)] =
    &[(BASELINE, "created by drizzle-kit push"), (M0001B_EMAIL_UNIQUE, "the manual migration")];

/// What the migrator learned about an old database.
#[derive(Debug, Clone, Default)]
pub struct OldDatabase {
    /// `created_at` of every row of `drizzle.__drizzle_migrations`.
    pub recorded: Vec<i64>,
    pub live: LiveSchema,
    /// Users whose e-mail is not yet lower-cased and trimmed (what 0001a fixes).
    pub unnormalized_emails: i64,
}

/// What adoption does with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Record as applied without running it.
    Adopt { reason: String },
    /// Leave pending: it runs.
    Run { reason: String },
}

/// The adoption plan: a decision per file in run order, and drizzle rows that match no file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adoption {
    pub decisions: Vec<(String, Decision)>,
    pub unknown_rows: Vec<i64>,
}

impl Adoption {
    pub fn adopted(&self) -> impl Iterator<Item = &str> {
        self.decisions.iter().filter(|(_, d)| matches!(d, Decision::Adopt { .. })).map(|(n, _)| n.as_str())
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Adopt { reason } => write!(f, "adopt: {reason}"),
            Decision::Run { reason } => write!(f, "run: {reason}"),
        }
    }
}

/// Decides, file by file, what to adopt. Pure: everything it needs is in `old`.
pub fn plan(available: &[Migration], old: &OldDatabase) -> Adoption {
    let mut decisions = Vec::new();
    for m in available {
        let stem = m.stem();
        let when = DRIZZLE_JOURNAL.iter().find(|(s, _)| *s == stem).map(|(_, w)| *w);
        let evidence = match (when, UNJOURNALED_OLD.iter().find(|(s, _)| *s == stem)) {
            (Some(w), _) if old.recorded.contains(&w) => Some(format!("recorded by drizzle (when = {w})")),
            (Some(_), _) => None,
            (None, Some((_, what))) => Some(what.to_string()),
            (None, None) => None,
        };
        let decision = match evidence {
            None if when.is_some() => Decision::Run { reason: "not recorded by drizzle".into() },
            None => Decision::Run { reason: "not a file of the old system".into() },
            Some(evidence) => match unmet(stem, old) {
                unmet if unmet.is_empty() => Decision::Adopt { reason: format!("{evidence}; its objects are present") },
                unmet => Decision::Run { reason: format!("{evidence}, but {}", unmet.join(", ")) },
            },
        };
        decisions.push((m.name.clone(), decision));
    }
    let unknown_rows =
        old.recorded.iter().copied().filter(|w| !DRIZZLE_JOURNAL.iter().any(|(_, known)| known == w)).collect();
    Adoption { decisions, unknown_rows }
}

/// What is missing from `old` of what the file `stem` creates or changes (empty = all there).
///
/// Creations come from the schema model's `since` attributions; the few changes a model cannot
/// express as an object (a dropped NOT NULL or constraint, a data fix) are listed here.
pub fn unmet(stem: &str, old: &OldDatabase) -> Vec<String> {
    let live = &old.live;
    let mut missing = Vec::new();
    for t in TABLES {
        if t.since == stem && live.table(t.name).is_none() {
            missing.push(format!("table {} is missing", t.name));
            continue;
        }
        for c in t.columns.iter().filter(|c| c.since == stem && t.since != stem) {
            if live.column(t.name, c.name).is_none() {
                missing.push(format!("column {}.{} is missing", t.name, c.name));
            }
        }
        for i in t.indexes.iter().filter(|i| i.since == stem) {
            match live.index(i.name) {
                None => missing.push(format!("index {} is missing", i.name)),
                Some((_, found)) if !found.valid => missing.push(format!("index {} is invalid", i.name)),
                Some(_) => {}
            }
        }
    }
    let nullable = |table: &str, column: &str| live.column(table, column).is_some_and(|c| c.nullable);
    match stem {
        "0001a_normalize_emails" if old.unnormalized_emails > 0 => {
            missing.push(format!("{} e-mail(s) are not lower-cased and trimmed", old.unnormalized_emails))
        }
        M0006_TELEGRAM_MULTIACCOUNT if !nullable("telegram_sessions", "phone_number") => {
            missing.push("telegram_sessions.phone_number is still NOT NULL".into())
        }
        M0011_PRICE_SNAPSHOTS_UPDATE if !nullable("price_snapshots", "tenant_id") => {
            missing.push("price_snapshots.tenant_id is still NOT NULL".into())
        }
        M0013_FEATURE_FLAGS_UNIQUE if live.index("feature_flags_name_unique").is_some() => {
            missing.push("the old constraint feature_flags_name_unique still exists".into())
        }
        M0015_MAX_PERSONAL_MULTI if live.index("max_personal_accounts_tenant_idx").is_some_and(|(_, i)| i.unique) => {
            missing.push("max_personal_accounts_tenant_idx is still unique".into())
        }
        _ => {}
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::introspect::{LiveColumn, LiveIndex, LiveTable};
    use crate::migrations::embedded;

    /// A live schema holding every object of the model, as after a full migration.
    fn complete() -> LiveSchema {
        let mut live = LiveSchema::default();
        for t in TABLES {
            let mut table = LiveTable::default();
            for c in t.columns {
                table.columns.insert(
                    c.name.into(),
                    LiveColumn { ty: c.ty.pg_name().into(), nullable: c.nullable, has_default: c.default.is_some() },
                );
            }
            for i in t.indexes {
                table.indexes.insert(
                    i.name.into(),
                    LiveIndex {
                        unique: i.unique,
                        primary: false,
                        valid: true,
                        keys: i.keys.iter().map(|k| k.to_string()).collect(),
                        predicate: i.predicate.map(str::to_string),
                        constraint: i.constraint,
                    },
                );
            }
            live.tables.insert(t.name.into(), table);
        }
        live
    }

    fn journaled_through_0013() -> Vec<i64> {
        DRIZZLE_JOURNAL.iter().filter(|(s, _)| *s <= M0013_FEATURE_FLAGS_UNIQUE).map(|(_, w)| *w).collect()
    }

    fn decision<'a>(a: &'a Adoption, stem: &str) -> &'a Decision {
        &a.decisions.iter().find(|(n, _)| n.strip_suffix(".sql") == Some(stem)).expect("file").1
    }

    #[test]
    fn a_target_version_database_adopts_through_0013_and_runs_the_rest() {
        let mut live = complete();
        live.tables.remove("max_personal_accounts");
        let old = OldDatabase { recorded: journaled_through_0013(), live, unnormalized_emails: 0 };
        let a = plan(embedded(), &old);
        let adopted: Vec<&str> = a.adopted().collect();
        assert_eq!(adopted.len(), 17, "{adopted:?}");
        assert!(adopted.contains(&"0000_baseline.sql"));
        assert!(adopted.contains(&"0001b_create_email_unique_index.sql"));
        assert!(adopted.contains(&"0006_telegram_multiaccount.sql"));
        assert_eq!(decision(&a, M0014_MAX_PERSONAL), &Decision::Run { reason: "not recorded by drizzle".into() });
        assert!(matches!(decision(&a, "0016_normalize_push_variants"), Decision::Run { .. }));
        assert!(a.unknown_rows.is_empty());
    }

    #[test]
    fn a_recorded_file_whose_objects_are_missing_runs_instead() {
        let mut live = complete();
        live.tables.get_mut("feature_flags").expect("table").indexes.remove("feature_flags_global_unique");
        live.tables.get_mut("price_snapshots").expect("table").columns.remove("search_key");
        let old = OldDatabase { recorded: journaled_through_0013(), live, unnormalized_emails: 3 };
        let a = plan(embedded(), &old);
        assert_eq!(
            decision(&a, M0013_FEATURE_FLAGS_UNIQUE),
            &Decision::Run {
                reason: "recorded by drizzle (when = 1740200000000), but index feature_flags_global_unique is missing"
                    .into()
            }
        );
        assert!(
            matches!(decision(&a, M0008_PRICE_SEARCH_KEY), Decision::Run { reason } if reason.contains("search_key"))
        );
        assert!(
            matches!(decision(&a, "0001a_normalize_emails"), Decision::Run { reason } if reason.contains("3 e-mail"))
        );
    }

    #[test]
    fn unmet_checks_the_changes_a_model_cannot_express() {
        let mut live = complete();
        live.tables.get_mut("telegram_sessions").expect("t").columns.get_mut("phone_number").expect("c").nullable =
            false;
        live.tables
            .get_mut("max_personal_accounts")
            .expect("t")
            .indexes
            .get_mut("max_personal_accounts_tenant_idx")
            .expect("i")
            .unique = true;
        let mut old_flag = live.tables["feature_flags"].indexes["feature_flags_global_unique"].clone();
        old_flag.keys = vec!["name".into()];
        live.tables.get_mut("feature_flags").expect("t").indexes.insert("feature_flags_name_unique".into(), old_flag);
        let old = OldDatabase { recorded: vec![], live, unnormalized_emails: 0 };
        assert_eq!(unmet(M0006_TELEGRAM_MULTIACCOUNT, &old), ["telegram_sessions.phone_number is still NOT NULL"]);
        assert_eq!(unmet(M0015_MAX_PERSONAL_MULTI, &old), ["max_personal_accounts_tenant_idx is still unique"]);
        assert_eq!(
            unmet(M0013_FEATURE_FLAGS_UNIQUE, &old),
            ["the old constraint feature_flags_name_unique still exists"]
        );
        assert_eq!(unmet(M0011_PRICE_SNAPSHOTS_UPDATE, &old), Vec::<String>::new());
    }

    #[test]
    fn later_journal_rows_adopt_0014_and_0015_and_unknown_rows_are_reported() {
        let mut recorded = journaled_through_0013();
        recorded.extend([1_740_300_000_000, 1_740_400_000_000, 42]);
        let old = OldDatabase { recorded, live: complete(), unnormalized_emails: 0 };
        let a = plan(embedded(), &old);
        assert!(matches!(decision(&a, M0014_MAX_PERSONAL), Decision::Adopt { .. }));
        assert!(matches!(decision(&a, M0015_MAX_PERSONAL_MULTI), Decision::Adopt { .. }));
        assert_eq!(a.unknown_rows, [42]);
    }

    #[test]
    fn every_journal_entry_names_an_embedded_file() {
        let stems = DRIZZLE_JOURNAL.iter().map(|(s, _)| s).chain(UNJOURNALED_OLD.iter().map(|(s, _)| s));
        for stem in stems {
            assert!(embedded().iter().any(|m| m.stem() == *stem), "{stem}");
        }
    }
}
