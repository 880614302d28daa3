//! §31 Message templates (issue 10).
