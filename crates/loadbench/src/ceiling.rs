//! The database ceiling: pgbench running the server's own statement texts, at the same
//! concurrency, with the same random choices, on the same database.
//!
//! - The SQL is taken from the server crate (`customers::lookup_sql()`, `messages::page_sql`,
//!   `feature_flags::EFFECTIVE_SQL`, `inbound::UPSERT` + `inbound::store_sql()`), with `$n` replaced
//!   by pgbench `:variables`. pgbench sends them as parameters of prepared statements
//!   (`-M prepared`), as the server's tokio-postgres does.
//! - pgbench variables are integers, so string parameters come either from integer ids (see
//!   [`crate::workload`]) or from `-D name=value` constants. A channel is a string: each
//!   channel gets its own script naming its own constant (`:ch0`, `:ch1`, `:ch2`), weighted by
//!   its share of the customers, so the channel mix is the server's.
//! - W2 is the one-round-trip transaction the server sends: `\startpipeline` BEGIN; upsert;
//!   store; COMMIT `\endpipeline`. The server sends NULL for the absent attachments and
//!   metadata; a pgbench variable cannot be NULL (it would send the text `NULL`), so those two
//!   parameters are written as the literal `NULL` — the only difference from the server's text.
//! - Latencies come from pgbench's per-transaction log (`-l`, third column, µs); throughput is
//!   pgbench's own `tps` (without connection time).

use crate::server::die_with_parent;
use crate::stats::Latency;
use crate::workload::{
    CHANNELS, CONVERSATION_ID_BASE, CUSTOMERS, EXTERNAL_ID_PREFIX, INBOUND_CONTENT, INBOUND_NAME, NEW_CUSTOMER_PERCENT,
    NEW_EXTERNAL_ID_PGBENCH, NEW_EXTERNAL_ID_RANGE, PAGE_LIMIT, TENANT_ID_BASE, TENANTS, Workload,
    customers_on_channel,
};
use crate::{BenchError, Progress};
use salesgate_server::storage::{customers, feature_flags, inbound, messages};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::Command;

/// One pgbench script file and its weight (`-f file@weight`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub name: String,
    pub weight: u64,
    pub text: String,
}

/// Replaces `$1…$n` in `sql` by `args[0…n-1]`. Panics on a `$n` without an argument: the
/// scripts are built from the server's constant texts, so that is a bug found by the tests.
pub fn bind(sql: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(sql.len() + 64);
    let mut rest = sql;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let digits = rest[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            out.push('$');
            rest = &rest[i + 1..];
            continue;
        }
        let n: usize = rest[i + 1..i + 1 + digits].parse().unwrap_or(0);
        let arg = args.get(n.wrapping_sub(1)).unwrap_or_else(|| panic!("${n} has no argument in {sql}"));
        out.push_str(arg);
        rest = &rest[i + 1 + digits..];
    }
    out.push_str(rest);
    out
}

/// The server's text of W2's second statement, exactly as it sends it.
fn store_sql() -> String {
    inbound::store_sql().to_string()
}

/// `-D` constants every script may use.
pub fn defines() -> Vec<(String, String)> {
    let mut d: Vec<(String, String)> =
        CHANNELS.iter().enumerate().map(|(k, ch)| (format!("ch{k}"), ch.to_string())).collect();
    d.push(("name".into(), INBOUND_NAME.into()));
    d.push(("content".into(), INBOUND_CONTENT.into()));
    d
}

fn pick_tenant() -> String {
    format!("\\set t random(1, {TENANTS})\n\\set tenant {TENANT_ID_BASE} + :t\n")
}

/// A random existing customer of tenant `:t` on channel `k`: `:c` and its external id `:ext`.
fn pick_customer_on(k: usize) -> String {
    format!(
        "\\set i random(0, {})\n\\set c 3 * :i + {k}\n\\set ext {} + :t * 1000 + :c\n",
        customers_on_channel(k) - 1,
        EXTERNAL_ID_PREFIX[k]
    )
}

