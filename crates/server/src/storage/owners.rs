//! Owners of rows (issue 11): getRowOwner answers the tenant of a row of a tenant-owned table,
//! for the `service` identity, so a trusted backend holding only a row id (a worker, admin
//! code: the old storage's unscoped by-id calls) can make the tenant-scoped call for it.

use super::shape::write;
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::owners::{Custom, OWNED_TABLES, ROW_OWNER};
use salesgate_core::schema::{Owner, Table, quote_ident};
use salesgate_core::tables::table;
use tokio_postgres::types::Type;

/// `SELECT <tenant> FROM <table> r [JOIN <parent> o0 …] WHERE r.id = $1`: the tenant column of
/// the row's owner, joined up the ownership chain of the model (messages → conversations,
/// human actions → suggestions → conversations). `None` for a table that is not owned by
/// exactly one tenant.
pub fn owner_sql(t: &Table) -> Option<String> {
    let mut joins = String::new();
    let (mut current, mut alias, mut depth) = (t, "r".to_string(), 0);
    loop {
        match current.owner {
            Owner::Tenant => break,
            Owner::Via { column, parent } => {
                let next = format!("o{depth}");
                joins.push_str(&format!(
                    " JOIN {} {next} ON {next}.id = {alias}.{}",
                    quote_ident(parent.name),
                    quote_ident(column)
                ));
                (current, alias, depth) = (parent, next, depth + 1);
            }
            _ => return None,
        }
    }
    Some(format!("SELECT {alias}.tenant_id FROM {} r{joins} WHERE r.id = $1", quote_ident(t.name)))
}

/// getRowOwner: `{"tenantId": …}` of the row, 404 when there is no such row. The table is one
/// of [`OWNED_TABLES`] (the gate refused any other value); its SQL comes from the model.
pub async fn get_row_owner(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let name = ctx.required("table")?;
    let sql = OWNED_TABLES
        .contains(&name)
        .then(|| table(name))
        .flatten()
        .and_then(owner_sql)
        .ok_or_else(|| StorageError::Bug(format!("getRowOwner: {name} is not a tenant-owned table")))?;
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR], &[&ctx.required("id")?])
        .await?
        .ok_or_else(|| ApiError::not_found("Row"))?;
    let mut body = String::with_capacity(64);
    write(&mut body, &ROW_OWNER, ctx.reads, &row, &[])?;
    Ok(Reply::json(body))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetRowOwner => get_row_owner(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::tables::{CUSTOMERS, HUMAN_ACTIONS_TABLE, USERS};

    #[test]
    fn the_owner_is_read_up_the_ownership_chain() {
        assert_eq!(owner_sql(&CUSTOMERS).as_deref(), Some("SELECT r.tenant_id FROM customers r WHERE r.id = $1"));
        assert_eq!(
            owner_sql(&HUMAN_ACTIONS_TABLE).as_deref(),
            Some(
                "SELECT o1.tenant_id FROM human_actions r JOIN ai_suggestions o0 ON o0.id = r.suggestion_id \
                 JOIN conversations o1 ON o1.id = o0.conversation_id WHERE r.id = $1"
            )
        );
        assert_eq!(owner_sql(&USERS), None, "users may be platform staff of no tenant");
    }

    #[test]
    fn every_listed_table_has_an_owner_statement() {
        for name in OWNED_TABLES {
            assert!(table(name).and_then(owner_sql).is_some(), "{name}");
        }
    }
}
