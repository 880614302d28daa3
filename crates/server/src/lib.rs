//! salesgate server: the native tier. It re-checks every request with salesgate-core's gate
//! ([`app`]), runs the storage operations over PostgreSQL ([`storage`], one module per domain),
//! applies and adopts migrations ([`migrate`], [`adopt`]), compares a live database with the
//! schema model ([`verify`]), manages a local PostgreSQL ([`cluster`], [`local`]), and is the
//! `salesgate` CLI. `testing` (behind the `testing` feature, off by default, so not in the
//! production binary) holds the throwaway PostgreSQL and HTTP helpers every test of the
//! workspace and the load benchmark use.
//!
//! The pure decisions are usable without a database, e.g. what `schema verify` reports for a
//! database holding nothing:
//!
//! ```
//! use salesgate_server::introspect::LiveSchema;
//! use salesgate_server::verify::{Drift, diff};
//!
//! let drifts = diff(salesgate_core::tables::TABLES, &LiveSchema::default());
//! assert_eq!(drifts.len(), 51);
//! assert!(matches!(&drifts[0], Drift::MissingTable { table } if table == "tenants"));
//! assert_eq!(drifts[0].to_string(), "table tenants: missing");
//! ```
pub mod adopt;
pub mod app;
pub mod balance;
pub mod cluster;
pub mod config;
pub mod db;
pub mod deadline;
pub mod dispatch;
pub mod errors;
pub mod http;
pub mod introspect;
pub mod local;
pub mod metrics;
pub mod migrate;
pub mod migrations;
pub mod pg;
pub mod serve;
pub mod statements;
pub mod storage;
#[cfg(feature = "testing")]
pub mod testing;
pub mod token_cache;
pub mod verify;
