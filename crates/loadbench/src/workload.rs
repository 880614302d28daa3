//! The dataset's shape and the four workloads: which rows exist, how a request picks them, and
//! the same choice expressed for pgbench. Everything that must agree between the dataset, the
//! load generator and the ceiling scripts is defined once here.
//!
//! Ids that a request carries (tenant, conversation, external id) are decimal numbers written
//! as text: pgbench variables are integers, so this is the only way for a pgbench script to
//! send the very parameter values the server sends. (The old system's ids are 36-character
//! UUIDs; these are 19 digits. Both sides of the comparison use the same ids.) Customer and
//! message ids, which no request carries, are UUID-shaped (`md5(…)::uuid`).

/// Tenants of the dataset, numbered `1..=TENANTS`.
pub const TENANTS: u64 = 100;
/// Customers per tenant, numbered `0..CUSTOMERS`; each has one conversation.
pub const CUSTOMERS: u64 = 200;
/// Messages per conversation.
pub const MESSAGES: u64 = 10;
/// Customer `c` is on channel `CHANNELS[c % 3]`.
pub const CHANNELS: [&str; 3] = ["telegram", "whatsapp_personal", "max"];
/// An existing customer's external id is `EXTERNAL_ID_PREFIX[channel] + tenant * 1000 + c`
/// (Telegram user ids, WhatsApp phone numbers, MAX ids).
pub const EXTERNAL_ID_PREFIX: [u64; 3] = [500_000_000, 79_000_000_000, 9_000_000];
/// Tenant `t` has id `TENANT_ID_BASE + t`.
pub const TENANT_ID_BASE: u64 = 1_000_000_000_000_000_000;
/// The conversation of customer `c` of tenant `t` has id `CONVERSATION_ID_BASE + t * 1000 + c`.
pub const CONVERSATION_ID_BASE: u64 = 2_000_000_000_000_000_000;
/// External ids of the customers W2 creates through the server: this plus a counter.
pub const NEW_EXTERNAL_ID_SERVER: u64 = 3_000_000_000_000_000_000;
/// External ids of the customers W2 creates under pgbench: this plus a random number up to
/// [`NEW_EXTERNAL_ID_RANGE`] (a repeat is an existing customer: once in millions of runs).
pub const NEW_EXTERNAL_ID_PGBENCH: u64 = 4_000_000_000_000_000_000;
pub const NEW_EXTERNAL_ID_RANGE: u64 = 1_000_000_000_000_000;
/// Share of W2 requests from customers the database does not know yet.
pub const NEW_CUSTOMER_PERCENT: u64 = 20;
/// The name and text of every W2 message (a messenger always sends the display name).
pub const INBOUND_NAME: &str = "Иван Петров";
pub const INBOUND_CONTENT: &str =
    "Здравствуйте! Нужна коробка передач на Camry 2012, VIN JTNBE46K803123456. Есть в наличии и сколько стоит?";
/// W3's page size; the server fetches one row more to know whether there is a next page.
pub const PAGE_LIMIT: u64 = 50;

/// The 7 global flags added to the 13 known names (20 global rows in all).
pub const EXTRA_FLAGS: [&str; 7] = [
    "VOICE_MESSAGES_ENABLED",
    "PRICE_ALERTS_ENABLED",
    "VIN_DECODER_V2",
    "SMART_REPLIES_BETA",
    "ORDER_TRACKING_ENABLED",
    "CATALOG_SYNC_ENABLED",
    "ANALYTICS_DASHBOARD_V2",
];
/// Every second tenant (the even ones) overrides this many flags.
pub const OVERRIDES: usize = 5;

pub fn tenant_id(t: u64) -> String {
    (TENANT_ID_BASE + t).to_string()
}

pub fn conversation_id(t: u64, c: u64) -> String {
    (CONVERSATION_ID_BASE + t * 1000 + c).to_string()
}

/// Index into [`CHANNELS`] of customer `c`.
pub fn channel_of(c: u64) -> usize {
    (c % 3) as usize
}

