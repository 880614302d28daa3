//! §3–§6 Users, invites, e-mail tokens and password, account linking (issue 9).
//!
//! Logins, sign-ups and invite acceptance happen before a tenant is known, so the lookups (by
//! username, e-mail, OIDC id, token hash) and the login, password, verification and token
//! updates belong to the backend's `service` identity, under `/v1/service/…`. Users are
//! created on their tenant's path, by `service` only (team members join through invites;
//! hashing stays in the application). A tenant's owner and admin read the tenant's users,
//! create invites and read the pending invite of an e-mail. Password and token hashes are
//! `service`-read columns of the model: no other role sees them in any answer.
//!
//! E-mails are lower-cased on write and lookup, and trimmed on lookup; the `Email` rule refuses
//! surrounding spaces on write, so stored e-mails are trimmed.

use crate::enums::EMAIL_TOKEN_TYPES;
use crate::route::Dir::Asc;
use crate::route::Method::{Get, Post};
use crate::route::{ADMIN, Body, Cmp, Filter, FilterValue, Param, ParamKind, Response, Route, SERVICE, Schema, crud};
use crate::schema::Rule::{Len, OneOf, Range};
use crate::schema::SqlType::{Integer, Text};
use crate::schema::col;
use crate::shape::COUNT;
use crate::tables::{EMAIL_TOKENS, USER_INVITES, USERS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getUserByEmail: lower-cased and trimmed argument, compared with `lower(email)`.
    GetUserByEmail,
    /// createUser: the e-mail lower-cased, then the plain insert.
    CreateUser,
    /// updateUserLoginAttempts: one statement counts the failure and applies the lock policy.
    UpdateUserLoginAttempts,
    /// updateUserLoginSuccess: the counter, lock and last login in one statement.
    UpdateUserLoginSuccess,
    /// getPendingInviteForEmail: normalised e-mail, unused, newest first.
    GetPendingInviteForEmail,
    /// createUserInvite: the e-mail lower-cased, then the plain insert.
    CreateUserInvite,
    /// markUserInviteUsed: compare-and-set, so an invite is accepted once.
    MarkUserInviteUsed,
    /// markEmailTokenUsed: compare-and-set, so a token is consumed once.
    MarkEmailTokenUsed,
    /// invalidateUserTokens: every unused token of a type of the user, in one statement.
    InvalidateUserTokens,
    /// updateUserEmailVerified: `email_verified_at = now()`.
    UpdateUserEmailVerified,
    /// updateUserPassword: the new hash and `password_updated_at`.
    UpdateUserPassword,
    /// linkOidcToUser: the OIDC subject and `auth_provider = 'mixed'`.
    LinkOidcToUser,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Users(c)
}

const SERVICE_USER: &str = "/v1/service/users/{userId}";
const TENANT_USERS: &str = "/v1/tenants/{tenantId}/users";
const USER_KEY: &[(&str, &str)] = &[("userId", "id")];

/// A required text query parameter.
const fn required(name: &'static str, max: usize, doc: &'static str) -> Param {
    Param { name, kind: ParamKind::Text { max }, required: true, doc }
}

/// `column = ?name`.
const fn by(column: &'static str, param: &'static str) -> Filter {
    Filter { column, cmp: Cmp::Eq, value: FilterValue::Query(param) }
}

/// updateUserLoginAttempts' body: the lock policy, applied by the statement that counts the
/// failure (the old caller computed the count and the lock from a row it had read).
pub static LOGIN_FAILURE: Schema = Schema {
    name: "LoginFailure",
    doc: "A failed login: the counter goes up by one; when it reaches lockAfter, the user is locked for \
          lockSeconds from now",
    fields: &[
        col("lock_after", "lockAfter", Integer).not_null().rules(&[Range { min: 1.0, max: 1000.0 }]),
        col("lock_seconds", "lockSeconds", Integer).not_null().rules(&[Range { min: 1.0, max: 31.0 * 86400.0 }]),
    ],
};

/// updateUserPassword's body.
pub static NEW_PASSWORD: Schema = Schema {
    name: "NewPassword",
    doc: "The new password hash (hashed by the application)",
    fields: &[col("password", "passwordHash", Text).not_null().rules(&[Len { min: 1, max: 1024 }])],
};

