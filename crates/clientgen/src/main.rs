//! `cargo run -p salesgate-clientgen`: writes the TypeScript client's generated layer,
//! `docs/operations.md` and the gate fuzz target's dictionary.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for (file, text) in salesgate_clientgen::outputs() {
        let path = root.join(file);
        match std::fs::write(&path, text) {
            Ok(()) => println!("wrote {}", path.display()),
            Err(e) => {
                eprintln!("cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
