//! Proxies (storage-api appendix A, schema.md §11.2, issue 10): the platform's pool of outbound
//! proxies, assigned to channels. The pool is managed by platform staff; the backend
//! (`service`, the only role that reads proxy passwords) assigns and releases them for a
//! tenant's channel, and marks failed ones.

use crate::enums::{PROXY_PROTOCOLS, PROXY_STATUSES};
use crate::route::Dir::Asc;
use crate::route::Method::{Delete, Get, Post};
use crate::route::{
    AFTER, Body, Cmp, Filter, FilterValue, LIMIT, PLATFORM, PLATFORM_OR_SERVICE, Param, ParamKind, Response, Route,
    Schema, crud,
};
use crate::schema::Rule::{Len, OneOf};
use crate::schema::SqlType::Text;
use crate::schema::col;
use crate::shape::{Kind, Shape, field};
use crate::tables::PROXIES;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// assignProxy: picks an available proxy and assigns it in one compare-and-set statement.
    AssignProxy,
    /// releaseProxy: every proxy of the channel back to available.
    ReleaseProxy,
    /// markProxyFailed: status failed, the error, lastCheckedAt.
    MarkProxyFailed,
    /// getProxyStats: proxies per status.
    GetProxyStats,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Proxies(c)
}

const CHANNEL_PROXY: &str = "/v1/tenants/{tenantId}/channels/{channelId}/proxy";
const CHANNEL: &[(&str, &str)] = &[("channelId", "assigned_channel_id")];

/// assignProxy's body.
pub static PROXY_REQUEST: Schema = Schema {
    name: "ProxyRequest",
    doc: "What the proxy to assign must be: of this protocol, in this country (each optional)",
    fields: &[
        col("protocol", "protocol", Text).rules(&[OneOf(PROXY_PROTOCOLS)]),
        col("country", "country", Text).rules(&[Len { min: 1, max: 10 }]),
    ],
};

/// markProxyFailed's body.
pub static PROXY_FAILURE: Schema = Schema {
    name: "ProxyFailure",
    doc: "Why the proxy failed",
    fields: &[col("last_error_message", "error", Text).rules(&[Len { min: 0, max: 2000 }])],
};

/// getProxyStats' answer.
pub static PROXY_STATS: Shape = Shape {
    name: "ProxyStats",
    doc: "Proxies of the pool per status",
    fields: &[
        field("total", Kind::Int, "Every proxy"),
        field("available", Kind::Int, "Free to assign"),
        field("assigned", Kind::Int, "Assigned to a channel"),
        field("disabled", Kind::Int, "Taken out of the pool"),
        field("failed", Kind::Int, "Marked failed"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::create(&PROXIES, "/v1/platform/proxies", "createProxy", "Add a proxy to the pool").platform(PLATFORM),
    crud::list(&PROXIES, "/v1/platform/proxies", "getProxies", "The pool, oldest first")
        .platform(PLATFORM_OR_SERVICE)
        .query(&[
            Param { name: "status", kind: ParamKind::OneOf(PROXY_STATUSES), required: false, doc: "Only this status" },
            LIMIT,
            AFTER,
        ])
        .filters(&[Filter { column: "status", cmp: Cmp::Eq, value: FilterValue::Query("status") }])
        .order(&[("created_at", Asc)]),
    crud::custom(
        Get,
        &PROXIES,
        "/v1/platform/proxies/stats",
        "getProxyStats",
        "How many proxies are in each status",
        op(Custom::GetProxyStats),
    )
    .platform(PLATFORM_OR_SERVICE)
    .response(Response::Shape(&PROXY_STATS)),
    crud::custom(
        Post,
        &PROXIES,
        CHANNEL_PROXY,
        "assignProxy",
        "Assign an available proxy to the channel (404 when none is available)",
        op(Custom::AssignProxy),
    )
    .roles(PLATFORM_OR_SERVICE)
    .binds(CHANNEL)
    .body(Body::Custom(&PROXY_REQUEST))
    .response(Response::Row(&PROXIES)),
    crud::custom(
        Delete,
        &PROXIES,
        CHANNEL_PROXY,
        "releaseProxy",
        "Release the channel's proxies back to the pool",
        op(Custom::ReleaseProxy),
    )
    .roles(PLATFORM_OR_SERVICE)
    .binds(CHANNEL)
    .status(204),
    crud::custom(
        Post,
        &PROXIES,
        "/v1/platform/proxies/{proxyId}/failed",
        "markProxyFailed",
        "Mark a proxy failed, with the error",
        op(Custom::MarkProxyFailed),
    )
    .platform(PLATFORM_OR_SERVICE)
    .binds(&[("proxyId", "id")])
    .body(Body::Custom(&PROXY_FAILURE))
    .response(Response::Row(&PROXIES)),
];
