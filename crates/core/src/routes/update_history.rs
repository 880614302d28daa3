//! §27 Update history (issue 10): the uploaded system-update packages, a global table of the
//! platform (no tenant). Read and written by platform staff and by the backend (`service`),
//! which applies the updates.

use crate::enums::UPDATE_STATUSES;
use crate::route::Dir::Desc;
use crate::route::Method::{Get, Put};
use crate::route::{Body, PLATFORM_OR_SERVICE, Response, Route, Schema, crud};
use crate::schema::Rule::{Len, OneOf};
use crate::schema::SqlType::Text;
use crate::schema::col;
use crate::shape::{Kind, Shape, field};
use crate::tables::UPDATE_HISTORY;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// updateUpdateStatus: the status, `applied_at` when it becomes applied, the error if given.
    UpdateUpdateStatus,
    /// setUpdateBackupPath: the backup path (a server-owned column).
    SetUpdateBackupPath,
    /// getCurrentVersion: the version of the newest applied update, else "1.0.0".
    GetCurrentVersion,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::UpdateHistory(c)
}

const UPDATES: &str = "/v1/platform/update-history";
const UPDATE: &str = "/v1/platform/update-history/{updateId}";
const KEY: &[(&str, &str)] = &[("updateId", "id")];

/// updateUpdateStatus' body.
pub static UPDATE_STATUS: Schema = Schema {
    name: "UpdateStatusChange",
    doc: "The new status of an update, and the error of a failed one",
    fields: &[
        col("status", "status", Text).not_null().rules(&[OneOf(UPDATE_STATUSES)]),
        // Optional and not nullable: an absent errorMessage leaves the stored one.
        col("error_message", "errorMessage", Text)
            .not_null()
            .default("unchanged")
            .rules(&[Len { min: 0, max: 10_000 }]),
    ],
};

/// setUpdateBackupPath's body.
pub static BACKUP_PATH: Schema = Schema {
    name: "UpdateBackupPath",
    doc: "Where the backup taken before applying the update is",
    fields: &[col("backup_path", "backupPath", Text).not_null().rules(&[Len { min: 1, max: 1000 }])],
};

/// getCurrentVersion's answer.
pub static CURRENT_VERSION: Shape = Shape {
    name: "CurrentVersion",
    doc: "The version the system runs",
    fields: &[field(
        "version",
        Kind::Text,
        "The version of the newest applied update, \"1.0.0\" when none was applied",
    )],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §27: ORDER BY created_at DESC (unbounded before; paged here).
    crud::list(&UPDATE_HISTORY, UPDATES, "getUpdateHistory", "Uploaded updates, newest first")
        .platform(PLATFORM_OR_SERVICE)
        .order(&[("created_at", Desc)]),
    crud::get(&UPDATE_HISTORY, UPDATE, "getUpdateById", "Get an update").platform(PLATFORM_OR_SERVICE).binds(KEY),
    crud::create(&UPDATE_HISTORY, UPDATES, "createUpdate", "Record an uploaded update").platform(PLATFORM_OR_SERVICE),
    crud::custom(
        Put,
        &UPDATE_HISTORY,
        "/v1/platform/update-history/{updateId}/status",
        "updateUpdateStatus",
        "Set an update's status (appliedAt is set when it becomes applied)",
        op(Custom::UpdateUpdateStatus),
    )
    .platform(PLATFORM_OR_SERVICE)
    .binds(KEY)
    .body(Body::Custom(&UPDATE_STATUS))
    .response(Response::Row(&UPDATE_HISTORY)),
    crud::custom(
        Put,
        &UPDATE_HISTORY,
        "/v1/platform/update-history/{updateId}/backup-path",
        "setUpdateBackupPath",
        "Record where an update's backup is",
        op(Custom::SetUpdateBackupPath),
    )
    .platform(PLATFORM_OR_SERVICE)
    .binds(KEY)
    .body(Body::Custom(&BACKUP_PATH))
    .response(Response::Row(&UPDATE_HISTORY)),
    crud::custom(
        Get,
        &UPDATE_HISTORY,
        "/v1/platform/current-version",
        "getCurrentVersion",
        "The version of the newest applied update",
        op(Custom::GetCurrentVersion),
    )
    .platform(PLATFORM_OR_SERVICE)
    .response(Response::Shape(&CURRENT_VERSION)),
];
