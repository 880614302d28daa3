//! Integration secrets (storage-api appendix A, schema.md §10.4), and the old system's at-rest
//! encryption they share with Telegram session strings (schema.md §9.1): AES-256-GCM under
//! `INTEGRATION_SECRETS_MASTER_KEY` (base64 of 32 bytes), a random 12-byte IV per value, the
//! 16-byte tag kept apart from the ciphertext, everything base64 — exactly what the old
//! application (Node's `crypto`) writes and reads, so both can read each other's rows.
//!
//! Create, rotate and revoke change a secret and write its `admin_actions` row in one
//! transaction; a secret's value is never part of an answer (its columns are `Never` read),
//! only the `service` identity resolves it, decrypted.

use super::rows::{Projection, one, write_fields};
use super::scope::{self, Mode};
use super::{Ctx, Db, Reply, Result, StorageError};
use aes_gcm::aead::{AeadCore, AeadInPlace, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce, Tag};
use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use salesgate_core::error::{ApiError, FieldError, push_json_string};
use salesgate_core::routes::secrets::Custom;
use salesgate_core::tables::INTEGRATION_SECRETS;
use serde_json::{Value as Json, json};
use tokio_postgres::Row;
use tokio_postgres::types::{ToSql, Type};

/// The environment variable (and `serve` flag) holding the master key.
pub const MASTER_KEY_SETTING: &str = "INTEGRATION_SECRETS_MASTER_KEY";

/// Standard base64 as Node writes it (padded); reading accepts it with or without padding, as
/// Node's `Buffer.from(s, "base64")` does.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The master key, parsed once at startup; `Debug` never shows it.
#[derive(Clone)]
pub struct MasterKey(Aes256Gcm);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(…)")
    }
}

/// An encrypted value in the old format's parts, each base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub ciphertext: String,
    pub iv: String,
    pub auth_tag: String,
}

impl MasterKey {
    /// The key from its setting's value: base64 of exactly 32 bytes.
    pub fn from_base64(text: &str) -> std::result::Result<MasterKey, String> {
        let bytes = BASE64
            .decode(text.trim())
            .map_err(|e| format!("{MASTER_KEY_SETTING} is not base64: {e} (give base64 of 32 random bytes)"))?;
        let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            format!("{MASTER_KEY_SETTING} must be base64 of 32 bytes, not of {} (AES-256)", bytes.len())
        })?;
        Ok(MasterKey(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key))))
    }

    /// Encrypts `plaintext` (UTF-8) under a fresh random IV.
    pub fn seal(&self, plaintext: &str) -> Result<Sealed> {
        self.seal_with_iv(plaintext, Aes256Gcm::generate_nonce(&mut OsRng).into())
    }

    /// [`MasterKey::seal`] with a given IV (the known-answer test; never reuse an IV).
    fn seal_with_iv(&self, plaintext: &str, iv: [u8; 12]) -> Result<Sealed> {
        let mut buffer = plaintext.as_bytes().to_vec();
        // No associated data, as the old system. (It fails only for a plaintext of more than
        // 64 GiB.)
        let tag = self
            .0
            .encrypt_in_place_detached(Nonce::from_slice(&iv), b"", &mut buffer)
            .map_err(|_| StorageError::Bug("AES-GCM refused a plaintext".into()))?;
        Ok(Sealed { ciphertext: BASE64.encode(&buffer), iv: BASE64.encode(iv), auth_tag: BASE64.encode(tag) })
    }

    /// The plaintext of `sealed`, or `None` when it cannot be decrypted with this key (another
    /// key, damaged parts, not UTF-8).
    pub fn open(&self, sealed: &Sealed) -> Option<String> {
        let iv: [u8; 12] = BASE64.decode(&sealed.iv).ok()?.try_into().ok()?;
        let tag: [u8; 16] = BASE64.decode(&sealed.auth_tag).ok()?.try_into().ok()?;
        let mut buffer = BASE64.decode(&sealed.ciphertext).ok()?;
        self.0.decrypt_in_place_detached(Nonce::from_slice(&iv), b"", &mut buffer, Tag::from_slice(&tag)).ok()?;
        String::from_utf8(buffer).ok()
    }
}

impl Sealed {
    /// `integration_secrets.encryption_meta` (schema.md §10.4).
    pub fn meta(&self) -> Json {
        json!({"iv": self.iv, "authTag": self.auth_tag, "version": 1, "alg": "aes-256-gcm"})
    }

