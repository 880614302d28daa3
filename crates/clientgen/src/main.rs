//! `cargo run -p salesgate-clientgen`: writes the TypeScript client's generated layer.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(salesgate_clientgen::OUTPUT);
    match std::fs::write(&path, salesgate_clientgen::typescript()) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
