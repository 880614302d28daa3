//! §12 Products: plain declarations. The search is a plain list with an escaped
//! case-insensitive substring search (`%` and `_` match themselves). Deleting a product leaves
//! its RAG rows, as the old system did: they are removed with `deleteRagBySource` (§26).

use crate::route::{AFTER, LIMIT, Param, ParamKind, Route, Search, crud};
use crate::tables::PRODUCTS;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const PRODUCTS_PATH: &str = "/v1/tenants/{tenantId}/products";
const PRODUCT: &str = "/v1/tenants/{tenantId}/products/{productId}";
const KEY: &[(&str, &str)] = &[("productId", "id")];

/// The text searched for (`q`).
const Q: Param = Param {
    name: "q",
    kind: ParamKind::Text { max: 200 },
    // Absent, it matches like an empty q (`ILIKE '%%'`): every product.
    required: false,
    doc: "Text to find in name, description or category (case-insensitive; % and _ match themselves); absent: every product",
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    // storage-api §12: no ORDER BY, so the list order is created_at.
    crud::list(&PRODUCTS, PRODUCTS_PATH, "getProductsByTenant", "The tenant's products, oldest first"),
    // storage-api §12: name, description or category ILIKE %q%.
    crud::list(
        &PRODUCTS,
        "/v1/tenants/{tenantId}/products/search",
        "searchProducts",
        "Products whose name, description or category contains q",
    )
    .query(&[Q, LIMIT, AFTER])
    .search(Search { param: "q", columns: &["name", "description", "category"] }),
    crud::create(&PRODUCTS, PRODUCTS_PATH, "createProduct", "Add a product"),
    crud::get(&PRODUCTS, PRODUCT, "getProduct", "Get a product").binds(KEY),
    crud::patch(&PRODUCTS, PRODUCT, "updateProduct", "Update a product").binds(KEY),
    crud::delete(&PRODUCTS, PRODUCT, "deleteProduct", "Delete a product (its RAG rows stay: deleteRagBySource)")
        .binds(KEY),
];
