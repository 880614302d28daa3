//! Billing (storage-api appendix A, issue 10).
