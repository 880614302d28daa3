//! The database handle of one request: its runtime's [`Lane`]. Single statements run on the
//! lane's shared pipelined connections; transactions take a connection of their own
//! ([`Db::exclusive`]).

use super::Result;
use super::sql::Sql;
use crate::pg::{Exclusive, Hot, Lane, Streamed};
use tokio_postgres::Row;
use tokio_postgres::types::{ToSql, Type};

/// The statements of one request, on its runtime's lane.
#[derive(Clone, Copy)]
pub struct Db<'l> {
    lane: &'l Lane,
}

impl<'l> Db<'l> {
    pub fn new(lane: &'l Lane) -> Db<'l> {
        Db { lane }
    }

    /// A statement built with [`Sql`].
    pub async fn query(&self, sql: &Sql<'_>) -> Result<Vec<Row>> {
        Ok(self.lane.query(sql.text(), sql.types(), &sql.params()).await?)
    }

    pub async fn query_opt(&self, sql: &Sql<'_>) -> Result<Option<Row>> {
        Ok(self.query(sql).await?.into_iter().next())
    }

    pub async fn query_one(&self, sql: &Sql<'_>) -> Result<Row> {
        self.query(sql).await?.into_iter().next().ok_or_else(|| {
            super::StorageError::Bug(format!("a statement that always returns a row returned none: {}", sql.text()))
        })
    }

    /// A statement text with positional parameters of the given types (custom operations).
    pub async fn query_text(&self, text: &str, types: &[Type], params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        Ok(self.lane.query(text, types, params).await?)
    }

    /// [`Db::query_text`] expecting at most one row.
    pub async fn query_text_opt(
        &self,
        text: &str,
        types: &[Type],
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>> {
        Ok(self.query_text(text, types, params).await?.into_iter().next())
    }

    /// A hot-path statement of a fixed declaration (found without hashing its text).
    pub async fn query_hot(&self, hot: &'static Hot, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        Ok(self.lane.query_hot(hot, params).await?)
    }

    /// A connection of the request's own, for a transaction.
    pub async fn exclusive(&self) -> Result<Exclusive> {
        Ok(self.lane.exclusive().await?)
    }

    /// A statement text (as [`Db::query_text`]) whose rows are read one at a time as they
    /// arrive, so a scan of many rows holds only the one being read ([`Streamed::next`]). It
    /// takes a transaction connection until the last row, never a shared one.
    pub async fn stream(&self, text: &str, types: &[Type], params: &[&(dyn ToSql + Sync)]) -> Result<Streamed> {
        Ok(self.lane.stream(text, types, params).await?)
    }
}
