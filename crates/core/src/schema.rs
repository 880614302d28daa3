//! The schema model: one `const` definition per table.
//!
//! Each [`Table`] says what the database holds (columns with SQL type, nullability, default,
//! primary key, foreign keys, indexes) *and* how the API treats it (JSON field name, who may
//! write a column, validation rules, secrets that never leave the server). Everything else is
//! derived from it: `salesgate schema verify` compares a live database with it, validation
//! ([`crate::validate`]) checks bodies against it, the server builds its SQL column lists and
//! JSON rows from it, and the OpenAPI document describes it. Keeping one definition is what lets
//! the edge and the server never disagree.
//!
//! The model is the *canonical* schema: what the migration files produce on an empty database
//! (`migrations/`). Every object records the migration file that creates it ([`Column::since`],
//! [`Table::since`], [`Index::since`]), which is how the migrator checks, object by object, that a
//! database migrated by the old system really contains what a file would create.

use crate::migration;

/// SQL column types used by the schema (drizzle emits no other types; `varchar` has no length).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SqlType {
    /// `character varying`: ids, references and the few other columns drizzle declares so.
    Varchar,
    /// Unbounded `text`; the API bounds it by [`Rule::Len`] or the validator's default maximum.
    Text,
    /// int4: JSON numbers without a fraction, in its range (schema.md §0).
    Integer,
    /// float4
    Real,
    /// JSON `true` / `false`.
    Boolean,
    /// `timestamp without time zone`, holding UTC.
    Timestamp,
    /// Any JSON value, narrowed by a [`Rule::Json`] shape.
    Jsonb,
    /// `text[]`: a JSON array of strings in bodies and answers.
    TextArray,
}

impl SqlType {
    /// The name PostgreSQL's `format_type()` prints for this type (used by `schema verify`).
    pub const fn pg_name(self) -> &'static str {
        match self {
            SqlType::Varchar => "character varying",
            SqlType::Text => "text",
            SqlType::Integer => "integer",
            SqlType::Real => "real",
            SqlType::Boolean => "boolean",
            SqlType::Timestamp => "timestamp without time zone",
            SqlType::Jsonb => "jsonb",
            SqlType::TextArray => "text[]",
        }
    }

    /// The type's name in migration files and docs.
    pub const fn sql_name(self) -> &'static str {
        match self {
            SqlType::Varchar => "varchar",
            SqlType::Text => "text",
            SqlType::Integer => "integer",
            SqlType::Real => "real",
            SqlType::Boolean => "boolean",
            SqlType::Timestamp => "timestamp",
            SqlType::Jsonb => "jsonb",
            SqlType::TextArray => "text[]",
        }
    }
}

/// What a foreign key does when the referenced row is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OnDelete {
    /// PostgreSQL's default: deleting a still-referenced row fails (409 `reference_violation`).
    NoAction,
    /// The referencing rows are deleted with it.
    Cascade,
}

/// A single-column foreign key (the schema has no composite ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The referenced table's SQL name.
    pub table: &'static str,
    /// The referenced column (`id` throughout this schema).
    pub column: &'static str,
    /// What deleting the referenced row does to this one.
    pub on_delete: OnDelete,
}

/// Who may set a column through the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Clients may set it when creating a row and change it later.
    Write,
    /// Clients may set it when creating a row only (e.g. a customer's channel).
    Create,
    /// Never from a client: ids, timestamps the server maintains, and `tenant_id`, which always
    /// comes from the verified token and the path (the old insert schemas omitted the first
    /// two; salesgate adds the third to stop mass assignment across tenants).
    Server,
}

/// Validation rules on top of the column type (schema.md §13 and the API-level limits).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// Length in characters (text) or number of items (arrays).
    Len {
        /// Fewest allowed (`1` = must not be empty).
        min: u32,
        /// Most allowed.
        max: u32,
    },
    /// The value (or every item of a `text[]`) must be one of these.
    OneOf(&'static [&'static str]),
    /// An e-mail address (`local@domain.tld`, ≤ 254 characters).
    Email,
    /// Clock time `HH:MM`.
    HhMm,
    /// `^[A-Z0-9_]{3,64}$` (integration secret key names).
    KeyName,
    /// A row id, the rule of path ids: 1-64 characters of `A-Z a-z 0-9 _ -`. Implied for every
    /// reference column.
    Id,
    /// Inclusive numeric bounds.
    Range {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// Strictly greater than this value.
    GreaterThan(f64),
    /// Every item of a `text[]` / JSON string array is at most this many characters.
    ItemLen(u32),
    /// The shape of a `jsonb` value.
    Json(JsonShape),
}

