//! Compile time: a generated crate of 200 representative `async fn`s, once as
//! plain `async fn`s (rustc lowers them) and once with every one under
//! `#[coro::coroutine]`. Both are built with `cargo build` and `cargo check`,
//! cold (the crate's own artifacts removed, dependencies already built) and
//! incremental (one function of one module edited), interleaved.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::stats::{Table, median, num, ratio};

const MODULES: usize = 10;
const PER_MODULE: usize = 20;

/// One representative function, in eight shapes (`k` picks the shape).
fn function(k: usize, attr: &str) -> String {
    match k % 8 {
        0 => format!(
            "{attr}pub async fn seq_{k}(x: u64) -> u64 {{
    let a = step(x).await;
    let s = format!(\"{{a}}-{k}\");
    let b = step(a + s.len() as u64).await;
    a + b + {k}
}}
"
        ),
        1 => format!(
            "{attr}pub async fn each_{k}(v: Vec<u64>) -> u64 {{
    let mut sum = 0;
    for x in v.iter() {{
        sum += step(*x + {k}).await;
    }}
    sum
}}
"
        ),
        2 => format!(
            "{attr}pub async fn choose_{k}(n: u32) -> Result<u64, String> {{
    match n % 3 {{
        0 => Ok(step({k}).await),
        1 => {{
            let s = String::from(\"x{k}\");
            let r = step(s.len() as u64).await;
            Ok(r + s.len() as u64)
        }}
        _ => Err(format!(\"bad {{n}}\")),
    }}
}}
"
        ),
        3 => format!(
            "{attr}pub async fn parse_{k}(s: String) -> Result<u64, std::num::ParseIntError> {{
    let n: u64 = s.trim().parse()?;
    let m = fallible(n).await?;
    Ok(n + m + {k})
}}
"
        ),
        4 => format!(
            "{attr}pub async fn read_{k}() -> usize {{
    let mut buf = [0u8; 256];
    let mut total = 0;
    for _ in 0..2 {{
        total += fill(&mut buf, {k} as u8).await;
    }}
    total + buf[0] as usize
}}
"
        ),
        5 => format!(
            "{attr}pub async fn show_{k}<T: Clone + std::fmt::Debug>(t: T) -> String {{
    let c = t.clone();
    step({k}).await;
    format!(\"{{t:?}}{{c:?}}\")
}}
"
        ),
        6 => format!(
            "{attr}pub async fn drain_{k}(mut v: Vec<String>) -> usize {{
    let mut n = 0;
    while let Some(s) = v.pop() {{
        if s.is_empty() {{
            continue;
        }}
        n += step(s.len() as u64).await as usize;
    }}
    n
}}
"
        ),
        _ => format!(
            "pub struct S{k} {{
    pub v: u64,
}}

impl S{k} {{
    {attr}pub async fn get(&self, d: u64) -> u64 {{
        let x = step(self.v + d).await;
        if x > {k} {{ step(x).await }} else {{ x }}
    }}
}}
"
        ),
    }
}

fn lib_rs(attr: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "{attr}pub async fn step(x: u64) -> u64 {{
    std::hint::black_box(x)
}}

{attr}pub async fn fallible(x: u64) -> Result<u64, std::num::ParseIntError> {{
    \"7\".parse::<u64>().map(|y| x + y)
}}

{attr}pub async fn fill(buf: &mut [u8], x: u8) -> usize {{
    buf[0] = x;
    buf.len()
}}

"
    );
    s
}

fn module_rs(m: usize, attr: &str, edit: usize) -> String {
    let mut s = String::from("#![allow(clippy::all)]\nuse crate::*;\n");
    s.push('\n');
    for i in 0..PER_MODULE {
        let k = m * PER_MODULE + i;
        s.push_str(&function(k, attr));
        s.push('\n');
    }
    // The incremental edit: a changed constant in one function body.
    let _ = writeln!(
        s,
        "{attr}pub async fn edited() -> u64 {{\n    step({edit}).await\n}}"
    );
    s
}

