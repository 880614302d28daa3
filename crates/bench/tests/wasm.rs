//! The same timing on wasm32 in Node (`wasm-bindgen-test-runner`), the engine family the
//! Worker runs on, with the env a JS object read by the Worker's own binding
//! (`salesgate_edge::platform::env::config`: `Reflect.get` of each name, compared with the
//! values of the isolate's `thread_local` cached config). Printed with `--nocapture`.
#![cfg(target_arch = "wasm32")]

use salesgate_edge::config::Config;
use salesgate_edge::platform::env;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};
use worker::js_sys::{Object, Reflect};

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds with sub-millisecond resolution in Node.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

#[wasm_bindgen_test]
fn edge_path_in_wasm() {
    let object = Object::new();
    for (name, value) in salesgate_bench::ENV {
        Reflect::set(&object, &name.into(), &value.into()).expect("set an env property");
    }
    let worker_env: worker::Env = object.unchecked_into();
    let bench_env = salesgate_bench::Env {
        cached: || env::config(&worker_env).expect("the bench env is valid"),
        // The binding before D8: every value read as a Rust string, a config built from them.
        fresh: || {
            let value = |name: &str| Reflect::get(&worker_env, &name.into()).ok().and_then(|v| v.as_string());
            Config::from_lookup(value).expect("the bench env is valid")
        },
        builds: env::builds,
    };
    for line in salesgate_bench::run("wasm32 in Node", performance_now, bench_env) {
        console_log!("{line}");
    }
}
