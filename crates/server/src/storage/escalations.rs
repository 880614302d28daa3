//! §19 Escalation events (issue 9).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::escalations::Custom;

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, _db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    match op {}
}
