//! Billing (storage-api appendix A, schema.md §7): the plan, the tenant's one subscription row,
//! its access rule and the lifecycle writes (trial, invoice, expiry, cancellation, the Stripe
//! webhook's sync). The payment providers' own calls (CryptoBot, Stripe) stay in the
//! application; these operations store what they decided.
//!
//! Every write of a subscription is one statement (`INSERT … ON CONFLICT (tenant_id) DO UPDATE
//! … WHERE <state rule>`), so the state rule and the write cannot be separated by a concurrent
//! request: two concurrent `startTrial`s start one trial. Grants are in the admin section.

use crate::enums::PLAN_INTERVALS;
use crate::route::Dir::Asc;
use crate::route::Method::{Get, Post, Put};
use crate::route::{ADMIN, Body, PLATFORM_OR_SERVICE, Response, Route, SERVICE, Schema, crud};
use crate::schema::Rule::{Len, OneOf, Range};
use crate::schema::SqlType::{Boolean, Integer, Text, Timestamp, Varchar};
use crate::schema::col;
use crate::shape::{Kind, Shape, field, optional};
use crate::tables::{PLANS, SUBSCRIPTION_GRANTS, SUBSCRIPTIONS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// ensurePlanExists: the active plan, or the given one inserted (serialized: one plan).
    EnsurePlanExists,
    /// hasActiveGrant: the tenant's latest-ending grant in effect now.
    HasActiveGrant,
    /// getBillingStatus: subscription, plan and grant in one query; the access rule in Rust.
    GetBillingStatus,
    /// startTrial: the once-per-tenant rule checked in the upsert itself.
    StartTrial,
    /// createExpiredSubscription: upsert to `expired` (fraud path).
    CreateExpiredSubscription,
    /// createInvoice: upsert to `incomplete` unless the subscription is active.
    CreateInvoice,
    /// refreshExpiredSubscriptions: one UPDATE per rule, across tenants.
    RefreshExpiredSubscriptions,
    /// cancelSubscription: cancel at period end.
    CancelSubscription,
    /// syncStripeSubscription: the webhook's state, its status mapped.
    SyncStripeSubscription,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Billing(c)
}

const SUBSCRIPTION: &str = "/v1/tenants/{tenantId}/subscription";

/// ensurePlanExists' body: the plan to insert when no plan is active (the application decides
/// its price, and creates the Stripe product and price first when it uses Stripe).
pub static PLAN_TO_ENSURE: Schema = Schema {
    name: "PlanToEnsure",
    doc: "The plan to create when there is no active plan (it is created active)",
    fields: &[
        col("name", "name", Text).not_null().rules(&[Len { min: 1, max: 200 }]),
        col("stripe_price_id", "stripePriceId", Text).rules(&[Len { min: 0, max: 255 }]),
        col("stripe_product_id", "stripeProductId", Text).rules(&[Len { min: 0, max: 255 }]),
        col("amount", "amount", Integer).not_null().rules(&[Range { min: 0.0, max: 2_147_483_647.0 }]),
        col("currency", "currency", Text).rules(&[Len { min: 1, max: 10 }]),
        col("crypto_amount", "cryptoAmount", Text).rules(&[Len { min: 0, max: 50 }]),
        col("crypto_asset", "cryptoAsset", Text).rules(&[Len { min: 0, max: 20 }]),
        col("interval", "interval", Text).rules(&[OneOf(PLAN_INTERVALS)]),
    ],
};

/// createInvoice's body: the CryptoBot invoice the application created.
pub static INVOICE: Schema = Schema {
    name: "SubscriptionInvoice",
    doc: "The CryptoBot invoice created for the tenant (and the plan it pays for)",
    fields: &[
        col("crypto_invoice_id", "cryptoInvoiceId", Text).not_null().rules(&[Len { min: 1, max: 255 }]),
        col("plan_id", "planId", Varchar).references("plans", "id"),
    ],
};

/// syncStripeSubscription's body: the subscription as a Stripe webhook event states it. Absent
/// fields are left unchanged; `stripeStatus` is Stripe's own status, mapped to ours.
pub static STRIPE_SYNC: Schema = Schema {
    name: "StripeSubscriptionSync",
    doc: "A Stripe subscription's state from a webhook event (metadata.tenantId is the path's tenant). \
          stripeStatus is mapped: incomplete_expired → unpaid, an unknown status → incomplete",
    fields: &[
        col("stripe_status", "stripeStatus", Text).not_null().rules(&[Len { min: 1, max: 64 }]),
        col("stripe_customer_id", "stripeCustomerId", Text).rules(&[Len { min: 0, max: 255 }]),
        col("stripe_subscription_id", "stripeSubscriptionId", Text).rules(&[Len { min: 0, max: 255 }]),
        col("plan_id", "planId", Varchar).references("plans", "id"),
        col("current_period_start", "currentPeriodStart", Timestamp),
        col("current_period_end", "currentPeriodEnd", Timestamp),
        col("cancel_at_period_end", "cancelAtPeriodEnd", Boolean),
        col("trial_end", "trialEnd", Timestamp),
    ],
};

/// hasActiveGrant's answer.
pub static ACTIVE_GRANT: Shape = Shape {
    name: "ActiveGrant",
    doc: "Whether a grant gives the tenant free access now (started, not ended, not revoked)",
    fields: &[
        field("hasGrant", Kind::Bool, "A grant is in effect"),
        optional(
            "grantEndsAt",
            Kind::Text,
            "When the latest-ending grant in effect ends (ISO 8601); absent without one",
        ),
    ],
};

