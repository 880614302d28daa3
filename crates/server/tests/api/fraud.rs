//! Fraud checks, fingerprints and flags (storage-api appendix A, issue 10).
