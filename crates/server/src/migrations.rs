//! The migration files, embedded at build time (see `build.rs`).
//!
//! **Order** is the byte order of the full file name, so `0000_baseline.sql` runs before
//! `0000_pre_migration_check_duplicates.sql` and `0006_internal_prices.sql` before
//! `0006_telegram_multiaccount.sql`. Equal number prefixes are fine (the old system has two
//! `0006_` files); equal names are impossible in one directory.
//!
//! **Checksum** is SHA-256 of the file with CRLF normalised to LF, so a checkout with Windows
//! line endings does not look like an edited migration.
//!
//! **Transactions**: each file runs in its own transaction, unless its first line is exactly
//! [`NO_TRANSACTION_MARKER`] — needed for `CREATE INDEX CONCURRENTLY`, which PostgreSQL refuses
//! inside a transaction block.

use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// First line of a file that must run outside a transaction.
pub const NO_TRANSACTION_MARKER: &str = "-- salesgate:no-transaction";

/// One migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// File name, e.g. `0005_price_snapshots.sql`.
    pub name: String,
    pub sql: String,
    /// Lower-case hex SHA-256 of the normalised contents.
    pub checksum: String,
    /// False for files marked with [`NO_TRANSACTION_MARKER`].
    pub transactional: bool,
}

impl Migration {
    pub fn new(name: &str, sql: &str) -> Migration {
        Migration {
            name: name.to_string(),
            sql: sql.to_string(),
            checksum: checksum(sql),
            transactional: sql.lines().next().map(str::trim_end) != Some(NO_TRANSACTION_MARKER),
        }
    }

    /// The file name without `.sql`: the name the schema model's `since` fields use.
    pub fn stem(&self) -> &str {
        self.name.strip_suffix(".sql").unwrap_or(&self.name)
    }
}

/// SHA-256 (hex) of `sql` with CRLF line endings normalised to LF.
pub fn checksum(sql: &str) -> String {
    let digest = Sha256::digest(sql.replace("\r\n", "\n").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Sorts migrations into run order: byte order of the full file name.
pub fn sort(migrations: &mut [Migration]) {
    migrations.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
}

/// The migrations compiled into this binary, in run order.
pub fn embedded() -> &'static [Migration] {
    static EMBEDDED: OnceLock<Vec<Migration>> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        let files: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));
        let mut all: Vec<Migration> = files.iter().map(|(name, sql)| Migration::new(name, sql)).collect();
        sort(&mut all);
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_full_file_name() {
        let mut m: Vec<Migration> = [
            "0006_telegram_multiaccount.sql",
            "0010_add_tenant_agent_settings.sql",
            "0001b_create_email_unique_index.sql",
            "0006_internal_prices.sql",
            "0000_pre_migration_check_duplicates.sql",
            "0001a_normalize_emails.sql",
            "0000_baseline.sql",
        ]
        .iter()
        .map(|n| Migration::new(n, ""))
        .collect();
        sort(&mut m);
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "0000_baseline.sql",
                "0000_pre_migration_check_duplicates.sql",
                "0001a_normalize_emails.sql",
                "0001b_create_email_unique_index.sql",
                "0006_internal_prices.sql",
                "0006_telegram_multiaccount.sql",
                "0010_add_tenant_agent_settings.sql",
            ]
        );
    }

    #[test]
    fn embedded_files_are_in_the_documented_order() {
        let names: Vec<&str> = embedded().iter().map(|m| m.stem()).collect();
        let expected_prefix = [
            "0000_baseline",
            "0000_pre_migration_check_duplicates",
            "0001a_normalize_emails",
            "0001b_create_email_unique_index",
            "0002_subscription_grants_indexes",
            "0003_vehicle_lookup_tables",
            "0004_tenants_templates",
            "0005_price_snapshots",
            "0006_internal_prices",
            "0006_telegram_multiaccount",
            "0007_price_commercial",
            "0008_price_snapshot_search_key",
            "0009_add_templates_and_payment_methods",
            "0010_add_tenant_agent_settings",
            "0011_update_price_snapshots",
            "0012_add_mileage_tiers",
            "0013_feature_flags_composite_unique",
            "0014_max_personal_accounts",
            "0015_max_personal_multiaccount",
            "0016_normalize_push_variants",
        ];
        assert_eq!(&names[..expected_prefix.len()], expected_prefix);
    }

    #[test]
    fn checksum_ignores_line_ending_style() {
        assert_eq!(checksum("a\r\nb\r\n"), checksum("a\nb\n"));
        assert_ne!(checksum("a\nb\n"), checksum("a\nc\n"));
        assert_eq!(checksum("").len(), 64);
    }

    #[test]
    fn the_marker_line_disables_the_transaction() {
        assert!(!Migration::new("x.sql", "-- salesgate:no-transaction\nCREATE INDEX CONCURRENTLY …").transactional);
        assert!(!Migration::new("x.sql", "-- salesgate:no-transaction\r\nSELECT 1").transactional);
        assert!(Migration::new("x.sql", "SELECT 1\n-- salesgate:no-transaction").transactional);
    }

    #[test]
    fn every_model_since_names_an_embedded_file() {
        use salesgate_core::tables::TABLES;
        let stems: Vec<&str> = embedded().iter().map(|m| m.stem()).collect();
        for t in TABLES {
            let sinces = std::iter::once(t.since)
                .chain(t.columns.iter().map(|c| c.since))
                .chain(t.indexes.iter().map(|i| i.since));
            for since in sinces {
                assert!(stems.contains(&since), "{}: no migration file {since}.sql", t.name);
            }
        }
    }
}
