//! §24 CSAT ratings, conversions, lost deals (issue 9): plain declarations only (`routes::outcomes`).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::outcomes::Custom;

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, _db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    match op {}
}
