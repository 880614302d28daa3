//! Customer data deletion (storage-api appendix A): one transaction deleting every row of the
//! customer in the tenant — its conversations and everything attached to them, its memory, its
//! notes, the customer — answering the number of rows deleted per table
//! ([`CUSTOMER_DATA_DELETION`]). The old service forgot `vehicle_lookup_cases`,
//! `escalation_events` and `learning_queue`, so it failed on their foreign keys; the steps here
//! are checked against the model (a test: every table referencing a deleted table is deleted
//! before it).

use super::scope::{Mode, owned_sql};
use super::{Ctx, Db, Reply, Result, StorageError};
use salesgate_core::error::ApiError;
use salesgate_core::routes::customer_deletion::{CUSTOMER_DATA_DELETION, Custom};
use salesgate_core::schema::Table;
use salesgate_core::shape::Kind;
use salesgate_core::tables::{
    AI_SUGGESTIONS, AI_TRAINING_SAMPLES, CONVERSATIONS, CONVERSIONS, CSAT_RATINGS, CUSTOMER_MEMORY, CUSTOMER_NOTES,
    CUSTOMERS, ESCALATION_EVENTS, HUMAN_ACTIONS_TABLE, LEARNING_QUEUE, LOST_DEALS, MESSAGES, VEHICLE_LOOKUP_CASES,
};
use std::fmt::Write as _;
use std::sync::OnceLock;
use tokio_postgres::types::Type;

/// How a table's rows hang off the customer (`$1`, in tenant `$2`).
#[derive(Clone, Copy)]
enum Of {
    /// `customer_id = $1`.
    Customer,
    /// `conversation_id` is one of the customer's conversations.
    Conversation,
    /// `suggestion_id` is a suggestion of one of them.
    Suggestion,
    /// The customer row itself.
    Itself,
}

/// The steps in foreign-key order: `(answer member, table, how its rows are the customer's)`.
const STEPS: [(&str, &Table, Of); 14] = [
    ("humanActions", &HUMAN_ACTIONS_TABLE, Of::Suggestion),
    ("vehicleLookupCases", &VEHICLE_LOOKUP_CASES, Of::Conversation),
    ("escalationEvents", &ESCALATION_EVENTS, Of::Conversation),
    ("learningQueue", &LEARNING_QUEUE, Of::Conversation),
    ("aiTrainingSamples", &AI_TRAINING_SAMPLES, Of::Conversation),
    ("csatRatings", &CSAT_RATINGS, Of::Conversation),
    ("conversions", &CONVERSIONS, Of::Conversation),
    ("lostDeals", &LOST_DEALS, Of::Conversation),
    ("aiSuggestions", &AI_SUGGESTIONS, Of::Conversation),
    ("messages", &MESSAGES, Of::Conversation),
    ("conversations", &CONVERSATIONS, Of::Customer),
    ("customerMemory", &CUSTOMER_MEMORY, Of::Customer),
    ("customerNotes", &CUSTOMER_NOTES, Of::Customer),
    ("customers", &CUSTOMERS, Of::Itself),
];

/// The tenant's conversations of the customer, as a subquery.
fn conversations() -> String {
    format!(
        "SELECT c.id FROM conversations c WHERE c.customer_id = $1 AND {}",
        owned_sql(&CONVERSATIONS, "c", "$2", Mode::Write)
    )
}

/// The statements, built once: the locks, then one `DELETE` per step. Each `DELETE` carries the
/// tenant condition of its table's owner, besides the customer's.
struct Plan {
    /// The customer, `FOR UPDATE`: no conversation, note or memory can be added to it meanwhile.
    lock_customer: String,
    /// Its conversations and their suggestions, `FOR UPDATE`: no message, suggestion, human
    /// action… can be attached to them meanwhile (their foreign-key checks wait for the lock).
    lock_children: [String; 2],
    deletes: Vec<String>,
}

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let suggestions = format!(
            "SELECT s.id FROM ai_suggestions s WHERE s.conversation_id IN ({}) AND {}",
            conversations(),
            owned_sql(&AI_SUGGESTIONS, "s", "$2", Mode::Write)
        );
        let deletes = STEPS
            .iter()
            .map(|(_, table, of)| {
                let mut sql = format!("DELETE FROM {} r WHERE ", table.name);
                let _ = match of {
                    Of::Itself => write!(sql, "r.id = $1"),
                    Of::Customer => write!(sql, "r.customer_id = $1"),
                    Of::Conversation => write!(sql, "r.conversation_id IN ({})", conversations()),
                    Of::Suggestion => write!(sql, "r.suggestion_id IN ({suggestions})"),
                };
                let _ = write!(sql, " AND {}", owned_sql(table, "r", "$2", Mode::Write));
                sql
            })
            .collect();
        Plan {
            lock_customer: format!(
                "SELECT 1 FROM customers r WHERE r.id = $1 AND {} FOR UPDATE",
                owned_sql(&CUSTOMERS, "r", "$2", Mode::Write)
            ),
            lock_children: [format!("{} FOR UPDATE", conversations()), format!("{suggestions} FOR UPDATE OF s")],
            deletes,
        }
    })
}

