//! `salesgate-loadbench` (`cargo make bench`): the release server under load against the
//! database ceiling, in one bounded run.
//!
//! 1. a throwaway PostgreSQL cluster (`salesgate_server::testing`: stopped and removed at exit,
//!    also on Ctrl-C or a kill), a migrated database and a deterministic dataset;
//! 2. `salesgate serve --no-migrate` on a free loopback port;
//! 3. per workload (W1 customer lookup, W3 newest messages, W4 feature flags, then W2 inbound
//!    message, so the reads see the loaded dataset): the load generator (warm-up, then the
//!    measured window), then pgbench running the server's SQL for the same window;
//! 4. the RAG search figure (issue 9, [`rag`]): on a dataset of its own, one top-10
//!    `searchRagChunks` against fetching every embedding with `getAllRagChunksWithEmbedding`;
//! 5. the connection and runtime sweep ([`sweep`]): the read workloads again, short, per server
//!    runtime count and load-generator connection count, with CPU µs per request (`--no-sweep`
//!    skips it);
//! 6. a table on stdout (progress goes to stderr) and `results.json` under `target/bench/`.
//!
//! `--rag-only` runs the RAG step alone (no W1–W4 dataset, no pgbench), `--no-rag` skips it.
//!
//! Targets are printed, not asserted: the exit status is non-zero only when the benchmark itself
//! fails (nothing started, the server died, too many errors).

mod ceiling;
mod dataset;
mod load;
mod rag;
mod report;
mod server;
mod stats;
mod sweep;
mod workload;

use clap::Parser;
use salesgate_core::auth::{Claims, Keys, Role, sign};
use salesgate_server::config::parse_duration;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use workload::{Rng, Workload};

/// The HS256 secret of the server under test (a throwaway, loopback-only server).
const JWT_SECRET: &str = "salesgate-bench-secret-not-for-production-0123456789";

#[derive(Parser, Debug, Clone)]
#[command(
    name = "salesgate-loadbench",
    about = "Benchmark the release salesgate server against the database ceiling (pgbench running the same SQL)"
)]
pub struct Args {
    /// Warm-up of each workload before its measured window.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub warmup: Duration,
    /// Measured window of each workload (the server's, and pgbench's run).
    #[arg(long, default_value = "15s", value_parser = parse_duration)]
    pub window: Duration,
    /// Concurrent keep-alive connections of the load generator, and pgbench clients.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// The server's --pool-size (default: the server's own default, read back from /metrics).
    #[arg(long)]
    pub pool_size: Option<usize>,
    /// Extra environment of the server, NAME=VALUE (repeatable), e.g. TOKIO_WORKER_THREADS=1.
    #[arg(long = "server-env", value_name = "NAME=VALUE", value_parser = parse_env)]
    pub server_env: Vec<(String, String)>,
    /// Workloads to run, comma-separated (default: all four).
    #[arg(long, value_delimiter = ',', ignore_case = true)]
    pub workloads: Vec<Workload>,
    /// Connect the server and pgbench to PostgreSQL over its unix socket instead of TCP on
    /// 127.0.0.1 (what a gateway running beside its database could do).
    #[arg(long)]
    pub pg_socket: bool,
    /// Skip the pgbench ceiling (server figures only).
    #[arg(long)]
    pub no_ceiling: bool,
    /// pgbench threads (`-j`).
    #[arg(long, default_value_t = 2)]
    pub pgbench_threads: usize,
    /// Threads of the load generator's runtime.
    #[arg(long, default_value_t = 1)]
    pub client_threads: usize,
    /// Fail (exit 1) when more than this share of a workload's requests fail.
    #[arg(long, default_value_t = 0.01)]
    pub max_error_rate: f64,
    /// Upper bound of one request of the load generator (it counts as an error past it).
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub request_timeout: Duration,
    /// Seed of the load generator's random choices.
    #[arg(long, default_value_t = 5)]
    pub seed: u64,
    /// The server binary (default: `salesgate` beside this binary, i.e. target/release).
    #[arg(long)]
    pub server_bin: Option<PathBuf>,
    /// pgbench (default: beside the PostgreSQL binaries, else on PATH).
    #[arg(long)]
    pub pgbench: Option<PathBuf>,
    /// Where results go (default: target/bench).
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Print the dataset's SQL and the pgbench scripts, then exit (nothing is started).
    #[arg(long)]
    pub print_sql: bool,
    /// Run only the RAG search step (its own dataset; no W1-W4, no pgbench).
    #[arg(long, conflicts_with = "no_rag")]
    pub rag_only: bool,
    /// Skip the RAG search step.
    #[arg(long)]
    pub no_rag: bool,
    /// Chunks of the RAG step's dataset (one tenant).
    #[arg(long, default_value_t = rag::DEFAULT_CHUNKS, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub rag_chunks: u32,
    /// Dimensions of the RAG step's embeddings.
    #[arg(long, default_value_t = rag::DEFAULT_DIMENSIONS, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub rag_dimensions: u32,
    /// Skip the connection and runtime sweep.
    #[arg(long)]
    pub no_sweep: bool,
    /// Load-generator connections of the sweep, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "8,32,128")]
    pub sweep_connections: Vec<usize>,
    /// Server runtimes (`SALESGATE_RUNTIMES`) of the sweep, comma-separated (default: 1 and the
    /// machine's cores).
    #[arg(long, value_delimiter = ',')]
    pub sweep_runtimes: Vec<usize>,
    /// Warm-up of each point of the sweep.
    #[arg(long, default_value = "2s", value_parser = parse_duration)]
    pub sweep_warmup: Duration,
    /// Measured window of each point of the sweep.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub sweep_window: Duration,
}

