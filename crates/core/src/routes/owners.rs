//! Owners of rows (issue 11): the tenant a row of a tenant-owned table belongs to, for the
//! backend's `service` identity only. The old storage trusted its callers: `getCustomer(id)`,
//! `updateMessage(id, …)` or `deleteProduct(id)` took no tenant, and workers and admin code call
//! them with none at hand. Here every such call is a tenant route, so a trusted backend that
//! has only a row id first asks whose row it is — the old trust model, kept in one place and
//! for one identity, instead of unscoped variants of every by-id operation.
//!
//! The table is a query value from a fixed list ([`OWNED_TABLES`]: every table whose rows
//! belong to exactly one tenant, directly or through their parents, keyed by `id`), so the SQL
//! names only tables of the model; the row id is a bound parameter.

use crate::route::Method::Get;
use crate::route::{Param, ParamKind, Response, Route, SERVICE, crud};
use crate::shape::{Kind, Shape, field};
use crate::tables::TENANTS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getRowOwner: the tenant of a row of a tenant-owned table.
    GetRowOwner,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Owners(c)
}

/// The tables whose rows getRowOwner resolves: tenant-owned (a NOT NULL `tenant_id`, or a
/// NOT NULL reference to such a row, transitively), with an `id` key. Tables whose rows may
/// be global (users, price snapshots, feature flags…) and per-tenant singletons keyed by
/// `tenant_id` are not in it; a test keeps the list in step with the model.
pub const OWNED_TABLES: &[&str] = &[
    "user_invites",
    "channels",
    "customers",
    "customer_notes",
    "customer_memory",
    "conversations",
    "messages",
    "escalation_events",
    "ai_suggestions",
    "human_actions",
    "ai_training_samples",
    "learning_queue",
    "response_templates",
    "products",
    "knowledge_docs",
    "knowledge_doc_chunks",
    "rag_documents",
    "rag_chunks",
    "readiness_reports",
    "csat_ratings",
    "conversions",
    "lost_deals",
    "subscriptions",
    "subscription_grants",
    "vehicle_lookup_cases",
    "internal_prices",
    "message_templates",
    "payment_methods",
    "tenant_agent_settings",
    "telegram_sessions",
    "max_personal_accounts",
    "channel_fingerprints",
    "fraud_flags",
];

/// getRowOwner's answer.
pub static ROW_OWNER: Shape = Shape {
    name: "RowOwner",
    doc: "The tenant a row belongs to",
    fields: &[field("tenantId", Kind::Id, "The tenant of the row")],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[crud::custom(
    Get,
    &TENANTS,
    "/v1/service/owners",
    "getRowOwner",
    "The tenant a row of a tenant-owned table belongs to: the old trust model, for trusted backends (service)",
    op(Custom::GetRowOwner),
)
.platform(SERVICE)
.query(&[
    Param {
        name: "table",
        kind: ParamKind::OneOf(OWNED_TABLES),
        required: true,
        doc: "The table of the row (a tenant-owned table of the model)",
    },
    Param { name: "id", kind: ParamKind::Id, required: true, doc: "The row's id" },
])
.response(Response::Shape(&ROW_OWNER))];

#[cfg(test)]
mod tests {
    use super::OWNED_TABLES;
    use crate::schema::{Owner, Table};
    use crate::tables::TABLES;

    /// Whether every row of `table` belongs to exactly one tenant.
    fn tenant_owned(table: &Table) -> bool {
        match table.owner {
            Owner::Tenant => true,
            Owner::Via { parent, .. } => tenant_owned(parent),
            _ => false,
        }
    }

    #[test]
    fn the_owned_tables_are_every_tenant_owned_table_keyed_by_id() {
        let expected: Vec<&str> = TABLES
            .iter()
            .filter(|t| tenant_owned(t) && t.primary_key().map(|c| c.name).eq(["id"]))
            .map(|t| t.name)
            .collect();
        assert_eq!(OWNED_TABLES, expected.as_slice());
    }
}
