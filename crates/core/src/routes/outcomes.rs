//! §24 CSAT ratings, conversions, lost deals (issue 9): plain declarations only. A rating and a
//! conversion are unique per conversation (`csat_ratings_conversation_idx`,
//! `conversions_conversation_idx`): a second one for the same conversation is a 409 `conflict`
//! naming `/conversationId`. The conversation must be the tenant's (guarded from the model's
//! owners), and the by-conversation reads are scoped to the tenant, which the old lookups were
//! not.

use crate::route::Dir::{Asc, Desc};
use crate::route::{Route, crud};
use crate::tables::{CONVERSIONS, CSAT_RATINGS, LOST_DEALS};

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {}

const CONVERSATION: &[(&str, &str)] = &[("conversationId", "conversation_id")];
const NEWEST_FIRST: &[(&str, crate::route::Dir)] = &[("created_at", Desc)];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::create(&CSAT_RATINGS, "/v1/tenants/{tenantId}/csat-ratings", "createCsatRating", "Rate a conversation (1-5)"),
    // storage-api §24: a unique lookup; 404 where the old method answered undefined.
    crud::first(
        &CSAT_RATINGS,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/csat-rating",
        "getCsatRatingByConversation",
        "The rating of a conversation",
    )
    .binds(CONVERSATION)
    .order(NEWEST_FIRST),
    // storage-api §24: ORDER BY created_at DESC.
    crud::list(&CSAT_RATINGS, "/v1/tenants/{tenantId}/csat-ratings", "getCsatRatingsByTenant", "Ratings, newest first")
        .order(NEWEST_FIRST),
    // storage-api §24: currency defaults to RUB (the column's default).
    crud::create(
        &CONVERSIONS,
        "/v1/tenants/{tenantId}/conversions",
        "createConversion",
        "Record the purchase of a conversation (currency RUB unless given)",
    ),
    crud::first(
        &CONVERSIONS,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/conversion",
        "getConversionByConversation",
        "The purchase recorded for a conversation",
    )
    .binds(CONVERSATION)
    .order(NEWEST_FIRST),
    crud::list(&CONVERSIONS, "/v1/tenants/{tenantId}/conversions", "getConversionsByTenant", "Purchases, newest first")
        .order(NEWEST_FIRST),
    crud::create(&LOST_DEALS, "/v1/tenants/{tenantId}/lost-deals", "createLostDeal", "Record why a deal was lost"),
    // storage-api §24: not unique; the old "first match" had no order: the oldest here.
    crud::first(
        &LOST_DEALS,
        "/v1/tenants/{tenantId}/conversations/{conversationId}/lost-deal",
        "getLostDealByConversation",
        "The first lost deal recorded for a conversation",
    )
    .binds(CONVERSATION)
    .order(&[("created_at", Asc)]),
    crud::list(&LOST_DEALS, "/v1/tenants/{tenantId}/lost-deals", "getLostDealsByTenant", "Lost deals, newest first")
        .order(NEWEST_FIRST),
];
