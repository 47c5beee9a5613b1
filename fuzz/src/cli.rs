//! Command-line options.

use std::path::PathBuf;

pub const USAGE: &str = "\
coro-fuzz: random-program differential testing of #[coro::coroutine]

USAGE: cargo run --release -p coro-fuzz -- [OPTIONS]

Generates programs FIRST..FIRST+COUNT of SEED, compiles each natively and
lowered in a scratch crate, runs both to completion and cancelled after
every poll count, and reports every difference, shrunk to a small
reproducer. Exits 0 when every program behaves the same, 1 otherwise.

OPTIONS:
  --seed N              seed of the run (default 1)
  --count N             number of programs (default 100)
  --first I             index of the first program (default 0); with
                        --count 1, regenerates one program of a run
  --batch N             programs per cargo build (default 150)
  --avoid A,B,..        do not generate these shapes (while the lowering
                        has a known bug in them): let-chains, match-tuple,
                        partial-moves
  --print               print the programs, do not run them
  --no-shrink           report failures as generated
  --max-shrink N        shrink the first failure of each kind, at most N
                        (default 8); the others are printed as generated
  --save-regressions    add each shrunk failure to the coro checkout's
                        tests/differential/cases/regressions.rs (parked)
  --miri                build and run under `cargo +nightly miri`
  --coro DIR            coro checkout under test (default: the one this
                        tool was built from)
  --work-dir DIR        scratch crate (default: $TMPDIR/coro-fuzz, or
                        $TMPDIR/coro-fuzz-miri with --miri)
  --timeout SECS        longest a case may run without output (default 60,
                        or 3600 with --miri)
  -h, --help            this text
";

pub struct Options {
    pub seed: u64,
    pub count: u64,
    pub first: u64,
    pub batch: usize,
    pub print: bool,
    pub avoid: Vec<String>,
    pub shrink: bool,
    pub max_shrink: usize,
    pub save: bool,
    pub miri: bool,
    pub coro: PathBuf,
    pub work_dir: PathBuf,
    pub timeout: u64,
}

/// Parses the arguments; `Err` carries the message to print (the usage for
/// `--help`, with `Ok(true)` meaning it is not an error).
pub fn parse(args: impl Iterator<Item = String>) -> Result<Options, (bool, String)> {
    let mut o = Options {
        seed: 1,
        count: 100,
        first: 0,
        batch: 150,
        print: false,
        avoid: Vec::new(),
        shrink: true,
        max_shrink: 8,
        save: false,
        miri: false,
        coro: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")),
        work_dir: PathBuf::new(),
        timeout: 0,
    };
    let mut work_dir = None;
    let mut args = args.peekable();
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| (false, format!("{name} needs a value\n\n{USAGE}")))
        };
        match a.as_str() {
            "-h" | "--help" => return Err((true, USAGE.to_string())),
            "--seed" => o.seed = number(&a, &value(&a)?)?,
            "--count" => o.count = number(&a, &value(&a)?)?,
            "--first" => o.first = number(&a, &value(&a)?)?,
            "--batch" => o.batch = number::<usize>(&a, &value(&a)?)?.max(1),
            "--max-shrink" => o.max_shrink = number(&a, &value(&a)?)?,
            "--timeout" => o.timeout = number(&a, &value(&a)?)?,
            "--coro" => o.coro = PathBuf::from(value(&a)?),
            "--work-dir" => work_dir = Some(PathBuf::from(value(&a)?)),
            "--avoid" => {
                for shape in value(&a)?.split(',').filter(|s| !s.is_empty()) {
                    if !crate::generate::SHAPES.iter().any(|(n, _)| *n == shape) {
                        let known: Vec<&str> =
                            crate::generate::SHAPES.iter().map(|(n, _)| *n).collect();
                        return Err((
                            false,
                            format!(
                                "--avoid: unknown shape `{shape}` (known: {})",
                                known.join(", ")
                            ),
                        ));
                    }
                    o.avoid.push(shape.to_string());
                }
            }
            "--print" => o.print = true,
            "--no-shrink" => o.shrink = false,
            "--save-regressions" => o.save = true,
            "--miri" => o.miri = true,
            other => return Err((false, format!("unknown argument `{other}`\n\n{USAGE}"))),
        }
    }
    o.work_dir = work_dir.unwrap_or_else(|| {
        std::env::temp_dir().join(if o.miri {
            "coro-fuzz-miri"
        } else {
            "coro-fuzz"
        })
    });
    if o.timeout == 0 {
        o.timeout = if o.miri { 3600 } else { 60 };
    }
    Ok(o)
}

fn number<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, (bool, String)> {
    v.parse()
        .map_err(|_| (false, format!("{flag}: `{v}` is not a number")))
}