/// Why the benchmark could not produce its figures. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(
        "cannot start the throwaway PostgreSQL cluster: {0}\n(install the PostgreSQL server binaries, \
         e.g. `apt-get install postgresql`, or point PG_BINDIR at their bin directory)"
    )]
    Cluster(String),
    #[error("{what}: {message}")]
    Db { what: String, message: String },
    #[error("{what} took longer than {limit:?}: the machine may be overloaded; run again, or look at the logs")]
    Timeout { what: String, limit: Duration },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the server binary {} does not exist: build it with `cargo build --release -p salesgate-server --locked` \
         (`cargo make bench` does), or pass --server-bin",
        .0.display()
    )]
    NoServer(PathBuf),
    #[error(
        "pgbench was not found beside the PostgreSQL binaries nor on PATH: install PostgreSQL's client tools \
         (Debian: postgresql-client), pass --pgbench, or measure the server alone with --no-ceiling"
    )]
    NoPgbench,
    #[error("the server did not start: {reason}\nlast lines of its log {}:\n{tail}", log.display())]
    ServerStart { reason: String, log: PathBuf, tail: String },
    #[error("the server exited ({status}) during {during}\nlast lines of its log {}:\n{tail}", log.display())]
    ServerDied { during: String, status: String, log: PathBuf, tail: String },
    #[error("pgbench failed on {workload} ({status}); its scripts are in {}:\n{output}", dir.display())]
    Pgbench { workload: &'static str, status: String, output: String, dir: PathBuf },
    #[error("the load generator cannot reach the server: {0}")]
    Load(String),
    #[error(
        "{workload}: the check request before measuring failed: {detail}\n(the server or the dataset is not \
         what the benchmark expects: see the server log in the output directory)"
    )]
    Preflight { workload: &'static str, detail: String },
    #[error("interrupted by {0}: the server and the PostgreSQL cluster are being stopped")]
    Interrupted(&'static str),
}

impl BenchError {
    pub fn io(what: impl Into<String>, source: std::io::Error) -> BenchError {
        BenchError::Io { what: what.into(), source }
    }
}

fn parse_env(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!("{s:?} is not NAME=VALUE")),
    }
}

