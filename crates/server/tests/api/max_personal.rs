//! MAX Personal accounts (storage-api appendix A, issue 10).
