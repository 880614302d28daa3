//! Parsing of configuration values shared by the commands (and, through core, with the edge).

pub use salesgate_core::time::parse_duration;