/// Accepted shapes of `jsonb` input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonShape {
    /// Any JSON value.
    Any,
    /// A JSON object with any members.
    Object,
    /// An array of strings.
    StringArray,
    /// Message attachments: an array of `{type, url, metadata?}` (schema.md §3.2).
    Attachments,
    /// An array of numbers (an embedding); its item count bounded by the column's [`Rule::Len`].
    Numbers,
}

/// Who may read a column in an answer (the secret-field rule, decided here, once): a role sees
/// the columns whose level is at most its own ([`crate::auth::Role::reads`]). Ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Read {
    /// Every role that may call the route.
    All,
    /// Tenant `owner` and `admin`, the platform roles and `service`: configuration that holds
    /// credentials (a channel's `config` carries bot tokens and API keys).
    Admin,
    /// The backend's `service` identity only: password hashes, token hashes, session strings,
    /// messenger API tokens — what logins, session stores and senders need and nobody else.
    Service,
    /// Never part of an answer (encrypted secret values: they are resolved, not read).
    Never,
}

/// Who owns the rows of a table (design note §1). The scoping of every read and write and the
/// guard of every reference to the table are derived from it in one place (the server's
/// `storage::scope`), so no operation spells out its own `tenant_id` condition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Owner {
    /// `tenants` itself: a row *is* a tenant (its `id` is the tenant id).
    Itself,
    /// A NOT NULL `tenant_id` (also when it is the primary key: one row per tenant).
    Tenant,
    /// A nullable `tenant_id`: NULL rows are global. With `shared`, every tenant may read the
    /// global rows (feature-flag defaults, the global price cache); without, they belong to the
    /// platform (platform staff in `users`, platform audit events, global secrets) and no tenant
    /// sees or references them.
    OptionalTenant {
        /// Whether every tenant may read the global rows.
        shared: bool,
    },
    /// Through the NOT NULL reference `column` to a row of `parent`, owned in turn
    /// (messages → conversations, human actions → suggestions → conversations).
    Via {
        /// The NOT NULL reference column (e.g. `conversation_id`).
        column: &'static str,
        /// The table it references, whose owner decides.
        parent: &'static Table,
    },
    /// Not owned by a tenant: plans, update history, the vehicle-lookup cache, proxies,
    /// sessions. References to such rows need no tenant guard (the foreign key suffices).
    Global,
}

/// One column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    /// SQL name.
    pub name: &'static str,
    /// JSON field name: the old system's camelCase name.
    pub field: &'static str,
    /// SQL type, which also fixes the JSON type.
    pub ty: SqlType,
    /// Accepts NULL (a body may send `null`).
    pub nullable: bool,
    /// The SQL default as the migration files write it (`schema verify` checks presence only:
    /// `gen_random_uuid()` and `gen_random_uuid()::text` are both valid for ids).
    pub default: Option<&'static str>,
    /// Part of the primary key (one column per table in this schema).
    pub primary_key: bool,
    /// Its foreign key, if any; values must then be ids (as [`Rule::Id`] checks).
    pub references: Option<Reference>,
    /// Migration file (stem) that adds the column.
    pub since: &'static str,
    /// Who may set it through the API.
    pub access: Access,
    /// Who may read it ([`Read`]).
    pub read: Read,
    /// Validation on top of the type (schema.md §13 and the API-level limits).
    pub rules: &'static [Rule],
}

/// A column named `name`, JSON field `field`, nullable, no default, writable, from the baseline.
pub const fn col(name: &'static str, field: &'static str, ty: SqlType) -> Column {
    Column {
        name,
        field,
        ty,
        nullable: true,
        default: None,
        primary_key: false,
        references: None,
        since: migration::BASELINE,
        access: Access::Write,
        read: Read::All,
        rules: &[],
    }
}

