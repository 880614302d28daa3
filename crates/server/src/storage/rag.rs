//! §26 RAG documents and chunks. A chunk belongs to the tenant of its document (`Owner::Via`):
//! every statement scopes chunks with [`owned`] (an `EXISTS` on their document) or scopes the
//! document they are joined with. Embeddings stay what the old system stored: JSON text of a
//! number array in a `text` column, written the way `JSON.stringify` writes it.
//!
//! `searchRagChunks` streams the tenant's `(id, embedding)` pairs ([`Db::stream`]) and keeps the
//! k best in a heap, so memory is bounded by k whatever the number of chunks, and parses each
//! embedding in one allocation-free pass ([`scan_numbers`]) that stops at the first item too many.

use super::scope::{Mode, owned, owned_sql};
use super::shape::{select, write};
use super::sql::{Ph, Sql};
use super::values::{push_js_number, scan_numbers};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::{ApiError, FieldError};
use salesgate_core::routes::rag::{
    Custom, DEFAULT_SEARCH_LIMIT, RAG_CHUNK_MATCH, RAG_CHUNK_TEXT, RAG_EMBEDDED_CHUNK, RAG_INVALIDATED,
    RAG_SOURCE_CHUNK, RAG_SOURCE_DELETED, RAG_STALE_CHUNK,
};
use salesgate_core::shape::Shape;
use salesgate_core::tables::{RAG_CHUNKS, RAG_DOCUMENTS};
use salesgate_core::validate::Value;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use tokio_postgres::Row;
use tokio_postgres::types::Type;

/// The characters JavaScript's `String.prototype.trim` removes (ECMA-262 WhiteSpace and
/// LineTerminator): the old system hashed `chunkText.trim()`. Not Rust's `str::trim`, which
/// also removes U+0085 and keeps U+FEFF.
pub const JS_WHITESPACE: &[char] = &[
    '\u{9}', '\u{A}', '\u{B}', '\u{C}', '\u{D}', '\u{20}', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}',
    '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{2028}',
    '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}', '\u{FEFF}',
];

/// storage-api §26: getRagChunksWithStaleHash scans at most `limit` × this many chunks.
const STALE_SCAN_FACTOR: i64 = 10;
/// storage-api §26: invalidateStaleEmbeddings takes the stale chunks of getRagChunksWithStaleHash(1000).
const INVALIDATE_LIMIT: i64 = 1000;
/// The longest embedding text a search reads (4,096 dimensions of 25 characters and more):
/// longer stored text is skipped unread.
const MAX_EMBEDDING_TEXT: usize = 128 * 1024;
/// Rows a search reads between two yields to the other requests of its runtime.
const ROWS_PER_YIELD: usize = 32;

fn not_found() -> StorageError {
    ApiError::not_found("Rag chunk").into()
}

/// deleteRagBySource: the documents of (tenant, type, source id) in one statement; their chunks
/// go with them (the foreign key cascades). storage-api §26: `{deletedDocs}`.
pub async fn delete_rag_by_source(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let sql = format!(
        "WITH d AS (DELETE FROM rag_documents r WHERE {} AND r.type = $2 AND r.source_id = $3 RETURNING 1) \
         SELECT {} FROM d",
        owned_sql(&RAG_DOCUMENTS, "r", "$1", Mode::Write),
        select(&RAG_SOURCE_DELETED, ctx.reads, &["count(*)"])?
    );
    let params = [ctx.tenant()?, ctx.required("type")?, ctx.required("sourceId")?];
    let row = db
        .query_text_opt(&sql, &[Type::VARCHAR, Type::TEXT, Type::VARCHAR], &[&params[0], &params[1], &params[2]])
        .await?
        .ok_or_else(|| StorageError::Bug("a count returned no row".into()))?;
    let mut body = String::with_capacity(24);
    write(&mut body, &RAG_SOURCE_DELETED, ctx.reads, &row, &[])?;
    Ok(Reply::json(body))
}

