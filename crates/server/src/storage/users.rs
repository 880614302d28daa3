//! §3–§6 Users, invites, e-mail tokens and password, account linking (issue 9). The lookups by
//! id, username, OIDC id and token hash, the e-mail token insert and the tenant's team reads
//! are plain declarations; here are the e-mail normalisation, the race-safe login counters, the
//! once-only marks of invites and tokens, and the single-purpose user updates.
//!
//! Every statement is one statement (no read-then-write). The service routes cross tenants by
//! design (a login does not know its tenant yet); the tenant routes are scoped through
//! [`scope::owned_sql`] or the plain executor.

use super::rows::{Projection, one};
use super::scope::{Mode, owned_sql};
use super::{Ctx, Db, Reply, Result, StorageError, exec};
use salesgate_core::error::ApiError;
use salesgate_core::route::Plain;
use salesgate_core::routes::users::Custom;
use salesgate_core::schema::Table;
use salesgate_core::tables::{USER_INVITES, USERS};
use salesgate_core::validate::{Entry, Validated, Value};
use tokio_postgres::types::{ToSql, Type};

/// An e-mail as stored and compared: trimmed, lower-cased (the old system lower-cased in the
/// application, and migration 0001a normalised stored rows so).
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The body with its `email` normalised (other fields unchanged).
fn with_normalised_email(body: &Validated) -> Validated {
    let entries = body
        .entries
        .iter()
        .map(|e| match (&e.value, e.column.name) {
            (Value::Text(s), "email") => Entry { column: e.column, value: Value::Text(normalise_email(s)) },
            _ => e.clone(),
        })
        .collect();
    Validated { entries }
}

/// The plain insert of `table` with the body's e-mail normalised: tenant from the path, the
/// references guarded (an invite's `invitedBy` must be a user of the tenant), 409 on a taken
/// username or e-mail (the unique `lower(email)` index).
async fn create_normalised(db: &Db<'_>, ctx: &Ctx<'_>, table: &'static Table) -> Result<Reply> {
    let body = with_normalised_email(ctx.body);
    let ctx = Ctx { body: &body, ..*ctx };
    exec::run(db, &ctx, Plain::Create, table).await
}

/// createUser: a user of the path's tenant (storage-api §3); the hash comes hashed.
pub async fn create_user(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    create_normalised(db, ctx, &USERS).await
}

/// createUserInvite (storage-api §4).
pub async fn create_user_invite(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    create_normalised(db, ctx, &USER_INVITES).await
}

/// getUserByEmail: `lower(email)` against the trimmed, lower-cased argument (storage-api §3
/// lower-cased only the argument and compared it with the stored value as is). Served by the
/// unique `users_email_unique_lower_idx`, so at most one row.
pub async fn get_user_by_email(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&USERS, ctx.reads);
    let sql = format!("SELECT {} FROM users u WHERE lower(u.email) = $1 AND u.email IS NOT NULL", p.list_as("u"));
    let email = normalise_email(ctx.required("email")?);
    let row = db.query_text_opt(&sql, &[Type::TEXT], &[&email]).await?.ok_or_else(|| ApiError::not_found("User"))?;
    Ok(one(p, &row)?)
}

/// getPendingInviteForEmail: the tenant's unused invite for the e-mail. storage-api §4: expiry
/// is not checked (the caller does); the old "first match" in no order is the newest here (a
/// re-sent invite is the one in effect).
pub async fn get_pending_invite_for_email(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&USER_INVITES, ctx.reads);
    let sql = format!(
        "SELECT {} FROM user_invites i WHERE {} AND lower(i.email) = $2 AND i.used_at IS NULL \
         ORDER BY i.created_at DESC, i.id DESC LIMIT 1",
        p.list_as("i"),
        owned_sql(&USER_INVITES, "i", "$1", Mode::Read)
    );
    let email = normalise_email(ctx.required("email")?);
    let params: [&(dyn ToSql + Sync); 2] = [&ctx.tenant()?, &email];
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR, Type::TEXT], &params)
        .await?
        .ok_or_else(|| ApiError::not_found("User invite"))?;
    Ok(one(p, &row)?)
}

/// An integer field of a custom body (required by its schema).
fn int(ctx: &Ctx<'_>, name: &str) -> Result<i32> {
    match ctx.body.get(name) {
        Some(Value::Int(n)) => Ok(*n),
        _ => Err(StorageError::Bug(format!("route {}: the body has no integer {name}", ctx.route.id))),
    }
}

