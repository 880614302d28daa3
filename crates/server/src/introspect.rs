//! Reads the shape of a live database's `public` schema from the system catalogs.
//!
//! The result, [`LiveSchema`], is plain data: comparing it with the model (`schema verify`) and
//! checking what an old migration created (adoption) are pure functions over it, tested without
//! a database.

use std::collections::BTreeMap;
use tokio_postgres::GenericClient;

/// The tables of a database's `public` schema.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LiveSchema {
    pub tables: BTreeMap<String, LiveTable>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LiveTable {
    pub columns: BTreeMap<String, LiveColumn>,
    pub indexes: BTreeMap<String, LiveIndex>,
    pub foreign_keys: Vec<LiveForeignKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveColumn {
    /// As `format_type()` prints it (`character varying`, `text[]`, …).
    pub ty: String,
    pub nullable: bool,
    pub has_default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveIndex {
    pub unique: bool,
    pub primary: bool,
    /// False for an index left behind by an interrupted `CREATE INDEX CONCURRENTLY`.
    pub valid: bool,
    /// Key columns/expressions as PostgreSQL prints them, with ` DESC` for descending keys.
    pub keys: Vec<String>,
    pub predicate: Option<String>,
    /// Backed by a constraint (`UNIQUE`/`PRIMARY KEY`) rather than a bare `CREATE INDEX`.
    pub constraint: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub cascade: bool,
}

impl LiveSchema {
    pub fn table(&self, name: &str) -> Option<&LiveTable> {
        self.tables.get(name)
    }

    pub fn column(&self, table: &str, column: &str) -> Option<&LiveColumn> {
        self.tables.get(table)?.columns.get(column)
    }

    /// The index called `name`, on whichever table it is.
    pub fn index(&self, name: &str) -> Option<(&str, &LiveIndex)> {
        self.tables.iter().find_map(|(t, table)| table.indexes.get(name).map(|i| (t.as_str(), i)))
    }
}

const TABLES: &str = "
    SELECT c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')";

const COLUMNS: &str = "
    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.atthasdef
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped";

const INDEXES: &str = "
    SELECT t.relname, i.relname, x.indisunique, x.indisprimary, x.indisvalid,
           ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)
                       || CASE WHEN (x.indoption::int2[])[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                 FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k),
           pg_get_expr(x.indpred, x.indrelid, true),
           EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('u', 'p'))
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public'";

const FOREIGN_KEYS: &str = "
    SELECT t.relname, k.conname,
           ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o),
           r.relname,
           ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
                 JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o),
           k.confdeltype = 'c'
    FROM pg_constraint k
    JOIN pg_class t ON t.oid = k.conrelid
    JOIN pg_class r ON r.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND k.contype = 'f'";

/// Reads the `public` schema of the database behind `client`.
pub async fn introspect(client: &impl GenericClient) -> Result<LiveSchema, tokio_postgres::Error> {
    let mut schema = LiveSchema::default();
    for row in client.query(TABLES, &[]).await? {
        schema.tables.insert(row.get(0), LiveTable::default());
    }
    for row in client.query(COLUMNS, &[]).await? {
        if let Some(t) = schema.tables.get_mut(row.get::<_, &str>(0)) {
            let column = LiveColumn { ty: row.get(2), nullable: row.get(3), has_default: row.get(4) };
            t.columns.insert(row.get(1), column);
        }
    }
    for row in client.query(INDEXES, &[]).await? {
        if let Some(t) = schema.tables.get_mut(row.get::<_, &str>(0)) {
            let index = LiveIndex {
                unique: row.get(2),
                primary: row.get(3),
                valid: row.get(4),
                keys: row.get(5),
                predicate: row.get(6),
                constraint: row.get(7),
            };
            t.indexes.insert(row.get(1), index);
        }
    }
    for row in client.query(FOREIGN_KEYS, &[]).await? {
        if let Some(t) = schema.tables.get_mut(row.get::<_, &str>(0)) {
            t.foreign_keys.push(LiveForeignKey {
                name: row.get(1),
                columns: row.get(2),
                ref_table: row.get(3),
                ref_columns: row.get(4),
                cascade: row.get(5),
            });
        }
    }
    Ok(schema)
}
