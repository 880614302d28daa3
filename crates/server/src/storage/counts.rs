//! §25 Metrics counts (issue 9): plain counts only (`routes::counts`).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::counts::Custom;

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, _db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    match op {}
}
