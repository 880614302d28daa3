//! §26 RAG: the retrieval index of products and knowledge docs. Documents and chunks are created
//! plainly; the operations on a source, on embeddings and on content hashes are custom (joins of
//! chunks with their documents, JSON text of number arrays, SHA-256 in SQL), and so is
//! `searchRagChunks`, which is new: the tenant's chunks nearest to an embedding, computed in the
//! server, where the old application fetched every embedding (`getAllRagChunksWithEmbedding`) and
//! compared them in its own memory.

use crate::enums::RAG_DOC_TYPES;
use crate::route::Method::{Delete, Get, Post, Put};
use crate::route::{AFTER, Body, LIMIT, Param, ParamKind, Response, Route, Schema, crud};
use crate::schema::JsonShape::Numbers;
use crate::schema::Rule::{Json, Len, Range};
use crate::schema::SqlType::{Integer, Jsonb};
use crate::schema::{Column, col};
use crate::shape::{Kind, Shape, field, optional};
use crate::tables::{RAG_CHUNKS, RAG_DOCUMENTS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// deleteRagBySource: the source's documents (their chunks cascade), answering how many.
    DeleteRagBySource,
    /// updateRagChunkEmbedding: the embedding written as the old JSON text.
    UpdateRagChunkEmbedding,
    /// getRagChunksBySource: the chunks of a source's documents, embeddings as number arrays.
    GetRagChunksBySource,
    /// getRagChunksWithoutEmbedding: chunks still to embed.
    GetRagChunksWithoutEmbedding,
    /// getRagChunksWithStaleHash: embedded chunks whose text changed since (content hash).
    GetRagChunksWithStaleHash,
    /// invalidateStaleEmbeddings: clears the embeddings of stale chunks, answering how many.
    InvalidateStaleEmbeddings,
    /// getAllRagChunksWithEmbedding: the embedded chunks, embeddings as stored text, in pages.
    GetAllRagChunksWithEmbedding,
    /// searchRagChunks: the k chunks most similar to an embedding (cosine), computed in the server.
    SearchRagChunks,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::Rag(c)
}

/// The most dimensions an embedding may have (OpenAI's largest has 3,072).
pub const MAX_DIMENSIONS: u32 = 4096;
/// The most chunks one search answers.
pub const MAX_SEARCH_LIMIT: i64 = 100;
/// The chunks a search answers when its body does not say.
pub const DEFAULT_SEARCH_LIMIT: i64 = 10;

const DOCUMENTS: &str = "/v1/tenants/{tenantId}/rag-documents";
const CHUNKS: &str = "/v1/tenants/{tenantId}/rag-chunks";

/// `?type=&sourceId=`: the product or knowledge doc a document indexes.
const SOURCE: [Param; 2] = [
    Param { name: "type", kind: ParamKind::OneOf(RAG_DOC_TYPES), required: true, doc: "The source's type" },
    Param {
        name: "sourceId",
        kind: ParamKind::Text { max: 64 },
        required: true,
        doc: "The product id or knowledge-doc id",
    },
];

/// An embedding in a body: a non-empty array of numbers.
const EMBEDDING: Column =
    col("embedding", "embedding", Jsonb).not_null().rules(&[Json(Numbers), Len { min: 1, max: MAX_DIMENSIONS }]);

/// updateRagChunkEmbedding's body.
pub static EMBEDDING_BODY: Schema = Schema {
    name: "RagChunkEmbedding",
    doc: "A chunk's embedding (stored as JSON text of the array)",
    fields: &[EMBEDDING],
};

/// searchRagChunks' body.
pub static SEARCH_BODY: Schema = Schema {
    name: "RagChunkSearch",
    doc: "An embedding to compare the tenant's embedded chunks with, and how many of the nearest to answer",
    fields: &[EMBEDDING, col("limit", "limit", Integer).rules(&[Range { min: 1.0, max: MAX_SEARCH_LIMIT as f64 }])],
};

/// deleteRagBySource's answer.
pub static RAG_SOURCE_DELETED: Shape = Shape {
    name: "RagSourceDeleted",
    doc: "How many documents of the source were deleted (their chunks with them)",
    fields: &[field("deletedDocs", Kind::Int, "Documents deleted")],
};

/// invalidateStaleEmbeddings' answer.
pub static RAG_INVALIDATED: Shape = Shape {
    name: "RagEmbeddingsInvalidated",
    doc: "How many stale chunks had their embedding cleared",
    fields: &[field("invalidated", Kind::Int, "Chunks whose embedding is now null")],
};

/// getRagChunksWithoutEmbedding's items.
pub static RAG_CHUNK_TEXT: Shape = Shape {
    name: "RagChunkText",
    doc: "A chunk to embed",
    fields: &[field("id", Kind::Id, "The chunk"), field("chunkText", Kind::Text, "Its text")],
};

/// getRagChunksBySource's items.
pub static RAG_SOURCE_CHUNK: Shape = Shape {
    name: "RagSourceChunk",
    doc: "A chunk of a source's documents",
    fields: &[
        field("id", Kind::Id, "The chunk"),
        field("chunkText", Kind::Text, "Its text"),
        field("embedding", Kind::Numbers, "Its embedding; null when it has none (or it is not JSON of a number array)"),
    ],
};

/// getRagChunksWithStaleHash's items.
pub static RAG_STALE_CHUNK: Shape = Shape {
    name: "RagStaleChunk",
    doc: "An embedded chunk whose metadata.contentHash is not the hash of its text",
    fields: &[
        field("id", Kind::Id, "The chunk"),
        field("chunkText", Kind::Text, "Its text"),
        optional("storedHash", Kind::Text, "metadata.contentHash; absent when it has none (or it is not a string)"),
        field("currentHash", Kind::Text, "The first 16 hex digits of SHA-256 of the trimmed text"),
    ],
};

