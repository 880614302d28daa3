//! Integration secrets (storage-api appendix A, issue 10).
