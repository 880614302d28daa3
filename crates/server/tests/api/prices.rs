//! §29 Price snapshots and internal prices (issue 10).