/// getAllRagChunksWithEmbedding's items.
pub static RAG_EMBEDDED_CHUNK: Shape = Shape {
    name: "RagEmbeddedChunk",
    doc: "An embedded chunk, its embedding as the stored JSON text",
    fields: &[
        field("id", Kind::Id, "The chunk"),
        field("chunkText", Kind::Text, "Its text"),
        field("chunkIndex", Kind::Int, "Its position in its document"),
        field("embedding", Kind::Text, "The embedding as stored: JSON text of a number array"),
        field("metadata", Kind::Json, "The chunk's metadata"),
    ],
};

/// searchRagChunks' items.
pub static RAG_CHUNK_MATCH: Shape = Shape {
    name: "RagChunkMatch",
    doc: "A chunk near the embedding searched for, with its document's source",
    fields: &[
        field("id", Kind::Id, "The chunk"),
        field("ragDocumentId", Kind::Id, "Its document"),
        field("type", Kind::Text, "The document's source type: PRODUCT or DOC"),
        field("sourceId", Kind::Text, "The product or knowledge doc the document indexes"),
        field("chunkText", Kind::Text, "The chunk's text"),
        field("chunkIndex", Kind::Int, "Its position in its document"),
        field("metadata", Kind::Json, "The chunk's metadata"),
        field("similarity", Kind::Number, "Cosine similarity to the embedding searched for, -1 to 1"),
    ],
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::create(&RAG_DOCUMENTS, DOCUMENTS, "createRagDocument", "Index a product or knowledge doc"),
    // Custom: deletes by the source (type, source id), not by a key; chunks cascade.
    crud::custom(
        Delete,
        &RAG_DOCUMENTS,
        DOCUMENTS,
        "deleteRagBySource",
        "Delete the documents of a source (and their chunks)",
        op(Custom::DeleteRagBySource),
    )
    .query(&SOURCE)
    .response(Response::Shape(&RAG_SOURCE_DELETED)),
    crud::create(
        &RAG_CHUNKS,
        "/v1/tenants/{tenantId}/rag-documents/{ragDocumentId}/chunks",
        "createRagChunk",
        "Add a chunk to a document",
    )
    .binds(&[("ragDocumentId", "rag_document_id")]),
    // Custom: the embedding arrives as numbers and is stored as JSON text.
    crud::custom(
        Put,
        &RAG_CHUNKS,
        "/v1/tenants/{tenantId}/rag-chunks/{ragChunkId}/embedding",
        "updateRagChunkEmbedding",
        "Set a chunk's embedding",
        op(Custom::UpdateRagChunkEmbedding),
    )
    .binds(&[("ragChunkId", "id")])
    .body(Body::Custom(&EMBEDDING_BODY))
    .status(204),
    // Custom: chunks selected by their document's source.
    crud::custom(
        Get,
        &RAG_CHUNKS,
        CHUNKS,
        "getRagChunksBySource",
        "The chunks of a source's documents, oldest first",
        op(Custom::GetRagChunksBySource),
    )
    .query(&[SOURCE[0], SOURCE[1], LIMIT, AFTER])
    .response(Response::Shapes(&RAG_SOURCE_CHUNK)),
    crud::custom(
        Get,
        &RAG_CHUNKS,
        "/v1/tenants/{tenantId}/rag-chunks/without-embedding",
        "getRagChunksWithoutEmbedding",
        "Up to limit chunks that have no embedding yet, oldest first",
        op(Custom::GetRagChunksWithoutEmbedding),
    )
    .query(&[LIMIT])
    .response(Response::Shapes(&RAG_CHUNK_TEXT)),
    crud::custom(
        Get,
        &RAG_CHUNKS,
        "/v1/tenants/{tenantId}/rag-chunks/stale-hash",
        "getRagChunksWithStaleHash",
        "Up to limit embedded chunks whose text no longer has their content hash (of the oldest limit x 10)",
        op(Custom::GetRagChunksWithStaleHash),
    )
    .query(&[LIMIT])
    .response(Response::Shapes(&RAG_STALE_CHUNK)),
    crud::custom(
        Post,
        &RAG_CHUNKS,
        "/v1/tenants/{tenantId}/rag-chunks/invalidate-stale",
        "invalidateStaleEmbeddings",
        "Clear the embeddings of up to 1000 stale chunks (of the oldest 10,000 embedded)",
        op(Custom::InvalidateStaleEmbeddings),
    )
    .response(Response::Shape(&RAG_INVALIDATED)),
    crud::custom(
        Get,
        &RAG_CHUNKS,
        "/v1/tenants/{tenantId}/rag-chunks/embedded",
        "getAllRagChunksWithEmbedding",
        "The embedded chunks with their embeddings as stored, oldest first, in pages",
        op(Custom::GetAllRagChunksWithEmbedding),
    )
    .query(&[LIMIT, AFTER])
    .response(Response::Shapes(&RAG_EMBEDDED_CHUNK)),
    // New: the similarity search the old application ran in its own memory. A POST (the
    // embedding is too long for a URL), so for the writing roles and service, as every POST.
    crud::custom(
        Post,
        &RAG_CHUNKS,
        "/v1/tenants/{tenantId}/rag-chunks/search",
        "searchRagChunks",
        "The tenant's embedded chunks most similar to an embedding (cosine), most similar first",
        op(Custom::SearchRagChunks),
    )
    .body(Body::Custom(&SEARCH_BODY))
    .response(Response::Shapes(&RAG_CHUNK_MATCH)),
];
