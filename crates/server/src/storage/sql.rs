//! A SQL builder in the manner of sqlx's `QueryBuilder`: text and bound values are appended
//! together ([`Sql::push`], [`Sql::bind`]), the builder numbers the placeholders, and every
//! value carries its PostgreSQL type (so statements can be prepared typed, or sent unnamed
//! through a transaction-mode pooler). Text comes only from the schema model and this code;
//! request values are only ever bound.

use salesgate_core::schema::{SqlType, quote_ident};
use std::fmt::Write as _;
use tokio_postgres::types::{ToSql, Type};

/// A bound value of a statement being built.
pub type Bound<'a> = Box<dyn ToSql + Sync + Send + 'a>;

/// A placeholder of a value bound once and used in several places of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ph(usize);

/// A statement: its text, its values and their types.
#[derive(Default)]
pub struct Sql<'a> {
    text: String,
    params: Vec<Bound<'a>>,
    types: Vec<Type>,
}

impl<'a> Sql<'a> {
    pub fn new(text: &str) -> Sql<'a> {
        let mut s = Sql { text: String::with_capacity(512), params: Vec::new(), types: Vec::new() };
        s.text.push_str(text);
        s
    }

    /// Appends SQL text (from the model or this code, never from a request).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends an identifier of the model, quoted where PostgreSQL needs it.
    pub fn ident(&mut self, name: &str) -> &mut Self {
        self.text.push_str(&quote_ident(name));
        self
    }

    /// `alias.column`, quoted where needed.
    pub fn column(&mut self, alias: &str, name: &str) -> &mut Self {
        self.text.push_str(alias);
        self.text.push('.');
        self.ident(name)
    }

    /// Binds `value` of type `ty` without writing it; [`Sql::ph`] writes its placeholder.
    pub fn bind(&mut self, value: impl ToSql + Sync + Send + 'a, ty: Type) -> Ph {
        self.params.push(Box::new(value));
        self.types.push(ty);
        Ph(self.params.len())
    }

    /// Writes the placeholder of an already bound value.
    pub fn ph(&mut self, p: Ph) -> &mut Self {
        let _ = write!(self.text, "${}", p.0);
        self
    }

    /// The text of a placeholder (`$3`).
    pub fn placeholder(p: Ph) -> String {
        format!("${}", p.0)
    }

    /// Binds `value` and writes its placeholder.
    pub fn push_bind(&mut self, value: impl ToSql + Sync + Send + 'a, ty: Type) -> &mut Self {
        let p = self.bind(value, ty);
        self.ph(p)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn types(&self) -> &[Type] {
        &self.types
    }

    /// The values, as tokio-postgres takes them.
    pub fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect()
    }
}

/// Conditions joined by `AND` after one `WHERE` (nothing when there is none).
pub struct Where {
    any: bool,
}

impl Where {
    pub fn new() -> Where {
        Where { any: false }
    }

    /// Starts the next condition: writes ` WHERE ` the first time, ` AND ` after.
    pub fn and<'s, 'a>(&mut self, sql: &'s mut Sql<'a>) -> &'s mut Sql<'a> {
        sql.push(if self.any { " AND " } else { " WHERE " });
        self.any = true;
        sql
    }
}

impl Default for Where {
    fn default() -> Self {
        Where::new()
    }
}

/// The PostgreSQL type of a model column type.
pub fn pg_type(ty: SqlType) -> Type {
    match ty {
        SqlType::Varchar => Type::VARCHAR,
        SqlType::Text => Type::TEXT,
        SqlType::Integer => Type::INT4,
        SqlType::Real => Type::FLOAT4,
        SqlType::Boolean => Type::BOOL,
        SqlType::Timestamp => Type::TIMESTAMP,
        SqlType::Jsonb => Type::JSONB,
        SqlType::TextArray => Type::TEXT_ARRAY,
    }
}

/// Escapes LIKE's wildcards (`\` is PostgreSQL's default LIKE escape character), so a search
/// for `50%` finds `50%` and not everything.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_binding_order_and_reusable() {
        let mut sql = Sql::new("SELECT 1 FROM t");
        let tenant = sql.bind("t1", Type::VARCHAR);
        let mut w = Where::new();
        w.and(&mut sql).push("a = ").ph(tenant);
        w.and(&mut sql).push("b = ").push_bind(5_i32, Type::INT4);
        w.and(&mut sql).push("c = ").ph(tenant);
        assert_eq!(sql.text(), "SELECT 1 FROM t WHERE a = $1 AND b = $2 AND c = $1");
        assert_eq!(sql.types(), [Type::VARCHAR, Type::INT4]);
        assert_eq!(sql.params().len(), 2);
    }

    #[test]
    fn identifiers_are_quoted_from_the_model() {
        let mut sql = Sql::new("");
        sql.column("r", "order").push(", ").column("r", "name");
        assert_eq!(sql.text(), "r.\"order\", r.name");
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(escape_like("Иван"), "Иван");
    }
}
