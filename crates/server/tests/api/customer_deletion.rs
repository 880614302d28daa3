//! Customer data deletion (storage-api appendix A, issue 10).
