//! Grants and admin actions (storage-api appendix A, issue 10).
