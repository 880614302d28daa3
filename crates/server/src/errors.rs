//! Turning database and pool failures into API errors (the one place that decides it).
//!
//! | cause | answer |
//! |---|---|
//! | unique violation | 409 `conflict`, naming the key's fields (from the schema model) |
//! | foreign-key violation | 409 `reference_violation`, naming the field |
//! | check/not-null/range violations that validation did not catch | 422 `validation_failed` |
//! | a NUL character (22021, 22P05) or an index row too large (54000) that validation did not catch | 422 `validation_failed` (backstops of D1, D6: core refuses both first) |
//! | `statement_timeout` (57014) | 504 `timeout` |
//! | no connection free within the acquire timeout | 503 `unavailable`, `Retry-After: 1` |
//! | a named prepared statement the connection does not have (26000) or has twice (42P05): a pooler in transaction mode | 500 `internal` naming `SALESGATE_DB_PREPARED_STATEMENTS`, logged as an error |
//! | database unreachable, connection lost, shutting down, too many connections, serialization or deadlock failure | 503 `unavailable`, `Retry-After` |
//! | a broken invariant of salesgate ([`StorageError::Bug`]) | 500 `internal`, logged as an error |
//! | anything else | 500 `internal`, details only in the log |

use crate::pg::PgError;
use crate::storage::StorageError;
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::tables::{TABLES, table};
use tokio_postgres::error::SqlState;

/// The API error for a storage failure, and whether it deserves an error-level log line
/// (unexpected failures) rather than a warning (the database being unavailable) or nothing.
pub fn to_api(e: &StorageError) -> (ApiError, Severity) {
    match e {
        StorageError::Api(api) => (api.clone(), Severity::None),
        StorageError::Pg(p) => pg_error(p),
        StorageError::Db(db) => db_error(db),
        StorageError::Bug(_) => (ApiError::internal(), Severity::Error),
    }
}

/// How loudly to log a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    None,
    Warn,
    Error,
}

fn pg_error(e: &PgError) -> (ApiError, Severity) {
    match e {
        PgError::Busy => (ApiError::unavailable("All database connections are busy; retry shortly", 1), Severity::Warn),
        PgError::Db(db) => db_error(db),
        PgError::Unreachable(_) => {
            (ApiError::unavailable("The database is unreachable; retry shortly", 1), Severity::Warn)
        }
        PgError::Declaration(_) => (ApiError::internal(), Severity::Error),
        PgError::Pooler(_) => (ApiError::new(500, salesgate_core::error::code::INTERNAL, POOLER_HINT), Severity::Error),
    }
}

/// What a named prepared statement that vanished (or exists twice) means, and what to do.
pub const POOLER_HINT: &str = "The database connection lost its prepared statements: salesgate seems to run behind a \
     pooler in transaction mode (PgBouncer, Hyperdrive); set SALESGATE_DB_PREPARED_STATEMENTS=false";

