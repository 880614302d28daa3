//! §22 Per-tenant settings (issue 9): decision settings, human delay settings, onboarding
//! state. Each is a per-tenant singleton (primary key `tenant_id`): read with `first`, written
//! with `put`, whose `ON CONFLICT (tenant_id)` updates exactly the fields the body gives (absent
//! fields are left unchanged) in one race-free statement; the old read-then-write could lose a
//! concurrent first insert to a unique violation. Writing settings is for owner and admin.
//!
//! One read is custom: getHumanDelaySettings answers a default when the tenant has no row
//! (storage-api §22), synthesized from the model's column defaults and not stored.

use crate::route::Dir::Asc;
use crate::route::Method::Get;
use crate::route::{ADMIN, Response, Route, crud};
use crate::tables::{DECISION_SETTINGS, HUMAN_DELAY_SETTINGS, ONBOARDING_STATE};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getHumanDelaySettings: the row, or the column defaults when there is none (not stored).
    GetHumanDelaySettings,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Settings(c)
}

const DECISION: &str = "/v1/tenants/{tenantId}/decision-settings";
const HUMAN_DELAY: &str = "/v1/tenants/{tenantId}/human-delay-settings";
const ONBOARDING: &str = "/v1/tenants/{tenantId}/onboarding-state";
/// The order of a singleton's `first` (one row per tenant: any order finds it).
const SINGLE: &[(&str, crate::route::Dir)] = &[("tenant_id", Asc)];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §22: by primary key; 404 where the old method answered undefined.
    crud::first(&DECISION_SETTINGS, DECISION, "getDecisionSettings", "The tenant's decision-engine thresholds")
        .order(SINGLE),
    // storage-api §22: the old update did not refresh updated_at; the upsert here does.
    crud::put(
        &DECISION_SETTINGS,
        DECISION,
        "upsertDecisionSettings",
        "Create or update the tenant's decision settings (fields absent are left unchanged)",
    )
    .roles(ADMIN),
    crud::custom(
        Get,
        &HUMAN_DELAY_SETTINGS,
        HUMAN_DELAY,
        "getHumanDelaySettings",
        "The tenant's human-like delay settings, or the defaults (not stored) when it has none",
        op(Custom::GetHumanDelaySettings),
    )
    .response(Response::Row(&HUMAN_DELAY_SETTINGS)),
    // storage-api §22: the old update did not refresh updated_at; the upsert here does.
    crud::put(
        &HUMAN_DELAY_SETTINGS,
        HUMAN_DELAY,
        "upsertHumanDelaySettings",
        "Create or update the tenant's human-like delay settings (fields absent are left unchanged)",
    )
    .roles(ADMIN),
    crud::first(&ONBOARDING_STATE, ONBOARDING, "getOnboardingState", "The tenant's onboarding progress").order(SINGLE),
    crud::put(
        &ONBOARDING_STATE,
        ONBOARDING,
        "upsertOnboardingState",
        "Create or update the tenant's onboarding progress (fields absent are left unchanged)",
    )
    .roles(ADMIN),
];
