//! The database handle of one request: runs [`Sql`] statements, prepared once per connection
//! with their parameter types.

use super::Result;
use super::sql::Sql;
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

/// A pooled connection (with its per-connection prepared-statement cache).
pub type Conn = deadpool_postgres::Object;

/// The statements of one request, on its connection.
pub struct Db {
    conn: Conn,
}

impl Db {
    pub fn new(conn: Conn) -> Db {
        Db { conn }
    }

    /// The connection itself, for the hand-tuned statements of custom operations.
    pub fn conn(&self) -> &Conn {
        &self.conn
    }

    /// The connection for a transaction of a custom operation.
    pub fn conn_mut(&mut self) -> &mut Conn {
        &mut self.conn
    }

    async fn prepare(&self, sql: &Sql<'_>) -> Result<tokio_postgres::Statement> {
        Ok(self.conn.prepare_typed_cached(sql.text(), sql.types()).await?)
    }

    pub async fn query(&self, sql: &Sql<'_>) -> Result<Vec<Row>> {
        let stmt = self.prepare(sql).await?;
        Ok(self.conn.query(&stmt, &sql.params()).await?)
    }

    pub async fn query_opt(&self, sql: &Sql<'_>) -> Result<Option<Row>> {
        let stmt = self.prepare(sql).await?;
        Ok(self.conn.query_opt(&stmt, &sql.params()).await?)
    }

    pub async fn query_one(&self, sql: &Sql<'_>) -> Result<Row> {
        let stmt = self.prepare(sql).await?;
        Ok(self.conn.query_one(&stmt, &sql.params()).await?)
    }

    /// A fixed statement text with positional parameters (the hand-tuned hot paths).
    pub async fn query_static(&self, text: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let stmt = self.conn.prepare_cached(text).await?;
        Ok(self.conn.query(&stmt, params).await?)
    }

    /// [`Db::query_static`] expecting at most one row.
    pub async fn query_static_opt(&self, text: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>> {
        let stmt = self.conn.prepare_cached(text).await?;
        Ok(self.conn.query_opt(&stmt, params).await?)
    }
}
