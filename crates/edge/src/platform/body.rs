//! Binding: the incoming request's body stream, read with the gate's limit.
//!
//! Like the origin, the edge refuses a declared `Content-Length` above the limit without reading
//! anything, and stops reading a body (chunked, or lying about its length) as soon as it passes
//! the limit: an oversized upload costs the Worker at most `limit` bytes of memory.

use crate::errors;
use futures_util::StreamExt;
use salesgate_core::error::ApiError;
use worker::Request;

/// The body as the gate sees it.
pub enum Body {
    Bytes(Vec<u8>),
    /// Longer than the limit (not, or not completely, read).
    TooLarge,
}

/// Reads `request`'s body, at most `limit` bytes.
pub async fn read(request: &mut Request, declared_length: Option<&str>, limit: usize) -> Result<Body, ApiError> {
    if declared_length.and_then(|v| v.trim().parse::<u64>().ok()).is_some_and(|n| n > limit as u64) {
        return Ok(Body::TooLarge);
    }
    if request.inner().body().is_none() {
        return Ok(Body::Bytes(Vec::new()));
    }
    let mut stream = request.stream().map_err(|_| errors::unreadable_body())?;
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| errors::unreadable_body())?;
        if bytes.len() + chunk.len() > limit {
            return Ok(Body::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Body::Bytes(bytes))
}
