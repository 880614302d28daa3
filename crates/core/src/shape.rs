//! Shapes of custom answers, declared once (design note §5).
//!
//! A [`Shape`] lists the members of a JSON object: flattened table columns, nested rows, arrays
//! of rows, scalars. The server builds its SQL select list and writes the answer from the same
//! declaration (a row's columns are consumed member by member, in order), and the OpenAPI
//! document describes it, so an answer cannot have a member its schema does not.

use crate::schema::Table;

/// A JSON object answered by a custom operation.
#[derive(Debug, PartialEq)]
pub struct Shape {
    /// The OpenAPI component name.
    pub name: &'static str,
    /// Its description in the OpenAPI document.
    pub doc: &'static str,
    /// The members, in answer order (which is also the order the server reads the row's columns).
    pub fields: &'static [Field],
}

/// One member of a [`Shape`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// The JSON member name (unused for [`Kind::Columns`]).
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Absent from the object when there is no value (a missing joined row, a NULL scalar).
    pub optional: bool,
    /// Its description in the OpenAPI document (empty for [`Kind::Columns`]).
    pub doc: &'static str,
}

/// What a member holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// The columns of the table the caller's role may read, as members of this object.
    Columns(&'static Table),
    /// One row of the table, as an object.
    Row(&'static Table),
    /// An array of the table's rows (from a second result set).
    Rows(&'static Table),
    /// A row id.
    Id,
    /// An integer (`int8`).
    Int,
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// An object of booleans by name (feature flags).
    BoolMap,
    /// A floating-point number (`float8`; a non-finite value is written as `null`).
    Number,
    /// Any JSON value, copied from a `jsonb` column as stored (`null` when NULL).
    Json,
    /// An array of numbers held as JSON text in a `text` column (the RAG embeddings), copied as
    /// stored when it is one; `null` when NULL or when the text is not a JSON array of numbers.
    Numbers,
}

/// A member `name` of `kind`, always present.
pub const fn field(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field { name, kind, optional: false, doc }
}

/// A member `name` of `kind`, absent when there is no value.
pub const fn optional(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field { name, kind, optional: true, doc }
}

/// The columns of `table`, flattened into the object.
pub const fn columns(table: &'static Table) -> Field {
    Field { name: "", kind: Kind::Columns(table), optional: false, doc: "" }
}

/// The answer of a plain count.
pub static COUNT: Shape =
    Shape { name: "Count", doc: "How many rows match", fields: &[field("count", Kind::Int, "The number of rows")] };

impl Shape {
    /// The tables whose rows the shape's members hold, in member order (one SQL alias each).
    pub fn tables(&self) -> impl Iterator<Item = &'static Table> + '_ {
        self.fields.iter().filter_map(|f| match f.kind {
            Kind::Columns(t) | Kind::Row(t) => Some(t),
            _ => None,
        })
    }
}
