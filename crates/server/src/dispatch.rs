//! From an admitted request (core's typed operation, parameters and body) to its storage
//! operation. One arm per operation of the route table.

use crate::storage::messages::Page;
use crate::storage::{
    Reply, Result, StorageError, channels, conversations, customers, feature_flags, inbound, messages, tenants,
};
use deadpool_postgres::Pool;
use salesgate_core::error::ApiError;
use salesgate_core::gate::Admitted;
use salesgate_core::routes::Op;
use salesgate_core::validate::Validated;

/// Runs the operation of `a` on a pooled connection.
pub async fn dispatch(pool: &Pool, a: &Admitted<'_>) -> Result<Reply> {
    let mut conn = pool.get().await?;
    let conn = &mut conn;
    let tenant = a.param("tenantId");
    let empty = Validated::default();
    let body = a.body.as_ref().unwrap_or(&empty);
    let limit = a.query.int("limit").unwrap_or(100);
    let after = a.query.text("after");
    match a.route.op {
        Op::OpenApi => Err(StorageError::Api(ApiError::internal())),
        Op::CreateTenant => tenants::create(conn, body).await,
        Op::GetDefaultTenant => tenants::default_tenant(conn).await,
        Op::GetTenant => tenants::get(conn, tenant).await,
        Op::UpdateTenant => tenants::update(conn, tenant, body).await,
        Op::GetTenantTemplates => tenants::templates(conn, tenant).await,
        Op::ListChannelsByType => channels::list_by_type(conn, a.query.text("type").unwrap_or_default()).await,
        Op::ListChannels => channels::list(conn, tenant).await,
        Op::CreateChannel => channels::create(conn, tenant, body).await,
        Op::GetChannel => channels::get(conn, tenant, a.param("channelId")).await,
        Op::UpdateChannel => channels::update(conn, tenant, a.param("channelId"), body).await,
        Op::ListCustomers => customers::list(conn, tenant, a.query.text("q"), limit, after).await,
        Op::LookupCustomer => {
            let channel = a.query.text("channel").unwrap_or_default();
            customers::lookup(conn, tenant, channel, a.query.text("externalId").unwrap_or_default()).await
        }
        Op::GetCustomer => customers::get(conn, tenant, a.param("customerId")).await,
        Op::CreateCustomer => customers::create(conn, tenant, body).await,
        Op::UpdateCustomer => customers::update(conn, tenant, a.param("customerId"), body).await,
        Op::ListConversations => conversations::list(conn, tenant, a.query.text("status"), limit, after).await,
        Op::ConversationChannelCounts => conversations::channel_counts(conn, tenant).await,
        Op::CreateConversation => conversations::create(conn, tenant, body).await,
        Op::GetConversation => conversations::get(conn, tenant, a.param("conversationId")).await,
        Op::GetConversationWithCustomer => conversations::with_customer(conn, tenant, a.param("conversationId")).await,
        Op::GetConversationDetail => conversations::detail(conn, tenant, a.param("conversationId")).await,
        Op::UpdateConversation => conversations::update(conn, tenant, a.param("conversationId"), body).await,
        Op::DeleteConversation => conversations::delete(conn, tenant, a.param("conversationId")).await,
        Op::ListMessages => {
            let page = match (a.query.text("before"), a.query.text("after")) {
                (Some(_), Some(_)) => {
                    return Err(ApiError::invalid_parameters(vec![salesgate_core::error::FieldError::new(
                        "before",
                        "conflict",
                        "give before or after, not both",
                    )])
                    .into());
                }
                (Some(before), None) => Page::Before(before),
                (None, Some(after)) => Page::After(after),
                (None, None) => Page::Newest,
            };
            messages::list(conn, tenant, a.param("conversationId"), page, limit).await
        }
        Op::CreateMessage => messages::create(conn, tenant, a.param("conversationId"), body).await,
        Op::GetMessage => messages::get(conn, tenant, a.param("messageId")).await,
        Op::UpdateMessage => messages::update(conn, tenant, a.param("messageId"), body).await,
        Op::InboundMessage => inbound::receive(conn, tenant, body).await,
        Op::EffectiveFeatureFlags => feature_flags::effective(conn, tenant).await,
        Op::SetTenantFeatureFlag => feature_flags::set_for_tenant(conn, tenant, a.param("flagName"), body).await,
        Op::DeleteTenantFeatureFlag => feature_flags::delete_for_tenant(conn, tenant, a.param("flagName")).await,
        Op::ListGlobalFeatureFlags => feature_flags::list_global(conn).await,
        Op::SetGlobalFeatureFlag => feature_flags::set_global(conn, a.param("flagName"), body).await,
    }
}
