//! §23 Readiness reports (issue 9): plain declarations only.

use crate::route::Dir::Desc;
use crate::route::{Route, crud};
use crate::tables::READINESS_REPORTS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const REPORTS: &str = "/v1/tenants/{tenantId}/readiness-reports";

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::create(&READINESS_REPORTS, REPORTS, "createReadinessReport", "Store a readiness report"),
    // storage-api §23: the newest by created_at (the id breaks ties); 404 where the old
    // method answered undefined.
    crud::first(
        &READINESS_REPORTS,
        "/v1/tenants/{tenantId}/readiness-reports/latest",
        "getLatestReadinessReport",
        "The tenant's newest readiness report",
    )
    .order(&[("created_at", Desc)]),
];
