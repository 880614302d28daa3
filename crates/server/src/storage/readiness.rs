//! §23 Readiness reports (issue 9): plain declarations only (`routes::readiness`).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::readiness::Custom;

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, _db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    match op {}
}
