//! §30 Telegram accounts (issue 10), table `telegram_sessions`. The session string is stored in
//! the old at-rest format (AES-256-GCM under `INTEGRATION_SECRETS_MASTER_KEY`, schema.md §9.1)
//! and answered decrypted — to `service` only, the one role that reads the column; every other
//! role gets the rows without it. Reads and writes that touch it are custom for the encryption;
//! the delete is plain.

use crate::route::Method::{Get, Patch, Post};
use crate::route::{ADMIN, AFTER, Body, LIMIT, PLATFORM_OR_SERVICE, Response, Route, crud};
use crate::tables::TELEGRAM_SESSIONS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getTelegramAccountsByTenant: newest first, session strings decrypted.
    GetTelegramAccountsByTenant,
    /// getTelegramAccountById: session string decrypted.
    GetTelegramAccountById,
    /// getActiveTelegramAccounts: active and enabled accounts of every tenant, decrypted.
    GetActiveTelegramAccounts,
    /// createTelegramAccount: a non-empty session string encrypted before the insert.
    CreateTelegramAccount,
    /// updateTelegramAccount: a non-empty session string re-encrypted; updatedAt.
    UpdateTelegramAccount,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Telegram(c)
}

const ACCOUNTS: &str = "/v1/tenants/{tenantId}/telegram-accounts";
const ACCOUNT: &str = "/v1/tenants/{tenantId}/telegram-accounts/{accountId}";
const KEY: &[(&str, &str)] = &[("accountId", "id")];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §30: ORDER BY created_at DESC (unbounded before; paged here).
    crud::custom(
        Get,
        &TELEGRAM_SESSIONS,
        ACCOUNTS,
        "getTelegramAccountsByTenant",
        "The tenant's Telegram accounts, newest first",
        op(Custom::GetTelegramAccountsByTenant),
    )
    .query(&[LIMIT, AFTER])
    .response(Response::Rows(&TELEGRAM_SESSIONS)),
    crud::custom(
        Get,
        &TELEGRAM_SESSIONS,
        ACCOUNT,
        "getTelegramAccountById",
        "Get a Telegram account",
        op(Custom::GetTelegramAccountById),
    )
    .binds(KEY)
    .response(Response::Row(&TELEGRAM_SESSIONS)),
    crud::custom(
        Get,
        &TELEGRAM_SESSIONS,
        "/v1/platform/telegram-accounts/active",
        "getActiveTelegramAccounts",
        "Active, enabled Telegram accounts of every tenant, oldest first",
        op(Custom::GetActiveTelegramAccounts),
    )
    .platform(PLATFORM_OR_SERVICE)
    .query(&[LIMIT, AFTER])
    .response(Response::Rows(&TELEGRAM_SESSIONS)),
    crud::custom(
        Post,
        &TELEGRAM_SESSIONS,
        ACCOUNTS,
        "createTelegramAccount",
        "Add a Telegram account (its session string is stored encrypted)",
        op(Custom::CreateTelegramAccount),
    )
    .roles(ADMIN)
    .body(Body::Insert(&TELEGRAM_SESSIONS))
    .response(Response::Row(&TELEGRAM_SESSIONS))
    .status(201),
    crud::custom(
        Patch,
        &TELEGRAM_SESSIONS,
        ACCOUNT,
        "updateTelegramAccount",
        "Change a Telegram account (a new session string is stored encrypted)",
        op(Custom::UpdateTelegramAccount),
    )
    .binds(KEY)
    .roles(ADMIN)
    .body(Body::Patch(&TELEGRAM_SESSIONS))
    .response(Response::Row(&TELEGRAM_SESSIONS)),
    crud::delete(&TELEGRAM_SESSIONS, ACCOUNT, "deleteTelegramAccount", "Delete a Telegram account")
        .binds(KEY)
        .roles(ADMIN),
];
