//! `cargo run -p salesgate-clientgen`: writes the TypeScript client's generated layer,
//! `docs/operations.md` and the gate fuzz target's dictionary.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = [
        (salesgate_clientgen::OUTPUT, salesgate_clientgen::typescript()),
        (salesgate_clientgen::ROWS_OUTPUT, salesgate_clientgen::typescript_rows()),
        (salesgate_clientgen::docs::OUTPUT, salesgate_clientgen::docs::operations_markdown()),
        (salesgate_clientgen::fuzz_dict::OUTPUT, salesgate_clientgen::fuzz_dict::gate_dictionary()),
    ];
    for (file, text) in files {
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
