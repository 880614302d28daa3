//! §33 Tenant agent settings (issue 10): a per-tenant singleton (unique `tenant_id`,
//! `tenant_agent_settings_tenant_id_unique`): read with `first`, written with `put`. The upsert
//! writes every field the body gives, the mileage tiers too: the old conflict clause left
//! `mileage_low/mid/high` out and silently dropped later edits of them (storage-api §33).

use crate::route::Dir::Asc;
use crate::route::{ADMIN, Route, crud};
use crate::tables::TENANT_AGENT_SETTINGS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const SETTINGS: &str = "/v1/tenants/{tenantId}/agent-settings";

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §33: 404 where the old method answered null.
    crud::first(&TENANT_AGENT_SETTINGS, SETTINGS, "getTenantAgentSettings", "The tenant's AI sales-agent settings")
        .order(&[("tenant_id", Asc)]),
    crud::put(
        &TENANT_AGENT_SETTINGS,
        SETTINGS,
        "upsertTenantAgentSettings",
        "Create or update the tenant's AI sales-agent settings (fields absent are left unchanged)",
    )
    .roles(ADMIN),
];
