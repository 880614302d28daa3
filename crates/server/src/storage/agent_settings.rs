//! §33 Tenant agent settings (issue 10): plain declarations only (`routes::agent_settings`).

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::agent_settings::Custom;

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, _db: &Db<'_>, _ctx: &Ctx<'_>) -> Result<Reply> {
    match op {}
}
