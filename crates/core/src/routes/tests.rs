//! The route table checked as data: every declaration is complete and consistent, so the
//! executor, the OpenAPI document and the contract test can rely on it (D7: nothing falls back
//! silently at run time).

use super::*;
use crate::auth::Role;
use crate::route::{Action, Body, FilterValue, Method, Plain, Response, Scope};
use crate::schema::{Access, SqlType};
use crate::tables::TABLES;
use std::collections::HashSet;

fn registered(t: &crate::schema::Table) -> bool {
    TABLES.iter().any(|x| std::ptr::eq(*x, t))
}

#[test]
fn ids_and_method_paths_are_unique() {
    let mut ids = HashSet::new();
    let mut keys = HashSet::new();
    for r in all() {
        assert!(ids.insert(r.id), "operation id {} twice", r.id);
        assert!(keys.insert((r.method, r.path)), "{} {} twice", r.method.as_str(), r.path);
        assert!(r.id.chars().next().is_some_and(|c| c.is_ascii_lowercase()), "{} is camelCase", r.id);
    }
}

#[test]
fn custom_variants_are_the_pascal_case_of_their_ids_and_each_is_used_once() {
    let mut used = Vec::new();
    for r in all() {
        if let Action::Custom(op, _) = r.action {
            // `Section(Variant)`: the variant of the section's own enum.
            let debug = format!("{op:?}");
            let variant = debug.split_once('(').and_then(|(_, v)| v.strip_suffix(')')).unwrap_or(&debug);
            assert_eq!(variant, pascal_case(r.id), "the variant of {}", r.id);
            used.push(op);
        }
    }
    let unique: HashSet<_> = used.iter().collect();
    assert_eq!(unique.len(), used.len(), "a Custom variant serves two routes");
}

#[test]
fn scopes_fit_paths_and_roles() {
    for r in all() {
        let tenant_path = r.path.starts_with("/v1/tenants/{tenantId}");
        assert_eq!(tenant_path, r.scope == Scope::Tenant, "{}", r.id);
        if r.scope == Scope::Platform {
            for role in [Role::Owner, Role::Admin, Role::Operator, Role::Viewer, Role::Guest] {
                assert!(!r.roles.contains(role), "{}: a cross-tenant route open to {role:?}", r.id);
            }
        }
        if r.scope != Scope::Public {
            assert!(r.roles.iter().next().is_some(), "{}: nobody may call it", r.id);
        }
        if r.method != Method::Get {
            assert!(
                !r.roles.contains(Role::Viewer) && !r.roles.contains(Role::Guest),
                "{} writes for read roles",
                r.id
            );
        }
    }
}

#[test]
fn statuses_fit_methods_and_only_reads_are_cacheable() {
    for r in all() {
        if r.cache_ttl.is_some() {
            assert_eq!(r.method, Method::Get, "{}", r.id);
        }
        match r.status {
            201 => assert_eq!(r.method, Method::Post, "{}", r.id),
            204 => assert_eq!(r.response, Response::Empty, "{}", r.id),
            200 => assert_ne!(r.response, Response::Empty, "{}", r.id),
            other => panic!("{} has status {other}", r.id),
        }
    }
}

/// Every path parameter is bound to a column (so the contract test, the executor and the docs
/// know which row it names), and every binding names a path parameter and a real column.
#[test]
fn path_parameters_are_bound_to_columns() {
    for r in all() {
        let params: Vec<&str> = r.path_params().collect();
        for p in &params {
            if *p != "tenantId" {
                assert!(r.binds.iter().any(|(b, _)| b == p), "{}: {{{p}}} is not bound to a column", r.id);
            }
            assert!(r.param_table(p).is_some(), "{}: {{{p}}} names no table", r.id);
        }
        let Some(table) = r.table() else {
            assert!(r.binds.is_empty(), "{}", r.id);
            continue;
        };
        assert!(registered(table), "{}: table {} is not in TABLES", r.id, table.name);
        for (param, column) in r.binds {
            assert!(params.contains(param), "{}: binds {param}, which is not in its path", r.id);
            assert!(table.column(column).is_some(), "{}: {}.{column} does not exist", r.id, table.name);
        }
        for (name, _) in r.path_kinds {
            assert!(params.contains(name), "{}: a kind for {name}, which is not in its path", r.id);
        }
    }
}

#[test]
fn query_parameters_are_declared_where_they_are_used() {
    for r in all() {
        let declared = |name: &str| r.query.iter().any(|p| p.name == name);
        for f in r.filters {
            if let FilterValue::Query(name) = f.value {
                assert!(declared(name), "{}: filter on undeclared ?{name}", r.id);
            }
        }
        if let Some(s) = r.search {
            assert!(declared(s.param), "{}: search on undeclared ?{}", r.id, s.param);
        }
        for group in r.exclusive {
            for name in *group {
                assert!(declared(name), "{}: exclusive undeclared ?{name}", r.id);
            }
        }
    }
}

