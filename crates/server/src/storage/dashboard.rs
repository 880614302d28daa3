//! §21 Dashboard (issue 9): the counts of getDashboardMetrics in ONE statement (the old system
//! sent four queries), each scoped through [`owned_sql`]; the answer is written from its
//! declared shape ([`DASHBOARD_METRICS`]).

use super::scope::{Mode, owned_sql};
use super::shape::{select, write};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::routes::dashboard::{AI_ACCURACY, AVG_RESPONSE_TIME, Custom, DASHBOARD_METRICS, RESOLVED_TODAY};
use salesgate_core::schema::{Table, quote_ident};
use salesgate_core::tables::{AI_SUGGESTIONS, CONVERSATIONS, KNOWLEDGE_DOCS, PRODUCTS};
use tokio_postgres::types::Type;

/// getDashboardMetrics: conversations counted in one scan (total, active, escalated), pending
/// suggestions of the tenant's conversations, products, knowledge docs; the three constant
/// fields of the old system as literals (storage-api §21). `$1` is the tenant.
pub async fn get_dashboard_metrics(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let count = |table: &'static Table, alias: &str, more: &str| {
        format!(
            "(SELECT count(*) FROM {} {alias} WHERE {}{more})",
            quote_ident(table.name),
            owned_sql(table, alias, "$1", Mode::Read)
        )
    };
    let (resolved, avg, accuracy) =
        (format!("{RESOLVED_TODAY}::int8"), format!("{AVG_RESPONSE_TIME}::int8"), format!("{AI_ACCURACY}::int8"));
    let pending = count(&AI_SUGGESTIONS, "s", " AND s.status = 'pending'");
    let products = count(&PRODUCTS, "p", "");
    let docs = count(&KNOWLEDGE_DOCS, "k", "");
    let exprs = ["cv.total", "cv.active", "cv.escalated", &resolved, &avg, &accuracy, &pending, &products, &docs];
    let sql = format!(
        "SELECT {} FROM (SELECT count(*) AS total, count(*) FILTER (WHERE c.status = 'active') AS active, \
         count(*) FILTER (WHERE c.status = 'escalated') AS escalated FROM conversations c WHERE {}) cv",
        select(&DASHBOARD_METRICS, ctx.reads, &exprs)?,
        owned_sql(&CONVERSATIONS, "c", "$1", Mode::Read)
    );
    let rows = db.query_text(&sql, &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("an aggregate returned no row".into()))?;
    let mut body = String::with_capacity(256);
    write(&mut body, &DASHBOARD_METRICS, ctx.reads, row, &[])?;
    Ok(Reply::json(body))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetDashboardMetrics => get_dashboard_metrics(db, ctx).await,
    }
}
