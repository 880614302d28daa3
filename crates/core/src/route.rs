//! The types of the route table: what one operation of the API declares.
//!
//! Every operation is one [`Route`] in a domain file of [`crate::routes`]: method, path,
//! operation id (the old storage method name), who may call it, parameters, body, answer, and
//! its [`Action`]. A plain action ([`Plain`]) needs nothing else: the server's generic executor
//! runs it, scoped by the table's [`crate::schema::Owner`]; a [`crate::routes::Custom`] action
//! names the one storage function written for it. From the same table come the router
//! ([`crate::router`]), the OpenAPI document ([`crate::openapi`]) and the request gate
//! ([`crate::gate`]) that the edge and the server both run.
//!
//! Routes are built with the `const fn`s of [`crud`] and the builder methods of [`Route`]:
//!
//! ```
//! use salesgate_core::route::{Dir::Desc, crud};
//! use salesgate_core::tables::CUSTOMER_NOTES;
//!
//! static NOTES: salesgate_core::route::Route = crud::list(
//!     &CUSTOMER_NOTES,
//!     "/v1/tenants/{tenantId}/customers/{customerId}/notes",
//!     "getCustomerNotes",
//!     "A customer's notes, newest first",
//! )
//! .binds(&[("customerId", "customer_id")])
//! .order(&[("created_at", Desc)]);
//! assert_eq!(NOTES.id, "getCustomerNotes");
//! ```

use crate::auth::Role;
use crate::schema::{Column, Table};
use crate::shape::Shape;

/// HTTP methods the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// Reads; the only method whose answers the edge may cache ([`Route::cache_ttl`]).
    Get,
    /// Creates a row, or runs a custom operation.
    Post,
    /// Upserts the row of a key ([`Plain::Put`]).
    Put,
    /// Changes the given fields of a row.
    Patch,
    /// Deletes a row.
    Delete,
}

