//! Grants and admin actions (storage-api appendix A, schema.md §7.3, §10.1): free-access grants,
//! tenant restriction, user disabling and platform-admin promotion, by platform staff only.
//!
//! Every mutation writes its `admin_actions` row in the same transaction as the change: the
//! admin is the token's subject (`sub`, a user id), the previous state is read under the row's
//! lock, and a mutation that changes nothing (restricting a restricted tenant) is still
//! recorded, with `previousState` null and metadata `{idempotent, noOp, alreadyState}` as the
//! old service wrote it.

use crate::auth::Role;
use crate::route::Dir::Desc;
use crate::route::Method::Post;
use crate::route::{AFTER, Body, PLATFORM, Param, ParamKind, Response, Roles, Route, Schema, crud};
use crate::schema::Rule::Len;
use crate::schema::SqlType::Text;
use crate::schema::col;
use crate::tables::{SUBSCRIPTION_GRANTS, TENANTS, USERS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// createGrant: at most 365 days; the grant and its admin action in one transaction.
    CreateGrant,
    /// revokeGrant: under the grant's lock; a revoked grant is a recorded no-op.
    RevokeGrant,
    /// restrictTenant: `tenants.status = 'restricted'`, recorded.
    RestrictTenant,
    /// unrestrictTenant: `tenants.status = 'active'`, recorded.
    UnrestrictTenant,
    /// disableUser: `is_disabled`, `disabled_at`, `disabled_reason`, recorded.
    DisableUser,
    /// enableUser: clears them, recorded.
    EnableUser,
    /// promotePlatformAdmin: `is_platform_admin = true`, recorded.
    PromotePlatformAdmin,
    /// demotePlatformAdmin: `is_platform_admin = false`, recorded.
    DemotePlatformAdmin,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Admin(c)
}

/// Granting platform-admin rights is the platform owner's (`middleware/platform-owner.ts`):
/// a platform admin may not make or unmake other admins.
const PLATFORM_OWNER: Roles = Roles::of(&[Role::PlatformOwner]);

const GRANTS: &str = "/v1/tenants/{tenantId}/subscription-grants";
const USER_KEY: &[(&str, &str)] = &[("userId", "id")];

/// The body of every admin mutation: why (stored in the admin action).
pub static ADMIN_REASON: Schema = Schema {
    name: "AdminReason",
    doc: "Why the admin does it (recorded in the admin action)",
    fields: &[col("reason", "reason", Text).not_null().rules(&[Len { min: 1, max: 1000 }])],
};

/// storage-api appendix A: the admin routes list the last 50 grants.
const LAST_50: Param = Param {
    name: "limit",
    kind: ParamKind::Int { min: 1, max: 1000, default: Some(50) },
    required: false,
    doc: "Page size (1-1000, default 50)",
};

/// A recorded mutation of a tenant, answering the tenant.
const fn tenant_action(path: &'static str, id: &'static str, summary: &'static str, c: Custom) -> Route {
    crud::custom(Post, &TENANTS, path, id, summary, op(c))
        .roles(PLATFORM)
        .body(Body::Custom(&ADMIN_REASON))
        .response(Response::Row(&TENANTS))
}

/// A recorded mutation of a user (of any tenant, or platform staff), answering the user.
const fn user_action(path: &'static str, id: &'static str, summary: &'static str, c: Custom, roles: Roles) -> Route {
    crud::custom(Post, &USERS, path, id, summary, op(c))
        .platform(roles)
        .binds(USER_KEY)
        .body(Body::Custom(&ADMIN_REASON))
        .response(Response::Row(&USERS))
}

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api appendix A: the last 50 by created_at DESC (paged here, 50 by default).
    crud::list(&SUBSCRIPTION_GRANTS, GRANTS, "getGrantsByTenant", "The tenant's grants, newest first")
        .roles(PLATFORM)
        .query(&[LAST_50, AFTER])
        .order(&[("created_at", Desc)]),
    crud::custom(
        Post,
        &SUBSCRIPTION_GRANTS,
        GRANTS,
        "createGrant",
        "Grant the tenant free access for at most 365 days (recorded)",
        op(Custom::CreateGrant),
    )
    .roles(PLATFORM)
    .body(Body::Insert(&SUBSCRIPTION_GRANTS))
    .response(Response::Row(&SUBSCRIPTION_GRANTS))
    .status(201),
    crud::custom(
        Post,
        &SUBSCRIPTION_GRANTS,
        "/v1/tenants/{tenantId}/subscription-grants/{grantId}/revoke",
        "revokeGrant",
        "Revoke a grant (recorded; revoking a revoked grant changes nothing)",
        op(Custom::RevokeGrant),
    )
    .roles(PLATFORM)
    .binds(&[("grantId", "id")])
    .body(Body::Custom(&ADMIN_REASON))
    .response(Response::Row(&SUBSCRIPTION_GRANTS)),
    tenant_action(
        "/v1/tenants/{tenantId}/restrict",
        "restrictTenant",
        "Restrict the tenant (recorded)",
        Custom::RestrictTenant,
    ),
    tenant_action(
        "/v1/tenants/{tenantId}/unrestrict",
        "unrestrictTenant",
        "Lift the tenant's restriction (recorded)",
        Custom::UnrestrictTenant,
    ),
    user_action(
        "/v1/platform/users/{userId}/disable",
        "disableUser",
        "Disable a user's login (recorded)",
        Custom::DisableUser,
        PLATFORM,
    ),
    user_action(
        "/v1/platform/users/{userId}/enable",
        "enableUser",
        "Enable a disabled user (recorded)",
        Custom::EnableUser,
        PLATFORM,
    ),
    user_action(
        "/v1/platform/users/{userId}/promote",
        "promotePlatformAdmin",
        "Make a user a platform admin (platform owner; recorded)",
        Custom::PromotePlatformAdmin,
        PLATFORM_OWNER,
    ),
    user_action(
        "/v1/platform/users/{userId}/demote",
        "demotePlatformAdmin",
        "Take a user's platform-admin rights (platform owner; recorded)",
        Custom::DemotePlatformAdmin,
        PLATFORM_OWNER,
    ),
];
