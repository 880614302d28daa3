//! §23 Readiness reports (issue 9).
