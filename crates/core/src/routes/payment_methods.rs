//! §32 Payment methods (issue 10): plain declarations, and the reordering, custom because it
//! writes many rows in one transaction and must refuse ids that are not the tenant's.

use crate::route::Dir::Asc;
use crate::route::Method::Post;
use crate::route::{Body, Cmp, Filter, FilterValue, Route, Schema, crud};
use crate::schema::SqlType::{Integer, Varchar};
use crate::schema::col;
use crate::tables::PAYMENT_METHODS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// reorderPaymentMethods: sets the `order` of every listed method, all or none.
    ReorderPaymentMethods,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::PaymentMethods(c)
}

const METHODS: &str = "/v1/tenants/{tenantId}/payment-methods";
const METHOD: &str = "/v1/tenants/{tenantId}/payment-methods/{paymentMethodId}";
const KEY: &[(&str, &str)] = &[("paymentMethodId", "id")];
/// storage-api §32: ORDER BY "order", created_at (the id ends it).
const BY_ORDER: &[(&str, crate::route::Dir)] = &[("order", Asc), ("created_at", Asc)];

/// One item of reorderPaymentMethods' array body.
pub static PAYMENT_METHOD_ORDER: Schema = Schema {
    name: "PaymentMethodOrder",
    doc: "The new position of one payment method of the tenant",
    fields: &[
        col("id", "id", Varchar).not_null().references("payment_methods", "id"),
        col("order", "order", Integer).not_null(),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::list(&PAYMENT_METHODS, METHODS, "getPaymentMethodsByTenant", "The tenant's payment methods, by order")
        .order(BY_ORDER),
    crud::list(
        &PAYMENT_METHODS,
        "/v1/tenants/{tenantId}/payment-methods/active",
        "getActivePaymentMethods",
        "The tenant's active payment methods, by order",
    )
    .filters(&[Filter { column: "is_active", cmp: Cmp::Eq, value: FilterValue::Text("true") }])
    .order(BY_ORDER),
    crud::get(&PAYMENT_METHODS, METHOD, "getPaymentMethod", "Get a payment method").binds(KEY),
    crud::create(&PAYMENT_METHODS, METHODS, "createPaymentMethod", "Add a payment method"),
    crud::patch(&PAYMENT_METHODS, METHOD, "updatePaymentMethod", "Update a payment method").binds(KEY),
    crud::delete(&PAYMENT_METHODS, METHOD, "deletePaymentMethod", "Delete a payment method").binds(KEY),
    // Issue 10: an array body, one transaction; an id that is not the tenant's is a 404 and
    // nothing changes (the old loop skipped it silently and kept the updates before it).
    crud::custom(
        Post,
        &PAYMENT_METHODS,
        "/v1/tenants/{tenantId}/payment-methods/reorder",
        "reorderPaymentMethods",
        "Set the order of the listed payment methods, all or none (an array of {id, order})",
        op(Custom::ReorderPaymentMethods),
    )
    .body(Body::Array(&PAYMENT_METHOD_ORDER))
    .status(204),
];
