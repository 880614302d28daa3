//! The Worker's configuration: Worker vars (`[vars]` in wrangler.toml, or `--var` locally) and
//! one Worker secret.
//!
//! Parsed from a lookup function rather than from `worker::Env` so it is plain Rust, tested
//! natively. An isolate keeps its [`Config`] in a [`ConfigCache`] between requests: building one
//! parses the keys and prepares their HMAC state, work that a config rebuilt per request would
//! throw away each time. Each request still reads the values and compares their fingerprint, so
//! a changed env (new secret, new var) takes effect on the next request.
//!
//! | name | kind | default | meaning |
//! |---|---|---|---|
//! | `ORIGIN_URL` | var | — (required) | base URL of `salesgate serve`, e.g. `https://origin.example` |
//! | `SALESGATE_JWT_SECRETS` | secret | — (required) | the server's format: one secret, or `kid:secret,kid:secret` |
//! | `SALESGATE_JWT_AUDIENCE` | var | none | required `aud` claim |
//! | `SALESGATE_JWT_LEEWAY` | var | `30s` | clock skew tolerated on `exp`/`nbf` (`ms`, `s`, `m`, `h`; bare = seconds) |
//! | `SALESGATE_BODY_LIMIT` | var | 1048576 | largest request body, bytes (413 above) |
//! | `ORIGIN_TIMEOUT_MS` | var | 10000 | time allowed for the origin's response headers (504 after) |
//! | `EDGE_CACHE_TTL` | var | none | upper bound, seconds, on edge caching; `0` turns the cache off |
//! | `CORS_ALLOWED_ORIGINS` | var | empty | comma-separated origins allowed by CORS, or `*` |
//!
//! The JWT settings and the body limit must equal the origin's (`salesgate serve` reads the same
//! names), or the two tiers would decide differently.

use crate::cors::AllowList;
use salesgate_core::auth::{Keys, Verifier};
use salesgate_core::gate::{DEFAULT_BODY_LIMIT, Gate};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;

pub const ORIGIN_URL: &str = "ORIGIN_URL";
pub const JWT_SECRETS: &str = "SALESGATE_JWT_SECRETS";
pub const JWT_AUDIENCE: &str = "SALESGATE_JWT_AUDIENCE";
pub const JWT_LEEWAY: &str = "SALESGATE_JWT_LEEWAY";
pub const BODY_LIMIT: &str = "SALESGATE_BODY_LIMIT";
pub const ORIGIN_TIMEOUT_MS: &str = "ORIGIN_TIMEOUT_MS";
pub const EDGE_CACHE_TTL: &str = "EDGE_CACHE_TTL";
pub const CORS_ALLOWED_ORIGINS: &str = "CORS_ALLOWED_ORIGINS";

/// Every var and secret [`Config::from_lookup`] reads (a test holds it to that): the
/// fingerprint of a [`ConfigCache`] covers exactly these.
pub const NAMES: [&str; 8] = [
    ORIGIN_URL,
    JWT_SECRETS,
    JWT_AUDIENCE,
    JWT_LEEWAY,
    BODY_LIMIT,
    ORIGIN_TIMEOUT_MS,
    EDGE_CACHE_TTL,
    CORS_ALLOWED_ORIGINS,
];

/// Default of `ORIGIN_TIMEOUT_MS`.
pub const DEFAULT_ORIGIN_TIMEOUT_MS: u32 = 10_000;
/// Default of `SALESGATE_JWT_LEEWAY`, the server's default too.
pub const DEFAULT_LEEWAY_SECS: i64 = 30;

/// Everything a request needs.
pub struct Config {
    pub gate: Gate,
    /// `ORIGIN_URL` without a trailing `/`.
    pub origin: String,
    pub origin_timeout_ms: u32,
    /// `None`: only the route's TTL and the origin's `max-age` bound caching.
    pub cache_ttl: Option<u32>,
    pub cors: AllowList,
}

