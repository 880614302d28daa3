//! §3–§6 Users, invites, e-mail tokens and password, account linking (issue 9).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::users::Custom;

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, _db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    match op {}
}
