//! `salesgate schema verify`: every difference between a live database and the schema model.
//!
//! What counts as drift: a missing or extra table, column, index or foreign key; a column whose
//! type, nullability or default presence differs; an index whose uniqueness, keys (incl.
//! expression and `DESC`) or partial predicate differs, or that is invalid; a different primary
//! key or `ON DELETE` action.
//!
//! What deliberately does not: constraint and index *names* of foreign keys (a drizzle push
//! names them `<t>_<c>_<rt>_<rc>_fk`, the migrations `<t>_<c>_fkey`), whether a unique key is a
//! constraint or a unique index (same guarantee, both serve `ON CONFLICT`), the text of a default
//! (`gen_random_uuid()` vs `gen_random_uuid()::text`), and physical column order.

use crate::introspect::{LiveIndex, LiveSchema};
use salesgate_core::schema::{Index, OnDelete, Table};
use std::fmt;

/// One difference between the model and the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    MissingTable { table: String },
    ExtraTable { table: String },
    MissingColumn { table: String, column: String },
    ExtraColumn { table: String, column: String },
    ColumnType { table: String, column: String, expected: String, found: String },
    Nullability { table: String, column: String, expected_nullable: bool },
    Default { table: String, column: String, expected_default: bool },
    PrimaryKey { table: String, expected: Vec<String>, found: Vec<String> },
    MissingIndex { table: String, index: String, definition: String },
    ExtraIndex { table: String, index: String, definition: String },
    IndexDefinition { table: String, index: String, expected: String, found: String },
    InvalidIndex { table: String, index: String },
    MissingForeignKey { table: String, column: String, references: String },
    ExtraForeignKey { table: String, name: String, definition: String },
    OnDelete { table: String, column: String, expected_cascade: bool },
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::MissingTable { table } => write!(f, "table {table}: missing"),
            Drift::ExtraTable { table } => write!(f, "table {table}: not in the model"),
            Drift::MissingColumn { table, column } => write!(f, "column {table}.{column}: missing"),
            Drift::ExtraColumn { table, column } => {
                write!(f, "column {table}.{column}: not in the model")
            }
            Drift::ColumnType { table, column, expected, found } => {
                write!(f, "column {table}.{column}: type is {found}, the model says {expected}")
            }
            Drift::Nullability { table, column, expected_nullable } => {
                let (is, should) = if *expected_nullable { ("NOT NULL", "nullable") } else { ("nullable", "NOT NULL") };
                write!(f, "column {table}.{column}: is {is}, the model says {should}")
            }
            Drift::Default { table, column, expected_default } => {
                let (is, should) = if *expected_default { ("no default", "a default") } else { ("a default", "none") };
                write!(f, "column {table}.{column}: has {is}, the model says {should}")
            }
            Drift::PrimaryKey { table, expected, found } => {
                write!(
                    f,
                    "table {table}: primary key is ({}), the model says ({})",
                    found.join(", "),
                    expected.join(", ")
                )
            }
            Drift::MissingIndex { table, index, definition } => {
                write!(f, "index {index} on {table}: missing ({definition})")
            }
            Drift::ExtraIndex { table, index, definition } => {
                write!(f, "index {index} on {table}: not in the model ({definition})")
            }
            Drift::IndexDefinition { table, index, expected, found } => {
                write!(f, "index {index} on {table}: is {found}, the model says {expected}")
            }
            Drift::InvalidIndex { table, index } => write!(
                f,
                "index {index} on {table}: INVALID (an interrupted CREATE INDEX CONCURRENTLY); drop it and run `salesgate migrate`"
            ),
            Drift::MissingForeignKey { table, column, references } => {
                write!(f, "foreign key {table}.{column} → {references}: missing")
            }
            Drift::ExtraForeignKey { table, name, definition } => {
                write!(f, "foreign key {name} on {table}: not in the model ({definition})")
            }
            Drift::OnDelete { table, column, expected_cascade } => {
                let (is, should) = if *expected_cascade { ("NO ACTION", "CASCADE") } else { ("CASCADE", "NO ACTION") };
                write!(f, "foreign key {table}.{column}: ON DELETE {is}, the model says {should}")
            }
        }
    }
}

