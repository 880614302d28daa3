//! The deterministic dataset, loaded with set-based SQL (`generate_series`), in one transaction
//! (foreign-key triggers skipped: the rows are consistent by construction), then vacuumed,
//! analysed and checkpointed so that the measured windows start from a settled database (hint
//! bits set, statistics current, no checkpoint due).

use crate::workload::{
    CHANNELS, CONVERSATION_ID_BASE, CUSTOMERS, EXTERNAL_ID_PREFIX, EXTRA_FLAGS, MESSAGES, OVERRIDES, TENANT_ID_BASE,
    TENANTS,
};
use crate::{BenchError, db_error};
use salesgate_core::enums::FEATURE_FLAG_NAMES;
use std::time::Duration;
use tokio_postgres::Client;

/// Row counts after loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tenants: i64,
    pub customers: i64,
    pub conversations: i64,
    pub messages: i64,
    pub feature_flags: i64,
}

/// Texts of the dataset's messages (a conversation's message `m` uses `MESSAGE_TEXTS[m]`).
const MESSAGE_TEXTS: [&str; 10] = [
    "Добрый день! Нужны передние тормозные колодки на Toyota Camry 2012.",
    "Здравствуйте! Подскажите VIN или номер кузова, пожалуйста, подберём точно.",
    "VIN JTNBE46K803123456",
    "Есть оригинал Toyota 04465-33471 за 6 900 ₽ и аналог Brembo P83117 за 3 450 ₽, оба в наличии.",
    "А диски тоже есть? И сколько по времени доставка до Казани?",
    "Диски Brembo 09.A913.11 — 4 200 ₽ за штуку. Доставка до Казани 2–3 дня, СДЭК.",
    "Давайте аналог колодок и два диска. Оплата картой при получении можно?",
    "Да, можно. Оформляю заказ: колодки Brembo P83117 и 2 диска 09.A913.11, итого 11 850 ₽.",
    "Спасибо! Адрес: Казань, ул. Баумана, 12, кв. 5. Телефон тот же.",
    "Заказ №4821 оформлен, трек-номер пришлём завтра. Хорошего дня!",
];

/// Creates every row. Returns the counts read back.
pub async fn load(client: &Client) -> Result<Counts, BenchError> {
    let sql = load_sql();
    bounded(client.batch_execute(&sql), Duration::from_secs(180), "loading the dataset").await?;
    // One statement each: VACUUM cannot run in a transaction, nor in a multi-statement query.
    for (sql, what) in [
        ("VACUUM (ANALYZE) tenants, customers, conversations, messages, feature_flags", "vacuuming and analysing"),
        ("CHECKPOINT", "checkpointing after loading"),
    ] {
        bounded(client.batch_execute(sql), Duration::from_secs(120), what).await?;
    }
    let row = bounded(
        client.query_one(
            "SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM customers), \
             (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages), \
             (SELECT count(*) FROM feature_flags)",
            &[],
        ),
        Duration::from_secs(30),
        "counting the dataset",
    )
    .await?;
    Ok(Counts {
        tenants: row.get(0),
        customers: row.get(1),
        conversations: row.get(2),
        messages: row.get(3),
        feature_flags: row.get(4),
    })
}

async fn bounded<T>(
    fut: impl Future<Output = Result<T, tokio_postgres::Error>>,
    limit: Duration,
    what: &str,
) -> Result<T, BenchError> {
    match tokio::time::timeout(limit, fut).await {
        Ok(result) => result.map_err(|e| db_error(what, &e)),
        Err(_) => Err(BenchError::Timeout { what: what.to_string(), limit }),
    }
}

fn sql_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn text_array(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| sql_literal(s.as_ref())).collect();
    format!("ARRAY[{}]::text[]", items.join(", "))
}

