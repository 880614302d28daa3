//! §13 Knowledge docs and their chunks (issue 9).
