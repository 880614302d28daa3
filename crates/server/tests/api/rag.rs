//! §26 RAG: embeddings stored as the old JSON text, the stale-hash rule, invalidation, the
//! source operations, and `searchRagChunks` against a brute-force computation.

use crate::common::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The characters JavaScript's `String.prototype.trim` removes, written out again here.
const JS_TRIM: &[char] = &[
    '\t', '\n', '\u{B}', '\u{C}', '\r', ' ', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}',
    '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{2028}', '\u{2029}',
    '\u{202F}', '\u{205F}', '\u{3000}', '\u{FEFF}',
];

/// The old system's content hash: first 16 hex digits of SHA-256 of the JS-trimmed text.
fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.trim_matches(JS_TRIM).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

async fn rag_doc(api: &Api, tenant: &str, kind: &str, source: &str) -> String {
    let body = json!({"type": kind, "sourceId": source, "content": format!("{kind} {source}")});
    let r = api.post(&format!("/v1/tenants/{tenant}/rag-documents"), &operator(tenant), body).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

/// A chunk of `doc` made through createRagChunk; `embedding` is the stored text, if any.
async fn chunk(api: &Api, tenant: &str, doc: &str, text: &str, metadata: Value, embedding: Option<&str>) -> String {
    let mut body = json!({"chunkText": text, "chunkIndex": 0, "tokenCount": 1, "metadata": metadata});
    if let Some(e) = embedding {
        body["embedding"] = json!(e);
    }
    let r = api.post(&format!("/v1/tenants/{tenant}/rag-documents/{doc}/chunks"), &operator(tenant), body).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

fn ids(r: &salesgate_server::testing::client::Response) -> Vec<String> {
    let items = r.json();
    items.as_array().expect("an array").iter().map(|c| c["id"].as_str().unwrap_or("").to_string()).collect()
}

#[tokio::test]
async fn stale_hashes_follow_the_old_rule_and_invalidation_clears_them() {
    let api = Api::start().await;
    let doc = rag_doc(&api, "t1", "DOC", "kb1").await;
    let e = Some("[0.5,0.5]");
    let fresh =
        chunk(&api, "t1", &doc, "  Hello world \n", json!({"contentHash": content_hash("Hello world")}), e).await;
    let changed = chunk(&api, "t1", &doc, "Changed", json!({"contentHash": content_hash("Original")}), e).await;
    let no_hash = chunk(&api, "t1", &doc, "No hash", json!({"source": "kb1"}), e).await;
    // JavaScript's trim removes U+FEFF, U+00A0 and U+2028 ...
    let js_space = "\u{FEFF}\u{A0}Wide text\u{2028}";
    let trimmed = chunk(&api, "t1", &doc, js_space, json!({"contentHash": content_hash("Wide text")}), e).await;
    // ... but not U+0085 (which Rust's str::trim would remove).
    let nel = chunk(&api, "t1", &doc, "\u{85}Nel", json!({"contentHash": content_hash("Nel")}), e).await;
    let numeric = chunk(&api, "t1", &doc, "Numeric", json!({"contentHash": 12345}), e).await;
    let null_metadata = chunk(&api, "t1", &doc, "Null metadata", json!({}), e).await;
    api.sql.execute("UPDATE rag_chunks SET metadata = NULL WHERE id = $1", &[&null_metadata]).await.expect("null");
    let unembedded = chunk(&api, "t1", &doc, "Not embedded", json!({"contentHash": "0"}), None).await;
    let other_doc = rag_doc(&api, "t2", "DOC", "kb1").await;
    chunk(&api, "t2", &other_doc, "Other tenant", json!({}), e).await;

    let r = api.get("/v1/tenants/t1/rag-chunks/stale-hash", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(
        ids(&r),
        [changed.as_str(), no_hash.as_str(), nel.as_str(), numeric.as_str(), null_metadata.as_str()],
        "the stale ones, oldest first"
    );
    let stale = r.json();
    let by_id = |id: &str| stale.as_array().expect("array").iter().find(|c| c["id"] == id).cloned().expect("listed");
    assert_eq!(
        by_id(&changed),
        json!({"id": changed, "chunkText": "Changed", "storedHash": content_hash("Original"),
               "currentHash": content_hash("Changed")})
    );
    assert_eq!(by_id(&no_hash).get("storedHash"), None, "no contentHash: stale, storedHash absent");
    assert_eq!(by_id(&numeric).get("storedHash"), None, "a non-string contentHash is no hash");
    assert_eq!(by_id(&nel)["currentHash"], content_hash("\u{85}Nel"));
    assert_ne!(content_hash("\u{85}Nel"), content_hash("Nel"));
    assert!(!r.text().contains(&fresh) && !r.text().contains(&trimmed) && !r.text().contains(&unembedded));
    let r = api.get("/v1/tenants/t1/rag-chunks/stale-hash?limit=2", &viewer("t1")).await;
    assert_eq!(ids(&r), [changed.as_str(), no_hash.as_str()], "at most limit");

    let before = api.count("SELECT count(*) FROM rag_chunks WHERE embedding IS NOT NULL").await;
    expect(&api.post("/v1/tenants/t1/rag-chunks/invalidate-stale", &viewer("t1"), json!({})).await, 403);
    let r = api.post("/v1/tenants/t1/rag-chunks/invalidate-stale", &operator("t1"), json!({})).await;
    expect(&r, 200);
    assert_eq!(r.json(), json!({"invalidated": 5}));
    assert_eq!(api.count("SELECT count(*) FROM rag_chunks WHERE embedding IS NOT NULL").await, before - 5);
    let cleared =
        api.count("SELECT count(*) FROM rag_chunks WHERE embedding IS NULL AND updated_at > created_at").await;
    assert_eq!(cleared, 5, "updated_at = now on the invalidated chunks");
    let r = api.get("/v1/tenants/t1/rag-chunks/stale-hash", &viewer("t1")).await;
    assert_eq!(r.json(), json!([]));
    let r = api.get("/v1/tenants/t1/rag-chunks/without-embedding", &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(
        ids(&r),
        [
            changed.as_str(),
            no_hash.as_str(),
            nel.as_str(),
            numeric.as_str(),
            null_metadata.as_str(),
            unembedded.as_str()
        ]
    );
    assert_eq!(r.json()[5], json!({"id": unembedded, "chunkText": "Not embedded"}));
    let r = api.get("/v1/tenants/t1/rag-chunks/without-embedding?limit=1", &viewer("t1")).await;
    assert_eq!(ids(&r), [changed.as_str()]);
    assert_eq!(
        api.count("SELECT count(*) FROM rag_chunks WHERE chunk_text = 'Other tenant' AND embedding IS NULL").await,
        0
    );
}

/// storage-api §26: the stale chunks are looked for among the oldest `limit` × 10 embedded ones.
#[tokio::test]
async fn the_stale_hash_scan_covers_limit_times_ten_chunks() {
    let api = Api::start().await;
    let doc = rag_doc(&api, "t1", "PRODUCT", "p1").await;
    for i in 0..10 {
        let text = format!("fresh {i}");
        chunk(&api, "t1", &doc, &text, json!({"contentHash": content_hash(&text)}), Some("[1]")).await;
    }
    chunk(&api, "t1", &doc, "skipped: not embedded", json!({}), None).await;
    let stale = chunk(&api, "t1", &doc, "eleventh", json!({}), Some("[1]")).await;
    let r = api.get("/v1/tenants/t1/rag-chunks/stale-hash?limit=1", &viewer("t1")).await;
    assert_eq!(r.json(), json!([]), "the 11th embedded chunk is past a scan of 10");
    let r = api.get("/v1/tenants/t1/rag-chunks/stale-hash?limit=2", &viewer("t1")).await;
    assert_eq!(ids(&r), [stale]);
}

#[tokio::test]
async fn embeddings_are_stored_as_json_text_and_read_by_source() {
    let api = Api::start().await;
    let doc = rag_doc(&api, "t1", "PRODUCT", "p1").await;
    let twin = rag_doc(&api, "t1", "PRODUCT", "p1").await;
    let other_source = rag_doc(&api, "t1", "PRODUCT", "p2").await;
    let other_type = rag_doc(&api, "t1", "DOC", "p1").await;
    let other_tenant = rag_doc(&api, "t2", "PRODUCT", "p1").await;
    let a = chunk(&api, "t1", &doc, "a", json!({}), None).await;
    let b = chunk(&api, "t1", &doc, "b", json!({}), None).await;
    let c = chunk(&api, "t1", &twin, "c", json!({}), Some("not json")).await;
    for d in [&other_source, &other_type] {
        chunk(&api, "t1", d, "elsewhere", json!({}), Some("[1]")).await;
    }
    let theirs = chunk(&api, "t2", &other_tenant, "theirs", json!({}), Some("[1]")).await;

    let path = format!("/v1/tenants/t1/rag-chunks/{a}/embedding");
    let r =
        api.call("PUT", &path, Some(&operator("t1")), Some(json!({"embedding": [0.1, -2.5e-7, 3, 1e21, -0.0]}))).await;
    expect(&r, 204);
    let row = api.sql.query_one("SELECT embedding, updated_at > created_at FROM rag_chunks WHERE id = $1", &[&a]).await;
    let row = row.expect("chunk");
    assert_eq!(row.get::<_, String>(0), "[0.1,-2.5e-7,3,1e+21,0]", "as JSON.stringify writes it");
    assert!(row.get::<_, bool>(1), "updated_at = now");
    for (body, problem) in [
        (json!({"embedding": []}), ("/embedding", "too_short")),
        (json!({"embedding": [1, "2"]}), ("/embedding/1", "invalid_type")),
        (json!({"embedding": "[1]"}), ("/embedding", "invalid_type")),
        (json!({"embedding": vec![0.5; 4097]}), ("/embedding", "too_long")),
        (json!({}), ("/embedding", "required")),
    ] {
        let r = api.call("PUT", &path, Some(&operator("t1")), Some(body)).await;
        expect(&r, 422);
        assert_eq!(details(&r), [(problem.0.to_string(), problem.1.to_string())]);
    }
    let r = api
        .call(
            "PUT",
            &format!("/v1/tenants/t1/rag-chunks/{theirs}/embedding"),
            Some(&operator("t1")),
            Some(json!({"embedding": [1]})),
        )
        .await;
    expect(&r, 404);
    assert_eq!(api.count("SELECT count(*) FROM rag_chunks WHERE embedding = '[1]'").await, 3, "theirs unchanged");

    let source = "/v1/tenants/t1/rag-chunks?type=PRODUCT&sourceId=p1";
    let r = api.get(source, &viewer("t1")).await;
    expect(&r, 200);
    assert_eq!(
        r.json(),
        json!([
            {"id": a, "chunkText": "a", "embedding": [0.1, -2.5e-7, 3, 1e21, 0]},
            {"id": b, "chunkText": "b", "embedding": null},
            {"id": c, "chunkText": "c", "embedding": null},
        ]),
        "embeddings JSON-parsed; text that is not JSON of a number array reads as null"
    );
    let first = api.get(&format!("{source}&limit=2"), &viewer("t1")).await;
    assert_eq!(ids(&first), [a.as_str(), b.as_str()]);
    let cursor = first.header("x-next-cursor").expect("a next page").to_string();
    let rest = api.get(&format!("{source}&limit=2&after={cursor}"), &viewer("t1")).await;
    assert_eq!(ids(&rest), [c.as_str()]);
    assert_eq!(rest.header("x-next-cursor"), None);
    expect(&api.get(&format!("{source}&after=nope"), &viewer("t1")).await, 400);
    expect(&api.get("/v1/tenants/t1/rag-chunks?type=IMAGE&sourceId=p1", &viewer("t1")).await, 400);

    // deleteRagBySource: both documents of the source, their chunks with them (cascade).
    let delete = "/v1/tenants/t1/rag-documents?type=PRODUCT&sourceId=p1";
    expect(&api.call("DELETE", delete, Some(&viewer("t1")), None).await, 403);
    let r = api.call("DELETE", delete, Some(&operator("t1")), None).await;
    expect(&r, 200);
    assert_eq!(r.json(), json!({"deletedDocs": 2}));
    assert_eq!(api.get(source, &viewer("t1")).await.json(), json!([]));
    let left =
        api.count(&format!("SELECT count(*) FROM rag_chunks WHERE rag_document_id IN ('{doc}', '{twin}')")).await;
    assert_eq!(left, 0, "the chunks cascade");
    assert_eq!(api.count("SELECT count(*) FROM rag_documents").await, 3, "other sources, types and tenants stay");
    assert_eq!(api.count("SELECT count(*) FROM rag_chunks").await, 3);
    assert_eq!(api.call("DELETE", delete, Some(&operator("t1")), None).await.json(), json!({"deletedDocs": 0}));
}

#[tokio::test]
async fn all_embedded_chunks_come_in_pages_with_their_stored_text() {
    let api = Api::start().await;
    let doc = rag_doc(&api, "t1", "DOC", "kb").await;
    let mut embedded = Vec::new();
    for i in 0..5 {
        let text = format!("[{i}.5, -1e-9]");
        embedded.push(chunk(&api, "t1", &doc, &format!("c{i}"), json!({"n": i}), Some(&text)).await);
        chunk(&api, "t1", &doc, "not embedded", json!({}), None).await;
    }
    let other = rag_doc(&api, "t2", "DOC", "kb").await;
    chunk(&api, "t2", &other, "theirs", json!({}), Some("[1]")).await;
    let (mut seen, mut after) = (Vec::new(), String::new());
    loop {
        let r = api.get(&format!("/v1/tenants/t1/rag-chunks/embedded?limit=2{after}"), &viewer("t1")).await;
        expect(&r, 200);
        seen.extend(ids(&r));
        match r.header("x-next-cursor") {
            Some(c) => after = format!("&after={c}"),
            None => break,
        }
    }
    assert_eq!(seen, embedded);
    let r = api.get("/v1/tenants/t1/rag-chunks/embedded", &viewer("t1")).await;
    assert_eq!(
        r.json()[1],
        json!({"id": embedded[1], "chunkText": "c1", "chunkIndex": 0, "embedding": "[1.5, -1e-9]", "metadata": {"n": 1}}),
        "the embedding as the stored text"
    );
}

/// A xorshift generator: reproducible vectors without a dependency.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    fn vector(&mut self, n: usize) -> Vec<f64> {
        (0..n).map(|_| self.unit()).collect()
    }
}

/// Random embeddings sent as JSON numbers are stored as the text `JSON.stringify` makes of
/// the same numbers (for |x| in [1e-6, 1e21) that is Rust's shortest `Display`): every digit
/// survives (serde_json parses with `float_roundtrip`; without it about one number in ten came
/// back one unit in the last place off).
#[tokio::test]
async fn embeddings_are_stored_digit_for_digit() {
    let api = Api::start().await;
    let doc = rag_doc(&api, "t1", "DOC", "kb").await;
    let id = chunk(&api, "t1", &doc, "text", json!({}), None).await;
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let v: Vec<f64> = (0..1536).map(|_| rng.unit() * 0.1).filter(|x| x.abs() >= 1e-6).collect();
    let path = format!("/v1/tenants/t1/rag-chunks/{id}/embedding");
    expect(&api.call("PUT", &path, Some(&operator("t1")), Some(json!({"embedding": v}))).await, 204);
    let stored: String =
        api.sql.query_one("SELECT embedding FROM rag_chunks WHERE id = $1", &[&id]).await.expect("chunk").get(0);
    let expected = format!("[{}]", v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(","));
    assert_eq!(stored, expected);
    let r = api.get("/v1/tenants/t1/rag-chunks?type=DOC&sourceId=kb", &viewer("t1")).await;
    let back: Vec<f64> = serde_json::from_value(r.json()[0]["embedding"].clone()).expect("numbers");
    assert_eq!(back, v);
}

/// The brute force: every t1 chunk's embedding parsed whole, its cosine with `q`, all sorted.
fn brute_force(chunks: &[(String, Option<String>)], q: &[f64], k: usize) -> Vec<(String, f64)> {
    let q_norm = q.iter().map(|x| x * x).sum::<f64>().sqrt();
    let mut scored: Vec<(String, f64)> = chunks
        .iter()
        .filter_map(|(id, text)| {
            let x: Vec<f64> = serde_json::from_str(text.as_deref()?).ok()?;
            if x.len() != q.len() {
                return None;
            }
            let dot: f64 = q.iter().zip(&x).map(|(a, b)| a * b).sum();
            let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
            let s = if norm == 0.0 { 0.0 } else { (dot / (q_norm * norm)).clamp(-1.0, 1.0) };
            Some((id.clone(), s))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(k);
    scored
}

#[tokio::test]
async fn search_ranks_chunks_as_a_brute_force_cosine_does() {
    const DIMS: usize = 48;
    let api = Api::start().await;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut chunks: Vec<(String, Option<String>)> = Vec::new();
    for d in 0..6 {
        let (kind, source) = if d % 2 == 0 { ("PRODUCT", format!("p{d}")) } else { ("DOC", format!("k{d}")) };
        api.sql
            .execute(
                "INSERT INTO rag_documents (id, tenant_id, type, source_id, content) VALUES ($1, 't1', $2, $3, 'x')",
                &[&format!("doc{d}"), &kind, &source],
            )
            .await
            .expect("document");
    }
    for i in 0..400 {
        let id = format!("chunk{i:03}");
        let text = match i % 50 {
            7 => None,                                                               // not embedded
            13 => Some(serde_json::to_string(&rng.vector(DIMS + 1)).expect("json")), // other dimensions
            21 => Some("[0.1, oops]".to_string()),                                   // not JSON of numbers
            29 => Some(serde_json::to_string(&vec![0.0; DIMS]).expect("json")),      // norm 0: similarity 0
            // Twins: the same embedding as the chunk before, so the same similarity (ties by id).
            33 => chunks.last().and_then(|(_, t)| t.clone()),
            _ => {
                let v = rng.vector(DIMS);
                // Some stored with JSON whitespace and exponents, as other writers may.
                if i % 3 == 0 {
                    Some(format!("[ {} ]", v.iter().map(|x| format!("{x:e}")).collect::<Vec<_>>().join(" , ")))
                } else {
                    Some(serde_json::to_string(&v).expect("json"))
                }
            }
        };
        let metadata = json!({"i": i});
        api.sql
            .execute(
                "INSERT INTO rag_chunks (id, rag_document_id, chunk_text, chunk_index, token_count, embedding, metadata) \
                 VALUES ($1, $2, $3, $4, 1, $5, $6)",
                &[&id, &format!("doc{}", i % 6), &format!("text {i}"), &i, &text, &metadata],
            )
            .await
            .expect("chunk");
        chunks.push((id, text));
    }
    // Another tenant's chunks, made to be the nearest: never found by t1.
    let q = rng.vector(DIMS);
    api.sql
        .execute("INSERT INTO rag_documents (id, tenant_id, type, source_id, content) VALUES ('theirs', 't2', 'DOC', 'k', 'x')", &[])
        .await
        .expect("document");
    api.sql
        .execute(
            "INSERT INTO rag_chunks (id, rag_document_id, chunk_text, chunk_index, token_count, embedding) \
             VALUES ('their-chunk', 'theirs', 'theirs', 0, 1, $1)",
            &[&serde_json::to_string(&q).expect("json")],
        )
        .await
        .expect("chunk");

    let search = "/v1/tenants/t1/rag-chunks/search";
    for (limit, body) in [
        (10, json!({"embedding": q})),
        (37, json!({"embedding": q, "limit": 37})),
        (100, json!({"embedding": q, "limit": 100})),
    ] {
        let r = api.post(search, &operator("t1"), body).await;
        expect(&r, 200);
        let expected = brute_force(&chunks, &q, limit);
        let answer = r.json();
        let got = answer.as_array().expect("array");
        assert_eq!(
            got.iter().map(|c| c["id"].as_str().unwrap_or("")).collect::<Vec<_>>(),
            expected.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
            "limit {limit}: the brute force's order"
        );
        for (c, (_, s)) in got.iter().zip(&expected) {
            let similarity = c["similarity"].as_f64().expect("a similarity");
            assert!((similarity - s).abs() < 1e-12, "{c}: {similarity} vs {s}");
        }
    }
    // The opposite direction ranks the other end first, twins in id order, norm-0 chunks at 0.
    let opposite: Vec<f64> = q.iter().map(|x| -x).collect();
    let r = api.post(search, &operator("t1"), json!({"embedding": opposite, "limit": 100})).await;
    let expected = brute_force(&chunks, &opposite, 100);
    assert_eq!(ids(&r), expected.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>());
    let first = &r.json()[0];
    let i = first["chunkText"].as_str().and_then(|t| t.strip_prefix("text ")).and_then(|n| n.parse::<usize>().ok());
    let i = i.expect("a chunk text");
    assert_eq!(
        first,
        &json!({"id": format!("chunk{i:03}"), "ragDocumentId": format!("doc{}", i % 6),
                "type": if i % 6 % 2 == 0 { "PRODUCT" } else { "DOC" },
                "sourceId": if i % 6 % 2 == 0 { format!("p{}", i % 6) } else { format!("k{}", i % 6) },
                "chunkText": format!("text {i}"), "chunkIndex": i, "metadata": {"i": i},
                "similarity": first["similarity"]}),
        "the chunk with its document's source"
    );
    let twins: Vec<usize> = (0..400).filter(|i| i % 50 == 33).collect();
    assert!(twins.iter().all(|i| chunks[*i].1 == chunks[i - 1].1), "twins share their embedding");

    let r = api.post(search, &operator("t1"), json!({"embedding": vec![0.0; DIMS]})).await;
    expect(&r, 422);
    assert_eq!(details(&r), [("/embedding".into(), "invalid_format".into())], "a zero vector has no direction");
    let r = api.post(search, &operator("t1"), json!({"embedding": [1.0, 1.0, 1.0], "limit": 0})).await;
    assert_eq!(details(&r), [("/limit".into(), "out_of_range".into())]);
    let r = api.post(search, &operator("t1"), json!({"embedding": vec![1.0; 7]})).await;
    assert_eq!(r.json(), json!([]), "no chunk of 7 dimensions");
    let r = api.post("/v1/tenants/t2/rag-chunks/search", &operator("t2"), json!({"embedding": q, "limit": 5})).await;
    assert_eq!(ids(&r), ["their-chunk"]);
    expect(&api.post(search, &viewer("t1"), json!({"embedding": q})).await, 403);
}