/// The JSON text of an embedding as the old application stored it (`JSON.stringify` of the
/// array), so it reads the rows salesgate writes unchanged.
pub fn embedding_text(items: &[serde_json::Value]) -> Result<String> {
    let mut text = String::with_capacity(items.len() * 22 + 2);
    text.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        let n = item.as_f64().ok_or_else(|| StorageError::Bug("a checked embedding holds a non-number".into()))?;
        push_js_number(&mut text, n);
    }
    text.push(']');
    Ok(text)
}

/// The embedding of a checked body (`[]` when a declaration lets it through without one).
fn body_embedding<'a>(ctx: &Ctx<'a>) -> Result<&'a [serde_json::Value]> {
    match ctx.body.get("embedding") {
        Some(Value::Json(serde_json::Value::Array(items))) => Ok(items),
        _ => Err(StorageError::Bug(format!("route {}: the body has no checked embedding", ctx.route.id))),
    }
}

/// updateRagChunkEmbedding: `embedding` = JSON text of the array, `updated_at` = now, for the
/// tenant's chunk; 404 when it is not one (the old method answered false).
pub async fn update_rag_chunk_embedding(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let text = embedding_text(body_embedding(ctx)?)?;
    let sql = format!(
        "UPDATE rag_chunks AS r SET embedding = $1, updated_at = now() WHERE r.id = $2 AND {} RETURNING r.id",
        owned_sql(&RAG_CHUNKS, "r", "$3", Mode::Write)
    );
    let (id, tenant) = (ctx.param("ragChunkId")?, ctx.tenant()?);
    match db.query_text_opt(&sql, &[Type::TEXT, Type::VARCHAR, Type::VARCHAR], &[&text, &id, &tenant]).await? {
        Some(_) => Ok(Reply::empty()),
        None => Err(not_found()),
    }
}

/// Ends a page of chunks `c` (oldest first: `created_at`, then `id`): the keyset condition of
/// `after`, the order, and a limit one past `limit` (the extra row says a page follows).
fn page_of_chunks(sql: &mut Sql<'_>, t: Ph, after: Option<&str>, limit: i64) {
    if let Some(cursor) = after {
        sql.push(" AND (c.created_at, c.id) > (SELECT k.created_at, k.id FROM rag_chunks k WHERE k.id = ");
        sql.push_bind(cursor.to_string(), Type::VARCHAR).push(" AND ");
        owned(sql, &RAG_CHUNKS, "k", t, Mode::Read);
        sql.push(")");
    }
    sql.push(" ORDER BY c.created_at, c.id LIMIT ").push_bind(limit + 1, Type::INT8);
}

/// Runs a statement ended by [`page_of_chunks`] and answers its rows as `shape`s, with the
/// cursor of the next page (the id, selected first) when there is one. An empty page after a
/// cursor that is not a chunk of the tenant is a 400, as for the plain lists.
async fn answer_page(db: &Db<'_>, ctx: &Ctx<'_>, shape: &Shape, sql: &Sql<'_>, limit: i64) -> Result<Reply> {
    let mut rows = db.query(sql).await?;
    if let (true, Some(cursor)) = (rows.is_empty(), ctx.query.text("after")) {
        let exists =
            format!("SELECT 1 FROM rag_chunks c WHERE c.id = $1 AND {}", owned_sql(&RAG_CHUNKS, "c", "$2", Mode::Read));
        if db.query_text_opt(&exists, &[Type::VARCHAR, Type::VARCHAR], &[&cursor, &ctx.tenant()?]).await?.is_none() {
            return Err(ApiError::invalid_parameters(vec![FieldError::new(
                "after",
                "not_found",
                "after must be the id of a row of the previous page",
            )])
            .into());
        }
    }
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let next_cursor = if more { rows.last().map(|r| r.try_get::<_, String>(0)).transpose()? } else { None };
    Ok(Reply { body: write_all(ctx, shape, &rows)?, next_cursor })
}

