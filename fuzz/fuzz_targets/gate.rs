//! Any bytes as a request for `Gate::admit`: newline-separated method, path, query,
//! `Authorization`, content type, then the body (the rest, newlines included). An empty part is
//! an absent header. An `Authorization` of `@` + a role byte + a tenant is replaced by a valid
//! token for that role and tenant (no tenant: none in the token), so the fuzzer gets past
//! authentication. Every answer must keep the invariants of `salesgate_fuzz::check_gate`.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use salesgate_core::auth::Role;
use salesgate_core::gate::{Request, RequestBody};
use salesgate_fuzz::{NOW, bearer, check_gate, gate};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(6, |&b| b == b'\n');
    let mut text = || String::from_utf8_lossy(parts.next().unwrap_or_default());
    let (method, path, query, authorization, content_type) = (text(), text(), text(), text(), text());
    let body = parts.next().unwrap_or_default();
    let authorization = match authorization.strip_prefix('@') {
        Some(rest) => {
            let role = Role::ALL[rest.bytes().next().map_or(0, usize::from) % Role::ALL.len()];
            let tenant = rest.get(1..).filter(|t| !t.is_empty());
            Cow::Owned(bearer(tenant, role))
        }
        None => authorization,
    };
    let present = |s: &Cow<'_, str>| (!s.is_empty()).then(|| s.to_string());
    let (query, authorization, content_type) = (present(&query), present(&authorization), present(&content_type));
    let request = Request {
        method: &method,
        path: &path,
        query: query.as_deref(),
        authorization: authorization.as_deref(),
        content_type: content_type.as_deref(),
        body: RequestBody::Bytes(body),
    };
    check_gate(&gate().admit(&request, NOW), &request);
});
