//! §20 Response templates (issue 9): plain declarations only.

use crate::route::{Route, crud};
use crate::tables::RESPONSE_TEMPLATES;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const TEMPLATES: &str = "/v1/tenants/{tenantId}/response-templates";

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §20: the old query had no ORDER BY; oldest first here (created_at, then id).
    crud::list(&RESPONSE_TEMPLATES, TEMPLATES, "getTemplatesByTenant", "The tenant's response templates, oldest first"),
    crud::create(&RESPONSE_TEMPLATES, TEMPLATES, "createTemplate", "Add a response template"),
];