/// A text field of a custom body (required by its schema).
fn text<'a>(ctx: &Ctx<'a>, name: &str) -> Result<&'a str> {
    ctx.body.text(name).ok_or_else(|| StorageError::Bug(format!("route {}: the body has no text {name}", ctx.route.id)))
}

/// updateUserLoginAttempts: one statement adds the failure to the stored counter and, when the
/// counter reaches `lockAfter`, locks the user for `lockSeconds` from now. The old method took
/// the new count and lock from a caller that had read the row first, so two failed logins at
/// once counted once (storage-api §3). Answers the updated user.
pub async fn update_user_login_attempts(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let p = Projection::of(&USERS, ctx.reads);
    let sql = format!(
        "UPDATE users AS u SET failed_login_attempts = COALESCE(u.failed_login_attempts, 0) + 1, \
         locked_until = CASE WHEN COALESCE(u.failed_login_attempts, 0) + 1 >= $2 \
                        THEN now() + $3 * interval '1 second' ELSE u.locked_until END \
         WHERE u.id = $1 RETURNING {}",
        p.list_as("u")
    );
    let (lock_after, lock_seconds) = (int(ctx, "lock_after")?, int(ctx, "lock_seconds")?);
    let params: [&(dyn ToSql + Sync); 3] = [&ctx.param("userId")?, &lock_after, &lock_seconds];
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR, Type::INT4, Type::INT4], &params)
        .await?
        .ok_or_else(|| ApiError::not_found("User"))?;
    Ok(one(p, &row)?)
}

/// `UPDATE users SET <set> WHERE id = $1`: 204, or 404 when there is no such user (the old
/// methods were silent no-ops). `set` is this module's text; values are `$2…`.
async fn update_user(db: &Db<'_>, ctx: &Ctx<'_>, set: &str, values: &[(&(dyn ToSql + Sync), Type)]) -> Result<Reply> {
    let sql = format!("UPDATE users AS u SET {set} WHERE u.id = $1 RETURNING u.id");
    let id = ctx.param("userId")?;
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&id];
    let mut types = vec![Type::VARCHAR];
    for (v, t) in values {
        params.push(*v);
        types.push(t.clone());
    }
    match db.query_text_opt(&sql, &types, &params).await? {
        Some(_) => Ok(Reply::empty()),
        None => Err(ApiError::not_found("User").into()),
    }
}

/// updateUserLoginSuccess (storage-api §3), one statement.
pub async fn update_user_login_success(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    update_user(db, ctx, "failed_login_attempts = 0, locked_until = NULL, last_login_at = now()", &[]).await
}

/// updateUserEmailVerified (storage-api §5).
pub async fn update_user_email_verified(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    update_user(db, ctx, "email_verified_at = now()", &[]).await
}

/// updateUserPassword (storage-api §5): the hash as given, `password_updated_at = now()`.
pub async fn update_user_password(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let hash = text(ctx, "password")?;
    update_user(db, ctx, "password = $2, password_updated_at = now()", &[(&hash, Type::TEXT)]).await
}

/// linkOidcToUser (storage-api §6).
pub async fn link_oidc_to_user(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let oidc_id = text(ctx, "oidc_id")?;
    update_user(db, ctx, "oidc_id = $2, auth_provider = 'mixed'", &[(&oidc_id, Type::TEXT)]).await
}

/// Sets `used_at = now()` on the row `$1` of `statement`'s table when it is unused, in one
/// statement: 204; 404 when there is no such row; 409 `invalid_state` when it was already used
/// (also when a concurrent request used it first: the update waits for it and re-checks).
/// `statement` selects `(exists, updated)`.
async fn mark_used(db: &Db<'_>, statement: &str, params: &[&(dyn ToSql + Sync)], entity: &str) -> Result<Reply> {
    let types = vec![Type::VARCHAR; params.len()];
    let row = db
        .query_text_opt(statement, &types, params)
        .await?
        .ok_or_else(|| StorageError::Bug("an EXISTS pair returned no row".into()))?;
    match (row.try_get::<_, bool>(0)?, row.try_get::<_, bool>(1)?) {
        (_, true) => Ok(Reply::empty()),
        (false, false) => Err(ApiError::not_found(entity).into()),
        (true, false) => Err(ApiError::invalid_state(format!("The {} was already used", entity.to_lowercase())).into()),
    }
}

