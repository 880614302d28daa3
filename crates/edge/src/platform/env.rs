//! Binding: the Worker's `env` — `[vars]` and secrets — read into the isolate's cached
//! [`Config`] ([`ConfigCache`]: rebuilt only when a value changes).
//!
//! Vars and secrets are both plain properties of `env`. A var in wrangler.toml may be a TOML
//! number (`ORIGIN_TIMEOUT_MS = 10000`), which arrives as a JS number, so values are read as any
//! JS primitive rather than through `Env::var` (strings only).

use crate::config::{Config, ConfigCache};
use std::cell::RefCell;
use std::rc::Rc;
use worker::Env;
use worker::js_sys::Reflect;
use worker::wasm_bindgen::JsValue;

thread_local! {
    /// The isolate's configuration. An isolate runs one thread, and the borrow never spans an
    /// `await` (requests of one isolate interleave only there), so it is never contended.
    static CACHE: RefCell<ConfigCache> = RefCell::new(ConfigCache::new());
}

/// The configuration, or why it is unusable (never containing a secret).
pub fn config(env: &Env) -> Result<Rc<Config>, String> {
    CACHE.with(|cache| match cache.try_borrow_mut() {
        Ok(mut cache) => cache.get(|name| value(env.as_ref(), name)),
        // Unreachable (see CACHE); still no panic if it ever were: build without the cache.
        Err(_) => Config::from_lookup(|name| value(env.as_ref(), name)).map(Rc::new),
    })
}

/// The value of `name` in `env` as text: strings as they are, numbers and booleans printed.
fn value(env: &JsValue, name: &str) -> Option<String> {
    let value = Reflect::get(env, &JsValue::from_str(name)).ok()?;
    if let Some(s) = value.as_string() {
        Some(s)
    } else if let Some(n) = value.as_f64() {
        // Integral numbers print without a fraction; others fail the integer parse, as they should.
        Some(if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() })
    } else {
        value.as_bool().map(|b| b.to_string())
    }
}
