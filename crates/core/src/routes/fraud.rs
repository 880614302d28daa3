//! Fraud checks, fingerprints and flags (storage-api appendix A, schema.md §10.2–§10.3): trial
//! abuse is detected by the same channel identity (its SHA-256 fingerprint) connected by two
//! tenants. The detection itself runs in the backend (`service`); platform staff resolve flags.
//! The reuse check looks at other tenants' rows by design, so it is for those roles only.

use crate::enums::CHANNEL_FINGERPRINT_TYPES;
use crate::route::Dir::Desc;
use crate::route::Method::{Get, Post};
use crate::route::{Body, PLATFORM, PLATFORM_OR_SERVICE, Param, ParamKind, Response, Route, Schema, crud};
use crate::schema::Rule::{Len, OneOf};
use crate::schema::SqlType::Text;
use crate::schema::col;
use crate::shape::{Kind, Shape, field, optional};
use crate::tables::{CHANNEL_FINGERPRINTS, FRAUD_FLAGS, TENANTS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// checkChannelReuse: the same fingerprint and type registered by another tenant.
    CheckChannelReuse,
    /// registerChannelFingerprint: refresh `last_seen_at` or insert, under the tenant's lock.
    RegisterChannelFingerprint,
    /// restrictTenantForFraud: `tenants.status = 'restricted'`.
    RestrictTenantForFraud,
    /// resolveFraudFlag: `resolved_at`, `resolved_by` (the token's user), once.
    ResolveFraudFlag,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Fraud(c)
}

const FINGERPRINTS: &str = "/v1/tenants/{tenantId}/channel-fingerprints";
const FLAGS: &str = "/v1/tenants/{tenantId}/fraud-flags";

/// registerChannelFingerprint's body (and the reuse check's query).
pub static FINGERPRINT: Schema = Schema {
    name: "ChannelFingerprintRegistration",
    doc: "A connected channel identity: its type and the SHA-256 hex of its identifier",
    fields: &[
        col("channel_type", "channelType", Text).not_null().rules(&[OneOf(CHANNEL_FINGERPRINT_TYPES)]),
        col("fingerprint_hash", "fingerprintHash", Text).not_null().rules(&[Len { min: 64, max: 64 }]),
    ],
};

/// checkChannelReuse's answer.
pub static CHANNEL_REUSE: Shape = Shape {
    name: "ChannelReuse",
    doc: "Whether another tenant registered the same channel identity",
    fields: &[
        field("reused", Kind::Bool, "Another tenant has a fingerprint of the same type and hash"),
        optional("tenantId", Kind::Id, "The tenant that registered it first; absent when not reused"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::custom(
        Get,
        &CHANNEL_FINGERPRINTS,
        "/v1/tenants/{tenantId}/channel-fingerprints/reuse",
        "checkChannelReuse",
        "Whether another tenant registered this channel identity",
        op(Custom::CheckChannelReuse),
    )
    .roles(PLATFORM_OR_SERVICE)
    .query(&[
        Param {
            name: "channelType",
            kind: ParamKind::OneOf(CHANNEL_FINGERPRINT_TYPES),
            required: true,
            doc: "The channel type",
        },
        Param {
            name: "fingerprintHash",
            kind: ParamKind::Text { max: 64 },
            required: true,
            doc: "SHA-256 hex of the channel identifier",
        },
    ])
    .response(Response::Shape(&CHANNEL_REUSE)),
    crud::custom(
        Post,
        &CHANNEL_FINGERPRINTS,
        FINGERPRINTS,
        "registerChannelFingerprint",
        "Register a channel identity of the tenant (seen again: lastSeenAt refreshed)",
        op(Custom::RegisterChannelFingerprint),
    )
    .roles(PLATFORM_OR_SERVICE)
    .body(Body::Custom(&FINGERPRINT))
    .response(Response::Row(&CHANNEL_FINGERPRINTS)),
    crud::create(&FRAUD_FLAGS, FLAGS, "createFraudFlag", "Record a fraud detection").roles(PLATFORM_OR_SERVICE),
    crud::list(&FRAUD_FLAGS, FLAGS, "getFraudFlagsByTenant", "The tenant's fraud flags, newest first")
        .roles(PLATFORM_OR_SERVICE)
        .order(&[("created_at", Desc)]),
    crud::custom(
        Post,
        &TENANTS,
        "/v1/tenants/{tenantId}/fraud-restriction",
        "restrictTenantForFraud",
        "Restrict the tenant after a fraud detection",
        op(Custom::RestrictTenantForFraud),
    )
    .roles(PLATFORM_OR_SERVICE)
    .response(Response::Row(&TENANTS)),
    crud::custom(
        Post,
        &FRAUD_FLAGS,
        "/v1/tenants/{tenantId}/fraud-flags/{fraudFlagId}/resolve",
        "resolveFraudFlag",
        "Mark a fraud flag resolved by the calling platform user (409 when it already is)",
        op(Custom::ResolveFraudFlag),
    )
    .roles(PLATFORM)
    .binds(&[("fraudFlagId", "id")])
    .response(Response::Row(&FRAUD_FLAGS)),
];
