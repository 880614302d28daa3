//! The RAG search figure (issue 9): `searchRagChunks` — the tenant's top 10 chunks by cosine
//! similarity, computed in the server from streamed rows — against what the old application
//! did: fetch every embedding with `getAllRagChunksWithEmbedding` (pages of 1,000 here) and
//! compare them in its own memory.
//!
//! Its own dataset in the benchmark's database: one tenant with [`DEFAULT_CHUNKS`] chunks of
//! [`DEFAULT_DIMENSIONS`] random dimensions, stored as the old system stores them (JSON text of
//! a number array, shortest round-trip digits), made by set-based SQL. Both sides are timed
//! over HTTP against the release server, on one keep-alive connection, one request at a time
//! (these are single heavy requests, not a load). Before timing, the server's top 10 is checked
//! against the same computation done here on the fetched embeddings.

use crate::load::Conn;
use crate::server::Server;
use crate::stats::Latency;
use crate::workload::Rng;
use crate::{BenchError, Progress, db_error};
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Method, Request};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tokio_postgres::Client;

/// The dataset's tenant (no W1–W4 request names it).
pub const TENANT: &str = "rag-bench";
/// Chunks of the dataset (issue 9: 5,000).
pub const DEFAULT_CHUNKS: u32 = 5_000;
/// Dimensions of every embedding (issue 9: 1,536, OpenAI's text-embedding-3-small).
pub const DEFAULT_DIMENSIONS: u32 = 1_536;
/// Documents the chunks are spread over.
const DOCUMENTS: u32 = 50;
/// The search's k.
pub const TOP: usize = 10;
/// Page size of getAllRagChunksWithEmbedding (its maximum).
const PAGE: usize = 1_000;
/// Timed runs of each side (after one untimed run each).
const SEARCH_RUNS: usize = 7;
const FETCH_RUNS: usize = 3;
/// The longest one request may take.
const REQUEST_LIMIT: Duration = Duration::from_secs(60);

/// The loaded dataset.
#[derive(Debug, Clone, Copy, Default)]
pub struct Loaded {
    pub chunks: i64,
    pub dimensions: u32,
    /// Characters of embedding text stored.
    pub embedding_bytes: i64,
    pub load_secs: f64,
}

/// The figures of the RAG step.
#[derive(Debug, Clone, Default)]
pub struct RagResult {
    pub dataset: Loaded,
    /// One top-10 searchRagChunks request, per run.
    pub search: Latency,
    pub search_min_us: u64,
    /// Fetching every embedding (all pages of getAllRagChunksWithEmbedding), per run.
    pub fetch_all: Latency,
    pub fetch_min_us: u64,
    /// Pages and answer bytes of one full fetch.
    pub fetch_pages: usize,
    pub fetch_bytes: usize,
    /// The old application's remaining work, done here once: parsing the fetched pages and
    /// computing every cosine similarity for the top 10.
    pub app_compare_us: u64,
    /// Whether the server's top 10 is the one computed here from the fetched embeddings.
    pub same_top: bool,
    /// The server's peak RSS after the searches, and after the fetches too (answers of 1,000
    /// embeddings are large).
    pub peak_rss_after_search: Option<u64>,
    pub peak_rss_after: Option<u64>,
}

impl RagResult {
    /// Median fetch-all time / median search time.
    pub fn speedup(&self) -> Option<f64> {
        (self.search.p50_us > 0).then(|| self.fetch_all.p50_us as f64 / self.search.p50_us as f64)
    }
}

/// The dataset as one script: the tenant, its documents, its chunks with random embeddings
/// (`setseed` makes them the same on every run of one PostgreSQL version).
pub fn load_sql(chunks: u32, dimensions: u32) -> String {
    format!(
        "BEGIN;
SELECT setseed(0.25);
INSERT INTO tenants (id, name) VALUES ('{TENANT}', 'RAG benchmark');
INSERT INTO rag_documents (id, tenant_id, type, source_id, content, metadata)
SELECT 'rag-doc-' || d, '{TENANT}', CASE WHEN d % 2 = 0 THEN 'PRODUCT' ELSE 'DOC' END, 'source-' || d,
       'Document ' || d, '{{}}'::jsonb
FROM generate_series(1, {DOCUMENTS}) AS d;
-- One embedding per chunk: the subquery refers to c, so it runs again for every row.
INSERT INTO rag_chunks (id, rag_document_id, chunk_text, chunk_index, token_count, embedding, metadata)
SELECT 'rag-chunk-' || lpad(c::text, 6, '0'), 'rag-doc-' || (c % {DOCUMENTS} + 1),
       'Chunk ' || c || ': brake pads, discs and delivery terms', c / {DOCUMENTS}, 120,
       (SELECT '[' || string_agg((random() * 0.2 - 0.1)::float8::text, ',') || ']'
        FROM generate_series(1, {dimensions}) WHERE c >= 0),
       jsonb_build_object('chunk', c)
FROM generate_series(0, {chunks} - 1) AS c;
COMMIT;"
    )
}

