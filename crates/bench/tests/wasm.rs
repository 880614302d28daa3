//! The same timing on wasm32 in Node (`wasm-bindgen-test-runner`), the engine family the
//! Worker runs on. Printed with `--nocapture`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds with sub-millisecond resolution in Node.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

#[wasm_bindgen_test]
fn gate_admit_w2_in_wasm() {
    let report = salesgate_bench::measure(salesgate_bench::ROUNDS, salesgate_bench::PER_ROUND, performance_now);
    console_log!("gate.admit(W2 inbound message), wasm32 in Node: {report}");
}