/// Lists every difference between `model` and `live`, in model order, extras last.
pub fn diff(model: &[&Table], live: &LiveSchema) -> Vec<Drift> {
    let mut drifts = Vec::new();
    for table in model {
        let t = table.name.to_string();
        let Some(found) = live.table(table.name) else {
            drifts.push(Drift::MissingTable { table: t });
            continue;
        };
        for c in table.columns {
            let column = c.name.to_string();
            let Some(fc) = found.columns.get(c.name) else {
                drifts.push(Drift::MissingColumn { table: t.clone(), column });
                continue;
            };
            if fc.ty != c.ty.pg_name() {
                drifts.push(Drift::ColumnType {
                    table: t.clone(),
                    column: column.clone(),
                    expected: c.ty.pg_name().to_string(),
                    found: fc.ty.clone(),
                });
            }
            if fc.nullable != c.nullable {
                drifts.push(Drift::Nullability {
                    table: t.clone(),
                    column: column.clone(),
                    expected_nullable: c.nullable,
                });
            }
            if fc.has_default != c.default.is_some() {
                drifts.push(Drift::Default { table: t.clone(), column, expected_default: c.default.is_some() });
            }
        }
        for name in found.columns.keys() {
            if table.column(name).is_none() {
                drifts.push(Drift::ExtraColumn { table: t.clone(), column: name.clone() });
            }
        }

        let expected_pk: Vec<String> = table.primary_key().map(|c| c.name.to_string()).collect();
        let found_pk = found.indexes.values().find(|i| i.primary).map(|i| i.keys.clone()).unwrap_or_default();
        if expected_pk != found_pk {
            drifts.push(Drift::PrimaryKey { table: t.clone(), expected: expected_pk, found: found_pk });
        }

        for index in table.indexes {
            match found.indexes.get(index.name) {
                None => drifts.push(Drift::MissingIndex {
                    table: t.clone(),
                    index: index.name.to_string(),
                    definition: model_definition(index),
                }),
                Some(fi) => {
                    if !same_index(index, fi) {
                        drifts.push(Drift::IndexDefinition {
                            table: t.clone(),
                            index: index.name.to_string(),
                            expected: model_definition(index),
                            found: live_definition(fi),
                        });
                    }
                    if !fi.valid {
                        drifts.push(Drift::InvalidIndex { table: t.clone(), index: index.name.to_string() });
                    }
                }
            }
        }
        for (name, fi) in &found.indexes {
            if !fi.primary && !table.indexes.iter().any(|i| i.name == name) {
                drifts.push(Drift::ExtraIndex {
                    table: t.clone(),
                    index: name.clone(),
                    definition: live_definition(fi),
                });
            }
        }

        let mut matched = vec![false; found.foreign_keys.len()];
        for c in table.columns {
            let Some(r) = c.references else { continue };
            let hit = found
                .foreign_keys
                .iter()
                .position(|fk| fk.columns == [c.name] && fk.ref_table == r.table && fk.ref_columns == [r.column]);
            match hit {
                None => drifts.push(Drift::MissingForeignKey {
                    table: t.clone(),
                    column: c.name.to_string(),
                    references: format!("{}.{}", r.table, r.column),
                }),
                Some(i) => {
                    matched[i] = true;
                    let cascade = r.on_delete == OnDelete::Cascade;
                    if found.foreign_keys[i].cascade != cascade {
                        drifts.push(Drift::OnDelete {
                            table: t.clone(),
                            column: c.name.to_string(),
                            expected_cascade: cascade,
                        });
                    }
                }
            }
        }
        for (fk, _) in found.foreign_keys.iter().zip(&matched).filter(|(_, m)| !**m) {
            drifts.push(Drift::ExtraForeignKey {
                table: t.clone(),
                name: fk.name.clone(),
                definition: format!("({}) → {}({})", fk.columns.join(", "), fk.ref_table, fk.ref_columns.join(", ")),
            });
        }
    }
    for name in live.tables.keys() {
        if !model.iter().any(|t| t.name == name) {
            drifts.push(Drift::ExtraTable { table: name.clone() });
        }
    }
    drifts
}

