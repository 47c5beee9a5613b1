//! Compile time against the size of one function: a single `async fn` with
//! N awaits in a row (and the same with `?` after each await), natively and
//! under `#[coro::coroutine]`, for growing N. rustc's instructions checking
//! the crate are counted by callgrind, as in `compile::report_instructions`.
//!
//! The corpus of `compile` has small functions, where a cost that grows
//! faster than the function does not show; this section is where it would.

use crate::compile::{
    CallgrindBench, callgrind_bench, callgrind_check, cargo_run, clean, summary, write_manifest,
};
use crate::stats::{Table, ratio};
use std::fmt::Write as _;

/// The numbers of awaits measured.
const AWAITS: [usize; 4] = [10, 20, 40, 80];

#[derive(Clone, Copy)]
enum Shape {
    /// `let v = step(acc).await; acc = acc.wrapping_add(v);`, N times.
    InARow,
    /// The same with `fallible(acc).await?`: every await also has an exit.
    Question,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::InARow => "awaits in a row",
            Shape::Question => "awaits in a row, each with `?`",
        }
    }
}

/// The crate's `lib.rs`: the awaited functions, and `big` with `n` awaits.
fn lib_rs(shape: Shape, n: usize, attr: &str) -> String {
    let mut s = String::from(
        "pub async fn step(x: u64) -> u64 {\n    std::hint::black_box(x)\n}\n\n\
         pub async fn fallible(x: u64) -> Result<u64, ()> {\n    Ok(std::hint::black_box(x))\n}\n\n",
    );
    let (output, call, tail) = match shape {
        Shape::InARow => ("u64", "step", "acc"),
        Shape::Question => ("Result<u64, ()>", "fallible", "Ok(acc)"),
    };
    let question = if matches!(shape, Shape::Question) {
        "?"
    } else {
        ""
    };
    let _ = writeln!(s, "{attr}pub async fn big(a: u64) -> {output} {{");
    s.push_str("    let mut acc = a;\n");
    for i in 0..n {
        let _ = writeln!(s, "    let v{i} = {call}(acc + {i}).await{question};");
        let _ = writeln!(s, "    acc = acc.wrapping_add(v{i});");
    }
    let _ = writeln!(s, "    {tail}\n}}");
    s
}

pub struct ScalingRow {
    pub shape: &'static str,
    pub awaits: usize,
    pub native: u64,
    pub lowered: u64,
}

/// `cargo check` (cold) of each crate under callgrind. `None` if valgrind is
/// not installed.
pub fn report() -> Option<Vec<ScalingRow>> {
    // The crates are written here (one `lib.rs`), not from the corpus.
    let Some(CallgrindBench {
        root,
        wrapper,
        coro,
        variants,
    }) = callgrind_bench("coro-compile-scaling", 0)
    else {
        println!("## Compile instructions by function size: skipped, valgrind is not installed\n");
        return None;
    };
    let target = root.join("target");
    let mut rows = Vec::new();
    for shape in [Shape::InARow, Shape::Question] {
        for n in AWAITS {
            let mut counts = [0; 2];
            for (i, v) in variants.iter().enumerate() {
                write_manifest(v, &coro);
                std::fs::write(v.dir.join("src/lib.rs"), lib_rs(shape, n, v.attr)).expect("write");
                // Dependencies built outside the measurement.
                cargo_run(v, &target, &["check"]);
                clean(v, &target);
                let profile = root.join(format!("{}.callgrind", v.name));
                callgrind_check(v, &target, &wrapper, &profile);
                counts[i] = summary(&profile);
            }
            rows.push(ScalingRow {
                shape: shape.name(),
                awaits: n,
                native: counts[0],
                lowered: counts[1],
            });
        }
    }
    println!(
        "## Compile instructions by function size: one async fn with N awaits, rustc's lowering vs #[coro::coroutine] (millions of instructions of rustc, `cargo check` cold, callgrind)\n"
    );
    let mut table = Table::new(&["function", "N", "rustc M", "coro M", "coro/rustc"]);
    let millions = |n: u64| format!("{:.0}", n as f64 / 1e6);
    for row in &rows {
        table.row(vec![
            row.shape.to_string(),
            row.awaits.to_string(),
            millions(row.native),
            millions(row.lowered),
            ratio(row.lowered as f64 / row.native as f64),
        ]);
    }
    table.print();
    Some(rows)
}