/// linkOidcToUser's body.
pub static OIDC_LINK: Schema = Schema {
    name: "OidcLink",
    doc: "The OIDC subject to link; the user's authProvider becomes mixed",
    fields: &[col("oidc_id", "oidcId", Text).not_null().rules(&[Len { min: 1, max: 255 }])],
};

/// invalidateUserTokens' body.
pub static TOKEN_TYPE: Schema = Schema {
    name: "EmailTokenType",
    doc: "The type of the user's tokens to invalidate",
    fields: &[col("type", "type", Text).not_null().rules(&[OneOf(EMAIL_TOKEN_TYPES)])],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // ── §3 Users ──
    crud::get(&USERS, SERVICE_USER, "getUser", "Get a user by id, across tenants (service)")
        .binds(USER_KEY)
        .platform(SERVICE),
    // storage-api §3: exact, case-sensitive, on the unique username.
    crud::first(&USERS, "/v1/service/users/by-username", "getUserByUsername", "Find a user by username (service)")
        .platform(SERVICE)
        .query(&[required("username", 100, "The username, exact and case-sensitive")])
        .filters(&[by("username", "username")])
        .order(&[("created_at", Asc)]),
    crud::custom(
        Get,
        &USERS,
        "/v1/service/users/by-email",
        "getUserByEmail",
        "Find a user by e-mail, case-insensitive (service)",
        op(Custom::GetUserByEmail),
    )
    .platform(SERVICE)
    .query(&[required("email", 254, "The e-mail address (trimmed and lower-cased before the lookup)")])
    .response(Response::Row(&USERS)),
    // storage-api §3: `oidc_id = ?`, first match (no unique index): the oldest here.
    crud::first(&USERS, "/v1/service/users/by-oidc-id", "getUserByOidcId", "Find a user by OIDC subject (service)")
        .platform(SERVICE)
        .query(&[required("oidcId", 255, "The OIDC subject")])
        .filters(&[by("oidc_id", "oidcId")])
        .order(&[("created_at", Asc)]),
    crud::custom(
        Post,
        &USERS,
        TENANT_USERS,
        "createUser",
        "Create a user of the tenant with a password hash (service: sign-up, invite acceptance)",
        op(Custom::CreateUser),
    )
    .roles(SERVICE)
    .body(Body::Insert(&USERS))
    .response(Response::Row(&USERS))
    .status(201),
    // Custom: the database counts (two failures at once count twice) and applies the policy.
    crud::custom(
        Post,
        &USERS,
        "/v1/service/users/{userId}/login-failures",
        "updateUserLoginAttempts",
        "Count a failed login and lock the user when the policy says so (service)",
        op(Custom::UpdateUserLoginAttempts),
    )
    .platform(SERVICE)
    .binds(USER_KEY)
    .body(Body::Custom(&LOGIN_FAILURE))
    .response(Response::Row(&USERS)),
    crud::custom(
        Post,
        &USERS,
        "/v1/service/users/{userId}/login-success",
        "updateUserLoginSuccess",
        "Record a successful login: counter 0, unlocked, lastLoginAt now (service)",
        op(Custom::UpdateUserLoginSuccess),
    )
    .platform(SERVICE)
    .binds(USER_KEY)
    .status(204),
    // Tenant-scoped reads of the team for its owner and admin (not in the old interface).
    crud::list(&USERS, TENANT_USERS, "getUsersByTenant", "The tenant's users, oldest first (owner, admin)")
        .roles(ADMIN),
    crud::get(
        &USERS,
        "/v1/tenants/{tenantId}/users/{userId}",
        "getTenantUser",
        "Get a user of the tenant (owner, admin)",
    )
    .binds(USER_KEY)
    .roles(ADMIN),
    // ── §4 User invites ──
    crud::first(
        &USER_INVITES,
        "/v1/service/user-invites/by-token-hash",
        "getUserInviteByTokenHash",
        "Find an invite by the hash of its token (service)",
    )
    .platform(SERVICE)
    .query(&[required("tokenHash", 128, "SHA-256 hex of the invite token")])
    .filters(&[by("token_hash", "tokenHash")])
    .order(&[("created_at", Asc)]),
    crud::custom(
        Get,
        &USER_INVITES,
        "/v1/tenants/{tenantId}/user-invites/pending",
        "getPendingInviteForEmail",
        "The tenant's newest unused invite for an e-mail (expiry not checked)",
        op(Custom::GetPendingInviteForEmail),
    )
    .roles(ADMIN)
    .query(&[required("email", 254, "The e-mail address (trimmed and lower-cased before the lookup)")])
    .response(Response::Row(&USER_INVITES)),
    crud::custom(
        Post,
        &USER_INVITES,
        "/v1/tenants/{tenantId}/user-invites",
        "createUserInvite",
        "Invite a team member (owner, admin)",
        op(Custom::CreateUserInvite),
    )
    .roles(ADMIN)
    .body(Body::Insert(&USER_INVITES))
    .response(Response::Row(&USER_INVITES))
    .status(201),
    crud::custom(
        Post,
        &USER_INVITES,
        "/v1/tenants/{tenantId}/user-invites/{inviteId}/used",
        "markUserInviteUsed",
        "Mark an invite used, once: 409 when it already is (service, invite acceptance)",
        op(Custom::MarkUserInviteUsed),
    )
    .roles(SERVICE)
    .binds(&[("inviteId", "id")])
    .status(204),
    // ── §5 E-mail tokens & password ──
    crud::create(
        &EMAIL_TOKENS,
        "/v1/service/email-tokens",
        "createEmailToken",
        "Store an e-mail token's hash (service)",
    )
    .platform(SERVICE),
    crud::first(
        &EMAIL_TOKENS,
        "/v1/service/email-tokens/by-hash",
        "getEmailTokenByHash",
        "Find an e-mail token by its hash; the caller checks expiry and use (service)",
    )
    .platform(SERVICE)
    .query(&[required("tokenHash", 128, "The hash of the token")])
    .filters(&[by("token_hash", "tokenHash")])
    .order(&[("created_at", Asc)]),
    crud::custom(
        Post,
        &EMAIL_TOKENS,
        "/v1/service/email-tokens/{tokenId}/used",
        "markEmailTokenUsed",
        "Mark an e-mail token used, once: 409 when it already is (service)",
        op(Custom::MarkEmailTokenUsed),
    )
    .platform(SERVICE)
    .binds(&[("tokenId", "id")])
    .status(204),
    crud::custom(
        Post,
        &EMAIL_TOKENS,
        "/v1/service/users/{userId}/email-tokens/invalidate",
        "invalidateUserTokens",
        "Mark every unused token of a type of the user used; answers how many (service)",
        op(Custom::InvalidateUserTokens),
    )
    .platform(SERVICE)
    .binds(&[("userId", "user_id")])
    .body(Body::Custom(&TOKEN_TYPE))
    .response(Response::Shape(&COUNT)),
    crud::custom(
        Post,
        &USERS,
        "/v1/service/users/{userId}/email-verified",
        "updateUserEmailVerified",
        "Mark the user's e-mail verified now (service)",
        op(Custom::UpdateUserEmailVerified),
    )
    .platform(SERVICE)
    .binds(USER_KEY)
    .status(204),
    crud::custom(
        Post,
        &USERS,
        "/v1/service/users/{userId}/password",
        "updateUserPassword",
        "Set the user's password hash (service)",
        op(Custom::UpdateUserPassword),
    )
    .platform(SERVICE)
    .binds(USER_KEY)
    .body(Body::Custom(&NEW_PASSWORD))
    .status(204),
    // ── §6 Account linking ──
    crud::custom(
        Post,
        &USERS,
        "/v1/service/users/{userId}/oidc",
        "linkOidcToUser",
        "Link an OIDC subject to the user; authProvider becomes mixed (service)",
        op(Custom::LinkOidcToUser),
    )
    .platform(SERVICE)
    .binds(USER_KEY)
    .body(Body::Custom(&OIDC_LINK))
    .status(204),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Scope;

    /// The routes that work before a tenant is known are the `service` identity's alone.
    #[test]
    fn service_paths_are_for_the_service_role_only() {
        for r in ROUTES.iter().filter(|r| r.path.starts_with("/v1/service/")) {
            assert_eq!((r.scope, r.roles), (Scope::Platform, SERVICE), "{}", r.id);
        }
    }
}