/// getBillingStatus' answer (schema.md §12 `BillingStatus`); members without a value are absent.
pub static BILLING_STATUS: Shape = Shape {
    name: "BillingStatus",
    doc: "The tenant's subscription state and whether it may use the product now",
    fields: &[
        field("hasSubscription", Kind::Bool, "The tenant has a subscription row"),
        optional("status", Kind::Text, "The subscription's status; active while a grant is in effect"),
        optional("plan", Kind::Row(&PLANS), "The subscription's plan, else the active plan"),
        optional("currentPeriodEnd", Kind::Text, "End of the paid period (ISO 8601)"),
        field("cancelAtPeriodEnd", Kind::Bool, "The subscription ends with its period"),
        field(
            "canAccess",
            Kind::Bool,
            "A grant is in effect, or the status is trialing with the trial not over, or active, past_due or \
             canceled with the period not over (or without an end)",
        ),
        field("isTrial", Kind::Bool, "The status is trialing"),
        optional("trialEndsAt", Kind::Text, "End of the trial (ISO 8601)"),
        optional("trialDaysRemaining", Kind::Int, "Days left of the trial, rounded up, at least 0 (trialing only)"),
        field("hadTrial", Kind::Bool, "The tenant has had its trial"),
        field("hasActiveGrant", Kind::Bool, "A grant is in effect"),
        optional("grantEndsAt", Kind::Text, "When the latest-ending grant in effect ends (ISO 8601)"),
    ],
};

/// refreshExpiredSubscriptions' answer.
pub static REFRESHED: Shape = Shape {
    name: "RefreshedSubscriptions",
    doc: "How many subscriptions each rule moved (a row moved by a concurrent run is counted there, not here)",
    fields: &[
        field("expired", Kind::Int, "Trials that ended: trialing → expired"),
        field("canceled", Kind::Int, "Periods that ended with cancelAtPeriodEnd: active → canceled"),
        field("pastDue", Kind::Int, "Periods that ended otherwise: active → past_due"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::custom(
        Post,
        &PLANS,
        "/v1/platform/plans/ensure",
        "ensurePlanExists",
        "The active plan; the given plan is created when there is none",
        op(Custom::EnsurePlanExists),
    )
    .platform(PLATFORM_OR_SERVICE)
    .body(Body::Custom(&PLAN_TO_ENSURE))
    .response(Response::Row(&PLANS)),
    // storage-api appendix A: by tenant_id (unique); 404 where the old code had undefined.
    crud::first(&SUBSCRIPTIONS, SUBSCRIPTION, "getSubscriptionByTenant", "The tenant's subscription")
        .order(&[("tenant_id", Asc)]),
    crud::custom(
        Get,
        &SUBSCRIPTION_GRANTS,
        "/v1/tenants/{tenantId}/subscription-grants/active",
        "hasActiveGrant",
        "Whether a grant gives the tenant free access now",
        op(Custom::HasActiveGrant),
    )
    .response(Response::Shape(&ACTIVE_GRANT)),
    crud::custom(
        Get,
        &SUBSCRIPTIONS,
        "/v1/tenants/{tenantId}/billing-status",
        "getBillingStatus",
        "The subscription state and whether the tenant may use the product now",
        op(Custom::GetBillingStatus),
    )
    .response(Response::Shape(&BILLING_STATUS)),
    crud::custom(
        Post,
        &SUBSCRIPTIONS,
        "/v1/tenants/{tenantId}/subscription/trial",
        "startTrial",
        "Start the tenant's 72-hour trial (once per tenant: 409 when it had one or has a subscription)",
        op(Custom::StartTrial),
    )
    .roles(ADMIN)
    .response(Response::Row(&SUBSCRIPTIONS)),
    crud::custom(
        Post,
        &SUBSCRIPTIONS,
        "/v1/tenants/{tenantId}/subscription/expired",
        "createExpiredSubscription",
        "Mark the tenant's subscription expired, its trial used (fraud prevention)",
        op(Custom::CreateExpiredSubscription),
    )
    .roles(PLATFORM_OR_SERVICE)
    .response(Response::Row(&SUBSCRIPTIONS)),
    crud::custom(
        Post,
        &SUBSCRIPTIONS,
        "/v1/tenants/{tenantId}/subscription/invoice",
        "createInvoice",
        "Record a CryptoBot invoice: the subscription becomes incomplete (409 when it is active)",
        op(Custom::CreateInvoice),
    )
    .roles(ADMIN)
    .body(Body::Custom(&INVOICE))
    .response(Response::Row(&SUBSCRIPTIONS)),
    crud::custom(
        Post,
        &SUBSCRIPTIONS,
        "/v1/platform/subscriptions/refresh-expired",
        "refreshExpiredSubscriptions",
        "Expire ended trials and end lapsed periods, across tenants (safe to run from several replicas)",
        op(Custom::RefreshExpiredSubscriptions),
    )
    .platform(PLATFORM_OR_SERVICE)
    .response(Response::Shape(&REFRESHED)),
    crud::custom(
        Post,
        &SUBSCRIPTIONS,
        "/v1/tenants/{tenantId}/subscription/cancel",
        "cancelSubscription",
        "Cancel the subscription at the end of its period",
        op(Custom::CancelSubscription),
    )
    .roles(ADMIN)
    .response(Response::Row(&SUBSCRIPTIONS)),
    // The webhook's state is the subscription's: an upsert of the tenant's one row.
    crud::custom(
        Put,
        &SUBSCRIPTIONS,
        SUBSCRIPTION,
        "syncStripeSubscription",
        "Store a Stripe subscription's state from a webhook event (insert or update; absent fields unchanged)",
        op(Custom::SyncStripeSubscription),
    )
    .roles(SERVICE)
    .body(Body::Custom(&STRIPE_SYNC))
    .response(Response::Row(&SUBSCRIPTIONS)),
];
