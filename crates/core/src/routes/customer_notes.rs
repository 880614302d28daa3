//! §8 Customer notes: four plain declarations, nothing else (the design note's sketch). The
//! customer of the path must be the tenant's, and a note's `authorUserId` a user of the tenant:
//! both follow from the model's owners.

use crate::route::Dir::Desc;
use crate::route::{Route, crud};
use crate::tables::CUSTOMER_NOTES;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const NOTES: &str = "/v1/tenants/{tenantId}/customers/{customerId}/notes";
const NOTE: &str = "/v1/tenants/{tenantId}/customer-notes/{noteId}";
const CUSTOMER: &[(&str, &str)] = &[("customerId", "customer_id")];
const KEY: &[(&str, &str)] = &[("noteId", "id")];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §8: ORDER BY created_at DESC.
    crud::list(&CUSTOMER_NOTES, NOTES, "getCustomerNotes", "A customer's notes, newest first")
        .binds(CUSTOMER)
        .order(&[("created_at", Desc)]),
    crud::create(&CUSTOMER_NOTES, NOTES, "createCustomerNote", "Add a note to a customer").binds(CUSTOMER),
    crud::get(&CUSTOMER_NOTES, NOTE, "getCustomerNote", "Get a note").binds(KEY),
    crud::delete(&CUSTOMER_NOTES, NOTE, "deleteCustomerNote", "Delete a note").binds(KEY),
];
