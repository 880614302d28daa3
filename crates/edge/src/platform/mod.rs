//! The Worker itself (wasm32 only): one platform binding per file, the request pipeline in
//! [`fetch`]. Everything these files decide is delegated to the plain-Rust modules of the crate
//! (and to salesgate-core), which are unit-tested natively.

pub mod body;
pub mod cache;
pub mod env;
pub mod fetch;
pub mod origin;
pub mod response;