/// Loads the dataset with `client` (the benchmark's own connection).
pub async fn load(client: &Client, chunks: u32, dimensions: u32) -> Result<Loaded, BenchError> {
    let started = Instant::now();
    let limit = Duration::from_secs(300);
    let steps = [
        (load_sql(chunks, dimensions), "loading the RAG dataset"),
        ("VACUUM (ANALYZE) rag_documents, rag_chunks".to_string(), "vacuuming the RAG dataset"),
        ("CHECKPOINT".to_string(), "checkpointing after the RAG dataset"),
    ];
    for (sql, what) in steps {
        match tokio::time::timeout(limit, client.batch_execute(&sql)).await {
            Ok(result) => result.map_err(|e| db_error(what, &e))?,
            Err(_) => return Err(BenchError::Timeout { what: what.into(), limit }),
        }
    }
    let counted = client.query_one(
        "SELECT count(*), COALESCE(sum(length(c.embedding)), 0)::int8 FROM rag_chunks c \
         JOIN rag_documents d ON d.id = c.rag_document_id WHERE d.tenant_id = $1",
        &[&TENANT],
    );
    let row = match tokio::time::timeout(Duration::from_secs(60), counted).await {
        Ok(result) => result.map_err(|e| db_error("counting the RAG dataset", &e))?,
        Err(_) => return Err(BenchError::Timeout { what: "counting the RAG dataset".into(), limit }),
    };
    Ok(Loaded {
        chunks: row.get(0),
        dimensions,
        embedding_bytes: row.get(1),
        load_secs: started.elapsed().as_secs_f64(),
    })
}

/// The query embedding: random, of the dataset's dimensions.
pub fn query(dimensions: u32, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    (0..dimensions).map(|_| (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 0.2 - 0.1).collect()
}

/// Cosine similarity as the old application computed it (0 for a zero vector).
fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na.sqrt() * nb.sqrt()) }
}