impl Column {
    /// NOT NULL; without a default too, it is required on insert.
    pub const fn not_null(mut self) -> Self {
        self.nullable = false;
        self
    }
    /// The SQL default `sql`, as the migration files write it (makes the column optional on
    /// insert).
    pub const fn default(mut self, sql: &'static str) -> Self {
        self.default = Some(sql);
        self
    }
    /// The primary key (implies NOT NULL).
    pub const fn primary_key(mut self) -> Self {
        self.primary_key = true;
        self.nullable = false;
        self
    }
    /// A foreign key to `table.column` with the default `ON DELETE NO ACTION`.
    pub const fn references(mut self, table: &'static str, column: &'static str) -> Self {
        self.references = Some(Reference { table, column, on_delete: OnDelete::NoAction });
        self
    }
    /// A foreign key to `table.column`, `ON DELETE CASCADE`.
    pub const fn references_cascade(mut self, table: &'static str, column: &'static str) -> Self {
        self.references = Some(Reference { table, column, on_delete: OnDelete::Cascade });
        self
    }
    /// Added by `migration` ([`crate::migration`]) rather than the baseline.
    pub const fn since(mut self, migration: &'static str) -> Self {
        self.since = migration;
        self
    }
    /// Never set by clients ([`Access::Server`]).
    pub const fn server(mut self) -> Self {
        self.access = Access::Server;
        self
    }
    /// Set on create only, never patched ([`Access::Create`]).
    pub const fn create_only(mut self) -> Self {
        self.access = Access::Create;
        self
    }
    /// Readable by owner/admin, platform roles and `service` only ([`Read::Admin`]).
    pub const fn admin_read(mut self) -> Self {
        self.read = Read::Admin;
        self
    }
    /// Readable by the `service` role only ([`Read::Service`]).
    pub const fn service_read(mut self) -> Self {
        self.read = Read::Service;
        self
    }
    /// Never part of an answer ([`Read::Never`]).
    pub const fn never_read(mut self) -> Self {
        self.read = Read::Never;
        self
    }
    /// The validation rules (replacing any given before).
    pub const fn rules(mut self, rules: &'static [Rule]) -> Self {
        self.rules = rules;
        self
    }

    /// drizzle-zod's rule: a column is required on insert when NOT NULL without a default.
    pub const fn required_on_insert(&self) -> bool {
        !self.nullable && self.default.is_none()
    }
}

/// An index or a unique constraint (a unique constraint is backed by an index of its name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Index {
    /// The index (or constraint) name `schema verify` looks for.
    pub name: &'static str,
    /// A unique index or constraint: it can serve as an upsert's `ON CONFLICT` target.
    pub unique: bool,
    /// Key columns or expressions as PostgreSQL prints them (`pg_get_indexdef(oid, n, true)`),
    /// with a ` DESC` suffix for descending keys.
    pub keys: &'static [&'static str],
    /// Partial-index predicate as PostgreSQL prints it, without outer parentheses.
    pub predicate: Option<&'static str>,
    /// Declared as `CONSTRAINT … UNIQUE` rather than `CREATE UNIQUE INDEX` (either satisfies
    /// `schema verify`; a drizzle push makes some of these constraints, the migrations indexes).
    pub constraint: bool,
    /// Migration file (stem) that creates it.
    pub since: &'static str,
}

