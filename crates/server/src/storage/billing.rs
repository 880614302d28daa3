//! Billing (storage-api appendix A): the plan, the subscription's lifecycle and the access rule.
//!
//! Each subscription write is ONE statement: an `INSERT … SELECT … FROM tenants` (so an unknown
//! tenant is a 404, not a foreign-key error) `ON CONFLICT (tenant_id) DO UPDATE … WHERE <rule>`.
//! The rule is re-checked by PostgreSQL on the row version the upsert locks, so a concurrent
//! request cannot slip between the check and the write (the old service read the row, decided,
//! then wrote). `refreshExpiredSubscriptions` is one UPDATE per rule, each selecting by the
//! state it moves from: run by several replicas at once, a row moves once, by one of them.
//!
//! The access rule of getBillingStatus is [`access`], a pure function of the stored state.

use super::rows::{Projection, one, write_row};
use super::scope::{Mode, owned_sql};
use super::sql::{Sql, pg_type};
use super::values::{Param, PgTimestamp};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::enums::SUBSCRIPTION_STATUSES;
use salesgate_core::error::{ApiError, push_json_string};
use salesgate_core::routes::billing::Custom;
use salesgate_core::schema::{Column, Read};
use salesgate_core::tables::{PLANS, SUBSCRIPTION_GRANTS, SUBSCRIPTIONS, TENANTS};
use salesgate_core::time::Timestamp;
use std::fmt::Write as _;
use tokio_postgres::Row;
use tokio_postgres::types::{ToSql, Type};

/// A trial lasts 72 hours from its start (schema.md §7.2).
const TRIAL: &str = "interval '72 hours'";
/// The key of the transaction-level advisory lock that serializes ensurePlanExists.
const PLAN_LOCK: i64 = 0x7361_6c65_735f_706c; // "sales_pl"
const MICROS_PER_DAY: i64 = 86_400_000_000;

/// `INSERT INTO subscriptions AS s (tenant_id, <columns>, updated_at) SELECT t.id, <values>,
/// now() FROM tenants t WHERE t.id = $1 ON CONFLICT (tenant_id) DO UPDATE SET <columns> =
/// EXCLUDED.<columns>, updated_at = EXCLUDED.updated_at WHERE s is the tenant's [AND <rule>]
/// RETURNING <the caller's projection>`. `$1` is the tenant.
fn upsert_sql(sql: &mut Sql<'_>, columns: &[&str], values: &[&str], rule: &str, reads: Read) {
    sql.push("INSERT INTO subscriptions AS s (tenant_id");
    for c in columns {
        sql.push(", ").ident(c);
    }
    sql.push(", updated_at) SELECT t.id");
    for v in values {
        sql.push(", ").push(v);
    }
    sql.push(", now() FROM tenants t WHERE ").push(&owned_sql(&TENANTS, "t", "$1", Mode::Write));
    sql.push(" ON CONFLICT (tenant_id) DO UPDATE SET ");
    for c in columns {
        sql.ident(c).push(" = EXCLUDED.").ident(c).push(", ");
    }
    sql.push("updated_at = EXCLUDED.updated_at WHERE ").push(&owned_sql(&SUBSCRIPTIONS, "s", "$1", Mode::Write));
    if !rule.is_empty() {
        sql.push(" AND ").push(rule);
    }
    sql.push(" RETURNING ").push(&Projection::of(&SUBSCRIPTIONS, reads).list_as("s"));
}

/// Whether the tenant of the path exists (to tell a 404 from a refused state rule).
async fn tenant_exists(db: &Db<'_>, tenant: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM tenants t WHERE {}", owned_sql(&TENANTS, "t", "$1", Mode::Read));
    Ok(db.query_text_opt(&sql, &[Type::VARCHAR], &[&tenant]).await?.is_some())
}

