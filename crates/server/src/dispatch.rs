//! From an admitted request to its storage operation: plain actions go to the generic executor;
//! custom operations to their section's storage module (one arm per section here, one per
//! operation there, each calling the function named after its operation id).

use crate::pg::Lane;
use crate::storage::secrets::MasterKey;
use crate::storage::*;
use salesgate_core::gate::Admitted;
use salesgate_core::route::Action;
use salesgate_core::routes::Custom;
use salesgate_core::validate::Validated;

/// Runs the operation of `a` on the runtime's lane (`master_key`: the app's key of the values
/// stored encrypted).
pub async fn dispatch(lane: &Lane, a: &Admitted<'_>, master_key: Option<&MasterKey>) -> Result<Reply> {
    let empty = Validated::default();
    let ctx = Ctx::new(a, &empty, master_key);
    let db = Db::new(lane);
    match a.route.action {
        Action::Plain(kind, table) => exec::run(&db, &ctx, kind, table).await,
        Action::Custom(op, _) => custom(&db, &ctx, op).await,
        Action::Document => Err(StorageError::Bug("the OpenAPI document is answered by the app".into())),
    }
}

async fn custom(db: &Db<'_>, ctx: &Ctx<'_>, op: Custom) -> Result<Reply> {
    match op {
        Custom::Tenants(op) => tenants::dispatch(op, db, ctx).await,
        Custom::Customers(op) => customers::dispatch(op, db, ctx).await,
        Custom::Conversations(op) => conversations::dispatch(op, db, ctx).await,
        Custom::Messages(op) => messages::dispatch(op, db, ctx).await,
        Custom::FeatureFlags(op) => feature_flags::dispatch(op, db, ctx).await,
        Custom::Users(op) => users::dispatch(op, db, ctx).await,
        Custom::CustomerMemory(op) => customer_memory::dispatch(op, db, ctx).await,
        Custom::Products(op) => products::dispatch(op, db, ctx).await,
        Custom::Knowledge(op) => knowledge::dispatch(op, db, ctx).await,
        Custom::Suggestions(op) => suggestions::dispatch(op, db, ctx).await,
        Custom::Training(op) => training::dispatch(op, db, ctx).await,
        Custom::Learning(op) => learning::dispatch(op, db, ctx).await,
        Custom::Escalations(op) => escalations::dispatch(op, db, ctx).await,
        Custom::ResponseTemplates(op) => response_templates::dispatch(op, db, ctx).await,
        Custom::Dashboard(op) => dashboard::dispatch(op, db, ctx).await,
        Custom::Settings(op) => settings::dispatch(op, db, ctx).await,
        Custom::Readiness(op) => readiness::dispatch(op, db, ctx).await,
        Custom::Outcomes(op) => outcomes::dispatch(op, db, ctx).await,
        Custom::Counts(op) => counts::dispatch(op, db, ctx).await,
        Custom::Rag(op) => rag::dispatch(op, db, ctx).await,
        Custom::UpdateHistory(op) => update_history::dispatch(op, db, ctx).await,
        Custom::VehicleLookup(op) => vehicle_lookup::dispatch(op, db, ctx).await,
        Custom::Prices(op) => prices::dispatch(op, db, ctx).await,
        Custom::Telegram(op) => telegram::dispatch(op, db, ctx).await,
        Custom::MessageTemplates(op) => message_templates::dispatch(op, db, ctx).await,
        Custom::PaymentMethods(op) => payment_methods::dispatch(op, db, ctx).await,
        Custom::AgentSettings(op) => agent_settings::dispatch(op, db, ctx).await,
        Custom::Billing(op) => billing::dispatch(op, db, ctx).await,
        Custom::Admin(op) => admin::dispatch(op, db, ctx).await,
        Custom::MaxPersonal(op) => max_personal::dispatch(op, db, ctx).await,
        Custom::Fraud(op) => fraud::dispatch(op, db, ctx).await,
        Custom::Secrets(op) => secrets::dispatch(op, db, ctx).await,
        Custom::Audit(op) => audit::dispatch(op, db, ctx).await,
        Custom::Proxies(op) => proxies::dispatch(op, db, ctx).await,
        Custom::CustomerDeletion(op) => customer_deletion::dispatch(op, db, ctx).await,
        Custom::Sessions(op) => sessions::dispatch(op, db, ctx).await,
        Custom::Owners(op) => owners::dispatch(op, db, ctx).await,
        Custom::Channels(op) => match op {},
        Custom::CustomerNotes(op) => match op {},
    }
}