    /// The parts of an `integration_secrets` row: `encrypted_value` and `encryption_meta`.
    pub fn from_columns(encrypted_value: &str, meta: &Json) -> Option<Sealed> {
        Some(Sealed {
            ciphertext: encrypted_value.to_string(),
            iv: meta.get("iv")?.as_str()?.to_string(),
            auth_tag: meta.get("authTag")?.as_str()?.to_string(),
        })
    }

    /// The text stored in `telegram_sessions.session_string` (schema.md §9.1), member for
    /// member as the old system's `JSON.stringify` writes it (base64 needs no escaping).
    pub fn envelope(&self) -> String {
        format!(
            r#"{{"v":1,"ciphertext":"{}","meta":{{"iv":"{}","authTag":"{}","version":1,"alg":"aes-256-gcm"}}}}"#,
            self.ciphertext, self.iv, self.auth_tag
        )
    }

    /// The parts of a stored envelope; `None` when the text is not one (a legacy plaintext
    /// value: `v` 1, a `ciphertext` string, a `meta` object with `iv` and `authTag` strings).
    pub fn parse_envelope(text: &str) -> Option<Sealed> {
        if !text.trim_start().starts_with('{') {
            return None;
        }
        let json: Json = serde_json::from_str(text).ok()?;
        if json.get("v")?.as_i64()? != 1 {
            return None;
        }
        Sealed::from_columns(json.get("ciphertext")?.as_str()?, json.get("meta")?)
    }
}

/// A stored session string as the old system reads it (schema.md §9.1): an envelope decrypted
/// (`None` when it cannot be: no key, another key, damaged — the account must log in again),
/// anything else a legacy plaintext value, as is.
pub fn open_stored(key: Option<&MasterKey>, stored: &str) -> Option<String> {
    match Sealed::parse_envelope(stored) {
        Some(sealed) => key?.open(&sealed),
        None => Some(stored.to_string()),
    }
}

/// The 503 of a write that must encrypt without a configured key: never stored as plaintext.
pub fn no_key() -> StorageError {
    tracing::warn!("a value to encrypt was refused: {MASTER_KEY_SETTING} is not set");
    ApiError::unavailable(
        format!("{MASTER_KEY_SETTING} is not set on this server: values that are stored encrypted cannot be written"),
        60,
    )
    .into()
}

/// `last_4`: the last four characters of the plaintext, none when it is shorter.
fn last_4(plaintext: &str) -> Option<String> {
    let n = plaintext.chars().count();
    (n >= 4).then(|| plaintext.chars().skip(n - 4).collect())
}

/// The secret a request names: scope, tenant (scope `tenant` only) and key name.
struct Target<'a> {
    scope: &'a str,
    tenant: Option<&'a str>,
    key_name: &'a str,
}

impl<'a> Target<'a> {
    /// From the body; 422 when the tenant does not fit the scope (schema.md §10.4: NULL for
    /// global secrets).
    fn of(ctx: &Ctx<'a>) -> Result<Target<'a>> {
        let field = |name: &str| {
            ctx.body.text(name).ok_or_else(|| StorageError::Bug(format!("{} without {name}", ctx.route.id)))
        };
        let (scope, key_name, tenant) = (field("scope")?, field("key_name")?, ctx.body.text("tenant_id"));
        match (scope, tenant) {
            ("global", Some(_)) => Err(invalid("not_allowed", "a global secret has no tenantId")),
            ("tenant", None) => Err(invalid("required", "tenantId is required for scope tenant")),
            _ => Ok(Target { scope, tenant, key_name }),
        }
    }

    /// `$1`–`$3` of [`SAME_KEY`].
    fn params(&self) -> [(&(dyn ToSql + Sync), Type); 3] {
        [(&self.scope, Type::TEXT), (&self.tenant, Type::VARCHAR), (&self.key_name, Type::TEXT)]
    }

    /// `admin_actions.metadata`: which secret (never its value).
    fn metadata(&self) -> Json {
        json!({"scope": self.scope, "tenantId": self.tenant, "keyName": self.key_name})
    }
}

fn invalid(code: &'static str, message: &str) -> StorageError {
    ApiError::validation(vec![FieldError::new("/tenantId", code, message)]).into()
}

/// The platform user making the change: the token's `sub` (`admin_actions.admin_id`).
fn admin_id<'a>(ctx: &Ctx<'a>) -> Result<&'a str> {
    ctx.admitted
        .claims
        .as_ref()
        .map(|c| c.sub.as_str())
        .ok_or_else(|| StorageError::Bug("a secret change without a token".into()))
}

