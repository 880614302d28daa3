//! Proxies (storage-api appendix A, issue 10).
