//! §22 Per-tenant settings: decision, human delay, onboarding (issue 9). Reads and upserts are
//! plain; getHumanDelaySettings answers a default when the tenant has no row.

use super::rows::{Projection, one};
use super::scope::{Mode, owned_sql};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::routes::settings::Custom;
use salesgate_core::schema::{Table, quote_ident};
use salesgate_core::tables::HUMAN_DELAY_SETTINGS;
use tokio_postgres::types::Type;

/// getHumanDelaySettings: the tenant's row, or, when it has none, the row the column defaults
/// of the model would make (DEFAULT_DELAY_PROFILES, night mode DELAY, …, `updatedAt` now),
/// synthesized in the same statement and not stored (storage-api §22). `$1` is the tenant.
pub async fn get_human_delay_settings(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let sql = defaults_or_row(&HUMAN_DELAY_SETTINGS, ctx)?;
    let p = Projection::of(&HUMAN_DELAY_SETTINGS, ctx.reads);
    let rows = db.query_text(&sql, &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("the row or its default: no row".into()))?;
    Ok(one(p, row)?)
}

/// `SELECT … FROM (the tenant's row UNION ALL the defaults when there is none) r` for a
/// per-tenant singleton keyed by `tenant_id`: each column's default is the model's SQL default
/// cast to its type, NULL without one, and `tenant_id` is `$1`.
fn defaults_or_row(table: &'static Table, ctx: &Ctx<'_>) -> Result<String> {
    let mut columns = Vec::with_capacity(table.columns.len());
    let mut defaults = Vec::with_capacity(table.columns.len());
    for c in table.columns {
        columns.push(format!("h.{}", quote_ident(c.name)));
        defaults.push(match (c.name, c.default) {
            ("tenant_id", _) => "$1::varchar".to_string(),
            (_, Some(default)) => format!("CAST(({default}) AS {})", c.ty.sql_name()),
            (_, None) if c.nullable => format!("NULL::{}", c.ty.sql_name()),
            (name, None) => {
                return Err(StorageError::Bug(format!(
                    "route {}: {}.{name} is NOT NULL without a default",
                    ctx.route.id, table.name
                )));
            }
        });
    }
    let owned = owned_sql(table, "h", "$1", Mode::Read);
    let name = quote_ident(table.name);
    Ok(format!(
        "SELECT {} FROM (SELECT {} FROM {name} h WHERE {owned} UNION ALL SELECT {} \
         WHERE NOT EXISTS (SELECT 1 FROM {name} h WHERE {owned})) r",
        Projection::of(table, ctx.reads).list_as("r"),
        columns.join(", "),
        defaults.join(", "),
    ))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetHumanDelaySettings => get_human_delay_settings(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_human_delay_column_but_the_key_has_a_default_or_is_nullable() {
        for c in HUMAN_DELAY_SETTINGS.columns.iter().filter(|c| c.name != "tenant_id") {
            assert!(c.default.is_some() || c.nullable, "{} could not be synthesized", c.name);
        }
    }
}