/// The upserted row, or: 404 for an unknown tenant, else `refused` (the state rule said no).
async fn upserted(db: &Db<'_>, ctx: &Ctx<'_>, row: Option<Row>, refused: impl FnOnce() -> ApiError) -> Result<Reply> {
    if let Some(row) = row {
        return Ok(one(Projection::of(&SUBSCRIPTIONS, ctx.reads), &row)?);
    }
    if !tenant_exists(db, ctx.tenant()?).await? {
        return Err(ApiError::not_found("Tenant").into());
    }
    Err(refused().into())
}

/// ensurePlanExists: the oldest active plan (storage-api: the first `is_active` row, in no
/// order), else the body's plan, inserted active. A transaction-level advisory lock serializes
/// concurrent calls, so two replicas starting at once create one plan, not two (plans has no
/// unique key to upsert on).
pub async fn ensure_plan_exists(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&PLANS, ctx.reads);
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    tx.execute_typed("SELECT pg_advisory_xact_lock($1)", &[(&PLAN_LOCK, Type::INT8)]).await?;
    let found =
        format!("SELECT {} FROM plans p WHERE p.is_active IS TRUE ORDER BY p.created_at, p.id LIMIT 1", p.list_as("p"));
    if let Some(row) = tx.query_typed_opt(&found, &[]).await? {
        tx.commit().await?;
        return Ok(one(p, &row)?);
    }
    let mut sql = Sql::new("INSERT INTO plans AS p (is_active");
    for e in &ctx.body.entries {
        sql.push(", ").ident(e.column.name);
    }
    sql.push(") VALUES (true");
    for e in &ctx.body.entries {
        sql.push(", ").push_bind(Param(&e.value), pg_type(e.column.ty));
    }
    sql.push(") RETURNING ").push(&p.list_as("p"));
    let row = tx.query_typed_opt(sql.text(), &typed(&sql)).await?;
    let row = row.ok_or_else(|| StorageError::Bug("an INSERT … RETURNING returned no row".into()))?;
    tx.commit().await?;
    Ok(one(p, &row)?)
}

/// The parameters of a built statement as `query_typed` takes them.
fn typed<'a>(sql: &'a Sql<'_>) -> Vec<(&'a (dyn ToSql + Sync), Type)> {
    sql.params().into_iter().zip(sql.types().iter().cloned()).collect()
}

/// The tenant's grant in effect now that ends last: started, not ended, not revoked. The old
/// code had two variants (the middleware's `ends_at >= now` in no order, the CryptoBot
/// billing's `ends_at > now` latest first, storage-api appendix A); this is the second, for both
/// answers. Served by `subscription_grants_active_lookup_idx`.
fn active_grant_sql(tenant: &str) -> String {
    format!(
        "SELECT g.ends_at FROM subscription_grants g WHERE {} AND g.revoked_at IS NULL \
         AND g.starts_at <= localtimestamp AND g.ends_at > localtimestamp ORDER BY g.ends_at DESC LIMIT 1",
        owned_sql(&SUBSCRIPTION_GRANTS, "g", tenant, Mode::Read)
    )
}

/// hasActiveGrant: `{hasGrant, grantEndsAt}`.
pub async fn has_active_grant(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let row = db.query_text_opt(&active_grant_sql("$1"), &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    let ends = row.map(|r| r.try_get::<_, PgTimestamp>(0)).transpose()?;
    let mut body = String::from("{\"hasGrant\":");
    body.push_str(if ends.is_some() { "true" } else { "false" });
    if let Some(PgTimestamp(t)) = ends {
        body.push_str(",\"grantEndsAt\":");
        push_time(&mut body, t);
    }
    body.push('}');
    Ok(Reply::json(body))
}

fn push_time(out: &mut String, t: Timestamp) {
    out.push('"');
    t.write_iso8601(out);
    out.push('"');
}

/// What the access rule reads of a subscription row.
#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub status: String,
    pub current_period_end: Option<Timestamp>,
    pub trial_ends_at: Option<Timestamp>,
}

/// What getBillingStatus derives from the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub can_access: bool,
    pub is_trial: bool,
    pub trial_days_remaining: Option<i64>,
}

