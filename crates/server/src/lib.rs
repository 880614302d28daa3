//! salesgate server: the native tier. It re-checks every request with salesgate-core's gate,
//! runs the storage operations over PostgreSQL, runs migrations, and is the `salesgate` CLI.
pub mod adopt;
pub mod app;
pub mod cluster;
pub mod config;
pub mod db;
pub mod dispatch;
pub mod errors;
pub mod http;
pub mod introspect;
pub mod local;
pub mod metrics;
pub mod migrate;
pub mod migrations;
pub mod pool;
pub mod serve;
pub mod statements;
pub mod storage;
pub mod testing;
pub mod verify;
