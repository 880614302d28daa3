//! §28 Vehicle lookup cache and cases (issue 10). The cache of VIN/FRAME decodings is global
//! (shared by every tenant) and written by the lookup workers through the cross-tenant roles;
//! a lookup case belongs to a tenant's conversation and is scoped by the path's tenant.

use crate::enums::{VEHICLE_LOOKUP_CASE_STATUSES, VEHICLE_LOOKUP_VERIFICATION_STATUSES};
use crate::route::Dir::{Asc, Desc};
use crate::route::Method::{Get, Patch, Post, Put};
use crate::route::{
    Body, Cmp, Filter, FilterValue, PLATFORM_OR_SERVICE, Param, ParamKind, Response, Route, Schema, crud,
};
use crate::schema::Rule::OneOf;
use crate::schema::SqlType::{Text, Varchar};
use crate::schema::col;
use crate::tables::{VEHICLE_LOOKUP_CACHE, VEHICLE_LOOKUP_CASES};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// upsertVehicleLookupCache: insert or replace the entry of a lookup key, one statement.
    UpsertVehicleLookupCache,
    /// linkCaseToCache: a case's cacheId (and updatedAt).
    LinkCaseToCache,
    /// findActiveVehicleLookupCase: the dedup window of pending/running cases.
    FindActiveVehicleLookupCase,
    /// updateVehicleLookupCaseStatus: only the status fields given, and updatedAt.
    UpdateVehicleLookupCaseStatus,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::VehicleLookup(c)
}

const CACHE: &str = "/v1/platform/vehicle-lookup-cache";
const CASES: &str = "/v1/tenants/{tenantId}/vehicle-lookup-cases";
const CASE: &str = "/v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}";
const CASE_KEY: &[(&str, &str)] = &[("caseId", "id")];
const CONVERSATION: &[(&str, &str)] = &[("conversationId", "conversation_id")];

/// updateVehicleLookupCaseStatus' body: the keys given are set, the others left.
pub static CASE_STATUS: Schema = Schema {
    name: "VehicleLookupCaseStatusUpdate",
    doc: "The state of a lookup case: only the fields given change (null clears error and cacheId)",
    fields: &[
        // Optional, never null: `default` makes a NOT NULL field optional in a body.
        col("status", "status", Text).not_null().default("unchanged").rules(&[OneOf(VEHICLE_LOOKUP_CASE_STATUSES)]),
        col("verification_status", "verificationStatus", Text)
            .not_null()
            .default("unchanged")
            .rules(&[OneOf(VEHICLE_LOOKUP_VERIFICATION_STATUSES)]),
        col("error", "error", Text).rules(&[crate::schema::Rule::Len { min: 0, max: 10_000 }]),
        col("cache_id", "cacheId", Varchar).references("vehicle_lookup_cache", "id"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // ── the global cache ──
    crud::first(
        &VEHICLE_LOOKUP_CACHE,
        "/v1/platform/vehicle-lookup-cache/by-key",
        "getVehicleLookupCacheByKey",
        "The cache entry of a lookup key",
    )
    .platform(PLATFORM_OR_SERVICE)
    .query(&[Param { name: "lookupKey", kind: ParamKind::Text { max: 300 }, required: true, doc: "The lookup key" }])
    .filters(&[Filter { column: "lookup_key", cmp: Cmp::Eq, value: FilterValue::Query("lookupKey") }])
    .order(&[("created_at", Asc)]),
    // Custom: storage-api §28 replaces every field of an existing entry, expiresAt with NULL when
    // not given (a plain put would leave absent fields).
    crud::custom(
        Post,
        &VEHICLE_LOOKUP_CACHE,
        CACHE,
        "upsertVehicleLookupCache",
        "Store the cache entry of a lookup key, replacing an existing one",
        op(Custom::UpsertVehicleLookupCache),
    )
    .platform(PLATFORM_OR_SERVICE)
    .body(Body::Insert(&VEHICLE_LOOKUP_CACHE))
    .response(Response::Row(&VEHICLE_LOOKUP_CACHE))
    .status(201),
    // ── a tenant's cases ──
    crud::create(&VEHICLE_LOOKUP_CASES, CASES, "createVehicleLookupCase", "Open a lookup case"),
    crud::get(&VEHICLE_LOOKUP_CASES, CASE, "getVehicleLookupCaseById", "Get a lookup case").binds(CASE_KEY),
    // storage-api §28: newest by created_at.
    crud::first(
        &VEHICLE_LOOKUP_CASES,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/vehicle-lookup-cases/latest",
        "getLatestVehicleLookupCaseByConversation",
        "A conversation's newest lookup case",
    )
    .binds(CONVERSATION)
    .order(&[("created_at", Desc)]),
    crud::custom(
        Get,
        &VEHICLE_LOOKUP_CASES,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/vehicle-lookup-cases/active",
        "findActiveVehicleLookupCase",
        "The newest pending or running case of a conversation for a value, opened in the last 5 minutes",
        op(Custom::FindActiveVehicleLookupCase),
    )
    .binds(CONVERSATION)
    .query(&[Param {
        name: "normalizedValue",
        kind: ParamKind::Text { max: 100 },
        required: true,
        doc: "The normalized VIN or FRAME",
    }])
    .response(Response::Row(&VEHICLE_LOOKUP_CASES)),
    crud::custom(
        Put,
        &VEHICLE_LOOKUP_CASES,
        "/v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}/cache/{cacheId}",
        "linkCaseToCache",
        "Link a lookup case to its cache entry",
        op(Custom::LinkCaseToCache),
    )
    .binds(&[("caseId", "id"), ("cacheId", "cache_id")])
    .status(204),
    crud::custom(
        Patch,
        &VEHICLE_LOOKUP_CASES,
        "/v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}/status",
        "updateVehicleLookupCaseStatus",
        "Change a lookup case's status, verification status, error or cache entry",
        op(Custom::UpdateVehicleLookupCaseStatus),
    )
    .binds(CASE_KEY)
    .body(Body::Custom(&CASE_STATUS))
    .response(Response::Row(&VEHICLE_LOOKUP_CASES)),
];
