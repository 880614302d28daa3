//! The edge's per-request path natively, with divan's statistics. `cargo make bench-core` runs
//! it beside the plain loop that is also run on wasm32 (for a like-for-like figure).
//! divan is native-only: on wasm32 (checked by `cargo make clippy-wasm`) this target is empty,
//! the wasm figures come from `tests/wasm.rs`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod edge {
    use salesgate_bench::{Workload, fresh_config, lookup};
    use salesgate_edge::config::ConfigCache;

    /// What the Worker does per request: the isolate's config from its cache (env values read
    /// and fingerprinted), then the gate: route, the token verified in full, scope and role,
    /// body parsed and validated.
    #[divan::bench]
    fn w2_edge_path(bencher: divan::Bencher) {
        let workload = Workload::w2();
        let mut cache = ConfigCache::new();
        bencher.bench_local(|| workload.admit(&cache.get(lookup).expect("config")));
        assert_eq!(cache.builds(), 1);
    }

    /// Only the cached config: reading and fingerprinting the env.
    #[divan::bench]
    fn cached_config(bencher: divan::Bencher) {
        let mut cache = ConfigCache::new();
        bencher.bench_local(|| cache.get(lookup).expect("config"));
    }

    /// Only the token: HMAC-SHA256 with the prepared key, base64url and the claims' JSON.
    #[divan::bench]
    fn token_verification(bencher: divan::Bencher) {
        let (workload, config) = (Workload::w2(), fresh_config());
        bencher.bench_local(|| workload.verify(&config));
    }

    /// What the Worker did before it kept its config: keys parsed and prepared per request.
    #[divan::bench]
    fn w2_config_built_per_request(bencher: divan::Bencher) {
        let workload = Workload::w2();
        bencher.bench_local(|| workload.admit(&fresh_config()));
    }
}
