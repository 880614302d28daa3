//! §12 Products (issue 9).
