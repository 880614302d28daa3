//! §9 Customer memory: the three writes, each ONE `INSERT … ON CONFLICT (tenant_id, customer_id)
//! DO UPDATE` on `customer_memory_tenant_customer_idx`. The old system read the row, changed it
//! in memory and wrote it back, so concurrent increments were lost; here PostgreSQL applies each
//! change to the row as it is when the statement takes its lock. The customer of the path must
//! be the tenant's ([`scope::guard`]; 404 otherwise), and the row is created when missing with
//! the documented defaults. `updated_at` comes from `VALUES` through `EXCLUDED` (design note,
//! Citus).

use super::rows::{Projection, one};
use super::scope::{self, Mode};
use super::sql::{Ph, Sql};
use super::values::Param;
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::customer_memory::Custom;
use salesgate_core::tables::{CUSTOMER_MEMORY, CUSTOMERS};
use salesgate_core::validate::Value;
use tokio_postgres::types::Type;

/// `jsonb` `x` if it is an object, else `{}` (a row written outside the API may hold anything).
fn object(x: &str) -> String {
    format!("(CASE WHEN jsonb_typeof({x}) = 'object' THEN {x} ELSE '{{}}'::jsonb END)")
}

/// `INSERT INTO customer_memory AS r (tenant_id, customer_id, preferences, frequent_topics,
/// last_summary_text, updated_at) SELECT $t, $c, <values>, now() WHERE <the customer is the
/// tenant's> ON CONFLICT (tenant_id, customer_id) DO UPDATE SET `, the caller writing the
/// three values, then the update list after [`conflict`].
struct Upsert<'a> {
    sql: Sql<'a>,
    tenant: Ph,
    customer: Ph,
}

impl<'a> Upsert<'a> {
    fn start(ctx: &Ctx<'a>) -> Result<Upsert<'a>> {
        let mut sql = Sql::new(
            "INSERT INTO customer_memory AS r (tenant_id, customer_id, preferences, frequent_topics, \
             last_summary_text, updated_at) SELECT ",
        );
        let tenant = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
        let customer = sql.bind(ctx.param("customerId")?.to_string(), Type::VARCHAR);
        sql.ph(tenant).push(", ").ph(customer).push(", ");
        Ok(Upsert { sql, tenant, customer })
    }

    /// After the three inserted values: `now()`, the guard, the conflict target.
    fn conflict(&mut self) {
        self.sql.push(", now() WHERE ");
        scope::guard(&mut self.sql, &CUSTOMERS, self.customer, self.tenant, 0);
        self.sql.push(" ON CONFLICT (tenant_id, customer_id) DO UPDATE SET ");
    }

    /// After the update list: `updated_at`, the tenant's row only (always so: the conflict key
    /// holds the tenant; the distributable form of a write), and the row answered. No row: the customer is not
    /// the tenant's (the guard), a 404 as for every scoped id of a path.
    async fn run(mut self, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
        let p = Projection::of(&CUSTOMER_MEMORY, ctx.reads);
        self.sql.push(", updated_at = EXCLUDED.updated_at WHERE ");
        scope::owned(&mut self.sql, &CUSTOMER_MEMORY, "r", self.tenant, Mode::Write);
        self.sql.push(" RETURNING ").push(&p.list_as("r"));
        let row = db.query_opt(&self.sql).await?.ok_or_else(|| ApiError::not_found("Customer"))?;
        Ok(one(p, &row)?)
    }
}

/// upsertCustomerMemory (storage-api §9): an existing row takes each field as `new ?? existing`
/// — a field absent or `null` keeps its stored value, so `lastSummaryText` cannot be cleared
/// here, as before; a new row gets `preferences` and `frequentTopics` `{}` when not given.
pub async fn upsert_customer_memory(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let mut u = Upsert::start(ctx)?;
    // Absent and null are one case (`??`): NULL, then COALESCE.
    let given = |name: &str| ctx.body.get(name).filter(|v| **v != Value::Null);
    let mut values = Vec::with_capacity(3);
    for (column, ty) in
        [("preferences", Type::JSONB), ("frequent_topics", Type::JSONB), ("last_summary_text", Type::TEXT)]
    {
        let value: Option<Param<'_>> = given(column).map(Param);
        values.push((column, u.sql.bind(value, ty)));
    }
    for (i, (column, ph)) in values.iter().enumerate() {
        if i > 0 {
            u.sql.push(", ");
        }
        match *column {
            "last_summary_text" => u.sql.ph(*ph),
            _ => u.sql.push("COALESCE(").ph(*ph).push(", '{}'::jsonb)"),
        };
    }
    u.conflict();
    for (i, (column, ph)) in values.iter().enumerate() {
        if i > 0 {
            u.sql.push(", ");
        }
        u.sql.ident(column).push(" = COALESCE(").ph(*ph).push(", ").column("r", column).push(")");
    }
    u.run(db, ctx).await
}

/// incrementFrequentTopic (storage-api §9): `frequentTopics[intent] += 1`, from 0 when the key
/// is absent (or holds no number); a new row starts with `{intent: 1}` and preferences `{}`.
pub async fn increment_frequent_topic(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let intent = ctx
        .body
        .text("intent")
        .ok_or_else(|| StorageError::Bug("incrementFrequentTopic without an intent".into()))?
        .to_string();
    let mut u = Upsert::start(ctx)?;
    let i = u.sql.bind(intent, Type::TEXT);
    u.sql.push("'{}'::jsonb, jsonb_build_object(").ph(i).push(", 1), NULL");
    u.conflict();
    let topics = object("r.frequent_topics");
    let current = "r.frequent_topics -> ";
    u.sql.push("frequent_topics = ").push(&topics).push(" || jsonb_build_object(").ph(i);
    u.sql.push(", CASE WHEN jsonb_typeof(").push(current).ph(i).push(") = 'number' THEN (");
    u.sql.push(current).ph(i).push(")::numeric ELSE 0 END + 1)");
    u.run(db, ctx).await
}

/// updateCustomerPreferences (storage-api §9): `{...existing, ...preferences}` — jsonb `||` of
/// two objects is exactly that shallow merge; a new row gets frequentTopics `{}`.
pub async fn update_customer_preferences(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let preferences = match ctx.body.get("preferences") {
        Some(v @ Value::Json(_)) => v,
        _ => return Err(StorageError::Bug("updateCustomerPreferences without preferences".into())),
    };
    let mut u = Upsert::start(ctx)?;
    u.sql.push_bind(Param(preferences), Type::JSONB).push(", '{}'::jsonb, NULL");
    u.conflict();
    u.sql.push("preferences = ").push(&object("r.preferences")).push(" || EXCLUDED.preferences");
    u.run(db, ctx).await
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::UpsertCustomerMemory => upsert_customer_memory(db, ctx).await,
        Custom::IncrementFrequentTopic => increment_frequent_topic(db, ctx).await,
        Custom::UpdateCustomerPreferences => update_customer_preferences(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use salesgate_core::tables::CUSTOMER_MEMORY;

    #[test]
    fn the_conflict_target_is_the_unique_index() {
        let keys = CUSTOMER_MEMORY.conflict_target(&["tenant_id", "customer_id"]).map(|(k, _)| k);
        assert_eq!(keys, Some(vec!["tenant_id", "customer_id"]), "ON CONFLICT (tenant_id, customer_id)");
    }
}
