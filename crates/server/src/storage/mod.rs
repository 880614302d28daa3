//! Storage operations: one module per domain of storage-api.md, each operation a function that
//! runs bound-parameter SQL on a pooled connection and returns the response JSON.
//!
//! Rules every operation follows (and the old system did not):
//! - tenant-owned rows are read and written only with `tenant_id` = the verified tenant, by id
//!   too; rows of tables without `tenant_id` (messages) are reached through their tenant-owned
//!   parent;
//! - a body may only reference rows of the same tenant ([`sql::insert`] guards every reference
//!   to a tenant-owned table);
//! - multi-step writes run in one transaction (or one statement);
//! - SQL text comes only from the schema model and this code; request values are parameters.

pub mod channels;
pub mod conversations;
pub mod customers;
pub mod feature_flags;
pub mod inbound;
pub mod messages;
pub mod rows;
pub mod sql;
pub mod tenants;
pub mod values;

use salesgate_core::error::ApiError;

/// A pooled connection (with its per-connection prepared-statement cache).
pub type Conn = deadpool_postgres::Object;

/// Why an operation did not produce its answer.
#[derive(Debug)]
pub enum StorageError {
    /// A decided API answer: not found in this tenant, invalid state, bad reference, …
    Api(ApiError),
    Db(tokio_postgres::Error),
    Pool(deadpool_postgres::PoolError),
}

impl From<ApiError> for StorageError {
    fn from(e: ApiError) -> Self {
        StorageError::Api(e)
    }
}

impl From<tokio_postgres::Error> for StorageError {
    fn from(e: tokio_postgres::Error) -> Self {
        StorageError::Db(e)
    }
}

impl From<deadpool_postgres::PoolError> for StorageError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        StorageError::Pool(e)
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// A successful answer: the JSON body, and the cursor of the next page for lists.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reply {
    pub body: String,
    pub next_cursor: Option<String>,
}

impl Reply {
    pub fn json(body: String) -> Reply {
        Reply { body, next_cursor: None }
    }

    pub fn empty() -> Reply {
        Reply::default()
    }
}
