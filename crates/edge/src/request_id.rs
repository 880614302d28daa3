//! The request id: the client's `x-request-id` when core's rule accepts it
//! ([`salesgate_core::request_id::accept`], the server's rule too), else a new UUID.
//!
//! The edge decides the id and forwards it, so the edge's answer, the origin's log line and the
//! origin's answer all carry the same id.

pub use salesgate_core::request_id::HEADER;

/// The id for a request with this `x-request-id` header value.
pub fn for_header(header: Option<&str>) -> String {
    salesgate_core::request_id::accept(header).map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sane_ids_and_replaces_others() {
        assert_eq!(for_header(Some("req-1")), "req-1");
        for bad in [None, Some(""), Some("a b")] {
            let id = for_header(bad);
            assert!(uuid::Uuid::parse_str(&id).is_ok(), "{bad:?}");
        }
        assert_ne!(for_header(None), for_header(None));
    }
}
