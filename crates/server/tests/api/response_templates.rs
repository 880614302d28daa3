//! §20 Response templates (issue 9).
