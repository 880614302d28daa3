//! Binding: the Worker's `env` — `[vars]` and secrets — read into the isolate's cached
//! [`Config`] ([`ConfigCache`]: rebuilt only when a value changes).
//!
//! Per request this reads the [`NAMES`] as JS values (`Reflect.get` with property keys made
//! once per isolate) and compares them with the values the config was built from by `===`:
//! no value crosses into Rust as text unless the config must be rebuilt (measured in wasm under
//! Node: ~0.7 µs, against ~4 µs for reading them as Rust strings).
//!
//! Vars and secrets are both plain properties of `env`. A var in wrangler.toml may be a TOML
//! number (`ORIGIN_TIMEOUT_MS = 10000`), which arrives as a JS number, so values are read as any
//! JS primitive rather than through `Env::var` (strings only).

use crate::config::{self, Config, ConfigCache, NAMES};
use std::cell::RefCell;
use std::rc::Rc;
use worker::Env;
use worker::js_sys::Reflect;
use worker::wasm_bindgen::JsValue;

/// The env's values of [`NAMES`], in order (`undefined` for unset ones): the fingerprint.
type Values = [JsValue; NAMES.len()];

thread_local! {
    /// The isolate's configuration. An isolate runs one thread, and the borrow never spans an
    /// `await` (requests of one isolate interleave only there), so it is never contended.
    static CACHE: RefCell<ConfigCache<Values>> = RefCell::new(ConfigCache::new());
    /// [`NAMES`] as JS strings, made once rather than per request.
    static KEYS: [JsValue; NAMES.len()] = NAMES.map(JsValue::from_str);
}

/// The configuration, or why it is unusable (never containing a secret).
pub fn config(env: &Env) -> Result<Rc<Config>, String> {
    let values: Values =
        KEYS.with(|keys| keys.each_ref().map(|key| Reflect::get(env, key).unwrap_or(JsValue::UNDEFINED)));
    let lookup = |values: &Values, name: &str| text(&values[config::index(name)?]);
    CACHE.with(|cache| match cache.try_borrow_mut() {
        Ok(mut cache) => cache.get_with(values, lookup),
        // Unreachable (see CACHE); still no panic if it ever were: build without the cache.
        Err(_) => Config::from_lookup(|name| lookup(&values, name)).map(Rc::new),
    })
}

/// How many configs this isolate has built (the benchmark checks it built one).
pub fn builds() -> u64 {
    CACHE.with(|cache| cache.try_borrow().map_or(0, |c| c.builds()))
}

/// An env value as text: strings as they are, numbers and booleans printed, else unset.
fn text(value: &JsValue) -> Option<String> {
    if let Some(s) = value.as_string() {
        Some(s)
    } else if let Some(n) = value.as_f64() {
        // Integral numbers print without a fraction; others fail the integer parse, as they should.
        Some(if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() })
    } else {
        value.as_bool().map(|b| b.to_string())
    }
}