/// deleteCustomerData: 404 when the customer is not the tenant's (the old service's
/// TENANT_MISMATCH), else every row of it, in one transaction; the answer counts them per table.
pub async fn delete_customer_data(db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    let (customer, tenant) = (ctx.param("customerId")?, ctx.tenant()?);
    let params: [(&(dyn tokio_postgres::types::ToSql + Sync), Type); 2] =
        [(&customer, Type::VARCHAR), (&tenant, Type::VARCHAR)];
    let plan = plan();
    let mut conn = db.exclusive().await?;
    let tx = conn.client_mut().transaction().await?;
    // Unnamed typed statements: safe behind a transaction-mode pooler.
    if tx.query_typed_opt(&plan.lock_customer, &params).await?.is_none() {
        return Err(ApiError::not_found("Customer").into());
    }
    for lock in &plan.lock_children {
        tx.query_typed(lock, &params).await?;
    }
    let mut counts = Vec::with_capacity(STEPS.len());
    for ((member, _, _), statement) in STEPS.iter().zip(&plan.deletes) {
        counts.push((*member, tx.execute_typed(statement, &params).await?));
    }
    tx.commit().await?;
    Ok(Reply::json(answer(&counts)?))
}

/// The answer, member by member of its declared shape.
fn answer(counts: &[(&str, u64)]) -> Result<String> {
    let mut out = String::with_capacity(400);
    out.push('{');
    for (i, f) in CUSTOMER_DATA_DELETION.fields.iter().enumerate() {
        let n = match f.kind {
            Kind::Int => counts.iter().find(|(m, _)| *m == f.name).map(|(_, n)| *n),
            _ => None,
        }
        .ok_or_else(|| StorageError::Bug(format!("deleteCustomerData counts no {}", f.name)))?;
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{}\":{n}", f.name);
    }
    out.push('}');
    Ok(out)
}

/// Runs a custom operation of this section.
pub async fn dispatch(op: Custom, db: &Db<'_>, ctx: &Ctx<'_>) -> Result<Reply> {
    match op {
        Custom::DeleteCustomerData => delete_customer_data(db, ctx).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesgate_core::tables::TABLES;

    /// The bug of the old service cannot come back: every table with a foreign key to a table
    /// this deletes from is deleted from too, and before it.
    #[test]
    fn every_referencing_table_is_deleted_first() {
        let position = |name: &str| STEPS.iter().position(|(_, t, _)| t.name == name);
        for (i, (_, deleted, _)) in STEPS.iter().enumerate() {
            for t in TABLES {
                for c in t.columns.iter().filter(|c| c.references.is_some_and(|r| r.table == deleted.name)) {
                    let at = position(t.name)
                        .unwrap_or_else(|| panic!("{}.{} references {}: not deleted", t.name, c.name, deleted.name));
                    assert!(at < i, "{} is deleted after {}, which it references", t.name, deleted.name);
                }
            }
        }
    }

    #[test]
    fn the_answer_has_one_member_per_step_in_order() {
        let members: Vec<&str> = CUSTOMER_DATA_DELETION.fields.iter().map(|f| f.name).collect();
        let steps: Vec<&str> = STEPS.iter().map(|(m, _, _)| *m).collect();
        assert_eq!(members, steps);
        let counts: Vec<(&str, u64)> = steps.iter().map(|m| (*m, 1)).collect();
        assert!(answer(&counts).is_ok_and(|a| a.starts_with("{\"humanActions\":1,")));
        assert!(answer(&counts[1..]).is_err(), "a member without a count is a bug");
    }

    #[test]
    fn every_delete_is_scoped_to_the_tenant() {
        for statement in &plan().deletes {
            assert!(statement.contains("$2"), "{statement}");
        }
    }
}
