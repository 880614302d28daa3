//! Audit events (storage-api appendix A, issue 10).