/// The access rule (storage-api appendix A): an active grant always gives access; otherwise
/// `trialing` until `trial_ends_at` (none: no access), and `active`, `past_due`, `canceled`
/// until `current_period_end` (none: no end); every other status or no subscription, none.
/// `trialDaysRemaining` = ⌈(trial_ends_at − now) / 1 day⌉, at least 0, while trialing only.
pub fn access(sub: Option<&Subscription>, grant_active: bool, now: Timestamp) -> Access {
    let status = sub.map(|s| s.status.as_str());
    let by_status = sub.is_some_and(|s| match s.status.as_str() {
        "trialing" => s.trial_ends_at.is_some_and(|t| t > now),
        "active" | "past_due" | "canceled" => s.current_period_end.is_none_or(|t| t > now),
        _ => false,
    });
    let is_trial = status == Some("trialing");
    let trial_days_remaining = sub.filter(|_| is_trial).and_then(|s| s.trial_ends_at).map(|t| {
        let left = t.0.saturating_sub(now.0);
        if left <= 0 { 0 } else { left.saturating_add(MICROS_PER_DAY - 1) / MICROS_PER_DAY }
    });
    Access { can_access: grant_active || by_status, is_trial, trial_days_remaining }
}

/// getBillingStatus: the subscription, its plan (else the active plan: what a tenant without
/// one would subscribe to) and the grant in effect, in one query; then [`access`]. As the
/// CryptoBot variant did, the status is reported `active` while a grant is in effect. An
/// unknown tenant is a 404.
pub async fn get_billing_status(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let plan = Projection::of(&PLANS, ctx.reads);
    let sql = format!(
        "SELECT s.tenant_id IS NOT NULL, s.status, s.current_period_end, COALESCE(s.cancel_at_period_end, false), \
         s.trial_ends_at, COALESCE(s.had_trial, false), g.ends_at, localtimestamp, {plan} \
         FROM tenants t LEFT JOIN subscriptions s ON {sub} \
         LEFT JOIN LATERAL ({grant}) g ON true \
         LEFT JOIN LATERAL (SELECT {plans} FROM plans p WHERE p.id = s.plan_id OR p.is_active IS TRUE \
           ORDER BY p.id IS NOT DISTINCT FROM s.plan_id DESC, p.created_at, p.id LIMIT 1) p ON true \
         WHERE {tenant}",
        plan = plan.list_as("p"),
        sub = owned_sql(&SUBSCRIPTIONS, "s", "t.id", Mode::Read),
        grant = active_grant_sql("t.id"),
        plans = plan.list_as("p"),
        tenant = owned_sql(&TENANTS, "t", "$1", Mode::Read),
    );
    let row = db.query_text_opt(&sql, &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    let row = row.ok_or_else(|| ApiError::not_found("Tenant"))?;
    let time = |i: usize| -> Result<Option<Timestamp>> { Ok(row.try_get::<_, Option<PgTimestamp>>(i)?.map(|t| t.0)) };
    let sub = match row.try_get::<_, bool>(0)? {
        true => Some(Subscription { status: row.try_get(1)?, current_period_end: time(2)?, trial_ends_at: time(4)? }),
        false => None,
    };
    let grant_ends_at = time(6)?;
    let state = BillingState {
        subscription: sub,
        cancel_at_period_end: row.try_get(3)?,
        had_trial: row.try_get(5)?,
        grant_ends_at,
        now: time(7)?.ok_or_else(|| StorageError::Bug("localtimestamp was NULL".into()))?,
    };
    let mut plan_json = String::new();
    if !super::rows::is_null_row(&row, 8) {
        write_row(&mut plan_json, plan, &row, 8)?;
    }
    Ok(Reply::json(billing_status_json(&state, Some(plan_json.as_str()).filter(|p| !p.is_empty()))))
}

/// What getBillingStatus read, before the access rule.
#[derive(Debug, Clone, PartialEq)]
pub struct BillingState {
    pub subscription: Option<Subscription>,
    pub cancel_at_period_end: bool,
    pub had_trial: bool,
    pub grant_ends_at: Option<Timestamp>,
    pub now: Timestamp,
}

/// The [`salesgate_core::routes::billing::BILLING_STATUS`] object of `state` (members in the shape's order, absent without a
/// value); `plan` is the plan row's JSON.
pub fn billing_status_json(state: &BillingState, plan: Option<&str>) -> String {
    let sub = state.subscription.as_ref();
    let grant = state.grant_ends_at;
    let a = access(sub, grant.is_some(), state.now);
    let mut out = String::with_capacity(512 + plan.map_or(0, str::len));
    let _ = write!(out, "{{\"hasSubscription\":{}", sub.is_some());
    // storage-api appendix A (CryptoBot variant): `active` while a grant is in effect.
    let status = if grant.is_some() { Some("active") } else { sub.map(|s| s.status.as_str()) };
    if let Some(status) = status {
        out.push_str(",\"status\":");
        push_json_string(&mut out, status);
    }
    if let Some(plan) = plan {
        out.push_str(",\"plan\":");
        out.push_str(plan);
    }
    if let Some(t) = sub.and_then(|s| s.current_period_end) {
        out.push_str(",\"currentPeriodEnd\":");
        push_time(&mut out, t);
    }
    let _ = write!(
        out,
        ",\"cancelAtPeriodEnd\":{},\"canAccess\":{},\"isTrial\":{}",
        state.cancel_at_period_end, a.can_access, a.is_trial
    );
    if let Some(t) = sub.and_then(|s| s.trial_ends_at) {
        out.push_str(",\"trialEndsAt\":");
        push_time(&mut out, t);
    }
    if let Some(days) = a.trial_days_remaining {
        let _ = write!(out, ",\"trialDaysRemaining\":{days}");
    }
    let _ = write!(out, ",\"hadTrial\":{},\"hasActiveGrant\":{}", state.had_trial, grant.is_some());
    if let Some(t) = grant {
        out.push_str(",\"grantEndsAt\":");
        push_time(&mut out, t);
    }
    out.push('}');
    out
}

/// startTrial: allowed when the tenant has no subscription row, or (storage-api appendix A)
/// a row with `had_trial` false, no `trial_started_at` and a status outside every known one —
/// in effect, only when there is no row. The rule is the upsert's `WHERE`, so of two concurrent
/// calls one starts the trial and the other is a 409 (the old check-then-write started two).
pub async fn start_trial(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let mut sql = Sql::new("");
    let _tenant = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    let known = sql.bind(SUBSCRIPTION_STATUSES.iter().map(|s| s.to_string()).collect::<Vec<_>>(), Type::TEXT_ARRAY);
    let rule = format!(
        "s.had_trial IS NOT TRUE AND s.trial_started_at IS NULL AND s.status <> ALL({})",
        Sql::placeholder(known)
    );
    let now_plus_trial = format!("now() + {TRIAL}");
    upsert_sql(
        &mut sql,
        &["status", "trial_started_at", "trial_ends_at", "had_trial", "payment_provider"],
        &["'trialing'", "now()", &now_plus_trial, "true", "'cryptobot'"],
        &rule,
        ctx.reads,
    );
    let row = db.query_opt(&sql).await?;
    upserted(db, ctx, row, || ApiError::invalid_state("The tenant has already had its trial (or has a subscription)"))
        .await
}

/// createExpiredSubscription (the fraud path): status `expired`, the trial counted as used,
/// inserted or updated whatever the current state.
pub async fn create_expired_subscription(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let mut sql = Sql::new("");
    sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    upsert_sql(&mut sql, &["status", "had_trial"], &["'expired'", "true"], "", ctx.reads);
    let row = db.query_opt(&sql).await?;
    upserted(db, ctx, row, || ApiError::invalid_state("The subscription could not be written")).await
}

/// createInvoice: status `incomplete`, the invoice id, provider `cryptobot` (and the plan when
/// given), inserted or updated, refused (409) while the subscription is `active`, in the same
/// statement. storage-api appendix A: the update applies to any other status, a trial too.
pub async fn create_invoice(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let mut sql = Sql::new("");
    sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    let mut columns = vec!["status", "payment_provider"];
    let mut values = vec!["'incomplete'".to_string(), "'cryptobot'".to_string()];
    for e in &ctx.body.entries {
        let p = sql.bind(Param(&e.value), pg_type(e.column.ty));
        columns.push(e.column.name);
        values.push(Sql::placeholder(p));
    }
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    upsert_sql(&mut sql, &columns, &values, "s.status <> 'active'", ctx.reads);
    let row = db.query_opt(&sql).await?;
    upserted(db, ctx, row, || ApiError::invalid_state("The subscription is already active")).await
}

/// The three rules of refreshExpiredSubscriptions, each `(answer member, statement)`. Each
/// moves rows out of the state it selects, so a row a concurrent run moved first no longer
/// matches when this one gets its lock (PostgreSQL re-checks the WHERE on the new version):
/// nothing moves twice. `cancel_at_period_end` NULL counts as false (its default).
const REFRESH_RULES: [(&str, &str); 3] = [
    (
        "expired",
        "UPDATE subscriptions SET status = 'expired', updated_at = now() \
         WHERE status = 'trialing' AND trial_ends_at < now()",
    ),
    (
        "canceled",
        "UPDATE subscriptions SET status = 'canceled', canceled_at = now(), updated_at = now() \
         WHERE status = 'active' AND current_period_end < now() AND cancel_at_period_end IS TRUE",
    ),
    (
        "pastDue",
        "UPDATE subscriptions SET status = 'past_due', updated_at = now() \
         WHERE status = 'active' AND current_period_end < now() AND cancel_at_period_end IS NOT TRUE",
    ),
];

/// refreshExpiredSubscriptions: the three rules, one statement each (pipelined), across
/// tenants; answers how many rows each moved.
pub async fn refresh_expired_subscriptions(db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    let counted: Vec<String> = REFRESH_RULES
        .iter()
        .map(|(_, u)| format!("WITH moved AS ({u} RETURNING 1) SELECT count(*) FROM moved"))
        .collect();
    let (a, b, c) = tokio::try_join!(
        db.query_text(&counted[0], &[], &[]),
        db.query_text(&counted[1], &[], &[]),
        db.query_text(&counted[2], &[], &[]),
    )?;
    let mut out = String::from("{");
    for (i, ((name, _), rows)) in REFRESH_RULES.iter().zip([a, b, c]).enumerate() {
        let n: i64 = rows.first().ok_or_else(|| StorageError::Bug("count(*) returned no row".into()))?.try_get(0)?;
        let _ = write!(out, "{}\"{name}\":{n}", if i > 0 { "," } else { "" });
    }
    out.push('}');
    Ok(Reply::json(out))
}

/// cancelSubscription: `cancel_at_period_end = true` (and `updated_at`); 404 without a row.
pub async fn cancel_subscription(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&SUBSCRIPTIONS, ctx.reads);
    let sql = format!(
        "UPDATE subscriptions AS s SET cancel_at_period_end = true, updated_at = now() WHERE {} RETURNING {}",
        owned_sql(&SUBSCRIPTIONS, "s", "$1", Mode::Write),
        p.list_as("s")
    );
    let row = db.query_text_opt(&sql, &[Type::VARCHAR], &[&ctx.tenant()?]).await?;
    Ok(one(p, &row.ok_or_else(|| ApiError::not_found("Subscription"))?)?)
}

