//! §18 Learning queue (issue 9).
