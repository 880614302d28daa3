//! Integration secrets (storage-api appendix A, schema.md §10.4, issue 10): API keys of the
//! platform (scope `global`) or of one tenant (scope `tenant`), managed by platform staff and
//! resolved, decrypted, by the `service` identity only. A secret is named by its scope, tenant
//! and key name: at most one of them is active (the partial unique index), so create, rotate
//! and revoke address it that way. Answers never hold the value or its encryption (`Never`
//! read columns); each change writes its `admin_actions` row in the same transaction.

use crate::enums::SECRET_SCOPES;
use crate::route::Dir::Desc;
use crate::route::Method::{Get, Post};
use crate::route::{
    AFTER, Body, Cmp, Filter, FilterValue, LIMIT, PLATFORM, Param, ParamKind, Response, Route, SERVICE, Schema, crud,
};
use crate::schema::Rule::{KeyName, Len, OneOf};
use crate::schema::SqlType::{Text, Varchar};
use crate::schema::{Column, col};
use crate::shape::{Kind, Shape, columns, field};
use crate::tables::INTEGRATION_SECRETS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// createIntegrationSecret: encrypt, insert, record the admin action (409 when one is active).
    CreateIntegrationSecret,
    /// rotateIntegrationSecret: a new value for the active secret, recorded.
    RotateIntegrationSecret,
    /// revokeIntegrationSecret: revoke the active secret (a no-op when already revoked), recorded.
    RevokeIntegrationSecret,
    /// resolveIntegrationSecret: the decrypted value of the tenant's secret, else the global one.
    ResolveIntegrationSecret,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Secrets(c)
}

const SECRETS: &str = "/v1/platform/integration-secrets";

const SCOPE: Column = col("scope", "scope", Text).not_null().rules(&[OneOf(SECRET_SCOPES)]);
/// Given for scope `tenant` only.
const TENANT: Column = col("tenant_id", "tenantId", Varchar).references("tenants", "id");
const KEY_NAME: Column = col("key_name", "keyName", Text).not_null().rules(&[KeyName]);
const VALUE: Column = col("value", "value", Text).not_null().rules(&[Len { min: 1, max: 10_000 }]);
const REASON: Column = col("reason", "reason", Text).not_null().rules(&[Len { min: 1, max: 1000 }]);

/// createIntegrationSecret's body.
pub static SECRET_CREATE: Schema = Schema {
    name: "IntegrationSecretCreate",
    doc: "A new secret: its scope (tenantId for scope tenant only), key name and value, and the reason recorded \
          with the admin action",
    fields: &[SCOPE, TENANT, KEY_NAME, VALUE, REASON],
};

/// rotateIntegrationSecret's body.
pub static SECRET_ROTATION: Schema = Schema {
    name: "IntegrationSecretRotation",
    doc: "The active secret of a scope, tenant and key name, its new value, and the reason",
    fields: &[SCOPE, TENANT, KEY_NAME, VALUE, REASON],
};

/// revokeIntegrationSecret's body.
pub static SECRET_REVOCATION: Schema = Schema {
    name: "IntegrationSecretRevocation",
    doc: "The active secret of a scope, tenant and key name to revoke, and the reason",
    fields: &[SCOPE, TENANT, KEY_NAME, REASON],
};

/// resolveIntegrationSecret's answer.
pub static RESOLVED_SECRET: Shape = Shape {
    name: "ResolvedIntegrationSecret",
    doc: "The secret in effect (the tenant's, else the global one) and its decrypted value",
    fields: &[columns(&INTEGRATION_SECRETS), field("value", Kind::Text, "The decrypted value")],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::list(&INTEGRATION_SECRETS, SECRETS, "listIntegrationSecrets", "Secrets (metadata only), newest first")
        .platform(PLATFORM)
        .query(&[
            Param { name: "scope", kind: ParamKind::OneOf(SECRET_SCOPES), required: false, doc: "Only this scope" },
            Param { name: "tenantId", kind: ParamKind::Id, required: false, doc: "Only this tenant's secrets" },
            Param { name: "keyName", kind: ParamKind::Text { max: 64 }, required: false, doc: "Only this key name" },
            LIMIT,
            AFTER,
        ])
        .filters(&[
            Filter { column: "scope", cmp: Cmp::Eq, value: FilterValue::Query("scope") },
            Filter { column: "tenant_id", cmp: Cmp::Eq, value: FilterValue::Query("tenantId") },
            Filter { column: "key_name", cmp: Cmp::Eq, value: FilterValue::Query("keyName") },
        ])
        .order(&[("created_at", Desc)]),
    crud::custom(
        Post,
        &INTEGRATION_SECRETS,
        SECRETS,
        "createIntegrationSecret",
        "Store a secret, encrypted (409 while one of its scope, tenant and key is active)",
        op(Custom::CreateIntegrationSecret),
    )
    .platform(PLATFORM)
    .body(Body::Custom(&SECRET_CREATE))
    .response(Response::Row(&INTEGRATION_SECRETS))
    .status(201),
    crud::custom(
        Post,
        &INTEGRATION_SECRETS,
        "/v1/platform/integration-secrets/rotate",
        "rotateIntegrationSecret",
        "Give the active secret of a scope, tenant and key a new value",
        op(Custom::RotateIntegrationSecret),
    )
    .platform(PLATFORM)
    .body(Body::Custom(&SECRET_ROTATION))
    .response(Response::Row(&INTEGRATION_SECRETS)),
    crud::custom(
        Post,
        &INTEGRATION_SECRETS,
        "/v1/platform/integration-secrets/revoke",
        "revokeIntegrationSecret",
        "Revoke the active secret of a scope, tenant and key (recorded as a no-op when it is revoked already)",
        op(Custom::RevokeIntegrationSecret),
    )
    .platform(PLATFORM)
    .body(Body::Custom(&SECRET_REVOCATION))
    .response(Response::Row(&INTEGRATION_SECRETS)),
    crud::custom(
        Get,
        &INTEGRATION_SECRETS,
        "/v1/service/integration-secrets/resolve",
        "resolveIntegrationSecret",
        "The decrypted value of a key: the tenant's active secret, else the global one (service)",
        op(Custom::ResolveIntegrationSecret),
    )
    .platform(SERVICE)
    .query(&[
        Param { name: "keyName", kind: ParamKind::Text { max: 64 }, required: true, doc: "The key name" },
        Param {
            name: "tenantId",
            kind: ParamKind::Id,
            required: false,
            doc: "The tenant whose secret is preferred; without it, the global secret",
        },
    ])
    .response(Response::Shape(&RESOLVED_SECRET)),
];
