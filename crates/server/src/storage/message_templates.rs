//! §31 Message templates (issue 10): plain declarations, and seedDefaultTemplates.

use super::{Ctx, Db, Reply, Result};
use salesgate_core::routes::message_templates::{Custom, DEFAULT_TEMPLATES};
use tokio_postgres::types::{ToSql, Type};

/// seedDefaultTemplates: inserts the [`DEFAULT_TEMPLATES`] in ONE statement, idempotent and safe
/// for concurrent calls. The table has no unique key, so the old `ON CONFLICT DO NOTHING` never
/// fired and a second call duplicated the rows (storage-api §31). Here each seeded row's id is
/// derived from the tenant and its type (an MD5-based UUID), so the primary key is the conflict
/// target: a second call, concurrent or not, inserts nothing. A default the tenant deleted is
/// seeded again; templates of its own are never touched.
pub async fn seed_default_templates(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let tenant = ctx.tenant()?;
    let kinds: Vec<&str> = DEFAULT_TEMPLATES.iter().map(|t| t.kind).collect();
    let names: Vec<&str> = DEFAULT_TEMPLATES.iter().map(|t| t.name).collect();
    let contents: Vec<&str> = DEFAULT_TEMPLATES.iter().map(|t| t.content).collect();
    let orders: Vec<i32> = DEFAULT_TEMPLATES.iter().map(|t| t.order).collect();
    let sql = "INSERT INTO message_templates (id, tenant_id, type, name, content, \"order\") \
         SELECT md5('salesgate:default-message-template:' || $1 || ':' || d.type)::uuid::text, $1, \
         d.type, d.name, d.content, d.ord \
         FROM unnest($2::text[], $3::text[], $4::text[], $5::int4[]) AS d(type, name, content, ord) \
         ON CONFLICT (id) DO NOTHING";
    let params: [&(dyn ToSql + Sync); 5] = [&tenant, &kinds, &names, &contents, &orders];
    let types = [Type::VARCHAR, Type::TEXT_ARRAY, Type::TEXT_ARRAY, Type::TEXT_ARRAY, Type::INT4_ARRAY];
    db.query_text(sql, &types, &params).await?;
    Ok(Reply::empty())
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::SeedDefaultTemplates => seed_default_templates(db, ctx).await,
    }
}
