//! MAX Personal accounts (storage-api appendix A, schema.md §9.2): GREEN-API instances of a
//! tenant, managed by platform staff and used by the backend (`service`) to authenticate the
//! messenger's webhooks and to send. The GREEN-API call that validates an instance stays in the
//! application; its API token is a `service`-read column, so only the backend reads it back.
//!
//! Accounts are named by their public `accountId` (the webhook URL's), not the row id.

use crate::route::Dir::Asc;
use crate::route::Method::{Delete, Get, Patch, Post};
use crate::route::{Body, Cmp, Filter, FilterValue, PLATFORM_OR_SERVICE, Response, Route, Schema, crud};
use crate::schema::Rule::Len;
use crate::schema::SqlType::Text;
use crate::schema::col;
use crate::tables::MAX_PERSONAL_ACCOUNTS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// createMaxPersonalAccount: at most 5 per tenant, counted under the tenant's lock.
    CreateMaxPersonalAccount,
    /// getMaxPersonalAccountByAccountId: by (tenant, account id), the webhook's check.
    GetMaxPersonalAccountByAccountId,
    /// updateMaxPersonalAccountLabel: the label only.
    UpdateMaxPersonalAccountLabel,
    /// deleteMaxPersonalAccount: by (tenant, account id).
    DeleteMaxPersonalAccount,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::MaxPersonal(c)
}

const ACCOUNTS: &str = "/v1/tenants/{tenantId}/max-personal-accounts";
const ACCOUNT: &str = "/v1/tenants/{tenantId}/max-personal-accounts/{accountId}";
const KEY: &[(&str, &str)] = &[("accountId", "account_id")];

/// The most accounts a tenant may have (schema.md §9.2).
pub const MAX_ACCOUNTS_PER_TENANT: i64 = 5;

/// updateMaxPersonalAccountLabel's body.
pub static ACCOUNT_LABEL: Schema = Schema {
    name: "MaxPersonalAccountLabel",
    doc: "The account's admin label (null clears it)",
    fields: &[col("label", "label", Text).rules(&[Len { min: 0, max: 200 }])],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api appendix A: `WHERE tenant_id = ? ORDER BY created_at`.
    crud::list(
        &MAX_PERSONAL_ACCOUNTS,
        ACCOUNTS,
        "getMaxPersonalAccountsByTenant",
        "The tenant's MAX Personal accounts",
    )
    .roles(PLATFORM_OR_SERVICE),
    crud::custom(
        Post,
        &MAX_PERSONAL_ACCOUNTS,
        ACCOUNTS,
        "createMaxPersonalAccount",
        "Add a validated GREEN-API instance (at most 5 per tenant, one row per idInstance); status authorized",
        op(Custom::CreateMaxPersonalAccount),
    )
    .roles(PLATFORM_OR_SERVICE)
    .body(Body::Insert(&MAX_PERSONAL_ACCOUNTS))
    .response(Response::Row(&MAX_PERSONAL_ACCOUNTS))
    .status(201),
    // storage-api appendix A: sending uses the first authorized account (no order: the oldest).
    crud::first(
        &MAX_PERSONAL_ACCOUNTS,
        "/v1/tenants/{tenantId}/max-personal-accounts/authorized",
        "getAuthorizedMaxPersonalAccount",
        "The tenant's oldest authorized account (the one messages are sent through)",
    )
    .roles(PLATFORM_OR_SERVICE)
    .filters(&[Filter { column: "status", cmp: Cmp::Eq, value: FilterValue::Text("authorized") }])
    .order(&[("created_at", Asc)]),
    crud::custom(
        Get,
        &MAX_PERSONAL_ACCOUNTS,
        ACCOUNT,
        "getMaxPersonalAccountByAccountId",
        "An account by its public id (the webhook URL's), 404 when the tenant has none",
        op(Custom::GetMaxPersonalAccountByAccountId),
    )
    .roles(PLATFORM_OR_SERVICE)
    .binds(KEY)
    .response(Response::Row(&MAX_PERSONAL_ACCOUNTS)),
    crud::custom(
        Patch,
        &MAX_PERSONAL_ACCOUNTS,
        ACCOUNT,
        "updateMaxPersonalAccountLabel",
        "Change an account's label",
        op(Custom::UpdateMaxPersonalAccountLabel),
    )
    .roles(PLATFORM_OR_SERVICE)
    .binds(KEY)
    .body(Body::Custom(&ACCOUNT_LABEL))
    .response(Response::Row(&MAX_PERSONAL_ACCOUNTS)),
    crud::custom(
        Delete,
        &MAX_PERSONAL_ACCOUNTS,
        ACCOUNT,
        "deleteMaxPersonalAccount",
        "Remove an account",
        op(Custom::DeleteMaxPersonalAccount),
    )
    .roles(PLATFORM_OR_SERVICE)
    .binds(KEY)
    .status(204),
];
