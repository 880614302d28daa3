//! Native timing of the edge's per-request work (see the library docs).

use std::time::Instant;

fn main() {
    let origin = Instant::now();
    let report = salesgate_bench::measure(salesgate_bench::ROUNDS, salesgate_bench::PER_ROUND, || {
        origin.elapsed().as_secs_f64() * 1e3
    });
    println!("gate.admit(W2 inbound message), native ({}): {report}", std::env::consts::ARCH);
}