fn inbound_transaction(channel: &str) -> String {
    let upsert = bind(inbound::UPSERT, &[":tenant", channel, ":ext", ":name"]);
    let store = bind(&store_sql(), &[":tenant", channel, ":ext", ":content", "NULL", "NULL"]);
    format!("\\startpipeline\nBEGIN;\n{upsert};\n{store};\nCOMMIT;\n\\endpipeline\n")
}

/// The scripts of a workload, with weights reproducing the server-side choices.
pub fn scripts(w: Workload) -> Vec<Script> {
    let mut scripts = Vec::new();
    let header = |what: &str| format!("-- {} {}: {what}\n", w.id(), w.title());
    match w {
        Workload::W1 => {
            for (k, ch) in CHANNELS.iter().enumerate() {
                let sql = bind(customers::lookup_sql(), &[":tenant", &format!(":ch{k}"), ":ext"]);
                scripts.push(Script {
                    name: format!("{}_{ch}", w.id()),
                    weight: customers_on_channel(k),
                    text: format!(
                        "{}{}{}{sql};\n",
                        header(&format!("a random existing {ch} customer of a random tenant")),
                        pick_tenant(),
                        pick_customer_on(k)
                    ),
                });
            }
        }
        Workload::W2 => {
            let old = 100 - NEW_CUSTOMER_PERCENT;
            for (k, ch) in CHANNELS.iter().enumerate() {
                scripts.push(Script {
                    name: format!("{}_existing_{ch}", w.id()),
                    weight: customers_on_channel(k) * old,
                    text: format!(
                        "{}{}{}{}",
                        header(&format!("a message of an existing {ch} customer of a random tenant")),
                        pick_tenant(),
                        pick_customer_on(k),
                        inbound_transaction(&format!(":ch{k}"))
                    ),
                });
                scripts.push(Script {
                    name: format!("{}_new_{ch}", w.id()),
                    weight: customers_on_channel(k) * NEW_CUSTOMER_PERCENT,
                    text: format!(
                        "{}{}\\set ext {NEW_EXTERNAL_ID_PGBENCH} + random(1, {NEW_EXTERNAL_ID_RANGE})\n{}",
                        header(&format!("the first message of a new {ch} customer of a random tenant")),
                        pick_tenant(),
                        inbound_transaction(&format!(":ch{k}"))
                    ),
                });
            }
        }
        Workload::W3 => {
            let sql = bind(messages::page_sql(messages::Page::Newest), &[":tenant", ":conversation", ":fetch"]);
            scripts.push(Script {
                name: w.id().to_string(),
                weight: 1,
                text: format!(
                    "{}{}\\set c random(0, {})\n\\set conversation {CONVERSATION_ID_BASE} + :t * 1000 + :c\n\
                     \\set fetch {}\n{sql};\n",
                    header(
                        "the newest page of a random conversation of a random tenant (limit + 1 rows, as the server)"
                    ),
                    pick_tenant(),
                    CUSTOMERS - 1,
                    PAGE_LIMIT + 1
                ),
            });
        }
        Workload::W4 => {
            let sql = bind(feature_flags::EFFECTIVE_SQL, &[":tenant"]);
            scripts.push(Script {
                name: w.id().to_string(),
                weight: 1,
                text: format!("{}{}{sql};\n", header("the flag rows of a random tenant"), pick_tenant()),
            });
        }
    }
    scripts
}

/// Where pgbench connects.
#[derive(Debug, Clone)]
pub struct PgTarget {
    pub pgbench: PathBuf,
    /// `127.0.0.1`, or the directory of the unix socket.
    pub host: String,
    pub port: u16,
    pub dbname: String,
}

/// What pgbench measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub tps: f64,
    pub transactions: u64,
    pub failed: u64,
    pub latency: Latency,
    /// Seconds the pgbench process ran (connections included).
    pub wall_secs: f64,
}

/// Locates pgbench: beside the PostgreSQL binaries the clusters use, else on PATH.
pub fn find_pgbench() -> Result<PathBuf, BenchError> {
    if let Ok(dir) = salesgate_server::cluster::Cluster::bin_dir() {
        let p = dir.join("pgbench");
        if p.is_file() {
            return Ok(p);
        }
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|d| d.join("pgbench")).find(|p| p.is_file()).ok_or(BenchError::NoPgbench)
}

