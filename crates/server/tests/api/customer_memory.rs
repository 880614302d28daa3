//! §9 Customer memory (issue 9).
