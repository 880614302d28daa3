//! §33 Tenant agent settings (issue 10).