impl Config {
    /// Reads the configuration through `lookup` (a var or secret by name; `None` when unset).
    /// Blank values count as unset. The error names the setting and says how to fix it (it never
    /// contains a secret).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let get = |name: &str| lookup(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let origin = get(ORIGIN_URL).ok_or_else(|| format!("{ORIGIN_URL} is not set: give the origin's base URL"))?;
        if !(origin.starts_with("http://") || origin.starts_with("https://")) {
            return Err(format!("{ORIGIN_URL} must start with http:// or https://"));
        }
        let secrets = get(JWT_SECRETS).ok_or_else(|| {
            format!("the secret {JWT_SECRETS} is not set: `wrangler secret put {JWT_SECRETS}` (the origin's value)")
        })?;
        let keys = Keys::parse(&secrets).map_err(|e| e.to_string())?;
        let leeway = match get(JWT_LEEWAY) {
            Some(v) => salesgate_core::time::parse_duration(&v)
                .map(|d| d.as_secs() as i64)
                .map_err(|e| format!("{JWT_LEEWAY}: {e}"))?,
            None => DEFAULT_LEEWAY_SECS,
        };
        let body_limit = number(&get, BODY_LIMIT)?.unwrap_or(DEFAULT_BODY_LIMIT);
        let origin_timeout_ms = number(&get, ORIGIN_TIMEOUT_MS)?.unwrap_or(DEFAULT_ORIGIN_TIMEOUT_MS);
        let cache_ttl = number(&get, EDGE_CACHE_TTL)?;
        Ok(Config {
            gate: Gate { verifier: Verifier::new(keys, get(JWT_AUDIENCE), leeway), body_limit },
            origin: origin.trim_end_matches('/').to_string(),
            origin_timeout_ms,
            cache_ttl,
            cors: AllowList::parse(get(CORS_ALLOWED_ORIGINS).as_deref().unwrap_or("")),
        })
    }
}

/// The [`Config`] of one isolate, kept between requests and rebuilt only when the values it was
/// built from change.
///
/// A deploy or `wrangler secret put` normally starts fresh isolates, but nothing promises that
/// an isolate's env never changes, so every request compares a fingerprint `F` of the current
/// values of [`NAMES`] with the one the cached config was built from. What the fingerprint is
/// is up to the caller, as long as it is cheap to take and compare: the Worker uses the env's
/// own JS values (compared with `===`, nothing copied or converted), [`ConfigCache::get`] a
/// 64-bit hash. It stays in this struct (no `Debug`, never logged). Configs are handed out as
/// `Rc`: a request in flight keeps the config it started with when a later one rebuilds it.
pub struct ConfigCache<F = u64> {
    current: Option<(F, Rc<Config>)>,
    builds: u64,
}

impl<F> Default for ConfigCache<F> {
    fn default() -> Self {
        ConfigCache { current: None, builds: 0 }
    }
}

impl<F: PartialEq> ConfigCache<F> {
    pub fn new() -> Self {
        Self::default()
    }

    /// The cached config if `fingerprint` is the one it was built from, else a new one read
    /// through `lookup` (given the fingerprint, and a name of [`NAMES`]). An invalid env is never
    /// cached, and drops the old config, so a broken change is reported rather than papered over.
    pub fn get_with(
        &mut self,
        fingerprint: F,
        lookup: impl Fn(&F, &str) -> Option<String>,
    ) -> Result<Rc<Config>, String> {
        if let Some((built_from, config)) = &self.current
            && *built_from == fingerprint
        {
            return Ok(Rc::clone(config));
        }
        self.current = None;
        let config = Rc::new(Config::from_lookup(|name| lookup(&fingerprint, name))?);
        self.builds += 1;
        self.current = Some((fingerprint, Rc::clone(&config)));
        Ok(config)
    }

    /// How many configs this cache has built (what the tests and the benchmark check).
    pub fn builds(&self) -> u64 {
        self.builds
    }
}

impl ConfigCache<u64> {
    /// The configuration for the env `lookup` reads (each of [`NAMES`] once), fingerprinted by
    /// a hash of the values (no copy of a secret is kept).
    pub fn get(&mut self, lookup: impl Fn(&str) -> Option<String>) -> Result<Rc<Config>, String> {
        let values = NAMES.map(lookup);
        self.get_with(fingerprint(&values), |_, name| values[index(name)?].clone())
    }
}

/// The position of `name` in [`NAMES`].
pub fn index(name: &str) -> Option<usize> {
    NAMES.iter().position(|n| *n == name)
}

