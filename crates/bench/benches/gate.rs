//! `Gate::admit` of a W2 request, natively, with divan's statistics. `cargo make bench-core`
//! runs it beside the plain loop that is also run on wasm32 (for a like-for-like figure).
//! divan is native-only: on wasm32 (checked by `cargo make clippy-wasm`) this target is empty,
//! the wasm figure comes from `tests/wasm.rs`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod gate {
    use salesgate_bench::Workload;

    /// The steady state: the token was verified before and comes from the verifier's cache;
    /// routing and body parsing + validation are done in full.
    #[divan::bench]
    fn w2_cached_token(bencher: divan::Bencher) {
        let workload = Workload::w2();
        workload.admit();
        bencher.bench_local(|| workload.admit());
    }

    /// A token the verifier has not seen: HMAC-SHA256, base64url and the claims' JSON on top.
    #[divan::bench]
    fn w2_new_token(bencher: divan::Bencher) {
        bencher.with_inputs(Workload::w2).bench_local_refs(|workload| workload.admit());
    }
}