/// A non-unique btree index from the baseline.
pub const fn index(name: &'static str, keys: &'static [&'static str]) -> Index {
    Index { name, unique: false, keys, predicate: None, constraint: false, since: migration::BASELINE }
}

impl Index {
    /// A `CREATE UNIQUE INDEX`.
    pub const fn unique(mut self) -> Self {
        self.unique = true;
        self
    }
    /// A `CONSTRAINT … UNIQUE` rather than a unique index (either satisfies `schema verify`).
    pub const fn constraint(mut self) -> Self {
        self.unique = true;
        self.constraint = true;
        self
    }
    /// A partial index over the rows matching `predicate` (as PostgreSQL prints it).
    pub const fn filter(mut self, predicate: &'static str) -> Self {
        self.predicate = Some(predicate);
        self
    }
    /// Created by `migration` ([`crate::migration`]) rather than the baseline.
    pub const fn since(mut self, migration: &'static str) -> Self {
        self.since = migration;
        self
    }
}

/// One table.
#[derive(Debug, PartialEq)]
pub struct Table {
    /// SQL name.
    pub name: &'static str,
    /// Entity name in the API and OpenAPI components (`Customer`).
    pub entity: &'static str,
    /// What the table holds, one line.
    pub doc: &'static str,
    /// Migration file (stem) that creates the table.
    pub since: &'static str,
    /// Who owns the rows.
    pub owner: Owner,
    /// In schema.md order, which `SELECT` lists built from the model keep ([`Table::position`]).
    pub columns: &'static [Column],
    /// Indexes and unique constraints besides the primary key.
    pub indexes: &'static [Index],
}

impl Table {
    /// The column with this SQL name.
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The column with this JSON field name.
    pub fn field(&self, field: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.field == field)
    }

    /// Position of the column `name` in [`Table::columns`] (= in `SELECT` lists built from it).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// Primary-key columns (always exactly one in this schema).
    pub fn primary_key(&self) -> impl Iterator<Item = &'static Column> {
        self.columns.iter().filter(|c| c.primary_key)
    }

    /// Whether rows carry their tenant in a `tenant_id` column (NOT NULL or, for tables whose
    /// rows may be global, nullable).
    pub fn has_tenant_column(&self) -> bool {
        matches!(self.owner, Owner::Tenant | Owner::OptionalTenant { .. })
    }

    /// The columns a role reading at `level` sees, in model order.
    pub fn visible(&self, level: Read) -> impl Iterator<Item = &'static Column> {
        self.columns.iter().filter(move |c| c.read <= level)
    }

    /// The `ON CONFLICT` target of an upsert on exactly `columns` (any order): the key columns
    /// of the primary key or of a unique index, and the index's predicate (a partial index, as
    /// the feature flags' global and per-tenant ones, must be named with it).
    pub fn conflict_target(&self, columns: &[&str]) -> Option<(Vec<&'static str>, Option<&'static str>)> {
        let same = |keys: &[&str]| keys.len() == columns.len() && keys.iter().all(|k| columns.contains(k));
        if let Some(pk) = self.primary_key().next().filter(|pk| same(&[pk.name])) {
            return Some((vec![pk.name], None));
        }
        let index = self.indexes.iter().find(|i| i.unique && same(i.keys))?;
        Some((index.keys.to_vec(), index.predicate))
    }

    /// Whether some column is hidden from some role (then answers differ by role).
    pub fn has_restricted_columns(&self) -> bool {
        self.columns.iter().any(|c| c.read > Read::All)
    }
}

/// The key columns of an upsert (`Put`): the columns bound from the path, and `tenant_id` when
/// a tenant route writes a table that carries its tenant.
pub fn put_key<'a>(table: &Table, bound: impl Iterator<Item = &'a str>, tenant_route: bool) -> Vec<&'a str> {
    let mut keys: Vec<&str> = bound.collect();
    if tenant_route && table.has_tenant_column() && !keys.contains(&"tenant_id") {
        keys.push("tenant_id");
    }
    keys
}

/// Quotes an identifier when PostgreSQL needs it (reserved word, upper case, symbols).
/// Identifiers only ever come from this model, never from a request.
pub fn quote_ident(name: &str) -> String {
    const RESERVED: &[&str] = &["order", "user", "group", "table", "select", "default"];
    let plain = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !RESERVED.contains(&name);
    if plain { name.to_string() } else { format!("\"{}\"", name.replace('"', "\"\"")) }
}

/// `snake_case` → `camelCase`, the rule drizzle field names follow (`last_4` → `last4`).
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_follows_drizzle_names() {
        assert_eq!(camel_case("tenant_id"), "tenantId");
        assert_eq!(camel_case("last_4"), "last4");
        assert_eq!(camel_case("t_auto"), "tAuto");
        assert_eq!(camel_case("id"), "id");
    }

    #[test]
    fn quote_ident_quotes_reserved_and_mixed_case() {
        assert_eq!(quote_ident("order"), "\"order\"");
        assert_eq!(quote_ident("IDX_session_expire"), "\"IDX_session_expire\"");
        assert_eq!(quote_ident("tenant_id"), "tenant_id");
    }

    #[test]
    fn required_on_insert_is_drizzle_zod_rule() {
        let c = col("a", "a", SqlType::Text).not_null();
        assert!(c.required_on_insert());
        assert!(!c.default("'x'").required_on_insert());
        assert!(!col("b", "b", SqlType::Text).required_on_insert());
    }
}