pub fn db_error(what: &str, e: &tokio_postgres::Error) -> BenchError {
    BenchError::Db { what: what.to_string(), message: salesgate_server::db::describe(e) }
}

/// Progress lines on stderr, with the seconds since the start.
pub struct Progress {
    started: Instant,
}

impl Progress {
    pub fn note(&self, message: &str) {
        eprintln!("[{:6.1} s] {message}", self.started.elapsed().as_secs_f64());
    }
}

fn main() -> ExitCode {
    // `cargo make bench -- --window 5s` hands the `--` on: skip it, so both spellings work.
    let args = Args::parse_from(std::env::args_os().enumerate().filter(|(i, a)| *i != 1 || a != "--").map(|(_, a)| a));
    if args.print_sql {
        print_sql();
        return ExitCode::SUCCESS;
    }
    let progress = Progress { started: Instant::now() };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads.max(1))
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        tokio::select! {
            result = bench(&args, &progress) => result,
            signal = interrupted() => Err(BenchError::Interrupted(signal)),
        }
    });
    // Children (server, pgbench) are killed when their handles drop, here at the latest; the
    // PostgreSQL cluster is stopped and removed by the atexit handler of `testing` on return.
    runtime.shutdown_timeout(Duration::from_secs(2));
    let code = match outcome {
        Ok(Finished { report, failures }) => {
            print!("{}", report::table(&report));
            match report::write_json(&report) {
                Ok(paths) => println!("results: {}", paths.join(", ")),
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
            if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                for f in &failures {
                    eprintln!("error: {f}");
                }
                ExitCode::FAILURE
            }
        }
        Err(e @ BenchError::Interrupted(_)) => {
            eprintln!("{e}");
            ExitCode::from(130)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    };
    progress.note("done; the PostgreSQL cluster is stopped and removed on exit");
    code
}

fn print_sql() {
    println!("-- The dataset (one transaction), then VACUUM (ANALYZE) and CHECKPOINT\n{}\n", dataset::load_sql());
    println!(
        "-- The RAG step's dataset (one transaction), then VACUUM (ANALYZE) and CHECKPOINT\n{}\n",
        rag::load_sql(rag::DEFAULT_CHUNKS, rag::DEFAULT_DIMENSIONS)
    );
    let defines: Vec<String> = ceiling::defines().iter().map(|(n, v)| format!("-D '{n}={v}'")).collect();
    println!("-- pgbench -n -M prepared -c 32 -j 2 -T <window> {} -f <script>@<weight> …\n", defines.join(" "));
    for w in Workload::ALL {
        for s in ceiling::scripts(w) {
            println!("-- {}.sql @{}\n{}", s.name, s.weight, s.text);
        }
    }
}

async fn interrupted() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    let term = async {
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = term => "SIGTERM",
        _ = tokio::signal::ctrl_c() => "Ctrl-C",
    }
}

/// A completed run: its figures, and the reasons it counts as failed (too many errors).
struct Finished {
    report: report::Report,
    failures: Vec<String>,
}

/// `target/` of the running binary (`target/release/salesgate-loadbench`), or `./target`.
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target"))
}

fn tokens() -> Vec<String> {
    let keys = Keys::parse(JWT_SECRET).expect("the benchmark's constant JWT secret is valid");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    (1..=workload::TENANTS)
        .map(|t| {
            let claims =
                Claims::new(format!("bench-user-{t}"), Some(&workload::tenant_id(t)), Role::Operator, now, 4 * 3600);
            sign(&claims, keys.signing_key())
        })
        .collect()
}

/// An operator's token of the RAG step's tenant.
fn rag_token() -> String {
    let keys = Keys::parse(JWT_SECRET).expect("the benchmark's constant JWT secret is valid");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let claims = Claims::new("bench-rag".to_string(), Some(rag::TENANT), Role::Operator, now, 4 * 3600);
    sign(&claims, keys.signing_key())
}

