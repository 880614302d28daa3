//! The server's cache of verified tokens, in front of core's [`Verifier`].
//!
//! Clients send the same token with many requests, and HMAC + base64 + JSON cost more than a
//! lookup. Only the time checks (`exp`, `nbf`) depend on the moment, so they are repeated on
//! every hit. Bounded: cleared when full. (It lives here, not in core's verifier, so the
//! verifier the edge shares stays a pure function of its keys.)

use salesgate_core::auth::{Authenticate, Claims, Verifier, bearer_token};
use salesgate_core::error::ApiError;
use std::collections::HashMap;
use std::collections::hash_map::{DefaultHasher, RandomState};
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;

/// How many verified tokens are remembered.
pub const CAPACITY: usize = 4096;

/// A [`Verifier`] with a cache of the tokens it verified.
pub struct CachedVerifier {
    verifier: Verifier,
    cache: Mutex<HashMap<Box<str>, Claims, SignatureHash>>,
}

/// Hashes a token by its last 16 bytes, with the process's random SipHash keys: the end of a
/// JWT is its HMAC signature, as good as random for the valid tokens the cache holds, and
/// hashing all of a ~200-byte token was 1.3% of W4's instructions (callgrind). Equality is
/// still the whole token's.
#[derive(Default)]
struct SignatureHash(RandomState);

impl BuildHasher for SignatureHash {
    type Hasher = TailHasher;
    fn build_hasher(&self) -> TailHasher {
        TailHasher(self.0.build_hasher())
    }
}

struct TailHasher(DefaultHasher);

impl Hasher for TailHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(&bytes[bytes.len().saturating_sub(16)..]);
    }
    fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl CachedVerifier {
    pub fn new(verifier: Verifier) -> CachedVerifier {
        CachedVerifier { verifier, cache: Mutex::new(HashMap::default()) }
    }
}

impl std::fmt::Debug for CachedVerifier {
    /// Leaves the cache out: it holds bearer tokens.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedVerifier").field("verifier", &self.verifier).finish_non_exhaustive()
    }
}

impl Authenticate for CachedVerifier {
    fn authenticate(&self, authorization: Option<&str>, now: i64) -> Result<Claims, ApiError> {
        let token = bearer_token(authorization)?;
        let cached = self.cache.lock().ok().and_then(|c| c.get(token).cloned());
        if let Some(claims) = cached {
            self.verifier.check_time(claims.exp, claims.nbf, now)?;
            return Ok(claims);
        }
        let claims = self.verifier.verify_token(token, now)?;
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CAPACITY {
                cache.clear();
            }
            cache.insert(token.into(), claims.clone());
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::auth::{Keys, Role, sign};
    use salesgate_core::error::code;

    #[test]
    fn cached_tokens_still_expire_and_other_strings_are_verified_in_full() {
        let keys = Keys::parse("0123456789abcdef0123456789abcdef").expect("keys");
        let mut claims = Claims::new("u", None, Role::PlatformAdmin, 500, 500);
        claims.nbf = Some(500);
        let token = format!("Bearer {}", sign(&claims, keys.signing_key()));
        let v = CachedVerifier::new(Verifier::new(keys, None, 0));
        assert!(v.authenticate(Some(&token), 600).is_ok());
        assert!(v.authenticate(Some(&token), 600).is_ok(), "a cache hit");
        assert_eq!(v.authenticate(Some(&token), 1_001).map_err(|e| e.code), Err(code::EXPIRED_TOKEN));
        assert_eq!(v.authenticate(Some(&token), 400).map_err(|e| e.code), Err(code::INVALID_TOKEN), "nbf on a hit");
        let mut tampered = token.clone();
        tampered.pop();
        tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
        assert!(v.authenticate(Some(&tampered), 600).is_err(), "another string is verified in full");
        assert_eq!(v.authenticate(None, 600).map_err(|e| e.code), Err(code::MISSING_TOKEN));
        // The same signature under another payload is another key (equality is the whole token's).
        let (_, signature) = token.rsplit_once('.').expect("a JWT");
        let forged = format!("Bearer e30.e30.{signature}");
        assert_eq!(v.authenticate(Some(&forged), 600).map_err(|e| e.code), Err(code::INVALID_TOKEN));
    }
}
