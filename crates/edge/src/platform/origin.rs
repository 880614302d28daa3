//! Binding: `fetch()` to the origin, bounded by `ORIGIN_TIMEOUT_MS`.
//!
//! The timeout covers the wait for the origin's response headers; the body then streams through
//! to the client as the origin sends it. On timeout the subrequest is aborted through its
//! `AbortSignal`, so the Worker stops waiting on (and paying for) it. Redirects are not followed:
//! the origin's answer, whatever it is, goes back to the client unchanged.

use crate::errors;
use futures_util::future::{Either, select};
use salesgate_core::error::ApiError;
use std::time::Duration;
use worker::js_sys::Uint8Array;
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit, RequestRedirect, Response};

/// Sends the request to `url`; `Err` is the 502/504 to answer instead.
pub async fn send(
    url: &str,
    method: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
    timeout_ms: u32,
) -> Result<Response, ApiError> {
    let outgoing = Headers::new();
    for (name, value) in headers {
        // Values come from the client's own (valid) headers or from the edge.
        if outgoing.set(name, value).is_err() {
            worker::console_error!("salesgate-edge: cannot forward header {name}");
            return Err(ApiError::internal());
        }
    }
    let mut init = RequestInit::new();
    init.with_method(Method::from(method.to_string())).with_headers(outgoing).with_redirect(RequestRedirect::Manual);
    if let Some(body) = body {
        init.with_body(Some(Uint8Array::from(body).into()));
    }
    let request = Request::new_with_init(url, &init).map_err(|e| {
        worker::console_error!("salesgate-edge: bad origin request {url}: {e}");
        errors::bad_gateway()
    })?;
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Request(request);
    let sending = std::pin::pin!(fetch.send_with_signal(&signal));
    let timer = Delay::from(Duration::from_millis(u64::from(timeout_ms)));
    match select(sending, timer).await {
        Either::Left((Ok(response), _)) => Ok(response),
        Either::Left((Err(e), _)) => {
            worker::console_warn!("salesgate-edge: origin unreachable: {e}");
            Err(errors::bad_gateway())
        }
        Either::Right(((), _)) => {
            controller.abort();
            Err(errors::origin_timeout(timeout_ms))
        }
    }
}
