//! §29 Price snapshots and internal prices (issue 10). A snapshot with `tenant_id` NULL is a
//! global cache entry, written by the `service` identity (the price-lookup worker); a tenant
//! reads its own snapshots and the global ones, never another tenant's (the model's
//! `OptionalTenant { shared: true }`). Internal prices are the tenant's own price list.

use crate::route::Dir::{Asc, Desc};
use crate::route::Method::{Get, Post};
use crate::route::{
    AFTER, Body, Cmp, Filter, FilterValue, LIMIT, PLATFORM_OR_SERVICE, Param, ParamKind, Response, Route, SERVICE, crud,
};
use crate::tables::{INTERNAL_PRICES, PRICE_SNAPSHOTS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// createPriceSnapshot: a tenant's snapshot; searchKey defaults to oem.
    CreatePriceSnapshot,
    /// createGlobalPriceSnapshot: a global cache entry (tenant_id NULL); searchKey defaults to oem.
    CreateGlobalPriceSnapshot,
    /// getLatestPriceSnapshot: the newest fresh snapshot of an OEM the tenant reads.
    GetLatestPriceSnapshot,
    /// getGlobalPriceSnapshot: the newest fresh global snapshot of an OEM.
    GetGlobalPriceSnapshot,
    /// upsertInternalPrice: one `INSERT … ON CONFLICT` on (tenant, oem, condition, supplier).
    UpsertInternalPrice,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Prices(c)
}

const SNAPSHOTS: &str = "/v1/tenants/{tenantId}/price-snapshots";
const OEM: Param =
    Param { name: "oem", kind: ParamKind::Text { max: 200 }, required: true, doc: "The OEM number (or search key)" };
const OEM_FILTER: Param = Param { name: "oem", required: false, doc: "Only this OEM number", ..OEM };
const BY_OEM: &[Filter] = &[Filter { column: "oem", cmp: Cmp::Eq, value: FilterValue::Query("oem") }];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::custom(
        Post,
        &PRICE_SNAPSHOTS,
        SNAPSHOTS,
        "createPriceSnapshot",
        "Store a price snapshot of the tenant (searchKey defaults to oem)",
        op(Custom::CreatePriceSnapshot),
    )
    .body(Body::Insert(&PRICE_SNAPSHOTS))
    .response(Response::Row(&PRICE_SNAPSHOTS))
    .status(201),
    crud::custom(
        Post,
        &PRICE_SNAPSHOTS,
        "/v1/service/price-snapshots",
        "createGlobalPriceSnapshot",
        "Store a global price snapshot, shared by every tenant (searchKey defaults to oem)",
        op(Custom::CreateGlobalPriceSnapshot),
    )
    .platform(SERVICE)
    .body(Body::Insert(&PRICE_SNAPSHOTS))
    .response(Response::Row(&PRICE_SNAPSHOTS))
    .status(201),
    crud::custom(
        Get,
        &PRICE_SNAPSHOTS,
        "/v1/tenants/{tenantId}/price-snapshots/latest",
        "getLatestPriceSnapshot",
        "The newest fresh snapshot of an OEM, the tenant's or a global one",
        op(Custom::GetLatestPriceSnapshot),
    )
    .query(&[
        OEM,
        Param {
            name: "maxAgeDays",
            kind: ParamKind::Int { min: 0, max: 3650, default: Some(7) },
            required: false,
            doc: "Age limit of snapshots without expiresAt, in days (default 7)",
        },
    ])
    .response(Response::Row(&PRICE_SNAPSHOTS)),
    crud::custom(
        Get,
        &PRICE_SNAPSHOTS,
        "/v1/platform/price-snapshots/global",
        "getGlobalPriceSnapshot",
        "The newest fresh global snapshot of an OEM (at most 7 days old without expiresAt)",
        op(Custom::GetGlobalPriceSnapshot),
    )
    .platform(PLATFORM_OR_SERVICE)
    .query(&[OEM])
    .response(Response::Row(&PRICE_SNAPSHOTS)),
    // storage-api §29: ORDER BY created_at DESC, LIMIT 50 by default; the tenant's snapshots and
    // the global ones.
    crud::list(&PRICE_SNAPSHOTS, SNAPSHOTS, "getPriceSnapshotsByOem", "Snapshots of an OEM, newest first")
        .query(&[
            OEM_FILTER,
            Param {
                kind: ParamKind::Int { min: 1, max: 1000, default: Some(50) },
                doc: "Page size (1-1000, default 50)",
                ..LIMIT
            },
            AFTER,
        ])
        .filters(BY_OEM)
        .order(&[("created_at", Desc)]),
    // Custom: storage-api §29's upsert replaces price and currency (RUB when not given) of the
    // row of (tenant, oem, condition, supplier); a NULL condition or supplier never matches one.
    crud::custom(
        Post,
        &INTERNAL_PRICES,
        "/v1/tenants/{tenantId}/internal-prices",
        "upsertInternalPrice",
        "Set an internal price (per OEM, condition and supplier)",
        op(Custom::UpsertInternalPrice),
    )
    .body(Body::Insert(&INTERNAL_PRICES))
    .response(Response::Row(&INTERNAL_PRICES))
    .status(201),
    // storage-api §29: no order before; by OEM here.
    crud::list(
        &INTERNAL_PRICES,
        "/v1/tenants/{tenantId}/internal-prices",
        "getInternalPricesByOem",
        "Internal prices of an OEM",
    )
    .query(&[OEM_FILTER, LIMIT, AFTER])
    .filters(BY_OEM)
    .order(&[("oem", Asc)]),
];
