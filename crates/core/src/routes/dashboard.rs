//! §21 Dashboard (issue 9): one custom read, answered in one statement (the old system ran four
//! queries in parallel).

use crate::route::Method::Get;
use crate::route::{Response, Route, crud};
use crate::shape::{Kind, Shape, field};
use crate::tables::CONVERSATIONS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getDashboardMetrics: the tenant's counts in one statement, and the old constant fields.
    GetDashboardMetrics,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Dashboard(c)
}

/// `resolvedToday` of getDashboardMetrics: a constant of the old system, never computed
/// (storage-api §21).
pub const RESOLVED_TODAY: i64 = 0;
/// `avgResponseTime` of getDashboardMetrics: a constant of the old system, never measured
/// (storage-api §21).
pub const AVG_RESPONSE_TIME: i64 = 12;
/// `aiAccuracy` of getDashboardMetrics: a constant of the old system, never computed
/// (storage-api §21).
pub const AI_ACCURACY: i64 = 0;

/// getDashboardMetrics' answer (`DashboardMetrics`, schema.md §12), members in the old order.
pub static DASHBOARD_METRICS: Shape = Shape {
    name: "DashboardMetrics",
    doc: "The tenant's dashboard counts. resolvedToday, avgResponseTime and aiAccuracy are constants the old system \
          answered (0, 12, 0), kept so clients read the same object; they are not computed",
    fields: &[
        field("totalConversations", Kind::Int, "All conversations of the tenant"),
        field("activeConversations", Kind::Int, "Conversations with status active"),
        field("escalatedConversations", Kind::Int, "Conversations with status escalated"),
        field("resolvedToday", Kind::Int, "Always 0 (a constant of the old system, not computed)"),
        field("avgResponseTime", Kind::Int, "Always 12 (a constant of the old system, not measured)"),
        field("aiAccuracy", Kind::Int, "Always 0 (a constant of the old system, not computed)"),
        field("pendingSuggestions", Kind::Int, "AI suggestions with status pending in the tenant's conversations"),
        field("productsCount", Kind::Int, "Products of the tenant"),
        field("knowledgeDocsCount", Kind::Int, "Knowledge docs of the tenant"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[crud::custom(
    Get,
    &CONVERSATIONS,
    "/v1/tenants/{tenantId}/dashboard",
    "getDashboardMetrics",
    "The tenant's dashboard counts, in one round trip",
    op(Custom::GetDashboardMetrics),
)
.response(Response::Shape(&DASHBOARD_METRICS))];