pub fn external_id(t: u64, c: u64) -> String {
    (EXTERNAL_ID_PREFIX[channel_of(c)] + t * 1000 + c).to_string()
}

/// How many customers of a tenant are on channel `k` (67, 67, 66).
pub fn customers_on_channel(k: usize) -> u64 {
    (CUSTOMERS + 2 - k as u64) / 3
}

/// The four workloads of issue 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Workload {
    W1,
    W2,
    W3,
    W4,
}

impl Workload {
    pub const ALL: [Workload; 4] = [Workload::W1, Workload::W2, Workload::W3, Workload::W4];

    pub fn id(self) -> &'static str {
        match self {
            Workload::W1 => "W1",
            Workload::W2 => "W2",
            Workload::W3 => "W3",
            Workload::W4 => "W4",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Workload::W1 => "customer lookup",
            Workload::W2 => "inbound message",
            Workload::W3 => "newest 50 messages",
            Workload::W4 => "effective feature flags",
        }
    }

    /// The route's label in the server's `/metrics`.
    pub fn metrics_route(self) -> &'static str {
        match self {
            Workload::W1 => "GET /v1/tenants/{tenantId}/customers/lookup",
            Workload::W2 => "POST /v1/tenants/{tenantId}/inbound-messages",
            Workload::W3 => "GET /v1/tenants/{tenantId}/conversations/{conversationId}/messages",
            Workload::W4 => "GET /v1/tenants/{tenantId}/feature-flags",
        }
    }

    /// The throughput target (issue 12): the server's share of the ceiling's. W1 is the
    /// cheapest query, so the load generator's own CPU weighs most there.
    pub fn throughput_target(self) -> f64 {
        match self {
            Workload::W1 => 0.75,
            _ => 0.85,
        }
    }

    /// The target of the server's CPU per request as a share of PostgreSQL's (issue 12), for
    /// the reads; W2's work is PostgreSQL's transaction.
    pub fn cpu_ratio_target(self) -> Option<f64> {
        match self {
            Workload::W2 => None,
            _ => Some(CPU_RATIO_TARGET),
        }
    }
}

/// The server's CPU per request at most this share of PostgreSQL's (W1, W3, W4; issue 12).
pub const CPU_RATIO_TARGET: f64 = 0.5;

/// The p99 target: the server's p99 at most this many times the ceiling's.
pub const P99_TARGET: f64 = 2.0;
/// The peak RSS target, bytes.
pub const RSS_TARGET: u64 = 64 * 1024 * 1024;

/// A small, fast, deterministic generator (SplitMix64): the load generator needs a few random
/// numbers per request and no cryptographic quality.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbers_pgbench_can_compute() {
        assert_eq!(tenant_id(1), "1000000000000000001");
        assert_eq!(tenant_id(TENANTS).len(), 19);
        assert_eq!(conversation_id(100, 199), "2000000000000100199");
        assert_eq!(external_id(7, 0), "500007000");
        assert_eq!(external_id(7, 1), "79000007001");
        assert_eq!(external_id(7, 2), "9007002");
        // All fit in pgbench's int64 arithmetic.
        assert!(NEW_EXTERNAL_ID_PGBENCH + NEW_EXTERNAL_ID_RANGE < i64::MAX as u64);
    }

    #[test]
    fn channel_counts_cover_every_customer() {
        let counts: Vec<u64> = (0..3).map(customers_on_channel).collect();
        assert_eq!(counts, [67, 67, 66]);
        for k in 0..3 {
            assert_eq!((0..CUSTOMERS).filter(|c| channel_of(*c) == k).count() as u64, customers_on_channel(k));
        }
    }

    #[test]
    fn rng_is_uniform_enough_and_deterministic() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let mut hist = [0u32; 10];
        for _ in 0..100_000 {
            let x = a.below(10);
            assert_eq!(x, b.below(10));
            hist[x as usize] += 1;
        }
        assert!(hist.iter().all(|n| (9_000..11_000).contains(n)), "{hist:?}");
    }
}
