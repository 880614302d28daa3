//! §1 Tenants. A tenant route's tenant is the path's (checked against the token by the gate);
//! creating tenants and reading the default one cross tenants.

use crate::route::Dir::Asc;
use crate::route::Method::Get;
use crate::route::{ADMIN, PLATFORM_OR_SERVICE, Response, Route, crud};
use crate::shape::{Kind, Shape, field};
use crate::tables::TENANTS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getTenantTemplates: overrides merged over the built-in texts.
    GetTenantTemplates,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Tenants(c)
}

const TENANT: &str = "/v1/tenants/{tenantId}";
const KEY: &[(&str, &str)] = &[("tenantId", "id")];

/// getTenantTemplates' answer: each text is the tenant's override or the built-in default.
pub static TENANT_TEMPLATES: Shape = Shape {
    name: "TenantTemplates",
    doc: "Reply texts of the gearbox lookup: the tenant's override when non-empty, else the built-in default",
    fields: &[
        field("gearboxLookupFound", Kind::Text, "Gearbox found by VIN ({{model}}, {{oem}}, {{source}})"),
        field("gearboxLookupModelOnly", Kind::Text, "Only the gearbox model is known"),
        field("gearboxTagRequest", Kind::Text, "Asks for a photo of the gearbox tag"),
        field("gearboxLookupFallback", Kind::Text, "The lookup failed; a manager will answer"),
        field("gearboxNoVin", Kind::Text, "Asks for the VIN or frame number"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::create(&TENANTS, "/v1/tenants", "createTenant", "Create a tenant (platform roles, service)")
        .platform(PLATFORM_OR_SERVICE),
    // storage-api §1: the old getDefaultTenant took the first row in no order; the oldest here.
    crud::first(
        &TENANTS,
        "/v1/platform/default-tenant",
        "getDefaultTenant",
        "The oldest tenant (the old single-store default)",
    )
    .platform(PLATFORM_OR_SERVICE)
    .order(&[("created_at", Asc)]),
    crud::get(&TENANTS, TENANT, "getTenant", "Get the tenant").binds(KEY),
    crud::patch(&TENANTS, TENANT, "updateTenant", "Update the tenant's settings").binds(KEY).roles(ADMIN),
    crud::custom(
        Get,
        &TENANTS,
        "/v1/tenants/{tenantId}/templates",
        "getTenantTemplates",
        "Reply texts: overrides or built-in defaults",
        op(Custom::GetTenantTemplates),
    )
    .binds(KEY)
    .response(Response::Shape(&TENANT_TEMPLATES)),
];
