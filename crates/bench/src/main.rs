//! Native timing of the edge's per-request work (see the library docs).

use std::time::Instant;

fn main() {
    let origin = Instant::now();
    let target = format!("native ({})", std::env::consts::ARCH);
    for line in salesgate_bench::run_native(&target, || origin.elapsed().as_secs_f64() * 1e3) {
        println!("{line}");
    }
}