fn db_error(e: &tokio_postgres::Error) -> (ApiError, Severity) {
    let Some(db) = e.as_db_error() else {
        // No server answer: connection refused, reset, closed, or a timeout while connecting.
        return (ApiError::unavailable("The database is unreachable; retry shortly", 2), Severity::Warn);
    };
    let code = db.code();
    if *code == SqlState::UNIQUE_VIOLATION {
        return (ApiError::conflict(unique_fields(db.constraint())), Severity::None);
    }
    if *code == SqlState::FOREIGN_KEY_VIOLATION {
        let field = key_column(db.detail()).and_then(|c| field_of(db.table(), c));
        let message = match (&field, db.detail()) {
            (Some(f), Some(d)) if d.contains("is still referenced") => {
                format!("Other rows still reference this row (through {f})")
            }
            (Some(f), _) => format!("{f} refers to a row that does not exist"),
            _ => "The change would break a reference between rows".to_string(),
        };
        return (ApiError::reference_violation(message), Severity::None);
    }
    if [
        SqlState::NOT_NULL_VIOLATION,
        SqlState::CHECK_VIOLATION,
        SqlState::STRING_DATA_RIGHT_TRUNCATION,
        SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
        SqlState::INVALID_DATETIME_FORMAT,
        SqlState::DATETIME_FIELD_OVERFLOW,
        SqlState::CHARACTER_NOT_IN_REPERTOIRE,
        SqlState::UNTRANSLATABLE_CHARACTER,
        SqlState::PROGRAM_LIMIT_EXCEEDED,
    ]
    .contains(code)
    {
        let path = db.column().and_then(|c| field_of(db.table(), c)).map(|f| format!("/{f}")).unwrap_or_default();
        let detail = FieldError::new(path, "invalid", db.message().to_string());
        return (ApiError::validation(vec![detail]), Severity::None);
    }
    if *code == SqlState::INVALID_SQL_STATEMENT_NAME || *code == SqlState::DUPLICATE_PSTATEMENT {
        return (ApiError::new(500, salesgate_core::error::code::INTERNAL, POOLER_HINT), Severity::Error);
    }
    if *code == SqlState::QUERY_CANCELED {
        return (ApiError::timeout("The database did not answer in time"), Severity::Warn);
    }
    let unavailable = code.code().starts_with("08") // connection exceptions
        || [
            SqlState::ADMIN_SHUTDOWN,
            SqlState::CRASH_SHUTDOWN,
            SqlState::CANNOT_CONNECT_NOW,
            SqlState::TOO_MANY_CONNECTIONS,
            SqlState::T_R_SERIALIZATION_FAILURE,
            SqlState::T_R_DEADLOCK_DETECTED,
            SqlState::READ_ONLY_SQL_TRANSACTION,
        ]
        .contains(code);
    if unavailable {
        return (ApiError::unavailable("The database is unavailable; retry shortly", 1), Severity::Warn);
    }
    (ApiError::internal(), Severity::Error)
}

/// The JSON fields of a unique key, from its index in the schema model (`tenant_id` left out:
/// it is never a client field).
fn unique_fields(constraint: Option<&str>) -> Vec<FieldError> {
    let Some(name) = constraint else { return Vec::new() };
    for t in TABLES {
        let keys: Vec<&str> = match t.indexes.iter().find(|i| i.name == name) {
            Some(index) => index.keys.to_vec(),
            None if name == format!("{}_pkey", t.name) => vec!["id"],
            None => continue,
        };
        return keys
            .iter()
            .filter_map(|k| t.column(k))
            .filter(|c| c.name != "tenant_id")
            .map(|c| FieldError::new(format!("/{}", c.field), "conflict", format!("{} is already taken", c.field)))
            .collect();
    }
    Vec::new()
}

/// The column of a constraint error's detail, `Key (customer_id)=(…) is not present …`.
fn key_column(detail: Option<&str>) -> Option<&str> {
    let rest = detail?.strip_prefix("Key (")?;
    rest.split_once(")=").map(|(column, _)| column)
}

fn field_of(table_name: Option<&str>, column: &str) -> Option<&'static str> {
    table(table_name?)?.column(column).map(|c| c.field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_keys_name_their_client_fields() {
        let details = unique_fields(Some("customers_tenant_channel_external_idx"));
        let paths: Vec<&str> = details.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["/channel", "/externalId"]);
        assert_eq!(unique_fields(Some("tenants_pkey"))[0].path, "/id");
        assert!(unique_fields(Some("nope")).is_empty());
    }

    #[test]
    fn bugs_are_internal_and_logged_as_errors() {
        let (api, severity) = to_api(&StorageError::Bug("x".into()));
        assert_eq!((api.status, severity), (500, Severity::Error));
    }

    #[test]
    fn key_columns_are_read_from_details() {
        assert_eq!(
            key_column(Some("Key (customer_id)=(x) is not present in table \"customers\".")),
            Some("customer_id")
        );
        assert_eq!(key_column(Some("something else")), None);
        assert_eq!(field_of(Some("conversations"), "customer_id"), Some("customerId"));
    }
}
