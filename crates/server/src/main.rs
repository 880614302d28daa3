//! `salesgate`: the native server and its command line.

use clap::{Args, Parser, Subcommand};
use salesgate_core::auth::{Claims, Role, sign};
use salesgate_server::config::parse_duration;
use salesgate_server::migrate::{self, Event, Options};
use salesgate_server::serve::{self, LogFormat, ServeArgs};
use salesgate_server::{db, introspect, verify};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Exit code when something is wrong (refusal, failure, drift).
const EXIT_FAILURE: u8 = 1;
/// Exit code of `migrate status` / `migrate --dry-run` when files are pending.
const EXIT_PENDING: u8 = 3;

#[derive(Parser)]
#[command(name = "salesgate", version, about = "The data gateway of the AI sales operator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (on a managed local PostgreSQL under ./.salesgate when no DATABASE_URL).
    Serve(Box<ServeArgs>),
    /// Mint a JWT for local use, signed with SALESGATE_JWT_SECRETS (or the local dev secret).
    Token(TokenArgs),
    /// Apply pending migrations (embedded in this binary) to DATABASE_URL.
    Migrate(MigrateArgs),
    /// Inspect the database schema.
    Schema {
        #[command(subcommand)]
        command: SchemaCommand,
    },
}

#[derive(Args)]
struct Database {
    /// PostgreSQL connection string (URL or key=value form).
    #[arg(long = "database-url", env = "DATABASE_URL", hide_env_values = true, global = true)]
    url: Option<String>,
}

impl Database {
    fn url(&self) -> Result<&str, u8> {
        self.url.as_deref().ok_or_else(|| {
            eprintln!(
                "error: no database given: set DATABASE_URL or pass --database-url, \
                 e.g. postgres://user:password@localhost:5432/salesgate"
            );
            EXIT_FAILURE
        })
    }
}

#[derive(Args)]
struct MigrateArgs {
    #[command(subcommand)]
    command: Option<MigrateCommand>,
    /// List what would be adopted and applied; change nothing. Exits 3 when files are pending.
    #[arg(long)]
    dry_run: bool,
    /// Seconds to wait for another migrator (another replica starting at the same time).
    #[arg(long, default_value_t = 600, env = "SALESGATE_MIGRATE_LOCK_TIMEOUT")]
    lock_timeout: u64,
    #[command(flatten)]
    database: Database,
}

#[derive(Subcommand)]
enum MigrateCommand {
    /// Print every migration file's state. Exits 0 only when all are applied.
    Status,
}

#[derive(Args)]
struct TokenArgs {
    /// The tenant the token is for (omit for platform roles).
    #[arg(long)]
    tenant: Option<String>,
    /// owner, admin, operator, viewer, guest, platform_admin or platform_owner.
    #[arg(long, default_value = "owner")]
    role: String,
    /// Lifetime, e.g. 15m, 1h, 24h.
    #[arg(long, default_value = "1h", value_parser = parse_duration)]
    ttl: std::time::Duration,
    /// The `sub` claim (user id).
    #[arg(long, default_value = "local-user")]
    sub: String,
    #[arg(long, env = "SALESGATE_JWT_SECRETS", hide_env_values = true)]
    jwt_secrets: Option<String>,
    #[arg(long, env = "SALESGATE_JWT_AUDIENCE")]
    jwt_audience: Option<String>,
    /// Where the local dev secret lives (used when SALESGATE_JWT_SECRETS is not set).
    #[arg(long, env = "SALESGATE_DATA_DIR", default_value = ".salesgate")]
    data_dir: PathBuf,
}

#[derive(Subcommand)]
enum SchemaCommand {
    /// List every difference between the database and salesgate's schema model; exits 1 on drift.
    Verify {
        #[command(flatten)]
        database: Database,
    },
}

/// The main runtime only starts things (migrations, the local database, signals): requests are
/// served by one runtime per core of their own (`http::serve_runtimes`).
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Serve(args) => {
            init_logging(args.log_format);
            match serve::run(*args).await {
                Ok(true) => 0,
                Ok(false) => EXIT_FAILURE,
                Err(e) => {
                    eprintln!("error: {e}");
                    EXIT_FAILURE
                }
            }
        }
        Command::Token(args) => token(&args),
        Command::Migrate(args) => match (&args.command, args.database.url()) {
            (_, Err(code)) => code,
            (Some(MigrateCommand::Status), Ok(url)) => migrate_status(url).await,
            (None, Ok(url)) => run_migrate(&args, url).await,
        },
        Command::Schema { command: SchemaCommand::Verify { database } } => match database.url() {
            Ok(url) => schema_verify(url).await,
            Err(code) => code,
        },
    };
    ExitCode::from(code)
}

