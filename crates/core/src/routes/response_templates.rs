//! §20 Response templates (issue 9).

use crate::route::Route;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

/// The routes of this section.
pub static ROUTES: &[Route] = &[];