/// Writes the scripts of `w` into `dir` and runs pgbench for `window`.
pub async fn run(
    target: &PgTarget,
    w: Workload,
    clients: usize,
    threads: usize,
    window: Duration,
    dir: &Path,
    progress: &Progress,
) -> Result<Measured, BenchError> {
    std::fs::create_dir_all(dir).map_err(|e| BenchError::io(format!("creating {}", dir.display()), e))?;
    let log_prefix = dir.join(format!("{}-log", w.id()));
    remove_logs(&log_prefix);
    let secs = window.as_secs().max(1);
    let mut cmd = Command::new(&target.pgbench);
    cmd.args(["-n", "-M", "prepared", "-c", &clients.to_string(), "-j", &threads.to_string()])
        .args(["-T", &secs.to_string(), "-l", "--log-prefix"])
        .arg(&log_prefix);
    for (name, value) in defines() {
        cmd.arg("-D").arg(format!("{name}={value}"));
    }
    for script in scripts(w) {
        let path = dir.join(format!("{}.sql", script.name));
        std::fs::write(&path, &script.text).map_err(|e| BenchError::io(format!("writing {}", path.display()), e))?;
        cmd.arg("-f").arg(format!("{}@{}", path.display(), script.weight));
    }
    cmd.args(["-h", &target.host, "-p", &target.port.to_string(), "-U", salesgate_server::cluster::SUPERUSER])
        .arg(&target.dbname)
        // The server's session settings (pool.rs), and nothing from the caller's environment.
        .env("PGOPTIONS", "-c TimeZone=UTC -c statement_timeout=5000")
        .env("PGCLIENTENCODING", "UTF8")
        .env("PGAPPNAME", "salesgate-bench-pgbench")
        .env_remove("PGHOST")
        .env_remove("PGHOSTADDR")
        .env_remove("PGPORT")
        .env_remove("PGSERVICE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    die_with_parent(&mut cmd);
    let started = std::time::Instant::now();
    let child = cmd.spawn().map_err(|e| BenchError::io(format!("starting {}", target.pgbench.display()), e))?;
    let limit = window + Duration::from_secs(60);
    let output = child.wait_with_output();
    tokio::pin!(output);
    let mut ticker = tokio::time::interval(Duration::from_secs(5));
    ticker.tick().await;
    let deadline = tokio::time::sleep(limit);
    tokio::pin!(deadline);
    let output = loop {
        tokio::select! {
            out = &mut output => break out.map_err(|e| BenchError::io("waiting for pgbench", e))?,
            _ = ticker.tick() => progress.note(&format!("{}   ceiling: {:.0} s of {secs} s", w.id(), started.elapsed().as_secs_f64())),
            () = &mut deadline => return Err(BenchError::Timeout { what: format!("pgbench for {}", w.id()), limit }),
        }
    };
    let wall_secs = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(BenchError::Pgbench {
            workload: w.id(),
            status: output.status.to_string(),
            output: format!("{stderr}\n{stdout}").trim().to_string(),
            dir: dir.to_path_buf(),
        });
    }
    let (tps, transactions, failed) = parse_summary(&stdout).ok_or_else(|| BenchError::Pgbench {
        workload: w.id(),
        status: "unexpected output".into(),
        output: stdout.clone(),
        dir: dir.to_path_buf(),
    })?;
    let (mut samples, log_failed) = read_logs(&log_prefix)?;
    remove_logs(&log_prefix);
    Ok(Measured { tps, transactions, failed: failed.max(log_failed), latency: Latency::of(&mut samples), wall_secs })
}

/// (tps without connection time, transactions processed, failed transactions) from pgbench's
/// summary.
pub fn parse_summary(stdout: &str) -> Option<(f64, u64, u64)> {
    let mut tps = None;
    let mut processed = None;
    let mut failed = 0;
    for line in stdout.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("tps = ") {
            tps = rest.split_whitespace().next().and_then(|v| v.parse().ok());
        } else if let Some(rest) = line.strip_prefix("number of transactions actually processed: ") {
            processed = rest.split(['/', ' ']).next().and_then(|v| v.parse().ok());
        } else if let Some(rest) = line.strip_prefix("number of failed transactions: ") {
            failed = rest.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap_or(0);
        }
    }
    Some((tps?, processed?, failed))
}

