//! Feature flags (storage-api appendix A, schema.md §10.5): global rows (`tenant_id` NULL) and
//! per-tenant overrides. Values are set by platform staff only.

use crate::enums::FEATURE_FLAG_NAMES;
use crate::route::Dir::Asc;
use crate::route::Method::Get;
use crate::route::{Cmp, Filter, FilterValue, PLATFORM, ParamKind, Response, Route, crud};
use crate::shape::{Kind, Shape, field};
use crate::tables::FEATURE_FLAGS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getEffectiveFeatureFlags (W4): one row of arrays, merged over the defaults.
    GetEffectiveFeatureFlags,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::FeatureFlags(c)
}

const FLAG_KIND: &[(&str, ParamKind)] = &[("flagName", ParamKind::OneOf(FEATURE_FLAG_NAMES))];
const KEY: &[(&str, &str)] = &[("flagName", "name")];
const TENANT_FLAG: &str = "/v1/tenants/{tenantId}/feature-flags/{flagName}";
const GLOBAL_FLAG: &str = "/v1/platform/feature-flags/{flagName}";

/// getEffectiveFeatureFlags' answer (W4).
pub static EFFECTIVE_FEATURE_FLAGS: Shape = Shape {
    name: "EffectiveFeatureFlags",
    doc: "The effective value of every flag: the tenant's override, else the global value, else the built-in default",
    fields: &[field("flags", Kind::BoolMap, "Flag name → enabled, names sorted")],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // W4: hand-tuned SQL, one row of arrays.
    crud::custom(
        Get,
        &FEATURE_FLAGS,
        "/v1/tenants/{tenantId}/feature-flags",
        "getEffectiveFeatureFlags",
        "Effective flags: tenant override, else global value, else built-in default",
        op(Custom::GetEffectiveFeatureFlags),
    )
    .response(Response::Shape(&EFFECTIVE_FEATURE_FLAGS))
    .cache(30),
    crud::put(&FEATURE_FLAGS, TENANT_FLAG, "setTenantFeatureFlag", "Set a tenant override (platform roles)")
        .binds(KEY)
        .path_kinds(FLAG_KIND)
        .roles(PLATFORM),
    crud::delete(&FEATURE_FLAGS, TENANT_FLAG, "deleteTenantFeatureFlag", "Remove a tenant override (platform roles)")
        .binds(KEY)
        .path_kinds(FLAG_KIND)
        .roles(PLATFORM),
    crud::list(&FEATURE_FLAGS, "/v1/platform/feature-flags", "getGlobalFeatureFlags", "Global flag rows, by name")
        .platform(PLATFORM)
        .filters(&[Filter { column: "tenant_id", cmp: Cmp::Eq, value: FilterValue::Null }])
        .order(&[("name", Asc)]),
    crud::put(&FEATURE_FLAGS, GLOBAL_FLAG, "setGlobalFeatureFlag", "Set a global default (platform roles)")
        .binds(KEY)
        .path_kinds(FLAG_KIND)
        .platform(PLATFORM),
];