/// The secrets of a target ([`Target::params`] as `$1`–`$3`), in the terms of the partial unique
/// index `integration_secrets_active_unique_idx`, which serves the active one.
const SAME_KEY: &str = "s.scope = $1 AND COALESCE(s.tenant_id, '') = COALESCE($2, '') AND s.key_name = $3";

/// Writes the `admin_actions` row of a change of secret `id`, in the change's transaction.
async fn record(
    tx: &tokio_postgres::Transaction<'_>,
    ctx: &Ctx<'_>,
    action: &str,
    id: &str,
    previous: Option<Json>,
    metadata: Json,
) -> Result<()> {
    let reason = ctx.body.text("reason").ok_or_else(|| StorageError::Bug("a secret change without a reason".into()))?;
    tx.execute_typed(
        "INSERT INTO admin_actions (action_type, target_type, target_id, admin_id, reason, previous_state, metadata) \
         VALUES ($1, 'secret', $2, $3, $4, $5, $6)",
        &[
            (&action, Type::TEXT),
            (&id, Type::VARCHAR),
            (&admin_id(ctx)?, Type::VARCHAR),
            (&reason, Type::TEXT),
            (&previous, Type::JSONB),
            (&metadata, Type::JSONB),
        ],
    )
    .await?;
    Ok(())
}

/// The value of the body, sealed: `encrypted_value`, `encryption_meta`, `last_4`.
fn sealed_value(ctx: &Ctx<'_>) -> Result<(Sealed, Option<String>)> {
    let value = ctx.body.text("value").ok_or_else(|| StorageError::Bug(format!("{} without a value", ctx.route.id)))?;
    Ok((ctx.encryption_key()?.seal(value)?, last_4(value)))
}

fn id_of(p: &Projection, row: &Row) -> Result<String> {
    let i = p.position("id").ok_or_else(|| StorageError::Bug("integration_secrets.id is not readable".into()))?;
    Ok(row.try_get(i)?)
}

/// createIntegrationSecret: the insert and its `secret_create` action in one transaction; 409
/// (`conflict`, naming scope and keyName) while an active secret of the same scope, tenant and
/// key exists (the partial unique index decides, so concurrent creates cannot both win).
pub async fn create_integration_secret(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let target = Target::of(ctx)?;
    let (sealed, last_4) = sealed_value(ctx)?;
    let p = Projection::of(&INTEGRATION_SECRETS, ctx.reads);
    let insert = format!(
        "INSERT INTO integration_secrets AS r (scope, tenant_id, key_name, encrypted_value, encryption_meta, last_4, \
         created_by_admin_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {}",
        p.list_as("r")
    );
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let rows = tx
        .query_typed(
            &insert,
            &[
                (&target.scope, Type::TEXT),
                (&target.tenant, Type::VARCHAR),
                (&target.key_name, Type::TEXT),
                (&sealed.ciphertext, Type::TEXT),
                (&sealed.meta(), Type::JSONB),
                (&last_4, Type::TEXT),
                (&admin_id(ctx)?, Type::VARCHAR),
            ],
        )
        .await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("an insert returned no row".into()))?;
    record(&tx, ctx, "secret_create", &id_of(p, row)?, None, target.metadata()).await?;
    tx.commit().await?;
    Ok(one(p, row)?)
}

/// The active secret of the body's target, locked for the change, with its state before it
/// (`last4`, `rotatedAt`); `None` when there is none.
async fn lock_active(tx: &tokio_postgres::Transaction<'_>, target: &Target<'_>) -> Result<Option<(String, Json)>> {
    let sql = format!(
        "SELECT s.id, jsonb_build_object('last4', s.last_4, 'rotatedAt', \
         to_char(s.rotated_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'revokedAt', NULL) \
         FROM integration_secrets s WHERE {SAME_KEY} AND s.revoked_at IS NULL FOR UPDATE"
    );
    let row = tx.query_typed_opt(&sql, &target.params()).await?;
    Ok(match row {
        Some(row) => Some((row.try_get(0)?, row.try_get(1)?)),
        None => None,
    })
}

/// 409 `invalid_state`: the key has no active secret to change (never had one, or it was
/// revoked). The body names the secret, not the path, hence not a 404.
fn no_active() -> StorageError {
    ApiError::invalid_state("There is no active integration secret of this scope, tenant and key").into()
}