impl Method {
    /// The method of a request (exact, upper case); `None` for one the API never uses (405 on a
    /// known path).
    pub fn parse(s: &str) -> Option<Method> {
        Some(match s {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    /// The method as HTTP spells it (`Allow` headers, the OpenAPI document).
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Whose data a route touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// No token needed (the OpenAPI document).
    Public,
    /// One tenant's data: the path has `{tenantId}`, which must be the token's tenant unless the
    /// role crosses tenants (platform staff, `service`).
    Tenant,
    /// Across tenants (`/v1/platform/…`, `/v1/service/…`): the roles of the route only.
    Platform,
}

/// A set of roles: who may call a route, on top of its scope. Stated per operation in the
/// OpenAPI document (`x-roles`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Roles(u16);

impl Roles {
    /// The set of `roles`.
    pub const fn of(roles: &[Role]) -> Roles {
        let mut bits = 0;
        let mut i = 0;
        while i < roles.len() {
            bits |= roles[i].bit();
            i += 1;
        }
        Roles(bits)
    }

    /// Whether `role` is in the set (the role check of [`crate::gate::authorize`]).
    pub const fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }

    /// Both sets in one; `const`, so presets such as [`READ`] can add the cross-tenant roles.
    pub const fn union(self, other: Roles) -> Roles {
        Roles(self.0 | other.0)
    }

    /// The roles of the set, in [`Role::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

/// Platform staff and the backend's `service` identity: they act for any tenant.
const CROSS: Roles = Roles::of(&[Role::PlatformAdmin, Role::PlatformOwner, Role::Service]);
/// Every role, `viewer` and `guest` included.
pub const READ: Roles = Roles::of(&[Role::Owner, Role::Admin, Role::Operator, Role::Viewer, Role::Guest]).union(CROSS);
/// Every role but `viewer` and `guest`.
pub const WRITE: Roles = Roles::of(&[Role::Owner, Role::Admin, Role::Operator]).union(CROSS);
/// Tenant `owner` and `admin` (tenant settings, channels, deletions), and the cross-tenant roles.
pub const ADMIN: Roles = Roles::of(&[Role::Owner, Role::Admin]).union(CROSS);
/// Platform staff only.
pub const PLATFORM: Roles = Roles::of(&[Role::PlatformAdmin, Role::PlatformOwner]);
/// Platform staff and `service` (cross-tenant work of the backend: loading every bot's channel).
pub const PLATFORM_OR_SERVICE: Roles = CROSS;
/// The backend's `service` identity only (logins, session store, secret resolution).
pub const SERVICE: Roles = Roles::of(&[Role::Service]);

/// A body schema that is not a table's: its fields declared as columns, so validation and the
/// OpenAPI document treat them like table columns.
#[derive(Debug, PartialEq)]
pub struct Schema {
    /// The OpenAPI component name.
    pub name: &'static str,
    /// Its description in the OpenAPI document.
    pub doc: &'static str,
    /// The accepted fields, with their access and rules as for table columns.
    pub fields: &'static [Column],
}

/// What a route accepts as its body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Body {
    /// Takes no body (one sent anyway is not read).
    None,
    /// Creates a row: the table's client-settable columns, required ones enforced.
    Insert(&'static Table),
    /// Patches a row: the table's writable columns, all optional.
    Patch(&'static Table),
    /// A custom body, validated as an insert of its fields.
    Custom(&'static Schema),
    /// A JSON array of objects (at most [`crate::validate::MAX_BODY_ITEMS`]), each validated as
    /// an insert of the schema's fields; the server reads them from
    /// [`crate::gate::Admitted::items`].
    Array(&'static Schema),
}

/// What a route answers with. The server's writers and the OpenAPI document both derive from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Response {
    /// One row of the table (the columns the caller's role may read).
    Row(&'static Table),
    /// A JSON array of rows, in pages (`x-next-cursor` header).
    Rows(&'static Table),
    /// A declared custom shape ([`crate::shape`]).
    Shape(&'static Shape),
    /// A JSON array of a declared shape, in pages.
    Shapes(&'static Shape),
    /// 204, no body.
    Empty,
    /// The OpenAPI document.
    Document,
}

/// Kinds of query and path parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A row id (`[A-Za-z0-9_-]{1,64}`).
    Id,
    /// An integer in `min..=max`.
    Int {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
        /// The value when the parameter is absent (a list's page size).
        default: Option<i64>,
    },
    /// Free text without NUL characters.
    Text {
        /// Most characters accepted.
        max: usize,
    },
    /// One of these values (a status filter, a flag name in a path).
    OneOf(&'static [&'static str]),
}

/// A query parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// The name in the query string.
    pub name: &'static str,
    /// The values it accepts; any other is a 400.
    pub kind: ParamKind,
    /// Whether a request without it is refused (400).
    pub required: bool,
    /// Its description in the OpenAPI document.
    pub doc: &'static str,
}

/// Sort direction of an order key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Smallest first (`ASC`).
    Asc,
    /// Largest (newest) first (`DESC`).
    Desc,
}

/// How a filter compares its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `=`
    Eq,
    /// `>=`
    Ge,
}

/// Where a filter's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterValue {
    /// The query parameter of this name; the filter applies only when it is given.
    Query(&'static str),
    /// A constant of the declaration (bound as a parameter like any value).
    Text(&'static str),
    /// `IS NULL` (the operator is ignored).
    Null,
}

/// A condition on a list, first or count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    /// The column of the action's table it compares.
    pub column: &'static str,
    /// `=` or `>=`.
    pub cmp: Cmp,
    /// The value compared with, or `IS NULL`.
    pub value: FilterValue,
}

/// A case-insensitive substring search over text columns, `%` and `_` matching themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Search {
    /// The query parameter holding the text.
    pub param: &'static str,
    /// The columns searched: a row matches when any of them contains the text.
    pub columns: &'static [&'static str],
}

/// A value the server writes into a column on create or patch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerValue {
    /// `now()`.
    Now,
}

/// The closed set of plain actions the server's generic executor runs (design note §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plain {
    /// One row by its key (the bound path parameters), or 404.
    Get,
    /// A page of rows: the route's order, filters, search, parent binding and keyset cursor.
    List,
    /// The first row of the route's order and filters, or 404.
    First,
    /// `{"count": n}` of the rows the filters select.
    Count,
    /// Inserts a row: body, bound parent columns, server-set columns; references guarded.
    Create,
    /// Updates the row of the key with the body's fields (and `updated_at`), or 404.
    Patch,
    /// Deletes the row of the key, or 404.
    Delete,
    /// Inserts the row of the key or updates the given fields of it (`ON CONFLICT` on the unique
    /// index of the key; absent fields are left unchanged).
    Put,
}

