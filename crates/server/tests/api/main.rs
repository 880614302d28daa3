//! The HTTP API tests, one binary (one link, one PostgreSQL cluster) with a module per domain of
//! storage-api.md, plus the contract test over every route of the table. A real server on a
//! loopback port, a real database per test; every answer received is checked against the
//! OpenAPI schema of its route (see `common::Api::call`).

#[path = "../common/mod.rs"]
mod common;

mod channels;
mod contract;
mod conversations;
mod customer_notes;
mod customers;
mod feature_flags;
mod gate;
mod inbound;
mod messages;
mod operations;
mod tenants;