/// The latencies (µs) of every logged transaction, and how many were logged as failed or
/// skipped. pgbench writes `<prefix>.<pid>` and, per extra thread, `<prefix>.<pid>.<n>`.
fn read_logs(prefix: &Path) -> Result<(Vec<u32>, u64), BenchError> {
    let mut samples = Vec::new();
    let mut failed = 0;
    for path in log_files(prefix) {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| BenchError::io(format!("reading the pgbench log {}", path.display()), e))?;
        let (s, f) = parse_log(&text);
        samples.extend(s);
        failed += f;
    }
    if samples.is_empty() {
        return Err(BenchError::io(
            format!("reading the pgbench logs {}.*", prefix.display()),
            std::io::Error::other("no transaction was logged"),
        ));
    }
    Ok((samples, failed))
}

/// Parses log lines `client transaction latency_us script epoch_s epoch_us`.
pub fn parse_log(text: &str) -> (Vec<u32>, u64) {
    let mut samples = Vec::new();
    let mut failed = 0;
    for line in text.lines() {
        match line.split_whitespace().nth(2).map(str::parse::<u64>) {
            Some(Ok(us)) => samples.push(us.min(u64::from(u32::MAX)) as u32),
            Some(Err(_)) => failed += 1, // "failed" or "skipped"
            None => {}
        }
    }
    (samples, failed)
}

fn log_files(prefix: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(stem)) = (prefix.parent(), prefix.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let start = format!("{stem}.");
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(&start)))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

fn remove_logs(prefix: &Path) {
    for path in log_files(prefix) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_parameters_in_order_and_leaves_other_dollars() {
        assert_eq!(bind("a = $1 AND b = $2 OR c = $1", &[":x", ":y"]), "a = :x AND b = :y OR c = :x");
        assert_eq!(bind("x = $10", &["", "", "", "", "", "", "", "", "", ":ten"]), "x = :ten");
        assert_eq!(bind("'$' || $1", &[":x"]), "'$' || :x");
    }

    #[test]
    fn every_statement_parameter_is_bound() {
        for w in Workload::ALL {
            for s in scripts(w) {
                let sql: String = s.text.lines().filter(|l| !l.starts_with('\\') && !l.starts_with("--")).collect();
                assert!(!sql.chars().zip(sql.chars().skip(1)).any(|(a, b)| a == '$' && b.is_ascii_digit()), "{sql}");
                assert!(s.weight > 0);
            }
        }
    }

    #[test]
    fn weights_reproduce_the_servers_choices() {
        let w1: Vec<u64> = scripts(Workload::W1).iter().map(|s| s.weight).collect();
        assert_eq!(w1, [67, 67, 66]);
        let w2 = scripts(Workload::W2);
        let total: u64 = w2.iter().map(|s| s.weight).sum();
        let new: u64 = w2.iter().filter(|s| s.name.contains("_new_")).map(|s| s.weight).sum();
        assert_eq!(new * 100 / total, NEW_CUSTOMER_PERCENT);
        assert!(w2[0].text.contains("\\startpipeline\nBEGIN;\nINSERT INTO customers"));
        assert!(w2[0].text.contains("COALESCE(NULL, '[]'::jsonb)"));
    }

    #[test]
    fn reads_pgbench_output_and_logs() {
        let out = "number of transactions actually processed: 22457\nnumber of failed transactions: 0 (0.000%)\n\
                   latency average = 0.177 ms\ntps = 11321.934263 (without initial connection time)\n";
        assert_eq!(parse_summary(out), Some((11321.934263, 22457, 0)));
        assert_eq!(parse_summary("nothing"), None);
        let (s, f) = parse_log("0 1 1588 0 1795607751 193585\n0 2 187 0 1795607751 193786\n1 3 failed 0 1 2\n");
        assert_eq!((s, f), (vec![1588, 187], 1));
    }
}
