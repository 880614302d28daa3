//! `docs/operations.md`: every operation of the route table, section by section, with who may
//! call it and whether the generic executor runs it; then who owns each table's rows and which
//! columns each role never reads. Generated from core like the client, so the README's roles
//! table links to a list that cannot drift from the code (a test compares the committed file).

use salesgate_core::route::{
    ADMIN, Action, PLATFORM, PLATFORM_OR_SERVICE, Plain, READ, Roles, Route, SERVICE, Scope, WRITE,
};
use salesgate_core::routes::SECTIONS;
use salesgate_core::schema::{Owner, Read, Table};
use salesgate_core::tables::TABLES;
use std::fmt::Write as _;

/// Where the generated document lives, relative to the workspace root.
pub const OUTPUT: &str = "docs/operations.md";

/// The named role sets of `salesgate_core::route`, by the name the document uses for them.
const PRESETS: &[(&str, Roles)] = &[
    ("read", READ),
    ("write", WRITE),
    ("admin", ADMIN),
    ("platform", PLATFORM),
    ("platform+service", PLATFORM_OR_SERVICE),
    ("service", SERVICE),
];

/// The whole document.
pub fn operations_markdown() -> String {
    let mut out = String::with_capacity(64 * 1024);
    let count: usize = SECTIONS.iter().map(|(_, r)| r.len()).sum();
    let _ = write!(
        out,
        "<!-- Generated from the route table by `cargo run -p salesgate-clientgen`: do not edit. -->\n\
         # Operations\n\n\
         Every operation of salesgate ({count}), in the sections of storage-api.md. The operation id is \
         the old storage method's name (also the OpenAPI `operationId` and the TypeScript client's \
         function). **Plain** operations are run by the generic executor from their declaration; \
         **custom** ones by a storage function of their own.\n\n\
         Paths under `/v1/tenants/{{tenantId}}/` are scoped by the token's tenant: a tenant role \
         reaches only its own tenant (a different `tenantId` is 403), platform staff and `service` \
         any. Ids of rows are checked against the path's tenant too (another tenant's row is 404).\n\n\
         Role sets:\n\n\
         | Set | Roles |\n|---|---|\n"
    );
    for (name, roles) in PRESETS {
        let _ = writeln!(out, "| {name} | {} |", list(*roles));
    }
    out.push_str("\n## Contents\n\n");
    for (title, routes) in SECTIONS {
        let _ = writeln!(out, "- [{title}](#{}) ({})", anchor(title), routes.len());
    }
    out.push_str("- [Tables: owners and withheld columns](#tables-owners-and-withheld-columns)\n");
    for (title, routes) in SECTIONS {
        let _ = write!(
            out,
            "\n## {title}\n\n| Operation | Method and path | Roles | Runs | Summary |\n|---|---|---|---|---|\n"
        );
        for route in *routes {
            let _ = writeln!(
                out,
                "| `{}` | `{} {}` | {} | {} | {} |",
                route.id,
                route.method.as_str(),
                route.path,
                roles(route),
                runs(route),
                cell(route.summary)
            );
        }
    }
    out.push_str(
        "\n## Tables: owners and withheld columns\n\n\
         Who owns a table's rows decides the scoping of every operation on it. A column withheld from \
         a role is left out of every answer that role gets, on every route (the secret-field rule).\n\n\
         | Table | Rows owned by | Admin, platform and service only | Service only | Never answered |\n|---|---|---|---|---|\n",
    );
    for table in TABLES {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            table.name,
            owner(table),
            fields(table, Read::Admin),
            fields(table, Read::Service),
            fields(table, Read::Never)
        );
    }
    out
}

fn list(roles: Roles) -> String {
    roles.iter().map(|r| format!("`{}`", r.as_str())).collect::<Vec<_>>().join(", ")
}

/// A route's roles, by preset name where the set is one.
fn roles(route: &Route) -> String {
    if route.scope == Scope::Public {
        return "anyone".into();
    }
    PRESETS.iter().find(|(_, set)| *set == route.roles).map_or_else(|| list(route.roles), |(name, _)| (*name).into())
}

fn runs(route: &Route) -> String {
    match route.action {
        Action::Plain(plain, table) => {
            let verb = match plain {
                Plain::Get => "get",
                Plain::List => "list",
                Plain::First => "first",
                Plain::Count => "count",
                Plain::Create => "create",
                Plain::Patch => "patch",
                Plain::Delete => "delete",
                Plain::Put => "put",
            };
            format!("plain {verb} `{}`", table.name)
        }
        Action::Custom(..) => "custom".into(),
        Action::Document => "document".into(),
    }
}

fn owner(table: &Table) -> String {
    match table.owner {
        Owner::Itself => "itself (a row is a tenant)".into(),
        Owner::Tenant => "`tenant_id`".into(),
        Owner::OptionalTenant { shared: true } => "`tenant_id`; NULL rows global, read by every tenant".into(),
        Owner::OptionalTenant { shared: false } => "`tenant_id`; NULL rows the platform's".into(),
        Owner::Via { column, parent } => format!("`{column}` → `{}`", parent.name),
        Owner::Global => "nobody (global)".into(),
    }
}

fn fields(table: &Table, level: Read) -> String {
    let names: Vec<String> =
        table.columns.iter().filter(|c| c.read == level).map(|c| format!("`{}`", c.field)).collect();
    names.join(", ")
}

/// A table cell: pipes escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// GitHub's heading anchor: lowercase, spaces to hyphens, other punctuation dropped.
fn anchor(title: &str) -> String {
    title
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c.to_lowercase().next().unwrap_or(c)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("§3–§6 Users, invites"), "36-users-invites");
        assert_eq!(anchor("Billing (appendix A)"), "billing-appendix-a");
    }

    #[test]
    fn every_route_is_listed_once() {
        let doc = operations_markdown();
        for route in salesgate_core::routes::all() {
            assert_eq!(doc.matches(&format!("| `{}` |", route.id)).count(), 1, "{}", route.id);
        }
    }

    #[test]
    fn secret_columns_are_named() {
        let doc = operations_markdown();
        assert!(
            doc.contains("| `users` | `tenant_id`; NULL rows the platform's |  | `password` |"),
            "users.password is service only"
        );
    }
}
