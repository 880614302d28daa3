//! Channels (storage-api.md §2).

use super::rows::{Projection, write_rows};
use super::sql;
use super::{Conn, Reply, Result};
use salesgate_core::error::ApiError;
use salesgate_core::tables::CHANNELS;
use salesgate_core::validate::Validated;

/// getChannelsByTenant (a tenant has few channels: no paging).
pub async fn list(conn: &Conn, tenant: &str) -> Result<Reply> {
    let p = Projection::of(&CHANNELS);
    let sql = format!("SELECT {} FROM channels WHERE tenant_id = $1 ORDER BY created_at, id", p.list());
    let stmt = conn.prepare_cached(&sql).await?;
    let rows = conn.query(&stmt, &[&tenant]).await?;
    let mut body = String::with_capacity(256 * rows.len() + 2);
    write_rows(&mut body, p, &rows)?;
    Ok(Reply::json(body))
}

/// getChannelsByType: across all tenants (platform roles only, by the route table).
pub async fn list_by_type(conn: &Conn, channel_type: &str) -> Result<Reply> {
    let p = Projection::of(&CHANNELS);
    let sql = format!("SELECT {} FROM channels WHERE type = $1 ORDER BY created_at, id", p.list());
    let stmt = conn.prepare_cached(&sql).await?;
    let rows = conn.query(&stmt, &[&channel_type]).await?;
    let mut body = String::with_capacity(256 * rows.len() + 2);
    write_rows(&mut body, p, &rows)?;
    Ok(Reply::json(body))
}

pub async fn get(conn: &Conn, tenant: &str, id: &str) -> Result<Reply> {
    sql::get(conn, &CHANNELS, tenant, id, "Channel").await
}

pub async fn create(conn: &Conn, tenant: &str, body: &Validated) -> Result<Reply> {
    sql::insert(conn, &CHANNELS, tenant, body, &[], &[]).await
}

pub async fn update(conn: &Conn, tenant: &str, id: &str, body: &Validated) -> Result<Reply> {
    sql::patch(conn, &CHANNELS, tenant, id, body, "Channel").await?.ok_or_else(|| ApiError::not_found("Channel").into())
}
