//! The HTTP API tests, one binary (one link, one PostgreSQL cluster) with a module per domain of
//! storage-api.md, plus the contract test over every route of the table. A real server on a
//! loopback port, a real database per test; every answer received is checked against the
//! OpenAPI schema of its route (see `common::Api::call`).

#[path = "../common/mod.rs"]
mod common;

mod admin;
mod agent_settings;
mod audit;
mod billing;
mod channels;
mod contract;
mod conversations;
mod counts;
mod customer_deletion;
mod customer_memory;
mod customer_notes;
mod customers;
mod dashboard;
mod escalations;
mod feature_flags;
mod fraud;
mod gate;
mod inbound;
mod knowledge;
mod learning;
mod max_personal;
mod message_templates;
mod messages;
mod operations;
mod outcomes;
mod owners;
mod payment_methods;
mod prices;
mod products;
mod proxies;
mod rag;
mod readiness;
mod response_templates;
mod secrets;
mod sessions;
mod settings;
mod suggestions;
mod telegram;
mod tenants;
mod training;
mod update_history;
mod users;
mod vehicle_lookup;
