//! §7 Customers: the lookup by external id (W1) is hand-tuned; the rest are plain declarations.

use super::rows::{Projection, one};
use super::{Ctx, Db, Reply, Result};
use crate::pg::Hot;
use salesgate_core::error::ApiError;
use salesgate_core::routes::customers::Custom;
use salesgate_core::schema::Read;
use salesgate_core::tables::CUSTOMERS;
use std::sync::OnceLock;
use tokio_postgres::types::Type;

/// getCustomerByExternalId: the (tenant, channel, external id) unique key (W1).
pub async fn get_customer_by_external_id(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (tenant, channel, external_id) = (ctx.tenant()?, ctx.required("channel")?, ctx.required("externalId")?);
    let rows = db.query_hot(lookup(), &[&tenant, &channel, &external_id]).await?;
    let row = rows.first().ok_or_else(|| ApiError::not_found("Customer"))?;
    Ok(one(projection(), row)?)
}

/// Customers have no restricted column: one projection (and one statement) serves every role.
fn projection() -> &'static Projection {
    Projection::of(&CUSTOMERS, Read::All)
}

/// The statement of W1 ($1 tenant, $2 channel, $3 external id).
fn lookup() -> &'static Hot {
    static HOT: OnceLock<Hot> = OnceLock::new();
    HOT.get_or_init(|| {
        let text = format!(
            "SELECT {} FROM customers WHERE tenant_id = $1 AND channel = $2 AND external_id = $3",
            projection().list()
        );
        Hot { text: Box::leak(text.into_boxed_str()), types: &[Type::VARCHAR, Type::TEXT, Type::TEXT] }
    })
}

/// W1's text; the benchmark runs it under pgbench for the database ceiling.
pub fn lookup_sql() -> &'static str {
    lookup().text
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetCustomerByExternalId => get_customer_by_external_id(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customers_answer_the_same_columns_to_every_role() {
        assert!(!CUSTOMERS.has_restricted_columns(), "W1 shares one statement across roles");
    }
}