/// What the server does for a route.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    /// Run by the generic executor on the table.
    Plain(Plain, &'static Table),
    /// A storage function of its own, written where semantics demand (joins, merges, state
    /// machines, the hot paths); `table` is the table whose rows its path parameters name.
    Custom(crate::routes::Custom, &'static Table),
    /// The OpenAPI document, served from memory.
    Document,
}

/// One operation of the API.
#[derive(Debug, PartialEq)]
pub struct Route {
    /// With the path, what the router matches.
    pub method: Method,
    /// Path template, `{name}` for parameters.
    pub path: &'static str,
    /// The operationId: the old system's storage method name.
    pub id: &'static str,
    /// One line for the OpenAPI document.
    pub summary: &'static str,
    /// Whose data it touches: decides the token and tenant checks.
    pub scope: Scope,
    /// Who may call it, on top of the scope.
    pub roles: Roles,
    /// The accepted query parameters; any other is refused (400 `unknown_parameter`).
    pub query: &'static [Param],
    /// Query parameters that exclude each other: at most one of each group may be given.
    pub exclusive: &'static [&'static [&'static str]],
    /// Path parameters that are not row ids, with their kind (all others are ids).
    pub path_kinds: &'static [(&'static str, ParamKind)],
    /// What it accepts as its body; the gate validates it before the action runs.
    pub body: Body,
    /// What it answers with on success (the server's writer and the OpenAPI document both
    /// derive from it).
    pub response: Response,
    /// Success status: 200, 201 or 204.
    pub status: u16,
    /// Seconds the edge may cache a success answer for (per tenant and URL); `None` = never.
    pub cache_ttl: Option<u32>,
    /// What the server does: a plain action of the generic executor or a storage function.
    pub action: Action,
    /// Path parameters bound to columns of the action's table, `(param, column)`: the row's key
    /// (`id`, or e.g. a flag's `name`) or its parent (`customer_id`). Read-only in the body.
    pub binds: &'static [(&'static str, &'static str)],
    /// The list order (the old order where it had one); `id` in the same direction ends it.
    pub order: &'static [(&'static str, Dir)],
    /// Conditions on a list, first or count, joined with `AND` (a [`FilterValue::Query`] one only
    /// when its parameter is given).
    pub filters: &'static [Filter],
    /// The substring search of a list, if it has one.
    pub search: Option<Search>,
    /// Columns the server sets on create and patch.
    pub sets: &'static [(&'static str, ServerValue)],
}

/// The default page size parameter of lists.
pub const LIMIT: Param = Param {
    name: "limit",
    kind: ParamKind::Int { min: 1, max: 1000, default: Some(100) },
    required: false,
    doc: "Page size (1-1000, default 100)",
};
/// The keyset cursor of lists.
pub const AFTER: Param = Param {
    name: "after",
    kind: ParamKind::Id,
    required: false,
    doc: "Cursor: the id from the previous page's x-next-cursor header",
};
const PAGED: &[Param] = &[LIMIT, AFTER];

/// A tenant-scoped route readable by every role, answering 200; builders override the rest.
pub const fn route(
    method: Method,
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    action: Action,
) -> Route {
    Route {
        method,
        path,
        id,
        summary,
        scope: Scope::Tenant,
        roles: READ,
        query: &[],
        exclusive: &[],
        path_kinds: &[],
        body: Body::None,
        response: Response::Empty,
        status: 200,
        cache_ttl: None,
        action,
        binds: &[],
        order: &[],
        filters: &[],
        search: None,
        sets: &[],
    }
}

/// Plain routes (design note §2): one line each in the domain files.
pub mod crud {
    use super::*;
    use Method::{Delete, Get, Patch, Post, Put};

    /// `GET` one row by its key.
    pub const fn get(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route { response: Response::Row(table), ..route(Get, path, id, summary, Action::Plain(Plain::Get, table)) }
    }

    /// `GET` a page of rows (`limit`, `after`), oldest first unless ordered otherwise.
    pub const fn list(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route {
            response: Response::Rows(table),
            query: PAGED,
            order: &[("created_at", Dir::Asc)],
            ..route(Get, path, id, summary, Action::Plain(Plain::List, table))
        }
    }

    /// `GET` the first row of an order, or 404.
    pub const fn first(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route { response: Response::Row(table), ..route(Get, path, id, summary, Action::Plain(Plain::First, table)) }
    }

    /// `GET` `{"count": n}`.
    pub const fn count(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route {
            response: Response::Shape(&crate::shape::COUNT),
            ..route(Get, path, id, summary, Action::Plain(Plain::Count, table))
        }
    }

    /// `POST` a new row: 201 with the row.
    pub const fn create(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route {
            roles: WRITE,
            body: Body::Insert(table),
            response: Response::Row(table),
            status: 201,
            ..route(Post, path, id, summary, Action::Plain(Plain::Create, table))
        }
    }

    /// `PATCH` a row by its key.
    pub const fn patch(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route {
            roles: WRITE,
            body: Body::Patch(table),
            response: Response::Row(table),
            ..route(Patch, path, id, summary, Action::Plain(Plain::Patch, table))
        }
    }

    /// `DELETE` a row by its key: 204.
    pub const fn delete(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route { roles: WRITE, status: 204, ..route(Delete, path, id, summary, Action::Plain(Plain::Delete, table)) }
    }

    /// `PUT` the row of a key: inserted, or its given fields updated.
    pub const fn put(table: &'static Table, path: &'static str, id: &'static str, summary: &'static str) -> Route {
        Route {
            roles: WRITE,
            body: Body::Insert(table),
            response: Response::Row(table),
            ..route(Put, path, id, summary, Action::Plain(Plain::Put, table))
        }
    }

