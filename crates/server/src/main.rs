//! `salesgate`: the native server and its command line.

use clap::{Args, Parser, Subcommand};
use salesgate_server::migrate::{self, Event, Options};
use salesgate_server::{db, introspect, verify};
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

#[derive(Subcommand)]
enum SchemaCommand {
    /// List every difference between the database and salesgate's schema model; exits 1 on drift.
    Verify {
        #[command(flatten)]
        database: Database,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
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
