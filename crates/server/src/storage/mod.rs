//! Storage: the plain executor ([`exec`]) and the custom operations, one module per domain of
//! storage-api.md, each operation running bound-parameter SQL and returning the response JSON.
//!
//! Rules every operation follows (and the old system did not):
//! - tenant-owned rows are read and written only as rows of the verified tenant, by id too,
//!   whatever the table's owner ([`scope`], from the model's `Owner`);
//! - a body or a path may only reference rows of the same tenant ([`scope::guard`]);
//! - multi-step writes run in one transaction (or one statement);
//! - SQL text comes only from the schema model and this code; request values are parameters
//!   ([`sql::Sql`]).

pub mod admin;
pub mod agent_settings;
pub mod audit;
pub mod billing;
pub mod conn;
pub mod conversations;
pub mod counts;
pub mod customer_deletion;
pub mod customer_memory;
pub mod customers;
pub mod dashboard;
pub mod escalations;
pub mod exec;
pub mod feature_flags;
pub mod fraud;
pub mod inbound;
pub mod knowledge;
pub mod learning;
pub mod max_personal;
pub mod message_templates;
pub mod messages;
pub mod outcomes;
pub mod owners;
pub mod payment_methods;
pub mod prices;
pub mod products;
pub mod proxies;
pub mod rag;
pub mod readiness;
pub mod response_templates;
pub mod rows;
pub mod scope;
pub mod secrets;
pub mod sessions;
pub mod settings;
pub mod shape;
pub mod sql;
pub mod suggestions;
pub mod telegram;
pub mod tenants;
pub mod training;
pub mod update_history;
pub mod users;
pub mod values;
pub mod vehicle_lookup;

pub use conn::Db;

use salesgate_core::error::ApiError;
use salesgate_core::gate::Admitted;
use salesgate_core::query::Query;
use salesgate_core::route::Route;
use salesgate_core::schema::Read;
use salesgate_core::validate::Validated;

/// Why an operation did not produce its answer.
#[derive(Debug)]
pub enum StorageError {
    /// A decided API answer: not found in this tenant, invalid state, bad reference, …
    Api(ApiError),
    Db(tokio_postgres::Error),
    /// No connection: unreachable, busy, or a statement its connection mode cannot send.
    Pg(crate::pg::PgError),
    /// A broken invariant of salesgate itself (a declaration that does not fit its action, a
    /// statement that returned nothing it must return): answered 500 and logged as an error,
    /// never dressed up as a decided answer.
    Bug(String),
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

impl From<crate::pg::PgError> for StorageError {
    fn from(e: crate::pg::PgError) -> Self {
        match e {
            crate::pg::PgError::Db(db) => StorageError::Db(db),
            crate::pg::PgError::Declaration(what) => StorageError::Bug(what),
            other => StorageError::Pg(other),
        }
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

/// What an operation knows of its request: the route, the path parameters, the checked query
/// and body, the tenant of a tenant route and the caller's reading level.
pub struct Ctx<'a> {
    pub route: &'static Route,
    pub admitted: &'a Admitted<'a>,
    pub query: &'a Query,
    pub body: &'a Validated,
    /// The path's tenant on tenant routes (checked against the token by the gate).
    pub tenant: Option<&'a str>,
    /// The columns the caller's role may read.
    pub reads: Read,
    /// The key of the values stored encrypted, when the server has one ([`Ctx::encryption_key`]).
    pub master_key: Option<&'a secrets::MasterKey>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        admitted: &'a Admitted<'a>,
        empty: &'a Validated,
        master_key: Option<&'a secrets::MasterKey>,
    ) -> Ctx<'a> {
        Ctx {
            route: admitted.route,
            admitted,
            query: &admitted.query,
            body: admitted.body.as_ref().unwrap_or(empty),
            tenant: admitted.tenant(),
            reads: admitted.reads(),
            master_key,
        }
    }

    /// The master key, or the 503 naming `INTEGRATION_SECRETS_MASTER_KEY` for an operation that
    /// must encrypt (nothing is ever stored as plaintext for want of it).
    pub fn encryption_key(&self) -> Result<&'a secrets::MasterKey> {
        self.master_key.ok_or_else(secrets::no_key)
    }

    /// A path parameter of the route; a name its path does not have is a [`StorageError::Bug`].
    pub fn param(&self, name: &str) -> Result<&'a str> {
        self.admitted
            .param(name)
            .ok_or_else(|| StorageError::Bug(format!("route {} has no path parameter {name}", self.route.id)))
    }

    /// The tenant of a tenant route; a custom operation of another scope asking for it is a bug.
    pub fn tenant(&self) -> Result<&'a str> {
        self.tenant.ok_or_else(|| StorageError::Bug(format!("route {} is not a tenant route", self.route.id)))
    }

    /// A query parameter the route declares required (parsing refused the request otherwise).
    pub fn required(&self, name: &str) -> Result<&'a str> {
        self.query.required_text(name).map_err(|e| StorageError::Bug(format!("route {}: {e}", self.route.id)))
    }
}
