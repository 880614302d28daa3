//! Sessions of the backend's session store (storage-api appendix A, issue 10).