/// Starts the shared throwaway cluster of `salesgate_server::testing` (it panics on failure;
/// the panic is turned into an error, without the panic message printed twice).
fn start_cluster() -> Result<&'static salesgate_server::testing::TestCluster, BenchError> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(salesgate_server::testing::cluster);
    std::panic::set_hook(hook);
    result.map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "unknown failure".into());
        BenchError::Cluster(message)
    })
}

async fn bench(args: &Args, progress: &Progress) -> Result<Finished, BenchError> {
    let target = target_dir();
    let out_dir = args.out_dir.clone().unwrap_or_else(|| target.join("bench"));
    std::fs::create_dir_all(&out_dir).map_err(|e| BenchError::io(format!("creating {}", out_dir.display()), e))?;
    let server_bin = args.server_bin.clone().unwrap_or_else(|| target.join("release").join("salesgate"));
    if !server_bin.is_file() {
        return Err(BenchError::NoServer(server_bin));
    }
    let pgbench = match (&args.pgbench, args.no_ceiling || args.rag_only) {
        (_, true) => None,
        (Some(p), false) if p.is_file() => Some(p.clone()),
        (Some(_), false) => return Err(BenchError::NoPgbench),
        (None, false) => Some(ceiling::find_pgbench()?),
    };
    let selected: Vec<Workload> = match (args.rag_only, args.workloads.is_empty()) {
        (true, _) => Vec::new(),
        (false, true) => Workload::ALL.to_vec(),
        (false, false) => args.workloads.clone(),
    };
    // Reads first, on the dataset as loaded; the writes of W2 last.
    let order: Vec<Workload> =
        [Workload::W1, Workload::W3, Workload::W4, Workload::W2].into_iter().filter(|w| selected.contains(w)).collect();
    let machine = report::Machine::detect(pgbench.as_deref());
    progress.note(&format!(
        "machine: {} cores, {}; workloads {}; {} connections; warm-up {} s + window {} s each",
        machine.cores,
        machine.cpu_model,
        order.iter().map(|w| w.id()).collect::<Vec<_>>().join(", "),
        args.connections,
        args.warmup.as_secs_f64(),
        args.window.as_secs_f64()
    ));

    // 1. PostgreSQL, schema, dataset.
    progress.note("starting a throwaway PostgreSQL cluster");
    let pg = start_cluster()?;
    let postmaster = pg.cluster().postmaster_pid().unwrap_or(0);
    let create_limit = Duration::from_secs(60);
    let db = tokio::time::timeout(create_limit, pg.create_database("salesgate_bench", None))
        .await
        .map_err(|_| BenchError::Timeout { what: "creating the benchmark database".into(), limit: create_limit })?
        .map_err(|e| BenchError::Db { what: "creating the benchmark database".into(), message: e.to_string() })?;
    progress.note(&format!("migrating database {}", db.name));
    let migrate_limit = Duration::from_secs(300);
    let quiet = |_event: salesgate_server::migrate::Event| {};
    match tokio::time::timeout(
        migrate_limit,
        salesgate_server::migrate::run(&db.url, &salesgate_server::migrate::Options::default(), &quiet),
    )
    .await
    {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => {
            return Err(BenchError::Db { what: "migrating the benchmark database".into(), message: e.to_string() });
        }
        Err(_) => {
            return Err(BenchError::Timeout { what: "migrating the benchmark database".into(), limit: migrate_limit });
        }
    }
    let connect_limit = Duration::from_secs(10);
    let (client, connection) =
        tokio::time::timeout(connect_limit, tokio_postgres::connect(&db.url, tokio_postgres::NoTls))
            .await
            .map_err(|_| BenchError::Timeout {
                what: "connecting to the benchmark database".into(),
                limit: connect_limit,
            })?
            .map_err(|e| db_error("connecting to the benchmark database", &e))?;
    let connection = tokio::spawn(connection);
    let (mut counts, mut load_secs) = (dataset::Counts::default(), 0.0);
    if !order.is_empty() {
        progress.note(&format!(
            "loading the dataset: {} tenants × {} customers, a conversation and {} messages each, feature flags",
            workload::TENANTS,
            workload::CUSTOMERS,
            workload::MESSAGES
        ));
        let load_started = Instant::now();
        counts = dataset::load(&client).await?;
        load_secs = load_started.elapsed().as_secs_f64();
        progress.note(&format!(
            "loaded in {load_secs:.1} s (VACUUM ANALYZE and CHECKPOINT included): {} tenants, {} customers, \
             {} conversations, {} messages, {} feature-flag rows",
            counts.tenants, counts.customers, counts.conversations, counts.messages, counts.feature_flags
        ));
    }
    let rag_dataset = if args.no_rag {
        None
    } else {
        progress.note(&format!(
            "loading the RAG dataset: {} chunks × {} dimensions in one tenant",
            args.rag_chunks, args.rag_dimensions
        ));
        let loaded = rag::load(&client, args.rag_chunks, args.rag_dimensions).await?;
        progress.note(&format!(
            "loaded in {:.1} s: {} chunks, {:.1} MiB of embedding text",
            loaded.load_secs,
            loaded.chunks,
            loaded.embedding_bytes as f64 / (1024.0 * 1024.0)
        ));
        Some(loaded)
    };
    let postgres_version: String =
        match tokio::time::timeout(Duration::from_secs(10), client.query_one("SHOW server_version", &[])).await {
            Ok(Ok(row)) => row.get(0),
            _ => "unknown".into(),
        };
    drop(client);
    let _ = tokio::time::timeout(Duration::from_secs(5), connection).await;

    // 2. The server.
    let launch = server::Launch {
        bin: server_bin,
        database_url: if args.pg_socket {
            format!(
                "host={} port={} user={} dbname={}",
                pg.cluster().socket_dir().display(),
                pg.cluster().port(),
                salesgate_server::cluster::SUPERUSER,
                db.name
            )
        } else {
            db.url.clone()
        },
        jwt_secret: JWT_SECRET.into(),
        pool_size: args.pool_size,
        env: args.server_env.clone(),
        log: out_dir.join("server.log"),
    };
    progress.note(&format!("starting {} serve --no-migrate", launch.bin.display()));
    let mut srv = server::Server::start(&launch, Duration::from_secs(30)).await?;
    let first = server::scrape(srv.addr).await.map_err(BenchError::Load)?;
    let pool_size = first.pool_max as usize;
    progress.note(&format!(
        "server ready on {} (pid {}), pool size {pool_size}{}",
        srv.addr,
        srv.pid,
        if args.pool_size.is_none() { " (the server's default)" } else { "" }
    ));
    let target = Arc::new(load::Target::new(srv.addr, &tokens(), args.request_timeout).map_err(BenchError::Load)?);
    preflight(&target, &order).await?;

    // 3. The workloads.
    let pg_target = pgbench.map(|p| ceiling::PgTarget {
        pgbench: p,
        host: if args.pg_socket { pg.cluster().socket_dir().display().to_string() } else { "127.0.0.1".into() },
        port: pg.cluster().port(),
        dbname: db.name.clone(),
    });
    let mut results = Vec::new();
    for (i, w) in order.iter().enumerate() {
        let seed = args.seed.wrapping_add(i as u64 * 7919);
        let measured = measure_server(args, progress, &mut srv, &target, *w, seed, postmaster).await?;
        let ceiling = match &pg_target {
            Some(t) => Some(measure_ceiling(args, progress, t, *w, &out_dir, postmaster).await?),
            None => None,
        };
        srv.check_alive(&format!("{} (after the ceiling run)", w.id()))?;
        results.push(report::WorkloadResult { workload: *w, server: measured, ceiling });
    }
    results.sort_by_key(|r| r.workload);
    // W1-W4's peak, before the RAG step's large answers.
    let peak_rss = srv.memory("VmHWM");

    // 4. The RAG search figure.
    let rag = match rag_dataset {
        Some(loaded) => {
            progress.note("RAG   searchRagChunks against getAllRagChunksWithEmbedding");
            let measured = rag::measure(&srv, &rag_token(), loaded, args.seed, progress).await?;
            srv.check_alive("the RAG step")?;
            Some(measured)
        }
        None => None,
    };

    // 5. Final metrics, stop.
    if let Ok((200, body)) = server::get(srv.addr, "/metrics", Duration::from_secs(5)).await {
        let _ = std::fs::write(out_dir.join("server-metrics.txt"), &body);
    }
    progress.note("stopping the server");
    let stopped = srv.stop(Duration::from_secs(15)).await;

    // 6. The sweep, a server per runtime count.
    let sweep = if args.no_sweep || args.rag_only {
        Vec::new()
    } else {
        sweep::run(args, progress, &launch, &tokens(), &order, machine.cores, postmaster).await?
    };
    let mut failures: Vec<String> = results
        .iter()
        .filter_map(|r| {
            let total = r.server.latency.count + r.server.errors;
            let rate = if total == 0 { 1.0 } else { r.server.errors as f64 / total as f64 };
            (rate > args.max_error_rate).then(|| {
                format!(
                    "{}: {} of {total} requests failed ({:.2}%, more than the allowed {:.2}%): see the samples above \
                     and {}",
                    r.workload.id(),
                    r.server.errors,
                    rate * 100.0,
                    args.max_error_rate * 100.0,
                    launch.log.display()
                )
            })
        })
        .collect();
    if rag.as_ref().is_some_and(|r| !r.same_top) {
        failures.push(format!(
            "RAG: searchRagChunks' top {} is not the one computed from every fetched embedding",
            rag::TOP
        ));
    }
    let report = report::Report {
        machine: report::Machine { postgres: postgres_version, ..machine },
        args: args.clone(),
        pool_size,
        dataset: report::Dataset { counts, load_secs },
        workloads: results,
        rag,
        sweep,
        peak_rss,
        server_exit: stopped.map(|s| s.to_string()),
        out_dir,
    };
    Ok(Finished { report, failures })
}