pub(crate) struct Variant {
    pub name: &'static str,
    pub dir: PathBuf,
    pub attr: &'static str,
    /// Build proc macros optimised (`[profile.dev.build-override]
    /// opt-level = 3`, a setting of the user's crate).
    pub optimised_macros: bool,
    /// How many of the modules the crate has.
    pub modules: usize,
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

/// Copies coro and its macro crate, as they are now, to `to`: the measured
/// builds must not pick up edits made to the work tree while they run.
fn snapshot(to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    let from = workspace();
    for dir in ["src", "coro-macros", "coro-runtime"] {
        copy_dir(&from.join(dir), &to.join(dir));
    }
    let manifest = std::fs::read_to_string(from.join("Cargo.toml")).expect("read Cargo.toml");
    // Only the crates copied are members (the list may span lines), and
    // only what building the library needs is kept: no dev-dependencies,
    // examples, tests or benches.
    let manifest = match manifest.find("members = [") {
        Some(start) => {
            let end = start + manifest[start..].find(']').expect("members list") + 1;
            format!(
                "{}members = [\"coro-macros\", \"coro-runtime\"]{}",
                &manifest[..start],
                &manifest[end..]
            )
        }
        None => manifest,
    };
    let mut kept = String::new();
    let mut keep = true;
    for line in manifest.lines() {
        let header = line.trim();
        if header.starts_with('[') && !header.starts_with("[\"") {
            keep = !matches!(
                header,
                "[dev-dependencies]" | "[[example]]" | "[[test]]" | "[[bench]]" | "[[bin]]"
            );
        }
        if keep {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let manifest = kept;
    std::fs::write(to.join("Cargo.toml"), manifest).expect("write");
    let _ = std::fs::copy(from.join("Cargo.lock"), to.join("Cargo.lock"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).expect("copy");
        }
    }
}

fn write_crate(v: &Variant, coro: &Path, edit: usize) {
    write_manifest(v, coro);
    let src = v.dir.join("src");
    let mods: String = (0..v.modules).map(|m| format!("pub mod m{m};\n")).collect();
    std::fs::write(src.join("lib.rs"), lib_rs(v.attr) + &mods).expect("write");
    for m in 0..v.modules {
        std::fs::write(
            src.join(format!("m{m}.rs")),
            module_rs(m, v.attr, if m == 0 { edit } else { 0 }),
        )
        .expect("write");
    }
}

/// The variant's `Cargo.toml` (and the workspace's lock file), depending on
/// the copy of coro at `coro`; creates its `src`.
pub(crate) fn write_manifest(v: &Variant, coro: &Path) {
    std::fs::create_dir_all(v.dir.join("src")).expect("mkdir");
    let mut manifest = format!(
        "[package]\nname = \"corpus_{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ncoro = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
        v.name,
        coro.display().to_string()
    );
    if v.optimised_macros {
        manifest.push_str("\n[profile.dev.build-override]\nopt-level = 3\n");
    }
    std::fs::write(v.dir.join("Cargo.toml"), manifest).expect("write");
    // The workspace's lock file: the same dependency versions, no resolution.
    let _ = std::fs::copy(workspace().join("Cargo.lock"), v.dir.join("Cargo.lock"));
}

fn edit(v: &Variant, edit: usize) {
    std::fs::write(v.dir.join("src/m0.rs"), module_rs(0, v.attr, edit)).expect("write");
}

pub(crate) fn cargo_run(v: &Variant, target: &Path, args: &[&str]) -> f64 {
    cargo_run_with(v, target, args, &[])
}

/// `cargo_run` with more environment variables (paths) set.
fn cargo_run_with(v: &Variant, target: &Path, args: &[&str], envs: &[(&str, &Path)]) -> f64 {
    let start = Instant::now();
    let status = Command::new(cargo())
        .args(args)
        .args(["--quiet", "--offline"])
        .current_dir(&v.dir)
        .env("CARGO_TARGET_DIR", target)
        .envs(envs.iter().copied())
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .status()
        .expect("run cargo");
    let secs = start.elapsed().as_secs_f64();
    assert!(
        status.success(),
        "cargo {args:?} failed in {}",
        v.dir.display()
    );
    secs
}

pub(crate) fn clean(v: &Variant, target: &Path) {
    cargo_run(v, target, &["clean", "-p", &format!("corpus_{}", v.name)]);
}

/// Seconds for each measurement, per variant.
pub struct CompileRow {
    pub what: &'static str,
    pub native: f64,
    pub lowered: f64,
    /// With the proc macro built optimised.
    pub lowered_opt: f64,
}

fn target_dir(root: &Path, v: &Variant) -> PathBuf {
    root.join(if v.optimised_macros {
        "target-opt"
    } else {
        "target"
    })
}

pub fn report(reps: usize) -> Vec<CompileRow> {
    let root = std::env::temp_dir().join("coro-compile-bench");
    let coro = root.join("coro");
    snapshot(&coro);
    let variants = [
        Variant {
            name: "native",
            dir: root.join("native"),
            attr: "",
            optimised_macros: false,
            modules: MODULES,
        },
        Variant {
            name: "lowered",
            dir: root.join("lowered"),
            attr: "#[coro::coroutine]\n",
            optimised_macros: false,
            modules: MODULES,
        },
        Variant {
            name: "lowered_opt",
            dir: root.join("lowered_opt"),
            attr: "#[coro::coroutine]\n",
            optimised_macros: true,
            modules: MODULES,
        },
    ];
    let mut edits = 0;
    for v in &variants {
        write_crate(v, &coro, edits);
        // Each its own target directory: the optimised-macro variant builds
        // its dependencies differently.
        let target = target_dir(&root, v);
        // Dependencies (coro, its macros, syn, ...) built once, untimed.
        cargo_run(v, &target, &["build"]);
        cargo_run(v, &target, &["check"]);
    }
    let whats = [
        "cargo build, cold",
        "cargo build, incremental",
        "cargo check, cold",
        "cargo check, incremental",
    ];
    let mut samples = vec![[Vec::new(), Vec::new(), Vec::new()]; whats.len()];
    for rep in 0..reps {
        for i in 0..variants.len() {
            // Rotate which variant goes first.
            let slot = (i + rep) % variants.len();
            let v = &variants[slot];
            let target = target_dir(&root, v);
            for (w, command) in [(0, "build"), (2, "check")] {
                clean(v, &target);
                samples[w][slot].push(cargo_run(v, &target, &[command]));
                edits += 1;
                edit(v, edits);
                samples[w + 1][slot].push(cargo_run(v, &target, &[command]));
            }
        }
    }
    let rows: Vec<CompileRow> = whats
        .iter()
        .zip(samples.iter_mut())
        .map(|(what, [n, l, o])| CompileRow {
            what,
            native: median(n),
            lowered: median(l),
            lowered_opt: median(o),
        })
        .collect();
    println!(
        "## Compile time: {} async fns, rustc's lowering vs #[coro::coroutine] (s, median of {reps}; dependencies prebuilt)\n",
        MODULES * PER_MODULE
    );
    let mut table = Table::new(&[
        "what",
        "rustc s",
        "coro s",
        "coro/rustc",
        "coro s, macro built with opt-level 3",
        "coro opt/rustc",
    ]);
    for row in &rows {
        table.row(vec![
            row.what.to_string(),
            num(row.native),
            num(row.lowered),
            ratio(row.lowered / row.native),
            num(row.lowered_opt),
            ratio(row.lowered_opt / row.native),
        ]);
    }
    table.print();
    rows
}

/// Instructions rustc executes checking the crate, counted by callgrind: the
/// same figure on every run, however loaded the machine is (wall times on
/// this machine swing with other work; see `BENCHMARKS.md`).
pub struct InstructionRow {
    pub what: &'static str,
    pub native: u64,
    pub lowered: u64,
    /// Of `lowered`, the instructions of `#[coroutine]`'s own expansion.
    pub expansion: u64,
}

/// `cargo check` of one module of the corpus (20 functions and the 3 of
/// `lib.rs`), cold and after editing one function, with rustc run under
/// `valgrind --tool=callgrind`. `None` if valgrind is not installed.
pub fn report_instructions() -> Option<Vec<InstructionRow>> {
    let Some(CallgrindBench {
        root,
        wrapper,
        coro,
        variants,
    }) = callgrind_bench("coro-compile-instructions", 1)
    else {
        println!("## Compile instructions: skipped, valgrind is not installed\n");
        return None;
    };
    // Per variant: (cold, incremental) profiles.
    let mut counts = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        write_crate(v, &coro, 0);
        let target = root.join("target");
        cargo_run(v, &target, &["check"]);
        clean(v, &target);
        let cold = root.join(format!("{}.cold.callgrind", v.name));
        callgrind_check(v, &target, &wrapper, &cold);
        edit(v, i + 1);
        let incremental = root.join(format!("{}.incremental.callgrind", v.name));
        callgrind_check(v, &target, &wrapper, &incremental);
        counts.push([cold, incremental].map(|profile| {
            (
                summary(&profile),
                inclusive(&profile, "coro_macros::coroutine"),
            )
        }));
    }
    let rows: Vec<InstructionRow> = ["cargo check, cold", "cargo check, incremental"]
        .into_iter()
        .enumerate()
        .map(|(w, what)| InstructionRow {
            what,
            native: counts[0][w].0,
            lowered: counts[1][w].0,
            expansion: counts[1][w].1,
        })
        .collect();
    println!(
        "## Compile instructions: {} async fns, rustc's lowering vs #[coro::coroutine] (millions of instructions of rustc, callgrind)\n",
        PER_MODULE + 3
    );
    let mut table = Table::new(&[
        "what",
        "rustc M",
        "coro M",
        "coro/rustc",
        "of which #[coroutine]'s expansion M",
        "coro without expansion/rustc",
    ]);
    let millions = |n: u64| format!("{:.0}", n as f64 / 1e6);
    for row in &rows {
        table.row(vec![
            row.what.to_string(),
            millions(row.native),
            millions(row.lowered),
            ratio(row.lowered as f64 / row.native as f64),
            millions(row.expansion),
            ratio((row.lowered - row.expansion) as f64 / row.native as f64),
        ]);
    }
    table.print();
    Some(rows)
}

/// What a section that counts rustc's instructions works with.
pub(crate) struct CallgrindBench {
    /// Its directory, under the temporary directory.
    pub root: PathBuf,
    /// The `RUSTC_WRAPPER` (see `callgrind_wrapper`).
    pub wrapper: PathBuf,
    /// The snapshot of coro the crates depend on.
    pub coro: PathBuf,
    /// The crate natively and under `#[coro::coroutine]`.
    pub variants: [Variant; 2],
}

/// Sets up a callgrind section in the temporary directory's `dir`, its
/// crates of `modules` corpus modules. `None` if valgrind is not installed.
pub(crate) fn callgrind_bench(dir: &str, modules: usize) -> Option<CallgrindBench> {
    let root = std::env::temp_dir().join(dir);
    let wrapper = callgrind_wrapper(&root)?;
    let coro = root.join("coro");
    snapshot(&coro);
    let variant = |name, attr| Variant {
        name,
        dir: root.join(name),
        attr,
        optimised_macros: false,
        modules,
    };
    let variants = [
        variant("native", ""),
        variant("lowered", "#[coro::coroutine]\n"),
    ];
    Some(CallgrindBench {
        root,
        wrapper,
        coro,
        variants,
    })
}

/// A `RUSTC_WRAPPER` script in `root` that runs rustc under callgrind for
/// the crates named `corpus_*` only, writing the profile where
/// `CORO_CALLGRIND_OUT` says (valgrind's own messages go to its log, rustc's
/// to cargo as usual). `None` if valgrind is not installed.
fn callgrind_wrapper(root: &Path) -> Option<PathBuf> {
    if Command::new("valgrind").arg("--version").output().is_err() {
        return None;
    }
    std::fs::create_dir_all(root).expect("mkdir");
    let wrapper = root.join("callgrind-rustc.sh");
    std::fs::write(
        &wrapper,
        "#!/bin/sh\ncase \" $* \" in\n  *\" --crate-name corpus_\"*) exec valgrind --tool=callgrind \
         --log-file=/dev/null --callgrind-out-file=\"$CORO_CALLGRIND_OUT\" \"$@\" ;;\nesac\nexec \"$@\"\n",
    )
    .expect("write the wrapper");
    let made_executable = Command::new("chmod")
        .arg("+x")
        .arg(&wrapper)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made_executable, "chmod +x {}", wrapper.display());
    Some(wrapper)
}

pub(crate) fn callgrind_check(v: &Variant, target: &Path, wrapper: &Path, profile: &Path) {
    let _ = std::fs::remove_file(profile);
    cargo_run_with(
        v,
        target,
        &["check"],
        &[("RUSTC_WRAPPER", wrapper), ("CORO_CALLGRIND_OUT", profile)],
    );
}

/// The total instructions of a callgrind profile (its `summary:` line).
pub(crate) fn summary(profile: &Path) -> u64 {
    let text = std::fs::read_to_string(profile)
        .unwrap_or_else(|e| panic!("read {}: {e}", profile.display()));
    text.lines()
        .find_map(|l| l.strip_prefix("summary:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no summary in {}", profile.display()))
}

/// The instructions spent in `function` and what it called, by
/// `callgrind_annotate --inclusive=yes`; 0 if it never ran.
fn inclusive(profile: &Path, function: &str) -> u64 {
    let out = Command::new("callgrind_annotate")
        .arg("--inclusive=yes")
        .arg(profile)
        .output()
        .expect("run callgrind_annotate");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find(|l| l.contains(&format!(":{function} [")))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or(0)
}
