//! §16 AI training samples and §17 AI training policies (issue 9): plain declarations only. The
//! policy is a per-tenant singleton (primary key `tenant_id`): read with `first`, written with
//! `put`, whose `ON CONFLICT (tenant_id)` updates exactly the fields the body gives, so arrays
//! absent from the body are left unchanged (storage-api §17).

use crate::enums::TRAINING_OUTCOMES;
use crate::route::Dir::{Asc, Desc};
use crate::route::{ADMIN, AFTER, Cmp, Filter, FilterValue, LIMIT, Param, ParamKind, Route, crud};
use crate::tables::{AI_TRAINING_POLICIES, AI_TRAINING_SAMPLES};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const SAMPLES: &str = "/v1/tenants/{tenantId}/ai-training-samples";
const POLICY: &str = "/v1/tenants/{tenantId}/ai-training-policy";
const OUTCOME: Param = Param {
    name: "outcome",
    kind: ParamKind::OneOf(TRAINING_OUTCOMES),
    required: false,
    doc: "Only samples of this outcome",
};

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::create(&AI_TRAINING_SAMPLES, SAMPLES, "createAiTrainingSample", "Store a training sample"),
    // storage-api §16: the tenant's (and the outcome's, if given), ORDER BY created_at DESC.
    crud::list(
        &AI_TRAINING_SAMPLES,
        SAMPLES,
        "getAiTrainingSamplesByTenant",
        "The tenant's training samples, newest first",
    )
    .query(&[OUTCOME, LIMIT, AFTER])
    .filters(&[Filter { column: "outcome", cmp: Cmp::Eq, value: FilterValue::Query("outcome") }])
    .order(&[("created_at", Desc)]),
    crud::count(
        &AI_TRAINING_SAMPLES,
        "/v1/tenants/{tenantId}/ai-training-samples/count",
        "getAiTrainingSamplesCount",
        "How many training samples the tenant has",
    ),
    crud::first(&AI_TRAINING_POLICIES, POLICY, "getAiTrainingPolicy", "The tenant's AI training policy")
        .order(&[("tenant_id", Asc)]),
    // storage-api §17: arrays given replace, absent ones stay; updated_at = now.
    crud::put(
        &AI_TRAINING_POLICIES,
        POLICY,
        "upsertAiTrainingPolicy",
        "Create or update the tenant's AI training policy (fields absent are left unchanged)",
    )
    .roles(ADMIN),
];
