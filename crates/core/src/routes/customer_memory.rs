//! §9 Customer memory (issue 9): one row per (tenant, customer), the unique index
//! `customer_memory_tenant_customer_idx`. The read is plain; the three writes are custom because
//! each is a merge the old system did read-modify-write (losing concurrent increments): here
//! each is one `INSERT … ON CONFLICT … DO UPDATE`, creating the row when missing.

use crate::route::Method::{Patch, Post, Put};
use crate::route::{Body, Response, Route, Schema, crud};
use crate::schema::JsonShape::Object;
use crate::schema::Rule::{Json, Len};
use crate::schema::SqlType::{Jsonb, Text};
use crate::schema::col;
use crate::tables::CUSTOMER_MEMORY;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// upsertCustomerMemory: each given field replaces the stored one, `null` keeps it.
    UpsertCustomerMemory,
    /// incrementFrequentTopic: `frequentTopics[intent] += 1` in the statement.
    IncrementFrequentTopic,
    /// updateCustomerPreferences: a shallow merge into `preferences` in the statement.
    UpdateCustomerPreferences,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::CustomerMemory(c)
}

const MEMORY: &str = "/v1/tenants/{tenantId}/customers/{customerId}/memory";
const CUSTOMER: &[(&str, &str)] = &[("customerId", "customer_id")];

/// incrementFrequentTopic's body.
pub static TOPIC_INCREMENT: Schema = Schema {
    name: "FrequentTopicIncrement",
    doc: "The intent whose counter in frequentTopics goes up by one",
    fields: &[col("intent", "intent", Text).not_null().rules(&[Len { min: 1, max: 100 }])],
};

/// updateCustomerPreferences' body.
pub static PREFERENCES: Schema = Schema {
    name: "CustomerPreferencesUpdate",
    doc: "Preferences merged into the stored ones: each key given replaces that key, the others stay",
    fields: &[col("preferences", "preferences", Jsonb).not_null().rules(&[Json(Object)])],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §9: by (tenant, customer); 404 when the customer has no memory yet.
    crud::get(&CUSTOMER_MEMORY, MEMORY, "getCustomerMemory", "A customer's AI memory").binds(CUSTOMER),
    crud::custom(
        Put,
        &CUSTOMER_MEMORY,
        MEMORY,
        "upsertCustomerMemory",
        "Create or update a customer's AI memory (a field absent or null keeps its stored value)",
        op(Custom::UpsertCustomerMemory),
    )
    .binds(CUSTOMER)
    .body(Body::Insert(&CUSTOMER_MEMORY))
    .response(Response::Row(&CUSTOMER_MEMORY)),
    crud::custom(
        Post,
        &CUSTOMER_MEMORY,
        "/v1/tenants/{tenantId}/customers/{customerId}/memory/frequent-topics",
        "incrementFrequentTopic",
        "Count one more occurrence of an intent in a customer's frequent topics",
        op(Custom::IncrementFrequentTopic),
    )
    .binds(CUSTOMER)
    .body(Body::Custom(&TOPIC_INCREMENT))
    .response(Response::Row(&CUSTOMER_MEMORY)),
    crud::custom(
        Patch,
        &CUSTOMER_MEMORY,
        "/v1/tenants/{tenantId}/customers/{customerId}/memory/preferences",
        "updateCustomerPreferences",
        "Merge preferences into a customer's AI memory (shallow: top-level keys)",
        op(Custom::UpdateCustomerPreferences),
    )
    .binds(CUSTOMER)
    .body(Body::Custom(&PREFERENCES))
    .response(Response::Row(&CUSTOMER_MEMORY)),
];
