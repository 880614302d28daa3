//! Binding: building `Response`s and editing their headers.
//!
//! A `Response` that came from `fetch()` or from the cache has immutable headers (the Fetch
//! standard's "immutable" guard: setting one throws), so [`mutable`] re-wraps it with a copy of
//! its headers and the same body stream — nothing is buffered.

use crate::errors;
use salesgate_core::error::ApiError;
use worker::{Headers, Response, ResponseBody};

/// A response with `status`, `headers` and a fixed `body`.
pub fn fixed(status: u16, headers: Headers, body: Vec<u8>) -> Response {
    Response::builder().with_status(status).with_headers(headers).fixed(body)
}

/// An empty response (preflights).
pub fn empty(status: u16, headers: &[(&'static str, String)]) -> Response {
    let mut response = Response::builder().with_status(status).empty();
    set_all(&mut response, headers);
    response
}

/// The edge's answer for `e`: the origin's status, headers and bytes (see [`errors::reply`]).
pub fn error(e: &ApiError, request_id: &str) -> Response {
    let reply = errors::reply(e, request_id);
    let mut response = Response::builder().with_status(reply.status).fixed(reply.body.into_bytes());
    set_all(&mut response, &reply.headers);
    response
}

/// The same response with headers that can be changed; the body is passed through untouched.
pub fn mutable(response: Response) -> Response {
    let copy = response.headers().clone();
    let (builder, body) = response.into_parts();
    let builder = builder.with_headers(copy);
    match body {
        ResponseBody::Empty => builder.empty(),
        ResponseBody::Body(bytes) => builder.fixed(bytes),
        ResponseBody::Stream(stream) => builder.stream(stream),
    }
}

/// Sets (replaces) each header. Names are constants and values valid header text, so a failure
/// is a bug worth a log line but never worth failing the request.
pub fn set_all(response: &mut Response, headers: &[(&'static str, String)]) {
    for (name, value) in headers {
        set(response, name, value);
    }
}

pub fn set(response: &mut Response, name: &str, value: &str) {
    if response.headers_mut().set(name, value).is_err() {
        worker::console_error!("salesgate-edge: cannot set response header {name}");
    }
}
