//! salesgate edge: a Cloudflare Worker in front of `salesgate serve`.
//!
//! It runs salesgate-core's gate — routing, JWT auth, tenant scope and role, query and body
//! validation — on every request, answers every bad request itself with exactly the origin's
//! status, headers and bytes, forwards good ones to the origin (`ORIGIN_URL`), caches the
//! routes the route table marks cacheable, and answers CORS preflights.
//!
//! The decisions live in plain Rust modules that build and are tested on every target
//! (`cargo test -p salesgate-edge`); the Worker bindings are in [`platform`], compiled for
//! `wasm32` only, so native builds of the workspace never compile the `worker` crate.
//! Build the Worker with `cargo make edge-build` (worker-build, offline), run it with
//! `wrangler dev` (see wrangler.toml).

pub mod cache_key;
pub mod config;
pub mod cors;
pub mod errors;
pub mod forward;
pub mod request_id;

#[cfg(target_arch = "wasm32")]
pub mod platform;
