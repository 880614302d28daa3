//! salesgate core.
pub mod enums;
pub mod migration;
pub mod schema;
pub mod tables;