/// The plain actions get exactly what the executor needs.
#[test]
fn plain_actions_are_complete() {
    for r in all() {
        let Action::Plain(kind, table) = r.action else { continue };
        let key_bound = r.binds.iter().any(|(_, c)| {
            *c == "id"
                || table.column(c).is_some_and(|col| col.primary_key)
                || table.indexes.iter().any(|i| i.unique && i.keys.iter().any(|k| k == c))
        });
        match kind {
            Plain::Get | Plain::Patch | Plain::Delete => {
                assert!(key_bound, "{}: no key column bound from the path", r.id)
            }
            // A per-tenant singleton's key is the path's tenant alone (its unique index is
            // checked below, with the key put_key gives).
            Plain::Put => assert!(key_bound || r.scope == Scope::Tenant, "{}: no key column bound from the path", r.id),
            _ => {}
        }
        match kind {
            Plain::Create => assert_eq!(r.body, Body::Insert(table), "{}", r.id),
            Plain::Put => assert_eq!(r.body, Body::Insert(table), "{}", r.id),
            Plain::Patch => assert_eq!(r.body, Body::Patch(table), "{}", r.id),
            _ => assert_eq!(r.body, Body::None, "{}", r.id),
        }
        match kind {
            Plain::List => assert_eq!(r.response, Response::Rows(table), "{}", r.id),
            Plain::Delete => assert_eq!(r.response, Response::Empty, "{}", r.id),
            Plain::Count => assert_eq!(r.response, Response::Shape(&crate::shape::COUNT), "{}", r.id),
            _ => assert_eq!(r.response, Response::Row(table), "{}", r.id),
        }
        if matches!(kind, Plain::List | Plain::First) {
            assert!(!r.order.is_empty(), "{}: a list needs an order", r.id);
            let dir = r.order[0].1;
            for (column, d) in r.order {
                let c = table.column(column).unwrap_or_else(|| panic!("{}: order by {column}", r.id));
                assert!(!c.nullable, "{}: order key {column} is nullable (keyset paging needs NOT NULL)", r.id);
                assert_eq!(*d, dir, "{}: mixed directions cannot share one keyset cursor", r.id);
            }
        }
        for f in r.filters {
            assert!(table.column(f.column).is_some(), "{}: filter on {}", r.id, f.column);
        }
        if let Some(s) = r.search {
            for c in s.columns {
                let col = table.column(c).unwrap_or_else(|| panic!("{}: search {c}", r.id));
                assert!(matches!(col.ty, SqlType::Text | SqlType::Varchar), "{}: search on non-text {c}", r.id);
            }
        }
        for (column, _) in r.sets {
            let c = table.column(column).unwrap_or_else(|| panic!("{}: sets {column}", r.id));
            assert_eq!(c.access, Access::Server, "{}: sets the client column {column}", r.id);
        }
        if kind == Plain::Put {
            let keys = crate::schema::put_key(table, r.bound_columns(), r.scope == Scope::Tenant);
            assert!(table.conflict_target(&keys).is_some(), "{}: no unique index on {keys:?} to upsert on", r.id);
        }
    }
}

/// Issue 8: of the 34 operations salesgate had before operations became declarations, at
/// least 20 are plain (no dispatch arm, no storage function of their own).
#[test]
fn most_of_the_first_34_operations_are_plain_declarations() {
    const FIRST_34: [&str; 34] = [
        "getOpenApi",
        "createTenant",
        "getDefaultTenant",
        "getTenant",
        "updateTenant",
        "getTenantTemplates",
        "getChannelsByType",
        "getChannelsByTenant",
        "createChannel",
        "getChannel",
        "updateChannel",
        "getCustomersByTenant",
        "getCustomerByExternalId",
        "getCustomer",
        "createCustomer",
        "updateCustomer",
        "getConversationsByTenant",
        "getConversationChannelCounts",
        "createConversation",
        "getConversation",
        "getConversationWithCustomer",
        "getConversationDetail",
        "updateConversation",
        "deleteConversation",
        "getMessagesByConversationPaginated",
        "createMessage",
        "getMessage",
        "updateMessage",
        "receiveInboundMessage",
        "getEffectiveFeatureFlags",
        "setTenantFeatureFlag",
        "deleteTenantFeatureFlag",
        "getGlobalFeatureFlags",
        "setGlobalFeatureFlag",
    ];
    let plain: Vec<&str> = FIRST_34
        .iter()
        .copied()
        .filter(|id| by_id(id).unwrap_or_else(|| panic!("{id} is gone")).action_is_plain())
        .collect();
    assert!(plain.len() >= 20, "{} plain: {plain:?}", plain.len());
}
