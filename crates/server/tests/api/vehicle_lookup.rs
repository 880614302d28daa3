//! §28 Vehicle lookup cache and cases (issue 10).
