//! §21 Dashboard (issue 9).
