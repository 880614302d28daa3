//! From an admitted request to its storage operation: plain actions go to the generic executor,
//! and this file holds the custom operations only — one arm per [`Custom`] variant, each
//! calling the storage function named after its operation id.

use crate::pg::Lane;
use crate::storage::{
    Ctx, Db, Reply, Result, StorageError, conversations, customers, exec, feature_flags, inbound, messages, tenants,
};
use salesgate_core::gate::Admitted;
use salesgate_core::route::Action;
use salesgate_core::routes::Custom;
use salesgate_core::validate::Validated;

/// Runs the operation of `a` on the runtime's lane.
pub async fn dispatch(lane: &Lane, a: &Admitted<'_>) -> Result<Reply> {
    let empty = Validated::default();
    let ctx = Ctx::new(a, &empty);
    let db = Db::new(lane);
    match a.route.action {
        Action::Plain(kind, table) => exec::run(&db, &ctx, kind, table).await,
        Action::Custom(op, _) => custom(&db, &ctx, op).await,
        Action::Document => Err(StorageError::Bug("the OpenAPI document is answered by the app".into())),
    }
}

async fn custom(db: &Db<'_>, ctx: &Ctx<'_>, op: Custom) -> Result<Reply> {
    match op {
        Custom::GetTenantTemplates => tenants::get_tenant_templates(db, ctx).await,
        Custom::GetCustomerByExternalId => customers::get_customer_by_external_id(db, ctx).await,
        Custom::GetConversationsByTenant => conversations::get_conversations_by_tenant(db, ctx).await,
        Custom::GetConversationChannelCounts => conversations::get_conversation_channel_counts(db, ctx).await,
        Custom::GetConversationWithCustomer => conversations::get_conversation_with_customer(db, ctx).await,
        Custom::GetConversationDetail => conversations::get_conversation_detail(db, ctx).await,
        Custom::UpdateConversation => conversations::update_conversation(db, ctx).await,
        Custom::DeleteConversation => conversations::delete_conversation(db, ctx).await,
        Custom::GetMessagesByConversationPaginated => messages::get_messages_by_conversation_paginated(db, ctx).await,
        Custom::CreateMessage => messages::create_message(db, ctx).await,
        Custom::ReceiveInboundMessage => inbound::receive_inbound_message(db, ctx).await,
        Custom::GetEffectiveFeatureFlags => feature_flags::get_effective_feature_flags(db, ctx).await,
    }
}
