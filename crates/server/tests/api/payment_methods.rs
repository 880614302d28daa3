//! §32 Payment methods (issue 10).
