//! Sessions of the backend's session store (storage-api appendix A, issue 10): the table of
//! connect-pg-simple (`sid`, `sess`, `expire`), for the `service` identity only. `sess` holds
//! the session's user, tenant and CSRF data: a `service`-read column of the model.
//!
//! The five calls of a connect-pg-simple store: get (unexpired only), set (upsert with its
//! expiry), touch (a new expiry), destroy, and the prune of expired rows.

use crate::route::Method::{Delete, Get};
use crate::route::{Response, Route, SERVICE, crud};
use crate::shape::COUNT;
use crate::tables::SESSIONS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getSession: the session unless it has expired.
    GetSession,
    /// pruneExpiredSessions: deletes the expired rows, answers how many.
    PruneExpiredSessions,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Sessions(c)
}

const SESSION: &str = "/v1/service/sessions/{sessionId}";
const KEY: &[(&str, &str)] = &[("sessionId", "sid")];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // Custom: connect-pg-simple reads `WHERE sid = $1 AND expire >= now`; an expired row is 404.
    crud::custom(Get, &SESSIONS, SESSION, "getSession", "A session unless it has expired", op(Custom::GetSession))
        .platform(SERVICE)
        .binds(KEY)
        .response(Response::Row(&SESSIONS)),
    crud::put(&SESSIONS, SESSION, "setSession", "Store a session with its expiry (insert or replace)")
        .platform(SERVICE)
        .binds(KEY),
    crud::patch(&SESSIONS, SESSION, "touchSession", "Give a session a new expiry (and optionally new data)")
        .platform(SERVICE)
        .binds(KEY),
    crud::delete(&SESSIONS, SESSION, "destroySession", "Delete a session").platform(SERVICE).binds(KEY),
    crud::custom(
        Delete,
        &SESSIONS,
        "/v1/service/expired-sessions",
        "pruneExpiredSessions",
        "Delete every expired session; answers how many",
        op(Custom::PruneExpiredSessions),
    )
    .platform(SERVICE)
    .response(Response::Shape(&COUNT)),
];