/// SipHash of the values, each framed by `Option`'s and `str`'s `Hash` (discriminant, bytes, a
/// terminator), so moving text from one value to the next changes it. Collisions among the few
/// envs one isolate ever sees are a 2^-64 event.
fn fingerprint(values: &[Option<String>]) -> u64 {
    let mut hasher = DefaultHasher::new();
    values.hash(&mut hasher);
    hasher.finish()
}

fn number<T: std::str::FromStr>(get: &impl Fn(&str) -> Option<String>, name: &str) -> Result<Option<T>, String> {
    get(name).map(|v| v.parse().map_err(|_| format!("{name}={v:?} is not a non-negative integer"))).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn config(vars: &[(&str, &str)]) -> Result<Config, String> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults() {
        let c = config(&[(ORIGIN_URL, "http://127.0.0.1:8080/"), (JWT_SECRETS, SECRET)]).expect("config");
        assert_eq!(c.origin, "http://127.0.0.1:8080");
        assert_eq!(c.gate.body_limit, DEFAULT_BODY_LIMIT);
        assert_eq!(c.origin_timeout_ms, 10_000);
        assert_eq!(c.cache_ttl, None);
        assert!(c.cors.allow(Some("https://app.example")).is_none());
    }

    #[test]
    fn every_var() {
        let c = config(&[
            (ORIGIN_URL, "https://origin.example/base"),
            (JWT_SECRETS, &format!("k1:{SECRET}")),
            (JWT_AUDIENCE, "salesgate"),
            (JWT_LEEWAY, "1m"),
            (BODY_LIMIT, "4096"),
            (ORIGIN_TIMEOUT_MS, "250"),
            (EDGE_CACHE_TTL, "0"),
            (CORS_ALLOWED_ORIGINS, "https://a.example, https://b.example"),
        ])
        .expect("config");
        assert_eq!((c.gate.body_limit, c.origin_timeout_ms, c.cache_ttl), (4096, 250, Some(0)));
        assert_eq!(c.origin, "https://origin.example/base");
        assert!(c.cors.allow(Some("https://b.example")).is_some());
    }

    #[test]
    fn errors_name_the_setting_and_never_the_secret() {
        assert!(config(&[(JWT_SECRETS, SECRET)]).err().expect("error").contains(ORIGIN_URL));
        assert!(config(&[(ORIGIN_URL, "ftp://x"), (JWT_SECRETS, SECRET)]).err().expect("error").contains("http://"));
        let missing = config(&[(ORIGIN_URL, "http://x"), (JWT_SECRETS, "  ")]).err().expect("error");
        assert!(missing.contains("wrangler secret put SALESGATE_JWT_SECRETS"), "{missing}");
        let short = config(&[(ORIGIN_URL, "http://x"), (JWT_SECRETS, "short-secret")]).err().expect("error");
        assert!(short.contains("at least 32") && !short.contains("short-secret"), "{short}");
        let base = [(ORIGIN_URL, "http://x"), (JWT_SECRETS, SECRET)];
        for (name, value) in
            [(BODY_LIMIT, "-1"), (ORIGIN_TIMEOUT_MS, "soon"), (EDGE_CACHE_TTL, "1.5"), (JWT_LEEWAY, "1d")]
        {
            let mut vars = base.to_vec();
            vars.push((name, value));
            assert!(config(&vars).err().expect("error").contains(name), "{name}");
        }
    }

    #[test]
    fn the_cache_is_reused_while_the_env_is_unchanged_and_rebuilt_when_it_changes() {
        use std::cell::RefCell;
        let env = RefCell::new(HashMap::from([
            (ORIGIN_URL.to_string(), "http://o".to_string()),
            (JWT_SECRETS.to_string(), SECRET.to_string()),
        ]));
        let lookup = |name: &str| env.borrow().get(name).cloned();
        let mut cache = ConfigCache::new();
        let first = cache.get(lookup).expect("config");
        let again = cache.get(lookup).expect("config");
        assert!(Rc::ptr_eq(&first, &again), "unchanged env: the same config");
        assert_eq!(cache.builds(), 1);

        env.borrow_mut().insert(BODY_LIMIT.to_string(), "4096".to_string());
        let changed = cache.get(lookup).expect("config");
        assert!(!Rc::ptr_eq(&first, &changed), "a changed var: a new config");
        assert_eq!((changed.gate.body_limit, first.gate.body_limit, cache.builds()), (4096, DEFAULT_BODY_LIMIT, 2));
        assert!(Rc::ptr_eq(&changed, &cache.get(lookup).expect("config")));

        // A rotated secret is a change too: tokens of the new key verify, the old key's do not.
        let new_secret = "fedcba9876543210fedcba9876543210";
        env.borrow_mut().insert(JWT_SECRETS.to_string(), new_secret.to_string());
        let rotated = cache.get(lookup).expect("config");
        assert_eq!(cache.builds(), 3);
        let claims = salesgate_core::auth::Claims::new("u", Some("t1"), salesgate_core::auth::Role::Owner, 100, 60);
        let signed =
            |secret: &str| salesgate_core::auth::sign(&claims, Keys::parse(secret).expect("keys").signing_key());
        assert!(rotated.gate.verifier.verify_token(&signed(new_secret), 100).is_ok());
        assert!(rotated.gate.verifier.verify_token(&signed(SECRET), 100).is_err());

        // An invalid env is not cached and does not leave the old config in use.
        env.borrow_mut().insert(JWT_SECRETS.to_string(), "short".to_string());
        assert!(cache.get(lookup).is_err());
        assert!(cache.get(lookup).is_err());
        env.borrow_mut().insert(JWT_SECRETS.to_string(), new_secret.to_string());
        let back = cache.get(lookup).expect("config");
        assert!(!Rc::ptr_eq(&back, &rotated), "rebuilt after the invalid env");
        assert_eq!(cache.builds(), 4);
        // The request that started with the old config still holds it.
        assert_eq!(first.gate.body_limit, DEFAULT_BODY_LIMIT);
    }

    #[test]
    fn a_hit_converts_nothing() {
        // The Worker's shape: the fingerprint is the values themselves, text made only to build.
        let converted = std::cell::Cell::new(0);
        let values = |secret: &'static str| [Some("http://o"), Some(secret), None, None, None, None, None, None];
        let text = |values: &[Option<&str>; 8], name: &str| {
            converted.set(converted.get() + 1);
            values[index(name)?].map(String::from)
        };
        let mut cache = ConfigCache::new();
        let first = cache.get_with(values(SECRET), text).expect("config");
        let after_build = converted.get();
        assert!(after_build >= NAMES.len());
        assert!(Rc::ptr_eq(&first, &cache.get_with(values(SECRET), text).expect("config")));
        assert_eq!(converted.get(), after_build, "a hit reads no value as text");
        let other = "fedcba9876543210fedcba9876543210";
        assert!(!Rc::ptr_eq(&first, &cache.get_with(values(other), text).expect("config")));
        assert_eq!(cache.builds(), 2);
    }

    #[test]
    fn the_config_reads_only_the_fingerprinted_names() {
        let asked = std::cell::RefCell::new(Vec::new());
        let _ = Config::from_lookup(|name| {
            asked.borrow_mut().push(name.to_string());
            match name {
                ORIGIN_URL => Some("http://o".to_string()),
                JWT_SECRETS => Some(SECRET.to_string()),
                _ => Some("1".to_string()),
            }
        });
        let mut asked = asked.into_inner();
        asked.sort();
        asked.dedup();
        let mut names = NAMES.map(str::to_string).to_vec();
        names.sort();
        assert_eq!(asked, names);
    }

    #[test]
    fn fingerprints_frame_each_value() {
        let f = |a: Option<&str>, b: Option<&str>| fingerprint(&[a.map(String::from), b.map(String::from)]);
        assert_ne!(f(Some("ab"), Some("c")), f(Some("a"), Some("bc")));
        assert_ne!(f(None, Some("x")), f(Some(""), Some("x")));
        assert_ne!(f(Some("x"), None), f(None, Some("x")));
        assert_eq!(f(Some("x"), None), f(Some("x"), None));
    }

    #[test]
    fn leeway_units() {
        let leeway = |v: &str| config(&[(ORIGIN_URL, "http://o"), (JWT_SECRETS, SECRET), (JWT_LEEWAY, v)]).map(|_| ());
        for ok in ["30s", "45", "1500ms", "2h"] {
            assert!(leeway(ok).is_ok(), "{ok}");
        }
        assert!(leeway("s").is_err_and(|e| e.contains(JWT_LEEWAY)));
    }
}