/// The whole load as one script (one transaction).
pub fn load_sql() -> String {
    let channels = text_array(CHANNELS);
    let [p0, p1, p2] = EXTERNAL_ID_PREFIX;
    let flags: Vec<&str> = FEATURE_FLAG_NAMES.iter().copied().chain(EXTRA_FLAGS).collect();
    let flag_array = text_array(&flags);
    let texts = text_array(MESSAGE_TEXTS);
    // A customer message's metadata names its channel (one constant per channel: cheap to load).
    let sources: Vec<String> =
        CHANNELS.iter().map(|ch| format!("{}::jsonb", sql_literal(&format!("{{\"source\": \"{ch}\"}}")))).collect();
    let sources = format!("ARRAY[{}]", sources.join(", "));
    let (nt, nc, nm, tb, cb, no) = (TENANTS, CUSTOMERS, MESSAGES, TENANT_ID_BASE, CONVERSATION_ID_BASE, OVERRIDES);
    format!(
        "BEGIN;
-- The rows are consistent by construction: skip the per-row foreign-key triggers, and sort in
-- memory.
SET LOCAL session_replication_role = replica;
SET LOCAL work_mem = '256MB';
CREATE TEMP TABLE bench_customer ON COMMIT DROP AS
SELECT t, c,
       md5('customer/' || t || '/' || c)::uuid::text AS id,
       ({tb} + t)::text AS tenant_id,
       ({cb} + t * 1000 + c)::text AS conversation_id,
       md5('messages/' || t || '/' || c)::uuid::text AS message_ids,
       ({channels})[c % 3 + 1] AS channel,
       ((ARRAY[{p0}, {p1}, {p2}]::bigint[])[c % 3 + 1] + t * 1000 + c)::text AS external_id,
       TIMESTAMP '2026-01-01 08:00:00' + ((t - 1) * {nc} + c) * INTERVAL '7 seconds' AS created_at
FROM generate_series(1, {nt}) AS t, generate_series(0, {nc} - 1) AS c;

INSERT INTO tenants (id, name, created_at)
SELECT ({tb} + t)::text, 'Автозапчасти №' || t, TIMESTAMP '2025-12-01 00:00:00' + t * INTERVAL '1 hour'
FROM generate_series(1, {nt}) AS t;

INSERT INTO customers (id, tenant_id, channel, external_id, name, phone, tags, metadata, created_at, updated_at)
SELECT id, tenant_id, channel, external_id,
       'Клиент ' || t || '-' || c,
       CASE WHEN channel = 'whatsapp_personal' THEN '+' || external_id END,
       '[]'::jsonb, '{{}}'::jsonb, created_at, created_at
FROM bench_customer ORDER BY t, c;

INSERT INTO conversations (id, tenant_id, customer_id, status, mode, last_message_at, unread_count, created_at)
SELECT conversation_id, tenant_id, id, 'active', 'learning',
       created_at + ({nm} - 1) * INTERVAL '1 minute', 1, created_at
FROM bench_customer ORDER BY t, c;

INSERT INTO messages (id, conversation_id, role, content, attachments, metadata, created_at)
SELECT left(b.message_ids, 32) || lpad(to_hex(m), 4, '0'),
       b.conversation_id,
       CASE WHEN m % 2 = 0 THEN 'customer' ELSE 'assistant' END,
       ({texts})[m + 1],
       '[]'::jsonb,
       CASE WHEN m % 2 = 0 THEN ({sources})[b.c % 3 + 1] ELSE '{{}}'::jsonb END,
       b.created_at + m * INTERVAL '1 minute'
FROM bench_customer AS b, generate_series(0, {nm} - 1) AS m
ORDER BY b.t, b.c, m;

INSERT INTO feature_flags (id, name, description, enabled, tenant_id)
SELECT md5('flag/' || f.name)::uuid::text, f.name, 'benchmark flag ' || f.i, f.i % 2 = 1, NULL
FROM unnest({flag_array}) WITH ORDINALITY AS f(name, i);

INSERT INTO feature_flags (id, name, description, enabled, tenant_id)
SELECT md5('flag/' || t || '/' || k)::uuid::text, ({flag_array})[k], NULL, k % 2 = 0, ({tb} + t)::text
FROM generate_series(2, {nt}, 2) AS t, generate_series(1, {no}) AS k;
COMMIT;",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_names_every_table_and_is_one_transaction() {
        let sql = load_sql();
        assert!(sql.starts_with("BEGIN;") && sql.ends_with("COMMIT;"));
        for table in ["tenants", "customers", "conversations", "messages", "feature_flags"] {
            assert!(sql.contains(&format!("INSERT INTO {table} ")), "{table}");
        }
        assert!(sql.contains("'VOICE_MESSAGES_ENABLED'") && sql.contains("'AI_SUGGESTIONS_ENABLED'"));
    }
}