/// Whether a live index has the model's uniqueness, keys and predicate.
pub fn same_index(model: &Index, live: &LiveIndex) -> bool {
    model.unique == live.unique
        && model.keys.len() == live.keys.len()
        && model.keys.iter().zip(&live.keys).all(|(a, b)| normalize(a) == normalize(b))
        && model.predicate.map(normalize) == live.predicate.as_deref().map(normalize)
}

fn model_definition(index: &Index) -> String {
    definition(index.unique, index.keys.iter().copied(), index.predicate)
}

fn live_definition(index: &LiveIndex) -> String {
    definition(index.unique, index.keys.iter().map(String::as_str), index.predicate.as_deref())
}

fn definition<'a>(unique: bool, keys: impl Iterator<Item = &'a str>, predicate: Option<&str>) -> String {
    let keys: Vec<&str> = keys.collect();
    let mut out = format!("{}({})", if unique { "UNIQUE " } else { "" }, keys.join(", "));
    if let Some(p) = predicate {
        out.push_str(" WHERE ");
        out.push_str(p);
    }
    out
}

/// Canonical form of an index key or predicate for comparison: no whitespace, lower case,
/// without parentheses that wrap the whole expression.
fn normalize(expr: &str) -> String {
    let mut s: String = expr.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    while s.starts_with('(') && s.ends_with(')') && wraps_whole(&s) {
        s = s[1..s.len() - 1].to_string();
    }
    s
}

