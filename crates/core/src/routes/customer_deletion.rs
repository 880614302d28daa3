//! Customer data deletion (storage-api appendix A, issue 10): everything of one customer in the
//! tenant, in one transaction, answering how many rows it deleted per table. The old service
//! forgot `vehicle_lookup_cases`, `escalation_events` and `learning_queue`, so it failed on their
//! foreign keys whenever such rows existed; and it answered TENANT_MISMATCH where this is a 404.

use crate::route::Method::Delete;
use crate::route::{ADMIN, Response, Route, crud};
use crate::shape::{Field, Kind, Shape, field};
use crate::tables::CUSTOMERS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// deleteCustomerData: one transaction over every table holding the customer's data.
    DeleteCustomerData,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::CustomerDeletion(c)
}

const fn deleted(name: &'static str, doc: &'static str) -> Field {
    field(name, Kind::Int, doc)
}

/// deleteCustomerData's answer: rows deleted per table (camelCase table names), in the order the
/// transaction deletes them.
pub static CUSTOMER_DATA_DELETION: Shape = Shape {
    name: "CustomerDataDeletion",
    doc: "How many rows were deleted, per table",
    fields: &[
        deleted("humanActions", "Operator actions on the suggestions of the customer's conversations"),
        deleted("vehicleLookupCases", "VIN/FRAME lookups of its conversations"),
        deleted("escalationEvents", "Escalations of its conversations"),
        deleted("learningQueue", "Learning-queue entries of its conversations"),
        deleted("aiTrainingSamples", "Training samples of its conversations"),
        deleted("csatRatings", "CSAT ratings of its conversations"),
        deleted("conversions", "Conversions of its conversations"),
        deleted("lostDeals", "Lost deals of its conversations"),
        deleted("aiSuggestions", "AI suggestions of its conversations"),
        deleted("messages", "Messages of its conversations"),
        deleted("conversations", "Its conversations"),
        deleted("customerMemory", "Its AI memory"),
        deleted("customerNotes", "Its notes"),
        deleted("customers", "The customer itself (1)"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[crud::custom(
    Delete,
    &CUSTOMERS,
    "/v1/tenants/{tenantId}/customers/{customerId}",
    "deleteCustomerData",
    "Delete a customer and all its data (conversations, messages, notes, memory, …) in one transaction",
    op(Custom::DeleteCustomerData),
)
.binds(&[("customerId", "id")])
.roles(ADMIN)
.response(Response::Shape(&CUSTOMER_DATA_DELETION))];
