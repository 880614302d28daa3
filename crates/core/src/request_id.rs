//! The request id rule, shared by both tiers: a client's `x-request-id` is kept when it is 1–128
//! visible ASCII characters (it goes into logs and headers unescaped), otherwise the tier that
//! answers first generates one. The edge forwards its id, so the edge's answer, the origin's log
//! line and the origin's answer all carry the same id.

/// The request (and response) header carrying the id.
pub const HEADER: &str = "x-request-id";

/// The client's id, if it is acceptable.
pub fn accept(header: Option<&str>) -> Option<&str> {
    header.filter(|v| (1..=128).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_graphic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_sane_ids() {
        assert_eq!(accept(Some("req-1")), Some("req-1"));
        let long = "x".repeat(128);
        assert_eq!(accept(Some(&long)), Some(long.as_str()));
        for bad in [None, Some(""), Some("a b"), Some("ü"), Some("a\u{7f}")] {
            assert_eq!(accept(bad), None, "{bad:?}");
        }
        assert_eq!(accept(Some(&"x".repeat(129))), None);
    }
}
