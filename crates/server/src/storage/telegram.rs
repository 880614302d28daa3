//! §30 Telegram accounts (issue 10).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::telegram::Custom;

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, _db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    match op {}
}