/// Whether the parenthesis opening `s` closes at its last character.
fn wraps_whole(s: &str) -> bool {
    let mut depth = 0i32;
    for (i, ch) in s.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i == s.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::introspect::{LiveColumn, LiveForeignKey, LiveTable};
    use salesgate_core::schema::{SqlType, col, index};

    static ITEMS: Table = Table {
        name: "items",
        entity: "Item",
        doc: "test",
        since: "0000_baseline",
        owner: salesgate_core::schema::Owner::Tenant,
        columns: &[
            col("id", "id", SqlType::Varchar).primary_key().default("gen_random_uuid()"),
            col("tenant_id", "tenantId", SqlType::Varchar).not_null().references("tenants", "id"),
            col("email", "email", SqlType::Text),
            col("created_at", "createdAt", SqlType::Timestamp).not_null().default("CURRENT_TIMESTAMP"),
        ],
        indexes: &[
            index("items_email_idx", &["lower(email)"]).unique().filter("email IS NOT NULL"),
            index("items_created_idx", &["tenant_id", "created_at DESC"]),
        ],
    };

    fn column(ty: &str, nullable: bool, has_default: bool) -> LiveColumn {
        LiveColumn { ty: ty.into(), nullable, has_default }
    }

    fn live_index(unique: bool, keys: &[&str], predicate: Option<&str>) -> LiveIndex {
        LiveIndex {
            unique,
            primary: false,
            valid: true,
            keys: keys.iter().map(|k| k.to_string()).collect(),
            predicate: predicate.map(str::to_string),
            constraint: false,
        }
    }

    /// The live shape that matches `ITEMS` exactly, as PostgreSQL prints it.
    fn matching() -> LiveSchema {
        let mut t = LiveTable::default();
        t.columns.insert("id".into(), column("character varying", false, true));
        t.columns.insert("tenant_id".into(), column("character varying", false, false));
        t.columns.insert("email".into(), column("text", true, false));
        t.columns.insert("created_at".into(), column("timestamp without time zone", false, true));
        t.indexes.insert(
            "items_pkey".into(),
            LiveIndex { primary: true, constraint: true, ..live_index(true, &["id"], None) },
        );
        t.indexes.insert("items_email_idx".into(), live_index(true, &["lower(email)"], Some("(email IS NOT NULL)")));
        t.indexes.insert("items_created_idx".into(), live_index(false, &["tenant_id", "created_at DESC"], None));
        t.foreign_keys.push(LiveForeignKey {
            name: "items_tenant_id_tenants_id_fk".into(),
            columns: vec!["tenant_id".into()],
            ref_table: "tenants".into(),
            ref_columns: vec!["id".into()],
            cascade: false,
        });
        let mut s = LiveSchema::default();
        s.tables.insert("items".into(), t);
        s
    }

    #[test]
    fn an_identical_schema_has_no_drift() {
        assert_eq!(diff(&[&ITEMS], &matching()), []);
    }

    #[test]
    fn reports_each_column_difference() {
        let mut live = matching();
        let t = live.tables.get_mut("items").expect("items");
        t.columns.insert("email".into(), column("character varying", false, true));
        t.columns.remove("created_at");
        t.columns.insert("legacy".into(), column("integer", true, false));
        let text: Vec<String> = diff(&[&ITEMS], &live).iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "column items.email: type is character varying, the model says text",
                "column items.email: is NOT NULL, the model says nullable",
                "column items.email: has a default, the model says none",
                "column items.created_at: missing",
                "column items.legacy: not in the model",
            ]
        );
    }

    #[test]
    fn reports_index_shape_differences() {
        let mut live = matching();
        let t = live.tables.get_mut("items").expect("items");
        // A drizzle push: ascending key, no predicate.
        t.indexes.insert("items_created_idx".into(), live_index(false, &["tenant_id", "created_at"], None));
        t.indexes.insert("items_email_idx".into(), live_index(true, &["lower(email)"], None));
        t.indexes.insert("items_extra".into(), live_index(false, &["email"], None));
        let drifts = diff(&[&ITEMS], &live);
        assert_eq!(drifts.len(), 3, "{drifts:?}");
        assert_eq!(
            drifts[0].to_string(),
            "index items_email_idx on items: is UNIQUE (lower(email)), the model says UNIQUE (lower(email)) WHERE email IS NOT NULL"
        );
        assert!(matches!(&drifts[1], Drift::IndexDefinition { index, .. } if index == "items_created_idx"));
        assert!(matches!(&drifts[2], Drift::ExtraIndex { index, .. } if index == "items_extra"));
    }

    #[test]
    fn reports_missing_and_invalid_indexes() {
        let mut live = matching();
        let t = live.tables.get_mut("items").expect("items");
        t.indexes.remove("items_created_idx");
        t.indexes.get_mut("items_email_idx").expect("index").valid = false;
        let drifts = diff(&[&ITEMS], &live);
        assert_eq!(
            drifts,
            [
                Drift::InvalidIndex { table: "items".into(), index: "items_email_idx".into() },
                Drift::MissingIndex {
                    table: "items".into(),
                    index: "items_created_idx".into(),
                    definition: "(tenant_id, created_at DESC)".into()
                },
            ]
        );
    }

    #[test]
    fn foreign_keys_compare_by_shape_not_name() {
        let mut live = matching();
        let t = live.tables.get_mut("items").expect("items");
        t.foreign_keys[0].name = "items_tenant_id_fkey".into();
        assert_eq!(diff(&[&ITEMS], &live), []);
        live.tables.get_mut("items").expect("items").foreign_keys[0].cascade = true;
        assert_eq!(
            diff(&[&ITEMS], &live),
            [Drift::OnDelete { table: "items".into(), column: "tenant_id".into(), expected_cascade: false }]
        );
        live.tables.get_mut("items").expect("items").foreign_keys[0].ref_table = "users".into();
        let drifts = diff(&[&ITEMS], &live);
        assert!(matches!(&drifts[0], Drift::MissingForeignKey { .. }));
        assert!(matches!(&drifts[1], Drift::ExtraForeignKey { .. }));
    }

    #[test]
    fn reports_missing_extra_tables_and_primary_keys() {
        let mut live = matching();
        live.tables.insert("legacy_chat".into(), LiveTable::default());
        live.tables.get_mut("items").expect("items").indexes.remove("items_pkey");
        let drifts = diff(&[&ITEMS], &live);
        assert_eq!(
            drifts,
            [
                Drift::PrimaryKey { table: "items".into(), expected: vec!["id".into()], found: vec![] },
                Drift::ExtraTable { table: "legacy_chat".into() },
            ]
        );
        assert_eq!(diff(&[&ITEMS], &LiveSchema::default()), [Drift::MissingTable { table: "items".into() }]);
    }

    #[test]
    fn normalize_ignores_case_space_and_wrapping_parens() {
        assert_eq!(normalize("(email IS NOT NULL)"), normalize("email is not null"));
        assert_eq!(normalize("COALESCE(tenant_id, ''::character varying)"), "coalesce(tenant_id,''::charactervarying)");
        assert_eq!(normalize("(a) AND (b)"), "(a)and(b)");
    }
}