/// One request of each workload, checked for the answer's shape, before anything is measured:
/// a wrong setup fails here with the server's answer instead of as a table of errors.
async fn preflight(target: &load::Target, order: &[Workload]) -> Result<(), BenchError> {
    let mut conn = load::Conn::open(target.addr).await.map_err(BenchError::Load)?;
    let mut rng = Rng::new(0xC0FFEE);
    for w in order {
        let request = target.request(*w, &mut rng);
        let what = format!("{} {}", request.method(), request.uri());
        let (status, body) = tokio::time::timeout(target.request_timeout, conn.send(request))
            .await
            .map_err(|_| BenchError::Preflight { workload: w.id(), detail: format!("{what}: no answer in time") })?
            .map_err(|e| BenchError::Preflight { workload: w.id(), detail: format!("{what}: {e}") })?;
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let ok = match w {
            Workload::W1 => status == 200 && json.get("externalId").is_some(),
            Workload::W2 => status == 201 && json.get("messageId").is_some(),
            Workload::W3 => status == 200 && json.as_array().is_some_and(|a| a.len() as u64 == workload::MESSAGES),
            Workload::W4 => {
                let expected = salesgate_core::enums::FEATURE_FLAG_NAMES.len() + workload::EXTRA_FLAGS.len();
                status == 200 && json.get("flags").and_then(|f| f.as_object()).is_some_and(|f| f.len() == expected)
            }
        };
        if !ok {
            return Err(BenchError::Preflight {
                workload: w.id(),
                detail: format!("{what} → {status}: {}", String::from_utf8_lossy(&body)),
            });
        }
    }
    Ok(())
}

