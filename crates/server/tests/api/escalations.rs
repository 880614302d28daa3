//! §19 Escalation events (issue 9).