/// rotateIntegrationSecret: the active secret's new `encrypted_value`, `encryption_meta`,
/// `last_4`, `rotated_at` and `updated_at`, and its `secret_rotate` action (state before:
/// last4, rotatedAt), in one transaction; 409 when none is active.
pub async fn rotate_integration_secret(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let target = Target::of(ctx)?;
    let (sealed, last_4) = sealed_value(ctx)?;
    let p = Projection::of(&INTEGRATION_SECRETS, ctx.reads);
    let update = format!(
        "UPDATE integration_secrets r SET encrypted_value = $2, encryption_meta = $3, last_4 = $4, rotated_at = now(), \
         updated_at = now() WHERE r.id = $1 RETURNING {}",
        p.list_as("r")
    );
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let (id, previous) = lock_active(&tx, &target).await?.ok_or_else(no_active)?;
    let params: [(&(dyn ToSql + Sync), Type); 4] =
        [(&id, Type::VARCHAR), (&sealed.ciphertext, Type::TEXT), (&sealed.meta(), Type::JSONB), (&last_4, Type::TEXT)];
    let rows = tx.query_typed(&update, &params).await?;
    let row = rows.first().ok_or_else(|| StorageError::Bug("a locked secret was not updated".into()))?;
    record(&tx, ctx, "secret_rotate", &id, Some(previous), target.metadata()).await?;
    tx.commit().await?;
    Ok(one(p, row)?)
}

/// revokeIntegrationSecret: `revoked_at` and `updated_at` of the active secret and its
/// `secret_revoke` action, in one transaction. With none active but a revoked one, the newest
/// revoked is answered and the action recorded as a no-op (`{noOp, idempotent, alreadyState}`,
/// as the old admin routes did); 409 when the key never had a secret.
pub async fn revoke_integration_secret(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let target = Target::of(ctx)?;
    let p = Projection::of(&INTEGRATION_SECRETS, ctx.reads);
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    let (id, row, previous, metadata) = match lock_active(&tx, &target).await? {
        Some((id, previous)) => {
            let sql = format!(
                "UPDATE integration_secrets r SET revoked_at = now(), updated_at = now() WHERE r.id = $1 RETURNING {}",
                p.list_as("r")
            );
            let rows = tx.query_typed(&sql, &[(&id, Type::VARCHAR)]).await?;
            let row =
                rows.into_iter().next().ok_or_else(|| StorageError::Bug("a locked secret was not revoked".into()))?;
            (id, row, Some(previous), target.metadata())
        }
        None => {
            let sql = format!(
                "SELECT {} FROM integration_secrets s WHERE {SAME_KEY} AND s.revoked_at IS NOT NULL \
                 ORDER BY s.revoked_at DESC, s.id DESC LIMIT 1",
                p.list_as("s")
            );
            let row = tx.query_typed_opt(&sql, &target.params()).await?.ok_or_else(no_active)?;
            let mut metadata = target.metadata();
            metadata["noOp"] = json!(true);
            metadata["idempotent"] = json!(true);
            metadata["alreadyState"] = json!("revoked");
            (id_of(p, &row)?, row, None, metadata)
        }
    };
    record(&tx, ctx, "secret_revoke", &id, previous, metadata).await?;
    tx.commit().await?;
    Ok(one(p, &row)?)
}

