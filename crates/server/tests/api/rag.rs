//! §26 RAG documents and chunks (issue 9).