    /// A custom operation on `table` (answers and bodies are declared by the builder methods).
    pub const fn custom(
        method: Method,
        table: &'static Table,
        path: &'static str,
        id: &'static str,
        summary: &'static str,
        op: crate::routes::Custom,
    ) -> Route {
        let roles = match method {
            Get => READ,
            _ => WRITE,
        };
        Route { roles, ..route(method, path, id, summary, Action::Custom(op, table)) }
    }
}

impl Route {
    /// Callable by `roles` instead of the builder's default ([`READ`] for reads, [`WRITE`]
    /// otherwise).
    pub const fn roles(mut self, roles: Roles) -> Route {
        self.roles = roles;
        self
    }
    /// Of `scope` instead of [`Scope::Tenant`] ([`Route::platform`] for cross-tenant routes).
    pub const fn scope(mut self, scope: Scope) -> Route {
        self.scope = scope;
        self
    }
    /// A cross-tenant route (`/v1/platform/…`, `/v1/service/…`) for `roles`.
    pub const fn platform(mut self, roles: Roles) -> Route {
        self.scope = Scope::Platform;
        self.roles = roles;
        self
    }
    /// Binds path parameters to columns of the action's table, `(param, column)`: the row's key
    /// or its parent.
    pub const fn binds(mut self, binds: &'static [(&'static str, &'static str)]) -> Route {
        self.binds = binds;
        self
    }
    /// The order, `(column, direction)` keys (replacing a list's default, `created_at` ascending).
    pub const fn order(mut self, order: &'static [(&'static str, Dir)]) -> Route {
        self.order = order;
        self
    }
    /// Conditions on the rows the action selects.
    pub const fn filters(mut self, filters: &'static [Filter]) -> Route {
        self.filters = filters;
        self
    }
    /// A substring search of a list.
    pub const fn search(mut self, search: Search) -> Route {
        self.search = Some(search);
        self
    }
    /// The accepted query parameters (replacing a list's `limit` and `after`: include
    /// [`LIMIT`] and [`AFTER`] to keep paging).
    pub const fn query(mut self, query: &'static [Param]) -> Route {
        self.query = query;
        self
    }
    /// Groups of query parameters of which a request may give at most one each.
    pub const fn exclusive(mut self, groups: &'static [&'static [&'static str]]) -> Route {
        self.exclusive = groups;
        self
    }
    /// Kinds of the path parameters that are not row ids.
    pub const fn path_kinds(mut self, kinds: &'static [(&'static str, ParamKind)]) -> Route {
        self.path_kinds = kinds;
        self
    }
    /// What it accepts as its body.
    pub const fn body(mut self, body: Body) -> Route {
        self.body = body;
        self
    }
    /// What it answers with on success.
    pub const fn response(mut self, response: Response) -> Route {
        self.response = response;
        self
    }
    /// The success status (200, 201 or 204).
    pub const fn status(mut self, status: u16) -> Route {
        self.status = status;
        self
    }
    /// Lets the edge cache a success answer for `seconds` (per tenant and URL; `GET` only).
    pub const fn cache(mut self, seconds: u32) -> Route {
        self.cache_ttl = Some(seconds);
        self
    }
    /// Columns the server sets on create and patch.
    pub const fn sets(mut self, sets: &'static [(&'static str, ServerValue)]) -> Route {
        self.sets = sets;
        self
    }

    /// Whether the generic executor runs it (no storage function of its own).
    pub const fn action_is_plain(&self) -> bool {
        matches!(self.action, Action::Plain(..))
    }

    /// The table the action works on (`None` for the OpenAPI document).
    pub const fn table(&self) -> Option<&'static Table> {
        match self.action {
            Action::Plain(_, t) | Action::Custom(_, t) => Some(t),
            Action::Document => None,
        }
    }

    /// The path parameters of the template, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        self.path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// The kind of path parameter `name` (an id unless declared otherwise).
    pub fn path_kind(&self, name: &str) -> ParamKind {
        self.path_kinds.iter().find(|(n, _)| *n == name).map_or(ParamKind::Id, |(_, k)| *k)
    }

    /// The columns the path sets (read-only in the body).
    pub fn bound_columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.binds.iter().map(|(_, c)| *c)
    }

    /// The table whose row path parameter `param` names: the action's table when it is bound to
    /// its key (`id` or another column of it), the referenced table when bound to a reference
    /// column, `tenants` for `{tenantId}`.
    pub fn param_table(&self, param: &str) -> Option<&'static Table> {
        if param == "tenantId" {
            return Some(&crate::tables::TENANTS);
        }
        let table = self.table()?;
        let (_, column) = self.binds.iter().find(|(p, _)| *p == param)?;
        match table.column(column)?.references {
            Some(r) if *column != "id" => crate::tables::table(r.table),
            _ => Some(table),
        }
    }
}

/// Row ids are `varchar` holding UUID text; older rows may hold other short tokens.
pub fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