/// A JSON array of `shape`s, one per row.
fn write_all(ctx: &Ctx<'_>, shape: &Shape, rows: &[Row]) -> Result<String> {
    let mut body = String::with_capacity(256 * rows.len() + 2);
    body.push('[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        write(&mut body, shape, ctx.reads, row, &[])?;
    }
    body.push(']');
    Ok(body)
}

/// getRagChunksBySource: the chunks of the tenant's documents of (type, source id), their
/// embeddings as number arrays (null when absent). Paged, oldest first (the old method returned
/// every one, unordered).
pub async fn get_rag_chunks_by_source(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let limit = ctx.query.int("limit").unwrap_or(100);
    let mut sql = Sql::new("SELECT ");
    sql.push(&select(&RAG_SOURCE_CHUNK, ctx.reads, &["c.id", "c.chunk_text", "c.embedding"])?);
    // A chunk is its document's: scoping the document scopes the chunk.
    sql.push(" FROM rag_chunks c JOIN rag_documents d ON d.id = c.rag_document_id WHERE ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(&mut sql, &RAG_DOCUMENTS, "d", t, Mode::Read);
    sql.push(" AND d.type = ").push_bind(ctx.required("type")?.to_string(), Type::TEXT);
    sql.push(" AND d.source_id = ").push_bind(ctx.required("sourceId")?.to_string(), Type::VARCHAR);
    page_of_chunks(&mut sql, t, ctx.query.text("after"), limit);
    answer_page(db, ctx, &RAG_SOURCE_CHUNK, &sql, limit).await
}

/// getRagChunksWithoutEmbedding: up to `limit` (default 100, as the old method) of the tenant's
/// chunks whose embedding is NULL, oldest first (the old method had no order).
pub async fn get_rag_chunks_without_embedding(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let mut sql = Sql::new("SELECT ");
    sql.push(&select(&RAG_CHUNK_TEXT, ctx.reads, &["c.id", "c.chunk_text"])?);
    sql.push(" FROM rag_chunks c WHERE ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(&mut sql, &RAG_CHUNKS, "c", t, Mode::Read);
    sql.push(" AND c.embedding IS NULL ORDER BY c.created_at, c.id LIMIT ");
    sql.push_bind(ctx.query.int("limit").unwrap_or(100), Type::INT8);
    Ok(Reply::json(write_all(ctx, &RAG_CHUNK_TEXT, &db.query(&sql).await?)?))
}

/// The stale chunks among the oldest `scan` embedded chunks of the tenant `t`, oldest first, at
/// most `limit`, as `s(id, chunk_text, stored, current, created_at)`. storage-api §26: stale
/// when `metadata.contentHash` is not the first 16 hex digits of SHA-256 of the trimmed text
/// (a missing or non-string hash is stale too). Computed in PostgreSQL: only the stale rows
/// leave it.
fn stale_chunks(sql: &mut Sql<'_>, t: Ph, scan: i64, limit: i64) {
    let whitespace: String = JS_WHITESPACE.iter().collect();
    sql.push(
        "(SELECT * FROM (SELECT c.id, c.chunk_text, c.created_at, \
         CASE WHEN jsonb_typeof(c.metadata -> 'contentHash') = 'string' THEN c.metadata ->> 'contentHash' END AS stored, \
         substr(encode(sha256(convert_to(btrim(c.chunk_text, ",
    );
    sql.push_bind(whitespace, Type::TEXT).push("), 'UTF8')), 'hex'), 1, 16) AS current FROM rag_chunks c WHERE ");
    owned(sql, &RAG_CHUNKS, "c", t, Mode::Read);
    sql.push(" AND c.embedding IS NOT NULL ORDER BY c.created_at, c.id LIMIT ").push_bind(scan, Type::INT8);
    sql.push(") scanned WHERE stored IS DISTINCT FROM current ORDER BY created_at, id LIMIT ");
    sql.push_bind(limit, Type::INT8).push(") s");
}

/// getRagChunksWithStaleHash: up to `limit` (default 100) stale chunks of the oldest
/// `limit` × 10 embedded ones.
pub async fn get_rag_chunks_with_stale_hash(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let limit = ctx.query.int("limit").unwrap_or(100);
    let mut sql = Sql::new("SELECT ");
    sql.push(&select(&RAG_STALE_CHUNK, ctx.reads, &["s.id", "s.chunk_text", "s.stored", "s.current"])?);
    sql.push(" FROM ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    stale_chunks(&mut sql, t, limit * STALE_SCAN_FACTOR, limit);
    sql.push(" ORDER BY s.created_at, s.id");
    Ok(Reply::json(write_all(ctx, &RAG_STALE_CHUNK, &db.query(&sql).await?)?))
}

/// invalidateStaleEmbeddings: the stale chunks getRagChunksWithStaleHash(1000) finds get
/// `embedding = NULL`, `updated_at = now`, in one statement (the old method read, then wrote).
pub async fn invalidate_stale_embeddings(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let mut sql = Sql::new("WITH u AS (UPDATE rag_chunks AS r SET embedding = NULL, updated_at = now() FROM ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    stale_chunks(&mut sql, t, INVALIDATE_LIMIT * STALE_SCAN_FACTOR, INVALIDATE_LIMIT);
    sql.push(" WHERE r.id = s.id AND ");
    owned(&mut sql, &RAG_CHUNKS, "r", t, Mode::Write);
    sql.push(" RETURNING 1) SELECT ").push(&select(&RAG_INVALIDATED, ctx.reads, &["count(*)"])?).push(" FROM u");
    let row = db.query_one(&sql).await?;
    let mut body = String::with_capacity(24);
    write(&mut body, &RAG_INVALIDATED, ctx.reads, &row, &[])?;
    Ok(Reply::json(body))
}

/// getAllRagChunksWithEmbedding: the tenant's embedded chunks, embeddings as the stored text, in
/// pages, oldest first (the old method returned all at once, for the application to compare in
/// memory: `searchRagChunks` does that here).
pub async fn get_all_rag_chunks_with_embedding(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let limit = ctx.query.int("limit").unwrap_or(100);
    let mut sql = Sql::new("SELECT ");
    let columns = ["c.id", "c.chunk_text", "c.chunk_index::int8", "c.embedding", "c.metadata"];
    sql.push(&select(&RAG_EMBEDDED_CHUNK, ctx.reads, &columns)?).push(" FROM rag_chunks c WHERE ");
    let t = sql.bind(ctx.tenant()?.to_string(), Type::VARCHAR);
    owned(&mut sql, &RAG_CHUNKS, "c", t, Mode::Read);
    sql.push(" AND c.embedding IS NOT NULL");
    page_of_chunks(&mut sql, t, ctx.query.text("after"), limit);
    answer_page(db, ctx, &RAG_EMBEDDED_CHUNK, &sql, limit).await
}

/// Cosine similarity of the query `q` (of norm `q_norm` > 0) and the embedding `text`; `None`
/// when the text is not JSON of a number array of `q`'s dimensions (it is not comparable). An
/// embedding of norm 0 has similarity 0. One pass, no allocation, stopping at the first item
/// past `q`'s length.
pub fn cosine(q: &[f64], q_norm: f64, text: &str) -> Option<f64> {
    if text.len() > MAX_EMBEDDING_TEXT {
        return None;
    }
    let (mut dot, mut norm) = (0.0f64, 0.0f64);
    let n = scan_numbers(text, q.len(), |i, x| {
        dot += q[i] * x;
        norm += x * x;
        true
    })?;
    if n != q.len() {
        return None;
    }
    let similarity = if norm == 0.0 { 0.0 } else { dot / (q_norm * norm.sqrt()) };
    similarity.is_finite().then(|| similarity.clamp(-1.0, 1.0))
}

/// A chunk kept by the search. Ordered worst first (lower similarity, then the greater id), so
/// the max-heap's top is the one to drop.
struct Candidate {
    similarity: f64,
    id: String,
}

impl Candidate {
    fn worse_than(&self, similarity: f64, id: &str) -> bool {
        match self.similarity.total_cmp(&similarity) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => self.id.as_str() > id,
        }
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        other.similarity.total_cmp(&self.similarity).then_with(|| self.id.cmp(&other.id))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// The `k` best of a stream of `(similarity, id)`: most similar first, ties by id.
pub struct TopK {
    k: usize,
    heap: BinaryHeap<Candidate>,
}

impl TopK {
    pub fn new(k: usize) -> TopK {
        TopK { k, heap: BinaryHeap::with_capacity(k + 1) }
    }

    /// Offers a chunk; its id is copied only when it is kept.
    pub fn offer(&mut self, similarity: f64, id: &str) {
        if self.k == 0 {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push(Candidate { similarity, id: id.to_string() });
        } else if self.heap.peek().is_some_and(|worst| worst.worse_than(similarity, id)) {
            self.heap.pop();
            self.heap.push(Candidate { similarity, id: id.to_string() });
        }
    }

    /// `(ids, similarities)`, most similar first.
    pub fn into_sorted(self) -> (Vec<String>, Vec<f64>) {
        self.heap.into_sorted_vec().into_iter().map(|c| (c.id, c.similarity)).unzip()
    }
}

/// searchRagChunks (new): the `limit` (default 10) embedded chunks of the tenant most similar to
/// the body's embedding by cosine similarity, most similar first (ties by id), with their
/// document's source. Chunks whose embedding has other dimensions, or is not JSON of a number
/// array, are not comparable and left out.
///
/// The tenant's `(id, embedding)` rows are streamed and scored one at a time, keeping only the
/// best `limit` (memory bounded by `limit`, not by the tenant's chunks); then one statement
/// reads those chunks' fields. The old application fetched every embedding
/// (getAllRagChunksWithEmbedding) and compared them in its own memory.
pub async fn search_rag_chunks(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let items = body_embedding(ctx)?;
    let q: Vec<f64> = items.iter().filter_map(serde_json::Value::as_f64).collect();
    let q_norm = q.iter().map(|x| x * x).sum::<f64>().sqrt();
    if q.len() != items.len() || q_norm == 0.0 || !q_norm.is_finite() {
        return Err(ApiError::validation(vec![FieldError::new(
            "/embedding",
            "invalid_format",
            "embedding must have a finite, non-zero length (cosine similarity is undefined otherwise)",
        )])
        .into());
    }
    let limit = match ctx.body.get("limit") {
        Some(Value::Int(n)) => i64::from(*n),
        _ => DEFAULT_SEARCH_LIMIT,
    };
    let tenant = ctx.tenant()?;
    let scan = format!(
        "SELECT c.id, c.embedding FROM rag_chunks c WHERE {} AND c.embedding IS NOT NULL",
        owned_sql(&RAG_CHUNKS, "c", "$1", Mode::Read)
    );
    let mut top = TopK::new(limit.max(0) as usize);
    let (mut read, mut skipped) = (0usize, 0usize);
    let mut rows = db.stream(&scan, &[Type::VARCHAR], &[&tenant]).await?;
    while let Some(row) = rows.next().await? {
        let (id, text): (&str, &str) = (row.try_get(0)?, row.try_get(1)?);
        match cosine(&q, q_norm, text) {
            Some(similarity) => top.offer(similarity, id),
            None => skipped += 1,
        }
        read += 1;
        if read.is_multiple_of(ROWS_PER_YIELD) {
            tokio::task::yield_now().await; // the runtime's other requests go on meanwhile
        }
    }
    drop(rows);
    if skipped > 0 {
        tracing::debug!(skipped, read, "searchRagChunks: embeddings of other dimensions or not JSON number arrays");
    }
    let (ids, similarities) = top.into_sorted();
    if ids.is_empty() {
        return Ok(Reply::json("[]".to_string()));
    }
    let fields = [
        "c.id",
        "c.rag_document_id",
        "d.type",
        "d.source_id",
        "c.chunk_text",
        "c.chunk_index::int8",
        "c.metadata",
        "s.similarity",
    ];
    let sql = format!(
        "SELECT {} FROM unnest($2::varchar[], $3::float8[]) WITH ORDINALITY AS s(id, similarity, n) \
         JOIN rag_chunks c ON c.id = s.id JOIN rag_documents d ON d.id = c.rag_document_id \
         WHERE {} ORDER BY s.n",
        select(&RAG_CHUNK_MATCH, ctx.reads, &fields)?,
        owned_sql(&RAG_DOCUMENTS, "d", "$1", Mode::Read)
    );
    let types = [Type::VARCHAR, Type::VARCHAR_ARRAY, Type::FLOAT8_ARRAY];
    let rows = db.query_text(&sql, &types, &[&tenant, &ids, &similarities]).await?;
    Ok(Reply::json(write_all(ctx, &RAG_CHUNK_MATCH, &rows)?))
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::DeleteRagBySource => delete_rag_by_source(db, ctx).await,
        Custom::UpdateRagChunkEmbedding => update_rag_chunk_embedding(db, ctx).await,
        Custom::GetRagChunksBySource => get_rag_chunks_by_source(db, ctx).await,
        Custom::GetRagChunksWithoutEmbedding => get_rag_chunks_without_embedding(db, ctx).await,
        Custom::GetRagChunksWithStaleHash => get_rag_chunks_with_stale_hash(db, ctx).await,
        Custom::InvalidateStaleEmbeddings => invalidate_stale_embeddings(db, ctx).await,
        Custom::GetAllRagChunksWithEmbedding => get_all_rag_chunks_with_embedding(db, ctx).await,
        Custom::SearchRagChunks => search_rag_chunks(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_whitespace_is_what_javascript_trims() {
        // U+0085 is White_Space for Rust but not for JavaScript; U+FEFF the other way round.
        let trim = |s: &str| s.trim_matches(JS_WHITESPACE).to_string();
        assert_eq!(trim("\u{FEFF}\u{A0} a b \u{2028}\t"), "a b");
        assert_eq!(trim("\u{85}a"), "\u{85}a");
        assert_eq!(JS_WHITESPACE.len(), 25);
    }

    #[test]
    fn cosine_skips_what_is_not_comparable() {
        let q = [1.0, 0.0];
        assert_eq!(cosine(&q, 1.0, "[2,0]"), Some(1.0));
        assert_eq!(cosine(&q, 1.0, "[0,-3]"), Some(0.0));
        assert_eq!(cosine(&q, 1.0, "[-1e-3, 0]"), Some(-1.0));
        assert_eq!(cosine(&q, 1.0, "[0,0]"), Some(0.0), "an embedding of norm 0");
        assert_eq!(cosine(&q, 1.0, "[1,0,0]"), None, "other dimensions");
        assert_eq!(cosine(&q, 1.0, "[1]"), None, "other dimensions");
        assert_eq!(cosine(&q, 1.0, "not json"), None);
        let long = format!("[{}]", vec!["0"; MAX_EMBEDDING_TEXT].join(","));
        assert_eq!(cosine(&q, 1.0, &long), None, "too long to read");
    }

    #[test]
    fn the_heap_keeps_the_k_most_similar_ties_by_id() {
        let mut top = TopK::new(3);
        for (s, id) in [(0.1, "a"), (0.9, "b"), (0.5, "c"), (0.9, "a2"), (-1.0, "d"), (0.5, "b2"), (0.95, "e")] {
            top.offer(s, id);
        }
        let (ids, similarities) = top.into_sorted();
        assert_eq!(ids, ["e", "a2", "b"]);
        assert_eq!(similarities, [0.95, 0.9, 0.9]);
        let mut none = TopK::new(0);
        none.offer(1.0, "x");
        assert_eq!(none.into_sorted().0.len(), 0);
    }

    #[test]
    fn embeddings_are_written_as_json_stringify_writes_them() {
        let items: Vec<serde_json::Value> = serde_json::from_str("[0.1, -2.5e-7, 3, 1e21, -0.0]").expect("json");
        assert_eq!(embedding_text(&items).expect("text"), "[0.1,-2.5e-7,3,1e+21,0]");
    }
}