/// resolveIntegrationSecret (the old secret resolver): the active secret of the key for the
/// tenant (scope `tenant`), else the global one, decrypted; 404 when there is neither. For the
/// `service` identity only. (The old resolver cached values in memory for a while; callers
/// may cache the answer.)
pub async fn resolve_integration_secret(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&INTEGRATION_SECRETS, ctx.reads);
    let sql = format!(
        "SELECT {}, s.encrypted_value, s.encryption_meta FROM integration_secrets s \
         WHERE s.key_name = $1 AND s.revoked_at IS NULL \
         AND ((s.scope = 'tenant' AND {}) OR (s.scope = 'global' AND s.tenant_id IS NULL)) \
         ORDER BY s.scope = 'tenant' DESC LIMIT 1",
        p.list_as("s"),
        scope::owned_sql(&INTEGRATION_SECRETS, "s", "$2", Mode::Read)
    );
    let (key_name, tenant) = (ctx.required("keyName")?, ctx.query.text("tenantId"));
    let row = db
        .query_text_opt(&sql, &[Type::TEXT, Type::VARCHAR], &[&key_name, &tenant])
        .await?
        .ok_or_else(|| ApiError::not_found("Integration secret"))?;
    let (encrypted, meta): (String, Json) = (row.try_get(p.len())?, row.try_get(p.len() + 1)?);
    let key = ctx.encryption_key()?;
    let value = Sealed::from_columns(&encrypted, &meta).and_then(|s| key.open(&s)).ok_or_else(|| {
        tracing::warn!(key_name, "an integration secret cannot be decrypted with the configured key");
        StorageError::from(ApiError::unavailable(
            format!("The secret cannot be decrypted with this server's {MASTER_KEY_SETTING}"),
            60,
        ))
    })?;
    let mut body = String::with_capacity(512 + value.len());
    body.push('{');
    write_fields(&mut body, p, &row, 0)?;
    body.push_str(",\"value\":");
    push_json_string(&mut body, &value);
    body.push('}');
    Ok(Reply::json(body))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::CreateIntegrationSecret => create_integration_secret(db, ctx).await,
        Custom::RotateIntegrationSecret => rotate_integration_secret(db, ctx).await,
        Custom::RevokeIntegrationSecret => revoke_integration_secret(db, ctx).await,
        Custom::ResolveIntegrationSecret => resolve_integration_secret(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed vector made with Node's `crypto` (the old application's runtime):
    /// `createCipheriv("aes-256-gcm", key, iv)` over `PLAINTEXT`, then `getAuthTag()`.
    const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const IV: [u8; 12] = [0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88];
    const PLAINTEXT: &str = "1BQANOTEuMTA4LjU2LjEzNgG7salesgate-session-Ω";
    const ENVELOPE: &str = r#"{"v":1,"ciphertext":"u+HxZ+Q1G14zRgmcT1Hjaj9sqhSlVw0zeaxlHdv6Ap7ZNew1pKc6C0k1Baab","meta":{"iv":"yv66vvrO263eyviI","authTag":"n2G7InrNb+A/IICom/dnsw==","version":1,"alg":"aes-256-gcm"}}"#;

    fn key() -> MasterKey {
        MasterKey::from_base64(KEY).expect("key")
    }

    #[test]
    fn sealing_reproduces_the_old_envelope_byte_for_byte() {
        assert_eq!(key().seal_with_iv(PLAINTEXT, IV).expect("sealed").envelope(), ENVELOPE);
    }

    #[test]
    fn the_old_envelope_opens_and_a_tampered_one_does_not() {
        let sealed = Sealed::parse_envelope(ENVELOPE).expect("an envelope");
        assert_eq!(key().open(&sealed).as_deref(), Some(PLAINTEXT));
        let other = MasterKey::from_base64(&BASE64.encode([7u8; 32])).expect("key");
        assert_eq!(other.open(&sealed), None, "another key");
        let mut tampered = sealed.clone();
        tampered.auth_tag = BASE64.encode([0u8; 16]);
        assert_eq!(key().open(&tampered), None, "another tag");
        assert_eq!(open_stored(None, ENVELOPE), None, "no key: unreadable, never the envelope");
    }

    #[test]
    fn anything_but_an_envelope_is_legacy_plaintext() {
        for legacy in ["1BQANOTEuMTA4", "{\"v\":2,\"ciphertext\":\"x\",\"meta\":{}}", "{not json", ""] {
            assert_eq!(open_stored(Some(&key()), legacy).as_deref(), Some(legacy));
        }
    }

    #[test]
    fn fresh_ivs_differ_and_round_trip() {
        let (a, b) = (key().seal(PLAINTEXT).expect("a"), key().seal(PLAINTEXT).expect("b"));
        assert_ne!(a.iv, b.iv);
        assert_eq!(key().open(&a).as_deref(), Some(PLAINTEXT));
        let meta = a.meta();
        assert_eq!(Sealed::from_columns(&a.ciphertext, &meta), Some(a));
        assert_eq!(meta["alg"], "aes-256-gcm");
    }

    #[test]
    fn master_keys_must_be_32_bytes_of_base64() {
        assert!(MasterKey::from_base64(&BASE64.encode([1u8; 16])).unwrap_err().contains("32 bytes"));
        assert!(MasterKey::from_base64("not base64!").is_err());
        assert!(MasterKey::from_base64(KEY.trim_end_matches('=')).is_ok(), "padding is optional, as in Node");
    }

    #[test]
    fn last_4_is_the_tail_of_four_characters_or_none() {
        assert_eq!(last_4("sk-1234abcd").as_deref(), Some("abcd"));
        assert_eq!(last_4("abc"), None);
        assert_eq!(last_4("äöüß").as_deref(), Some("äöüß"));
    }
}
