//! §25 Metrics counts (issue 9).
