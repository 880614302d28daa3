//! Customers (storage-api.md §7).

use super::rows::Projection;
use super::sql::{self, once};
use super::{Conn, Reply, Result};
use salesgate_core::error::ApiError;
use salesgate_core::tables::CUSTOMERS;
use salesgate_core::validate::Validated;
use std::sync::OnceLock;

/// getCustomersByTenant, or searchCustomers when `q` is given: name, phone, e-mail or external
/// id containing `q`, case-insensitively. Unlike the old system, `%` and `_` in `q` match
/// themselves (they are escaped), so a search cannot turn into a full wildcard scan.
pub async fn list(conn: &Conn, tenant: &str, q: Option<&str>, limit: i64, after: Option<&str>) -> Result<Reply> {
    match q {
        Some(q) => {
            let pattern = format!("%{}%", escape_like(q));
            let condition = "name ILIKE $? OR phone ILIKE $? OR email ILIKE $? OR external_id ILIKE $?";
            sql::list(conn, &CUSTOMERS, tenant, limit, after, Some((condition, &pattern))).await
        }
        None => sql::list(conn, &CUSTOMERS, tenant, limit, after, None).await,
    }
}

/// getCustomerByExternalId: the (tenant, channel, external id) unique key (W1).
pub async fn lookup(conn: &Conn, tenant: &str, channel: &str, external_id: &str) -> Result<Reply> {
    let p = Projection::of(&CUSTOMERS);
    let stmt = conn.prepare_cached(lookup_sql()).await?;
    let row = conn
        .query_opt(&stmt, &[&tenant, &channel, &external_id])
        .await?
        .ok_or_else(|| ApiError::not_found("Customer"))?;
    Ok(super::rows::one(p, &row)?)
}

/// The statement of [`lookup`] ($1 tenant, $2 channel, $3 external id); the benchmark runs it
/// under pgbench for the database ceiling.
pub fn lookup_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    once(&SQL, || {
        format!(
            "SELECT {} FROM customers WHERE tenant_id = $1 AND channel = $2 AND external_id = $3",
            Projection::of(&CUSTOMERS).list()
        )
    })
}

pub async fn get(conn: &Conn, tenant: &str, id: &str) -> Result<Reply> {
    sql::get(conn, &CUSTOMERS, tenant, id, "Customer").await
}

/// createCustomer: a taken (channel, externalId) is a 409 naming those fields.
pub async fn create(conn: &Conn, tenant: &str, body: &Validated) -> Result<Reply> {
    sql::insert(conn, &CUSTOMERS, tenant, body, &[], &[]).await
}

/// updateCustomer: name, email, phone, tags (the old updateCustomerSchema); updatedAt = now.
pub async fn update(conn: &Conn, tenant: &str, id: &str, body: &Validated) -> Result<Reply> {
    sql::patch(conn, &CUSTOMERS, tenant, id, body, "Customer")
        .await?
        .ok_or_else(|| ApiError::not_found("Customer").into())
}

/// Escapes LIKE's wildcards (`\` is PostgreSQL's default LIKE escape character).
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
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(escape_like("Иван"), "Иван");
    }
}