/// CPU ticks of the processes involved, at one instant.
#[derive(Debug, Clone, Copy)]
struct Ticks {
    at: Instant,
    server: u64,
    postgres: u64,
    bench: u64,
    reaped: u64,
    machine: u64,
}

impl Ticks {
    fn now(server_pid: Option<u32>, postmaster: i32) -> Ticks {
        Ticks {
            at: Instant::now(),
            server: server_pid.map_or(0, stats::process_ticks),
            postgres: stats::postgres_ticks(postmaster),
            bench: stats::self_ticks(),
            reaped: stats::reaped_children_ticks(),
            machine: stats::machine_busy_ticks(),
        }
    }

    /// Cores used from `self` to `later`.
    fn cores_until(&self, later: &Ticks) -> Cores {
        let secs = later.at.duration_since(self.at).as_secs_f64().max(1e-3);
        let hz = stats::clock_ticks();
        let c = |a: u64, b: u64| b.saturating_sub(a) as f64 / hz / secs;
        Cores {
            server: c(self.server, later.server),
            postgres: c(self.postgres, later.postgres),
            bench: c(self.bench, later.bench),
            reaped: c(self.reaped, later.reaped),
            machine: c(self.machine, later.machine),
        }
    }
}

/// Cores busy during an interval: the server, PostgreSQL, this process, its reaped children
/// (pgbench), and the whole machine.
struct Cores {
    server: f64,
    postgres: f64,
    bench: f64,
    reaped: f64,
    machine: f64,
}