/// Stripe's subscription status as ours (storage-api appendix A): the statuses both know are
/// kept, `incomplete_expired` is `unpaid`, anything else `incomplete`.
pub fn stripe_status(stripe: &str) -> &'static str {
    match stripe {
        "incomplete_expired" => "unpaid",
        "trialing" => "trialing",
        "active" => "active",
        "past_due" => "past_due",
        "canceled" => "canceled",
        "unpaid" => "unpaid",
        "incomplete" => "incomplete",
        "paused" => "paused",
        // Stripe's other statuses, and any it adds later (`expired` is ours, not Stripe's).
        _ => "incomplete",
    }
}

/// syncStripeSubscription: the webhook's status (mapped), provider `stripe` and the fields
/// the event gives, inserted or updated in one statement; absent fields are left unchanged.
pub async fn sync_stripe_subscription(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let stripe = ctx
        .body
        .text("stripe_status")
        .ok_or_else(|| StorageError::Bug(format!("route {}: no stripeStatus", ctx.route.id)))?;
    let mut sql = Sql::new("");
    sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    let status = sql.bind(stripe_status(stripe).to_string(), Type::TEXT);
    let mut columns = vec!["status", "payment_provider"];
    let mut values = vec![Sql::placeholder(status), "'stripe'".to_string()];
    for e in ctx.body.entries.iter().filter(|e| e.column.name != "stripe_status") {
        let column: &Column = SUBSCRIPTIONS
            .column(e.column.name)
            .ok_or_else(|| StorageError::Bug(format!("subscriptions has no column {}", e.column.name)))?;
        let p = sql.bind(Param(&e.value), pg_type(column.ty));
        columns.push(column.name);
        values.push(Sql::placeholder(p));
    }
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    upsert_sql(&mut sql, &columns, &values, "", ctx.reads);
    let row = db.query_opt(&sql).await?;
    upserted(db, ctx, row, || ApiError::invalid_state("The subscription could not be written")).await
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::EnsurePlanExists => ensure_plan_exists(db, ctx).await,
        Custom::HasActiveGrant => has_active_grant(db, ctx).await,
        Custom::GetBillingStatus => get_billing_status(db, ctx).await,
        Custom::StartTrial => start_trial(db, ctx).await,
        Custom::CreateExpiredSubscription => create_expired_subscription(db, ctx).await,
        Custom::CreateInvoice => create_invoice(db, ctx).await,
        Custom::RefreshExpiredSubscriptions => refresh_expired_subscriptions(db, ctx).await,
        Custom::CancelSubscription => cancel_subscription(db, ctx).await,
        Custom::SyncStripeSubscription => sync_stripe_subscription(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::routes::billing::BILLING_STATUS;

    const NOW: Timestamp = Timestamp(1_800_000_000_000_000);
    const HOUR: i64 = 3_600_000_000;

    fn sub(status: &str, period_end: Option<i64>, trial_ends: Option<i64>) -> Subscription {
        Subscription {
            status: status.into(),
            current_period_end: period_end.map(|d| Timestamp(NOW.0 + d)),
            trial_ends_at: trial_ends.map(|d| Timestamp(NOW.0 + d)),
        }
    }

    #[test]
    fn trialing_gives_access_until_the_trial_ends() {
        let a = access(Some(&sub("trialing", None, Some(72 * HOUR))), false, NOW);
        assert_eq!(a, Access { can_access: true, is_trial: true, trial_days_remaining: Some(3) });
        let a = access(Some(&sub("trialing", None, Some(25 * HOUR))), false, NOW);
        assert_eq!(a.trial_days_remaining, Some(2), "rounded up");
        let a = access(Some(&sub("trialing", None, Some(1))), false, NOW);
        assert_eq!((a.can_access, a.trial_days_remaining), (true, Some(1)));
        let a = access(Some(&sub("trialing", None, Some(0))), false, NOW);
        assert_eq!((a.can_access, a.trial_days_remaining), (false, Some(0)), "ends_at = now: over");
        let a = access(Some(&sub("trialing", None, Some(-5 * HOUR))), false, NOW);
        assert_eq!((a.can_access, a.trial_days_remaining), (false, Some(0)), "at least 0");
        let a = access(Some(&sub("trialing", None, None)), false, NOW);
        assert_eq!((a.can_access, a.trial_days_remaining), (false, None), "no end, no access");
    }

    #[test]
    fn paid_statuses_give_access_until_the_period_ends_or_without_an_end() {
        for status in ["active", "past_due", "canceled"] {
            assert!(access(Some(&sub(status, None, None)), false, NOW).can_access, "{status} without an end");
            assert!(access(Some(&sub(status, Some(HOUR), None)), false, NOW).can_access, "{status}");
            assert!(!access(Some(&sub(status, Some(0), None)), false, NOW).can_access, "{status} at its end");
            assert!(!access(Some(&sub(status, Some(-HOUR), None)), false, NOW).can_access, "{status} over");
            let a = access(Some(&sub(status, None, Some(HOUR))), false, NOW);
            assert_eq!((a.is_trial, a.trial_days_remaining), (false, None), "days only while trialing");
        }
    }

    #[test]
    fn other_statuses_and_no_subscription_give_no_access_but_a_grant_always_does() {
        for status in ["unpaid", "incomplete", "paused", "expired", "something"] {
            assert!(!access(Some(&sub(status, Some(HOUR), Some(HOUR))), false, NOW).can_access, "{status}");
            assert!(access(Some(&sub(status, Some(-HOUR), None)), true, NOW).can_access, "{status} with a grant");
        }
        assert_eq!(access(None, false, NOW), Access { can_access: false, is_trial: false, trial_days_remaining: None });
        assert!(access(None, true, NOW).can_access);
    }

    #[test]
    fn the_billing_status_holds_the_members_of_its_shape_in_order() {
        let state = BillingState {
            subscription: Some(sub("trialing", Some(HOUR), Some(30 * HOUR))),
            cancel_at_period_end: false,
            had_trial: true,
            grant_ends_at: None,
            now: NOW,
        };
        let json: serde_json::Value =
            serde_json::from_str(&billing_status_json(&state, Some("{\"id\":\"p1\"}"))).expect("json");
        let keys: Vec<&str> = json.as_object().expect("object").keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = BILLING_STATUS.fields.iter().map(|f| f.name).collect();
        expected.retain(|k| *k != "grantEndsAt");
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        expected.sort_unstable();
        assert_eq!(sorted, expected, "every member but the grant's end");
        assert_eq!((json["status"].as_str(), json["trialDaysRemaining"].as_i64()), (Some("trialing"), Some(2)));
        assert_eq!(json["trialEndsAt"], Timestamp(NOW.0 + 30 * HOUR).to_iso8601());

        let granted = BillingState { subscription: None, grant_ends_at: Some(Timestamp(NOW.0 + HOUR)), ..state };
        let json: serde_json::Value = serde_json::from_str(&billing_status_json(&granted, None)).expect("json");
        assert_eq!(json["status"], "active", "the CryptoBot variant: active while granted");
        assert_eq!((json["hasSubscription"].as_bool(), json["canAccess"].as_bool()), (Some(false), Some(true)));
        assert!(json.get("plan").is_none() && json.get("trialDaysRemaining").is_none());
        let required: Vec<&str> = BILLING_STATUS.fields.iter().filter(|f| !f.optional).map(|f| f.name).collect();
        assert!(required.iter().all(|k| json.get(k).is_some()), "{json}");
    }

    #[test]
    fn stripe_statuses_map_to_ours() {
        for s in ["trialing", "active", "past_due", "canceled", "unpaid", "incomplete", "paused"] {
            assert_eq!(stripe_status(s), s);
        }
        assert_eq!(stripe_status("incomplete_expired"), "unpaid");
        assert_eq!(stripe_status("expired"), "incomplete", "not a Stripe status: unknown");
        assert_eq!(stripe_status("whatever"), "incomplete");
    }

    #[test]
    fn stripe_sync_fields_are_subscription_columns_of_the_same_type() {
        for c in salesgate_core::routes::billing::STRIPE_SYNC.fields.iter().filter(|c| c.name != "stripe_status") {
            let column = SUBSCRIPTIONS.column(c.name).unwrap_or_else(|| panic!("{}", c.name));
            assert_eq!((column.ty, column.field), (c.ty, c.field));
        }
        for c in salesgate_core::routes::billing::INVOICE.fields {
            assert_eq!(SUBSCRIPTIONS.column(c.name).map(|s| s.ty), Some(c.ty), "{}", c.name);
        }
        for c in salesgate_core::routes::billing::PLAN_TO_ENSURE.fields {
            assert_eq!(PLANS.column(c.name).map(|s| s.ty), Some(c.ty), "{}", c.name);
        }
    }
}
