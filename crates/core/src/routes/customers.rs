//! §7 Customers.

use crate::enums::CHANNEL_TYPES;
use crate::route::Method::Get;
use crate::route::{AFTER, LIMIT, Param, ParamKind, Response, Route, Search, crud};
use crate::tables::CUSTOMERS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// getCustomerByExternalId (W1): hand-tuned lookup on the unique key.
    GetCustomerByExternalId,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Customers(c)
}

const CUSTOMERS_PATH: &str = "/v1/tenants/{tenantId}/customers";
const CUSTOMER: &str = "/v1/tenants/{tenantId}/customers/{customerId}";
const KEY: &[(&str, &str)] = &[("customerId", "id")];
const Q: Param = Param {
    name: "q",
    kind: ParamKind::Text { max: 200 },
    required: false,
    doc: "Search name, phone, e-mail and external id (case-insensitive substring; % and _ match themselves)",
};

/// storage-api §7: name, phone, e-mail or external id contains `q`.
const SEARCH: Search = Search { param: "q", columns: &["name", "phone", "email", "external_id"] };

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §7: getCustomersByTenant; its `q` (kept for existing clients) searches as searchCustomers does.
    crud::list(&CUSTOMERS, CUSTOMERS_PATH, "getCustomersByTenant", "The tenant's customers, oldest first")
        .query(&[Q, LIMIT, AFTER])
        .search(SEARCH),
    // storage-api §7: its own route, `q` required; the same literal search as the list's `q`.
    crud::list(
        &CUSTOMERS,
        "/v1/tenants/{tenantId}/customers/search",
        "searchCustomers",
        "Search the tenant's customers",
    )
    .query(&[Param { required: true, ..Q }, LIMIT, AFTER])
    .search(SEARCH),
    // W1, the hottest read: hand-tuned SQL on the (tenant, channel, external id) unique key.
    crud::custom(
        Get,
        &CUSTOMERS,
        "/v1/tenants/{tenantId}/customers/lookup",
        "getCustomerByExternalId",
        "Find a customer by channel and external id",
        op(Custom::GetCustomerByExternalId),
    )
    .query(&[
        Param { name: "channel", kind: ParamKind::OneOf(CHANNEL_TYPES), required: true, doc: "Channel type" },
        Param {
            name: "externalId",
            kind: ParamKind::Text { max: 256 },
            required: true,
            doc: "The customer's id on that channel",
        },
    ])
    .response(Response::Row(&CUSTOMERS)),
    crud::get(&CUSTOMERS, CUSTOMER, "getCustomer", "Get a customer").binds(KEY),
    crud::create(&CUSTOMERS, CUSTOMERS_PATH, "createCustomer", "Create a customer"),
    crud::patch(&CUSTOMERS, CUSTOMER, "updateCustomer", "Update a customer (name, email, phone, tags)").binds(KEY),
];
