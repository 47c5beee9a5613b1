//! coro's benchmarks, every comparison measured side by side in one run.
//!
//! `cargo bench -p coro-bench` runs them all and prints Markdown tables with
//! ratios. `cargo bench -p coro-bench -- SECTION..` runs some: `sizes`,
//! `differential`, `poll`, `runtime`, `timers`, `tcp`, `compile`, `instructions`, `scaling`. Without `--bench` (as under `cargo
//! test`) every workload runs once at a tiny size, as a smoke test.

mod compile;
mod poll;
mod rt;
mod scaling;
mod sizes;
mod stats;
mod tcp;
mod workloads;

use std::sync::atomic::{AtomicU64, Ordering};

static SCALE: AtomicU64 = AtomicU64::new(1);

/// Divides every workload's size: 1 for a real run, large for the smoke test.
pub fn scale() -> u64 {
    SCALE.load(Ordering::Relaxed)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--loadgen") {
        tcp::loadgen_main(&args[1..]);
        return;
    }
    // For profiling one server: `--tcp-once RUNTIME CONNS SIZE MS`.
    if args.first().map(String::as_str) == Some("--tcp-once") {
        tcp::once(&args[1..]);
        return;
    }
    // For profiling one executor workload on one runtime:
    // `--workload-once WORKLOAD RUNTIME REPS`.
    if args.first().map(String::as_str) == Some("--workload-once") {
        rt::pin_to_core(0);
        workloads::once(&args[1..]);
        return;
    }
    let bench = args.iter().any(|a| a == "--bench");
    if !bench {
        SCALE.store(1000, Ordering::Relaxed);
    }
    let sections: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    let want = |s: &str| sections.is_empty() || sections.contains(&s);
    let reps = |n: usize| if bench { n } else { 1 };
    println!(
        "# coro benchmarks\n\n{} cores; executor workloads run on core 0. Load average at the start: {}.\n",
        rt::cores(),
        rt::load_average()
    );
    rt::pin_to_core(0);
    if want("sizes") {
        sizes::report();
    }
    // A cargo build of the differential suite: like `compile`, not part of
    // the smoke test unless asked for.
    if (bench && want("differential")) || sections.contains(&"differential") {
        sizes::report_differential();
    }
    if want("poll") {
        poll::report(reps(21));
    }
    if want("runtime") {
        workloads::report(reps(11));
    }
    if want("timers") {
        workloads::report_sleeps(reps(7));
    }
    if want("tcp") {
        tcp::report(reps(5));
    }
    // Minutes of cargo runs: not part of the smoke test unless asked for.
    if (bench && want("compile")) || sections.contains(&"compile") {
        compile::report(reps(3));
    }
    // rustc under callgrind: minutes, and only where valgrind is installed.
    if (bench && want("instructions")) || sections.contains(&"instructions") {
        compile::report_instructions();
    }
    if (bench && want("scaling")) || sections.contains(&"scaling") {
        scaling::report();
    }
    println!("Load average at the end: {}.", rt::load_average());
}