async fn measure_server(
    args: &Args,
    progress: &Progress,
    srv: &mut server::Server,
    target: &Arc<load::Target>,
    w: Workload,
    seed: u64,
    postmaster: i32,
) -> Result<report::ServerSide, BenchError> {
    let mut conns = Vec::with_capacity(args.connections);
    for _ in 0..args.connections {
        conns.push(load::Conn::open(target.addr).await.map_err(BenchError::Load)?);
    }
    let start = Instant::now();
    let window_start = start + args.warmup;
    let window_end = window_start + args.window;
    let live = Arc::new(load::Live::default());
    progress.note(&format!("{} {}: server, warm-up {} s", w.id(), w.title(), args.warmup.as_secs_f64()));
    let task = tokio::spawn(load::run(target.clone(), w, conns, seed, window_start, window_end, live.clone()));
    sleep_watching(srv, window_start, w).await?;
    let before = Ticks::now(Some(srv.pid), postmaster);
    let scrape_before = server::scrape(srv.addr).await.unwrap_or_default();
    progress.note(&format!("{}   measuring {} s", w.id(), args.window.as_secs_f64()));
    let mut gauges: Vec<(u64, u64)> = Vec::new();
    let mut next_note = Instant::now() + Duration::from_secs(5);
    while Instant::now() + Duration::from_millis(1100) < window_end {
        sleep_watching(srv, Instant::now() + Duration::from_secs(1), w).await?;
        if let Ok(s) = server::scrape(srv.addr).await {
            gauges.push((s.pool_in_use, s.pool_waiting));
        }
        if Instant::now() >= next_note {
            next_note += Duration::from_secs(5);
            progress.note(&format!(
                "{}   {:.0} s: {} requests so far, {} errors",
                w.id(),
                window_start.elapsed().as_secs_f64(),
                live.completed.load(Relaxed),
                live.errors.load(Relaxed)
            ));
        }
    }
    sleep_watching(srv, window_end, w).await?;
    let after = Ticks::now(Some(srv.pid), postmaster);
    let scrape_after = server::scrape(srv.addr).await.unwrap_or_default();
    let limit = args.request_timeout + Duration::from_secs(10);
    let mut outcome = match tokio::time::timeout(limit, task).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => return Err(BenchError::Load(format!("the load generator failed: {e}"))),
        Err(_) => return Err(BenchError::Timeout { what: format!("{}: the last requests", w.id()), limit }),
    };
    srv.check_alive(w.id())?;
    let cores = before.cores_until(&after);
    let (n0, s0) = scrape_before.route(w.metrics_route());
    let (n1, s1) = scrape_after.route(w.metrics_route());
    let latency = stats::Latency::of(&mut outcome.latencies_us);
    let rps = latency.count as f64 / args.window.as_secs_f64();
    if !outcome.error_samples.is_empty() {
        eprintln!("  {}: {} failed request(s); the first ones:", w.id(), outcome.total_errors);
        for s in &outcome.error_samples {
            eprintln!("    {}", truncate(s, 400));
        }
    }
    progress.note(&format!(
        "{}   server: {rps:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
        w.id(),
        latency.p50_us as f64 / 1000.0,
        latency.p99_us as f64 / 1000.0,
        outcome.errors
    ));
    let avg = |f: fn(&(u64, u64)) -> u64| {
        if gauges.is_empty() { 0.0 } else { gauges.iter().map(f).sum::<u64>() as f64 / gauges.len() as f64 }
    };
    Ok(report::ServerSide {
        rps,
        latency,
        errors: outcome.errors,
        total_errors: outcome.total_errors,
        error_samples: outcome.error_samples,
        warmup_requests: outcome.warmup_requests,
        handler_mean_us: (n1 > n0).then(|| (s1 - s0) / (n1 - n0) as f64 * 1e6),
        pool_in_use_avg: avg(|g| g.0),
        pool_in_use_max: gauges.iter().map(|g| g.0).max().unwrap_or(0),
        pool_waiting_avg: avg(|g| g.1),
        pool_waiting_max: gauges.iter().map(|g| g.1).max().unwrap_or(0),
        rss_after: srv.memory("VmRSS"),
        cpu: report::Cpu {
            server: cores.server,
            postgres: cores.postgres,
            client: cores.bench,
            others: (cores.machine - cores.server - cores.postgres - cores.bench).max(0.0),
        },
    })
}

