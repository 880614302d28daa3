//! §27 Update history (issue 10).
