//! Binding: the Worker's `env` — `[vars]` and secrets — read into [`Config`].
//!
//! Vars and secrets are both plain properties of `env`. A var in wrangler.toml may be a TOML
//! number (`ORIGIN_TIMEOUT_MS = 10000`), which arrives as a JS number, so values are read as any
//! JS primitive rather than through `Env::var` (strings only).

use crate::config::Config;
use worker::Env;
use worker::js_sys::Reflect;
use worker::wasm_bindgen::JsValue;

/// The configuration, or why it is unusable (never containing a secret).
pub fn config(env: &Env) -> Result<Config, String> {
    Config::from_lookup(|name| {
        let value = Reflect::get(env.as_ref(), &JsValue::from_str(name)).ok()?;
        if let Some(s) = value.as_string() {
            Some(s)
        } else if let Some(n) = value.as_f64() {
            // Integral numbers print without a fraction; others fail the integer parse, as they should.
            Some(if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() })
        } else {
            value.as_bool().map(|b| b.to_string())
        }
    })
}