/// Sleeps until `until`, checking every second that the server is still running.
async fn sleep_watching(srv: &mut server::Server, until: Instant, w: Workload) -> Result<(), BenchError> {
    loop {
        srv.check_alive(w.id())?;
        let now = Instant::now();
        if now >= until {
            return Ok(());
        }
        tokio::time::sleep((until - now).min(Duration::from_secs(1))).await;
    }
}

async fn measure_ceiling(
    args: &Args,
    progress: &Progress,
    target: &ceiling::PgTarget,
    w: Workload,
    out_dir: &Path,
    postmaster: i32,
) -> Result<report::CeilingSide, BenchError> {
    progress.note(&format!(
        "{}   ceiling: pgbench -M prepared -c {} -j {} -T {}",
        w.id(),
        args.connections,
        args.pgbench_threads,
        args.window.as_secs().max(1)
    ));
    let children = stats::postgres_children(postmaster);
    let before = Ticks::now(None, postmaster);
    let measured = ceiling::run(
        target,
        w,
        args.connections,
        args.pgbench_threads,
        args.window,
        &out_dir.join("pgbench"),
        progress,
    )
    .await?;
    // pgbench's backends are exiting now. An exited backend's CPU time is readable again only
    // once the postmaster has reaped it (then it is in the postmaster's children's time): wait
    // for that, or PostgreSQL's CPU would be undercounted.
    let reaped_by = Instant::now() + Duration::from_secs(5);
    while stats::postgres_children(postmaster) > children && Instant::now() < reaped_by {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let after = Ticks::now(None, postmaster);
    let cores = before.cores_until(&after);
    progress.note(&format!(
        "{}   ceiling: {:.0} tps, p50 {:.2} ms, p99 {:.2} ms, {} failed",
        w.id(),
        measured.tps,
        measured.latency.p50_us as f64 / 1000.0,
        measured.latency.p99_us as f64 / 1000.0,
        measured.failed
    ));
    let cpu = report::Cpu {
        server: 0.0,
        postgres: cores.postgres,
        client: cores.reaped,
        // This process mostly waits meanwhile; its little CPU counts with the others.
        others: (cores.machine - cores.postgres - cores.reaped).max(0.0),
    };
    Ok(report::CeilingSide { measured, cpu })
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
