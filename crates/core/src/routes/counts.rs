//! §25 Metrics counts (issue 9): plain counts of the tenant's rows. The old
//! getCustomerNotesCount joined customers to find the tenant; notes carry their own NOT NULL
//! `tenant_id` (their owner in the model), which the count filters on directly.

use crate::route::{Route, crud};
use crate::tables::{CUSTOMER_MEMORY, CUSTOMER_NOTES, CUSTOMERS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::count(&CUSTOMERS, "/v1/tenants/{tenantId}/customers/count", "getCustomersCount", "How many customers"),
    crud::count(
        &CUSTOMER_NOTES,
        "/v1/tenants/{tenantId}/customer-notes/count",
        "getCustomerNotesCount",
        "How many notes the tenant's customers have",
    ),
    crud::count(
        &CUSTOMER_MEMORY,
        "/v1/tenants/{tenantId}/customer-memory/count",
        "getCustomerMemoryCount",
        "How many customers have an AI memory row",
    ),
];
