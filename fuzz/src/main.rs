//! `coro-fuzz`: random-program differential testing of `#[coro::coroutine]`.
//! See `fuzz/README.md`.

mod ast;
mod batch;
mod cli;
mod env;
mod exec;
mod generate;
mod own_macros;
mod print;
mod reduce;
mod regress;
mod rng;
mod scratch;
mod shrink;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use batch::{Case, Runner, Verdict};

fn main() -> ExitCode {
    let opts = match cli::parse(std::env::args().skip(1)) {
        Ok(o) => o,
        Err((help, msg)) => {
            eprintln!("{msg}");
            return if help {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match run(&opts) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(msg) => {
            eprintln!("coro-fuzz: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Runs the whole session; `Ok(true)` when nothing differed.
fn run(o: &cli::Options) -> Result<bool, String> {
    let programs = (o.first..o.first + o.count).map(|i| generate::program(o.seed, i, &o.avoid));
    if o.print {
        for p in programs {
            println!(
                "{}",
                print::case_module(&p, print::Attr::Coroutine, &[], &[])
            );
        }
        return Ok(true);
    }
    let scratch = scratch::Scratch::create(&o.work_dir, &o.coro, o.miri)?;
    let mut runner = Runner {
        scratch,
        quiet: Duration::from_secs(o.timeout),
    };
    let start = Instant::now();
    let programs: Vec<_> = programs.collect();
    let mut failures = Vec::new();
    let mut passed = 0;
    let mut polls = 0;
    for chunk in programs.chunks(o.batch) {
        let cases: Vec<Case> = chunk
            .iter()
            .map(|p| Case {
                program: p.clone(),
                parked: false,
            })
            .collect();
        let verdicts = runner.run(&cases)?;
        for (p, v) in chunk.iter().zip(verdicts) {
            match v {
                Verdict::Pass { polls: n } => {
                    passed += 1;
                    polls += n;
                }
                v => {
                    println!("FAIL {}: {}", p.name, v.kind());
                    failures.push((p.clone(), v));
                }
            }
        }
        eprintln!(
            "coro-fuzz: {} of {} programs run, {} failed ({:.0?})",
            passed + failures.len(),
            programs.len(),
            failures.len(),
            start.elapsed()
        );
    }
    report(o, &mut runner, &failures)?;
    println!(
        "coro-fuzz: seed {} programs {}..{}: {} passed, {} failed ({} native polls in all) in {:.1?}",
        o.seed,
        o.first,
        o.first + o.count,
        passed,
        failures.len(),
        polls,
        start.elapsed()
    );
    Ok(failures.is_empty())
}

/// Prints every failure; shrinks the first of each kind (up to
/// `--max-shrink` in all) and saves it with `--save-regressions`.
fn report(
    o: &cli::Options,
    runner: &mut Runner,
    failures: &[(ast::Program, Verdict)],
) -> Result<(), String> {
    let mut kinds_done: Vec<String> = Vec::new();
    for (p, v) in failures {
        let index = p.name.rsplit('_').next().unwrap_or("0");
        println!("\n==== {}: {}", p.name, v.kind());
        let avoid = if o.avoid.is_empty() {
            String::new()
        } else {
            format!(" --avoid {}", o.avoid.join(","))
        };
        println!(
            "reproduce: cargo run --release -p coro-fuzz -- --seed {} --first {index} --count 1{avoid}",
            o.seed
        );
        if let Verdict::NativeCompileError(_) = v {
            println!(
                "GENERATOR BUG: the program does not compile natively (fix fuzz/src/generate.rs)"
            );
        }
        let shrink_it = o.shrink
            && !matches!(v, Verdict::NativeCompileError(_))
            && !kinds_done.contains(&v.kind())
            && kinds_done.len() < o.max_shrink;
        let (q, qv) = if shrink_it {
            kinds_done.push(v.kind());
            let before = print::size(p);
            let (q, qv) = shrink::shrink(runner, p, v, &mut |m| eprintln!("coro-fuzz: {m}"))?;
            println!("shrunk from {before} to {} bytes", print::size(&q));
            (q, qv)
        } else {
            (p.clone(), v.clone())
        };
        println!("{}", qv.details().trim_end());
        println!(
            "{}",
            print::case_module(&q, print::Attr::Coroutine, &[], &[])
        );
        if shrink_it && o.save {
            let origin = format!("seed {} program {index}", o.seed);
            let name = regress::save(&o.coro, &q, &qv, &origin)?;
            println!("saved as regressions::{name} in tests/differential/cases/regressions.rs");
        }
    }
    Ok(())
}
