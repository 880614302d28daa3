//! Tenant scoping and reference guards, generated from the owners of the schema model
//! ([`Owner`]) in this one place: no operation spells out its own `tenant_id` condition, and a
//! reference to another tenant's row is refused whatever table it points to (users, messages,
//! suggestions…), not only tables with their own `tenant_id`.
//!
//! - [`owned`]: "this row belongs to the tenant", for a table of any owner: its `tenant_id`,
//!   its own id for `tenants`, or its parent's ownership (`EXISTS` through the reference) for
//!   `Via` tables such as messages;
//! - [`guard`]: "the row this value references belongs to the tenant"; references to global
//!   tables (plans, the vehicle-lookup cache) need only their foreign key.
//!
//! Shapes that stay distributable (design note, Citus): every condition is on `tenant_id`, and
//! the parent of a `Via` row is filtered by the tenant too.

use super::sql::{Ph, Sql};
use salesgate_core::schema::{Owner, Table, quote_ident};

/// Reading or writing: a tenant reads the shared global rows of a table (feature-flag
/// defaults, the global price cache) but writes only its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Read,
    Write,
}

/// Writes the condition that the row `alias` of `table` belongs to the tenant `t`.
pub fn owned(sql: &mut Sql<'_>, table: &Table, alias: &str, t: Ph, mode: Mode) {
    sql.push(&owned_sql(table, alias, &Sql::placeholder(t), mode));
}

/// The condition that the row `alias` of `table` belongs to the tenant whose id is the SQL
/// `tenant` (a placeholder such as `$1`), for statements built once (the hand-tuned ones).
pub fn owned_sql(table: &Table, alias: &str, tenant: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(64);
    write_owned(&mut out, table, alias, tenant, mode, 0);
    out
}

fn write_owned(out: &mut String, table: &Table, alias: &str, t: &str, mode: Mode, depth: usize) {
    let column = |name: &str| format!("{alias}.{}", quote_ident(name));
    match table.owner {
        Owner::Itself => out.push_str(&format!("{} = {t}", column("id"))),
        Owner::OptionalTenant { shared: true } if mode == Mode::Read => {
            let c = column("tenant_id");
            out.push_str(&format!("({c} = {t} OR {c} IS NULL)"));
        }
        Owner::Tenant | Owner::OptionalTenant { .. } => out.push_str(&format!("{} = {t}", column("tenant_id"))),
        Owner::Via { column: via, parent } => {
            let p = format!("o{depth}");
            out.push_str(&format!(
                "EXISTS (SELECT 1 FROM {} {p} WHERE {p}.id = {} AND ",
                quote_ident(parent.name),
                column(via)
            ));
            write_owned(out, parent, &p, t, mode, depth + 1);
            out.push(')');
        }
        Owner::Global => out.push_str("TRUE"),
    }
}

/// Whether references to `target` need a tenant guard (all but global tables).
pub fn guarded(target: &Table) -> bool {
    target.owner != Owner::Global
}

/// Writes the condition that the row of `target` whose id is `value` may be referenced by the
/// tenant `t` (its own rows, and the shared global ones). Returns `false`, writing nothing, for
/// a global target: any row of it may be referenced, and the foreign key checks it exists.
pub fn guard(sql: &mut Sql<'_>, target: &Table, value: Ph, t: Ph, n: usize) -> bool {
    match target.owner {
        Owner::Global => false,
        Owner::Itself => {
            sql.ph(value).push(" = ").ph(t);
            true
        }
        _ => {
            let g = format!("g{n}");
            sql.push("EXISTS (SELECT 1 FROM ").ident(target.name).push(" ").push(&g);
            sql.push(" WHERE ").column(&g, "id").push(" = ").ph(value).push(" AND ");
            owned(sql, target, &g, t, Mode::Read);
            sql.push(")");
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::tables::{CONVERSATIONS, FEATURE_FLAGS, HUMAN_ACTIONS_TABLE, PLANS, TENANTS, USERS};
    use tokio_postgres::types::Type;

    fn owned_sql(table: &Table, mode: Mode) -> String {
        let mut sql = Sql::new("");
        let t = sql.bind("t1", Type::VARCHAR);
        owned(&mut sql, table, "r", t, mode);
        sql.text().to_string()
    }

    #[test]
    fn scoping_follows_the_owner() {
        assert_eq!(owned_sql(&CONVERSATIONS, Mode::Read), "r.tenant_id = $1");
        assert_eq!(owned_sql(&TENANTS, Mode::Write), "r.id = $1");
        assert_eq!(owned_sql(&FEATURE_FLAGS, Mode::Read), "(r.tenant_id = $1 OR r.tenant_id IS NULL)");
        assert_eq!(owned_sql(&FEATURE_FLAGS, Mode::Write), "r.tenant_id = $1", "global rows are read, never written");
        assert_eq!(owned_sql(&USERS, Mode::Read), "r.tenant_id = $1", "platform staff are no tenant's");
        assert_eq!(
            owned_sql(&HUMAN_ACTIONS_TABLE, Mode::Read),
            "EXISTS (SELECT 1 FROM ai_suggestions o0 WHERE o0.id = r.suggestion_id AND \
             EXISTS (SELECT 1 FROM conversations o1 WHERE o1.id = o0.conversation_id AND o1.tenant_id = $1))"
        );
    }

    #[test]
    fn guards_cover_every_owned_target_and_skip_global_ones() {
        let mut sql = Sql::new("");
        let t = sql.bind("t1", Type::VARCHAR);
        let v = sql.bind("u1", Type::VARCHAR);
        assert!(guard(&mut sql, &USERS, v, t, 0), "users have no NOT NULL tenant_id and are still guarded");
        assert_eq!(sql.text(), "EXISTS (SELECT 1 FROM users g0 WHERE g0.id = $2 AND g0.tenant_id = $1)");
        let mut plain = Sql::new("");
        assert!(!guard(&mut plain, &PLANS, v, t, 1), "plans are global");
        assert_eq!(plain.text(), "");
    }
}