/// The top `k` ids of `pages` (getAllRagChunksWithEmbedding answers) for `q`, as the old
/// application found them: parse every embedding, compare every one, sort.
pub fn top_from_pages(pages: &[Bytes], q: &[f64], k: usize) -> Result<Vec<String>, String> {
    let mut scored: Vec<(f64, String)> = Vec::new();
    for page in pages {
        let items: Vec<Value> = serde_json::from_slice(page).map_err(|e| format!("a page is not JSON: {e}"))?;
        for item in items {
            let text = item["embedding"].as_str().ok_or("a chunk without its embedding text")?;
            let embedding: Vec<f64> = serde_json::from_str(text).map_err(|e| format!("an embedding: {e}"))?;
            let id = item["id"].as_str().ok_or("a chunk without id")?.to_string();
            scored.push((cosine(q, &embedding), id));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored.into_iter().take(k).map(|(_, id)| id).collect())
}

/// Requests of the step, with the tenant's token.
struct RagClient {
    conn: Conn,
    host: HeaderValue,
    auth: HeaderValue,
}

impl RagClient {
    async fn send(
        &mut self,
        method: Method,
        uri: &str,
        body: Option<String>,
    ) -> Result<(u16, Option<String>, Bytes), String> {
        let has_body = body.is_some();
        let mut request = Request::new(Full::new(body.map(Bytes::from).unwrap_or_default()));
        *request.method_mut() = method;
        *request.uri_mut() = uri.parse().map_err(|e| format!("{uri}: {e}"))?;
        let headers = request.headers_mut();
        headers.insert(HOST, self.host.clone());
        headers.insert(AUTHORIZATION, self.auth.clone());
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        match tokio::time::timeout(REQUEST_LIMIT, self.conn.send_with_headers(request)).await {
            Ok(Ok((status, headers, body))) => {
                let cursor = headers.get("x-next-cursor").and_then(|v| v.to_str().ok()).map(str::to_string);
                Ok((status, cursor, body))
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Err(format!("{uri}: no answer within {REQUEST_LIMIT:?}")),
        }
    }

    /// One search: (time, answer).
    async fn search(&mut self, body: &str) -> Result<(Duration, Value), String> {
        let uri = format!("/v1/tenants/{TENANT}/rag-chunks/search");
        let started = Instant::now();
        let (status, _, answer) = self.send(Method::POST, &uri, Some(body.to_string())).await?;
        let took = started.elapsed();
        if status != 200 {
            return Err(format!("POST {uri} → {status}: {}", String::from_utf8_lossy(&answer)));
        }
        Ok((took, serde_json::from_slice(&answer).map_err(|e| format!("the search answer: {e}"))?))
    }

    /// Every page of getAllRagChunksWithEmbedding: (time, pages).
    async fn fetch_all(&mut self) -> Result<(Duration, Vec<Bytes>), String> {
        let mut pages = Vec::new();
        let mut after = String::new();
        let started = Instant::now();
        loop {
            let uri = format!("/v1/tenants/{TENANT}/rag-chunks/embedded?limit={PAGE}{after}");
            let (status, cursor, page) = self.send(Method::GET, &uri, None).await?;
            if status != 200 {
                return Err(format!("GET {uri} → {status}: {}", String::from_utf8_lossy(&page)));
            }
            pages.push(page);
            match cursor {
                Some(c) => after = format!("&after={c}"),
                None => break,
            }
        }
        Ok((started.elapsed(), pages))
    }
}

fn preflight(detail: String) -> BenchError {
    BenchError::Preflight { workload: "RAG", detail }
}

/// Times both sides against `srv`; `token` is an operator's of [`TENANT`]. The searches run
/// first, so the server's peak RSS after them shows what a search holds (bounded by k).
pub async fn measure(
    srv: &Server,
    token: &str,
    dataset: Loaded,
    seed: u64,
    progress: &Progress,
) -> Result<RagResult, BenchError> {
    let addr = srv.addr;
    let conn = Conn::open(addr).await.map_err(BenchError::Load)?;
    let host = HeaderValue::from_str(&addr.to_string()).map_err(|e| BenchError::Load(format!("host header: {e}")))?;
    let auth =
        HeaderValue::from_str(&format!("Bearer {token}")).map_err(|e| BenchError::Load(format!("token: {e}")))?;
    let mut client = RagClient { conn, host, auth };
    let q = query(dataset.dimensions, seed);
    let body = json!({"embedding": q, "limit": TOP}).to_string();

    // An untimed first search, which also checks the answer.
    let (_, answer) = client.search(&body).await.map_err(preflight)?;
    let server_top: Vec<String> = answer
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["id"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    if server_top.len() != TOP.min(dataset.chunks.max(0) as usize) {
        return Err(preflight(format!("searchRagChunks answered {} chunks: {answer}", server_top.len())));
    }
    let mut search_us = Vec::with_capacity(SEARCH_RUNS);
    for _ in 0..SEARCH_RUNS {
        let (took, _) = client.search(&body).await.map_err(BenchError::Load)?;
        search_us.push(took.as_micros().min(u128::from(u32::MAX)) as u32);
    }
    let search = Latency::of(&mut search_us);
    let search_min_us = search_us.first().map_or(0, |us| u64::from(*us));
    let peak_rss_after_search = srv.memory("VmHWM");
    progress.note(&format!("RAG   searchRagChunks top {TOP}: median {:.1} ms", search.p50_us as f64 / 1000.0));

    // An untimed first fetch of every embedding, whose top 10 (computed here, as the old
    // application did) must be the server's.
    let (_, pages) = client.fetch_all().await.map_err(preflight)?;
    let compared = Instant::now();
    let app_top = top_from_pages(&pages, &q, TOP).map_err(preflight)?;
    let app_compare_us = compared.elapsed().as_micros() as u64;
    let fetch_bytes = pages.iter().map(Bytes::len).sum();
    let fetch_pages = pages.len();
    drop(pages);
    let same_top = app_top == server_top;
    progress.note(&format!(
        "RAG   checked: the server's top {TOP} {} the one computed from every fetched embedding",
        if same_top { "is" } else { "is NOT" }
    ));
    let mut fetch_us = Vec::with_capacity(FETCH_RUNS);
    for _ in 0..FETCH_RUNS {
        let (took, _) = client.fetch_all().await.map_err(BenchError::Load)?;
        fetch_us.push(took.as_micros().min(u128::from(u32::MAX)) as u32);
    }
    let fetch_all = Latency::of(&mut fetch_us);
    let fetch_min_us = fetch_us.first().map_or(0, |us| u64::from(*us));
    progress.note(&format!(
        "RAG   getAllRagChunksWithEmbedding, every page: median {:.1} ms",
        fetch_all.p50_us as f64 / 1000.0
    ));
    Ok(RagResult {
        dataset,
        search,
        search_min_us,
        fetch_all,
        fetch_min_us,
        fetch_pages,
        fetch_bytes,
        app_compare_us,
        same_top,
        peak_rss_after_search,
        peak_rss_after: srv.memory("VmHWM"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_is_one_transaction_of_the_rag_tables() {
        let sql = load_sql(5_000, 1_536);
        assert!(sql.starts_with("BEGIN;") && sql.ends_with("COMMIT;"));
        for table in ["tenants", "rag_documents", "rag_chunks"] {
            assert!(sql.contains(&format!("INSERT INTO {table} ")), "{table}");
        }
        assert!(sql.contains("generate_series(1, 1536)") && sql.contains("generate_series(0, 5000 - 1)"));
    }

    #[test]
    fn the_app_side_top_is_the_most_similar_first() {
        let page = Bytes::from(
            json!([
                {"id": "a", "embedding": "[1, 0]"},
                {"id": "b", "embedding": "[0.5, 0.5]"},
                {"id": "c", "embedding": "[-1, 0]"},
                {"id": "d", "embedding": "[0, 0]"},
            ])
            .to_string(),
        );
        assert_eq!(top_from_pages(&[page], &[1.0, 0.0], 3).expect("top"), ["a", "b", "d"]);
        let q = query(16, 1);
        assert_eq!(q.len(), 16);
        assert!(q.iter().all(|x| (-0.1..0.1).contains(x)));
    }
}