/// Logs to stderr, filtered by `SALESGATE_LOG` (default `info`), as text or JSON lines.
fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SALESGATE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

fn token(args: &TokenArgs) -> u8 {
    let Some(role) = Role::parse(&args.role) else {
        eprintln!(
            "error: unknown role {:?}: use one of owner, admin, operator, viewer, guest, platform_admin, platform_owner",
            args.role
        );
        return EXIT_FAILURE;
    };
    if args.tenant.is_none() && !role.is_platform() {
        eprintln!("error: --tenant is required for the role {}", role.as_str());
        return EXIT_FAILURE;
    }
    let keys = match serve::keys(args.jwt_secrets.as_deref(), &args.data_dir, true) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let claims = Claims {
        aud: args.jwt_audience.iter().cloned().collect(),
        ..Claims::new(args.sub.clone(), args.tenant.as_deref(), role, now, args.ttl.as_secs() as i64)
    };
    println!("{}", sign(&claims, keys.signing_key()));
    0
}

async fn run_migrate(args: &MigrateArgs, url: &str) -> u8 {
    let options = Options { dry_run: args.dry_run, lock_timeout: Duration::from_secs(args.lock_timeout) };
    let print = |event: Event| eprintln!("{event}");
    match migrate::run(url, &options, &print).await {
        Ok(report) if args.dry_run => {
            if report.applied.is_empty() {
                println!("up to date: nothing would be applied");
                0
            } else {
                println!("would apply {} migration(s):", report.applied.len());
                for name in &report.applied {
                    println!("  {name}");
                }
                EXIT_PENDING
            }
        }
        Ok(report) => {
            if !report.adopted.is_empty() {
                println!("adopted {} migration(s) of the old system", report.adopted.len());
            }
            match report.applied.len() {
                0 => println!("up to date: nothing to apply"),
                n => println!("applied {n} migration(s)"),
            }
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_FAILURE
        }
    }
}

async fn migrate_status(url: &str) -> u8 {
    let states = match migrate::status(url).await {
        Ok(states) => states,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let width = states.iter().map(|(n, _)| n.len()).max().unwrap_or(9).max(9);
    println!("{:width$}  {:12}  {:19}  duration", "migration", "state", "applied at (UTC)");
    for (name, state) in &states {
        let (at, duration) = match state {
            migrate::State::Applied { at, duration_ms } => (at.as_str(), format!("{duration_ms} ms")),
            migrate::State::Adopted { at } => (at.as_str(), String::new()),
            _ => ("", String::new()),
        };
        println!("{name:width$}  {:12}  {at:19}  {duration}", state.label());
    }
    let broken = states
        .iter()
        .any(|(_, s)| matches!(s, migrate::State::Changed | migrate::State::Missing | migrate::State::OutOfOrder));
    let pending = states.iter().filter(|(_, s)| !s.is_current()).count();
    if broken {
        eprintln!("the history is inconsistent: `salesgate migrate` will refuse to run until it is fixed");
        EXIT_FAILURE
    } else if pending > 0 {
        eprintln!("{pending} migration(s) pending: run `salesgate migrate`");
        EXIT_PENDING
    } else {
        0
    }
}

async fn schema_verify(url: &str) -> u8 {
    let result = async {
        let (client, _) = db::connect_admin(url, "salesgate schema verify").await?;
        introspect::introspect(&client).await
    }
    .await;
    let live = match result {
        Ok(live) => live,
        Err(e) => {
            eprintln!("error: cannot read the database schema: {}", db::describe(&e));
            return EXIT_FAILURE;
        }
    };
    let tables = salesgate_core::tables::TABLES;
    let drifts = verify::diff(tables, &live);
    if drifts.is_empty() {
        println!("no drift: the database matches the schema model ({} tables)", tables.len());
        0
    } else {
        println!("{} difference(s) from the schema model:", drifts.len());
        for d in &drifts {
            println!("  - {d}");
        }
        EXIT_FAILURE
    }
}