/// markUserInviteUsed: once only, so two acceptances of one invite cannot both succeed (the old
/// method set `used_at` unconditionally, storage-api §4). On the invite's tenant path.
pub async fn mark_user_invite_used(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let sql = format!(
        "WITH f AS (SELECT 1 FROM user_invites i WHERE i.id = $1 AND {}), \
         u AS (UPDATE user_invites AS i SET used_at = now() WHERE i.id = $1 AND {} AND i.used_at IS NULL RETURNING 1) \
         SELECT EXISTS (SELECT 1 FROM f), EXISTS (SELECT 1 FROM u)",
        owned_sql(&USER_INVITES, "i", "$2", Mode::Read),
        owned_sql(&USER_INVITES, "i", "$2", Mode::Write)
    );
    mark_used(db, &sql, &[&ctx.param("inviteId")?, &ctx.tenant()?], "User invite").await
}

/// markEmailTokenUsed: once only, so a reset or verification token is consumed once (the old
/// method set `used_at` unconditionally, storage-api §5).
pub async fn mark_email_token_used(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    const SQL: &str = "WITH f AS (SELECT 1 FROM email_tokens WHERE id = $1), \
         u AS (UPDATE email_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING 1) \
         SELECT EXISTS (SELECT 1 FROM f), EXISTS (SELECT 1 FROM u)";
    mark_used(db, SQL, &[&ctx.param("tokenId")?], "E-mail token").await
}

/// invalidateUserTokens: every unused token of the type of the user is marked used, in one
/// statement; answers `{"count": n}`, 404 when there is no such user (storage-api §5: void).
pub async fn invalidate_user_tokens(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    const SQL: &str = "WITH f AS (SELECT 1 FROM users WHERE id = $1), \
         u AS (UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND type = $2 AND used_at IS NULL RETURNING 1) \
         SELECT EXISTS (SELECT 1 FROM f), (SELECT count(*) FROM u)";
    let (user, kind) = (ctx.param("userId")?, text(ctx, "type")?);
    let row = db
        .query_text_opt(SQL, &[Type::VARCHAR, Type::TEXT], &[&user, &kind])
        .await?
        .ok_or_else(|| StorageError::Bug("an aggregate returned no row".into()))?;
    if !row.try_get::<_, bool>(0)? {
        return Err(ApiError::not_found("User").into());
    }
    Ok(Reply::json(format!("{{\"count\":{}}}", row.try_get::<_, i64>(1)?)))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::GetUserByEmail => get_user_by_email(db, ctx).await,
        Custom::CreateUser => create_user(db, ctx).await,
        Custom::UpdateUserLoginAttempts => update_user_login_attempts(db, ctx).await,
        Custom::UpdateUserLoginSuccess => update_user_login_success(db, ctx).await,
        Custom::GetPendingInviteForEmail => get_pending_invite_for_email(db, ctx).await,
        Custom::CreateUserInvite => create_user_invite(db, ctx).await,
        Custom::MarkUserInviteUsed => mark_user_invite_used(db, ctx).await,
        Custom::MarkEmailTokenUsed => mark_email_token_used(db, ctx).await,
        Custom::InvalidateUserTokens => invalidate_user_tokens(db, ctx).await,
        Custom::UpdateUserEmailVerified => update_user_email_verified(db, ctx).await,
        Custom::UpdateUserPassword => update_user_password(db, ctx).await,
        Custom::LinkOidcToUser => link_oidc_to_user(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::tables::EMAIL_TOKENS;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(normalise_email("  Anna.Petrova@Example.COM \t"), "anna.petrova@example.com");
        assert_eq!(normalise_email("ÄRGER@EXAMPLE.DE"), "ärger@example.de");
    }

    #[test]
    fn only_the_email_of_a_body_is_normalised() {
        let column = |name| USERS.column(name).expect("column");
        let body = Validated {
            entries: vec![
                Entry { column: column("username"), value: Value::Text("Anna".into()) },
                Entry { column: column("email"), value: Value::Text("Anna@X.org".into()) },
            ],
        };
        let out = with_normalised_email(&body);
        assert_eq!((out.text("username"), out.text("email")), (Some("Anna"), Some("anna@x.org")));
    }

    #[test]
    fn email_tokens_and_invites_are_what_the_statements_assume() {
        // The statements name these columns; the model must still have them.
        for (t, c) in [(&EMAIL_TOKENS, "used_at"), (&EMAIL_TOKENS, "user_id"), (&USER_INVITES, "used_at")] {
            assert!(t.column(c).is_some(), "{}.{c}", t.name);
        }
    }
}
