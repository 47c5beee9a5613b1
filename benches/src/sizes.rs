//! Future sizes: the same `async fn`s lowered by rustc (`native`) and by
//! `#[coro::coroutine]` (`lowered`).
//!
//! The corpus is written once; `corpus!` expands it into two modules, one where
//! `#[self::coroutine]` is the identity attribute (rustc lowers the `async fn`)
//! and one where it is `coro::coroutine`.

use std::future::Future;
use std::hint::black_box;

use crate::stats::{Table, ratio};

/// A future that is ready at once, and is not an `async fn`: it stays the same
/// in both modules.
pub async fn wait() {}

/// Uses a value so that it must be kept.
#[inline(never)]
pub fn consume<T>(value: T) -> usize {
    black_box(&value);
    std::mem::size_of::<T>()
}

macro_rules! corpus {
    ($($body:tt)*) => {
        /// rustc's lowering.
        #[allow(dead_code, dropping_copy_types, unreachable_code, clippy::all)]
        pub mod native {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::coro::__private::identity as coroutine;
            $($body)*
        }
        /// `#[coro::coroutine]`'s lowering.
        #[allow(dead_code, dropping_copy_types, unreachable_code, clippy::all)]
        pub mod lowered {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use ::coro::coroutine;
            $($body)*
        }
    };
}

corpus! {
    // rustc tests/ui/async-await/future-sizes/large-arg.rs: a 1 KiB value
    // passed through three async fns. rustc: 3076 bytes.
    pub mod large_arg {
        use super::*;
        #[self::coroutine]
        pub async fn test() {
            let _ = a([0u8; 1024]).await;
        }
        #[self::coroutine]
        pub async fn a<T>(t: T) -> T {
            b(t).await
        }
        #[self::coroutine]
        async fn b<T>(t: T) -> T {
            c(t).await
        }
        #[self::coroutine]
        async fn c<T>(t: T) -> T {
            t
        }
    }

    // rustc tests/ui/async-await/future-sizes/async-awaiting-fut.rs: a future
    // holding 1 KiB, awaited inside another (after other awaits, in a loop).
    pub mod async_awaiting_fut {
        use super::*;
        #[self::coroutine]
        async fn big_fut(arg: [u8; 1024]) {
            let _ = consume(arg);
        }
        #[self::coroutine]
        async fn calls_fut(fut: impl std::future::Future<Output = ()>) {
            loop {
                wait().await;
                if black_box(true) {
                    return fut.await;
                } else {
                    wait().await;
                }
            }
        }
        #[self::coroutine]
        pub async fn test() {
            let fut = big_fut([0u8; 1024]);
            calls_fut(fut).await;
        }
    }

    // rustc tests/ui/async-await/future-sizes/future-as-arg.rs: a future passed
    // as an argument, five levels deep.
    pub mod future_as_arg {
        use super::*;
        #[self::coroutine]
        pub async fn test(arg: [u8; 16]) {
            let _ = consume(arg);
        }
        #[self::coroutine]
        pub async fn use_future(fut: impl std::future::Future<Output = ()>) {
            fut.await
        }
        pub fn five() -> impl std::future::Future<Output = ()> {
            use_future(use_future(use_future(use_future(use_future(test([0; 16]))))))
        }
    }

    // rust-lang/rust#62958: an 8 KiB argument used across an await. rustc:
    // 16,386 bytes.
    pub mod issue_62958 {
        use super::*;
        #[self::coroutine]
        pub async fn test(arg: [u8; 8192]) {
            wait().await;
            drop(arg);
        }
    }

    // The same, one level down: an 8 KiB argument moved into an awaited callee.
    pub mod big_arg_into_callee {
        use super::*;
        #[self::coroutine]
        async fn callee(arg: [u8; 8192]) -> usize {
            wait().await;
            consume(arg)
        }
        #[self::coroutine]
        pub async fn test(arg: [u8; 8192]) -> usize {
            wait().await;
            callee(arg).await
        }
    }

    // Locals of sibling match arms, each held across an await: they can share
    // storage.
    pub mod match_arms {
        use super::*;
        #[self::coroutine]
        pub async fn test(n: u32) -> usize {
            match n {
                0 => {
                    let a = [0u8; 1024];
                    wait().await;
                    consume(a)
                }
                1 => {
                    let b = [1u16; 512];
                    wait().await;
                    consume(b)
                }
                2 => {
                    let c = [2u32; 256];
                    wait().await;
                    consume(c)
                }
                _ => {
                    let d = [3u64; 128];
                    wait().await;
                    consume(d)
                }
            }
        }
    }

    // Locals of if/else branches held across awaits.
    pub mod if_else {
        use super::*;
        #[self::coroutine]
        pub async fn test(flag: bool) -> usize {
            if flag {
                let a = [0u8; 2048];
                wait().await;
                consume(a)
            } else {
                let b = [0u64; 256];
                wait().await;
                wait().await;
                consume(b)
            }
        }
    }

    // Consecutive blocks: the first block's local is dead by the second.
    pub mod consecutive_blocks {
        use super::*;
        #[self::coroutine]
        pub async fn test() -> usize {
            let mut total = 0;
            {
                let a = [0u8; 1024];
                wait().await;
                total += consume(a);
            }
            {
                let b = [0u8; 1024];
                wait().await;
                total += consume(b);
            }
            total
        }
    }

    // A large local dropped before the await: nothing of it is kept.
    pub mod dead_before_await {
        use super::*;
        #[self::coroutine]
        pub async fn test() -> usize {
            let a = [0u8; 4096];
            let n = consume(a);
            wait().await;
            n
        }
    }

    // A loop holding a borrowing iterator across awaits.
    pub mod loop_iter {
        use super::*;
        #[self::coroutine]
        pub async fn test(v: Vec<u64>) -> u64 {
            let mut sum = 0;
            for x in v.iter() {
                wait().await;
                sum += *x;
            }
            sum
        }
    }

    // A loop over chunks of an array held in the frame.
    pub mod loop_chunks {
        use super::*;
        #[self::coroutine]
        pub async fn test() -> usize {
            let data = [7u8; 512];
            let mut n = 0;
            for chunk in data.chunks(64) {
                wait().await;
                n += chunk.len();
            }
            n
        }
    }

    // A loop holding a by-value iterator and a `while let` over a peekable one.
    pub mod loop_into_iter {
        use super::*;
        #[self::coroutine]
        pub async fn test(v: Vec<String>) -> usize {
            let mut n = 0;
            for s in v {
                wait().await;
                n += s.len();
            }
            let mut it = (0..10u32).peekable();
            while let Some(x) = it.next() {
                wait().await;
                if it.peek().is_some() {
                    n += x as usize;
                }
            }
            n
        }
    }

    // A socket-shaped body: a buffer borrowed by the awaited operation.
    pub mod borrowed_buffer {
        use super::*;
        #[self::coroutine]
        async fn fill(buf: &mut [u8]) -> usize {
            wait().await;
            buf[0] = 1;
            buf.len()
        }
        #[self::coroutine]
        pub async fn test() -> usize {
            let mut buf = [0u8; 4096];
            let mut total = 0;
            for _ in 0..3 {
                total += fill(&mut buf).await;
            }
            total + buf[0] as usize
        }
    }

    // Nested calls, ten deep, each with a small local.
    pub mod nested_10 {
        use super::*;
        #[self::coroutine]
        async fn d9(x: u64) -> u64 { wait().await; x + 1 }
        #[self::coroutine]
        async fn d8(x: u64) -> u64 { let y = x * 2; d9(y).await + y }
        #[self::coroutine]
        async fn d7(x: u64) -> u64 { let y = x * 2; d8(y).await + y }
        #[self::coroutine]
        async fn d6(x: u64) -> u64 { let y = x * 2; d7(y).await + y }
        #[self::coroutine]
        async fn d5(x: u64) -> u64 { let y = x * 2; d6(y).await + y }
        #[self::coroutine]
        async fn d4(x: u64) -> u64 { let y = x * 2; d5(y).await + y }
        #[self::coroutine]
        async fn d3(x: u64) -> u64 { let y = x * 2; d4(y).await + y }
        #[self::coroutine]
        async fn d2(x: u64) -> u64 { let y = x * 2; d3(y).await + y }
        #[self::coroutine]
        async fn d1(x: u64) -> u64 { let y = x * 2; d2(y).await + y }
        #[self::coroutine]
        pub async fn test(x: u64) -> u64 { let y = x * 2; d1(y).await + y }
    }

    // Strings and a Vec live across several awaits, with `?`.
    pub mod strings_and_try {
        use super::*;
        #[self::coroutine]
        async fn parse(s: &str) -> Result<u32, std::num::ParseIntError> {
            wait().await;
            s.trim().parse()
        }
        #[self::coroutine]
        pub async fn test(input: String) -> Result<u32, std::num::ParseIntError> {
            let parts: Vec<String> = input.split(',').map(String::from).collect();
            let mut total = 0;
            for part in &parts {
                total += parse(part).await?;
            }
            let label = format!("{total}");
            wait().await;
            Ok(total + label.len() as u32)
        }
    }
}

/// One row of the size table.
pub struct SizeCase {
    pub name: &'static str,
    pub native: usize,
    pub lowered: usize,
    /// What rustc's own test or issue reports for the native future, if any.
    pub reference: Option<usize>,
}

fn size<F: Future>(future: F) -> usize {
    std::mem::size_of_val(&future)
}

macro_rules! case {
    ($name:literal, $reference:expr, |$m:ident| $make:expr) => {{
        let native = {
            use native as $m;
            size($make)
        };
        let lowered = {
            use lowered as $m;
            size($make)
        };
        SizeCase {
            name: $name,
            native,
            lowered,
            reference: $reference,
        }
    }};
}

/// Every case of the corpus.
pub fn cases() -> Vec<SizeCase> {
    vec![
        case!("large-arg (rustc future-sizes)", Some(3076), |m| {
            m::large_arg::test()
        }),
        case!("async-awaiting-fut (rustc future-sizes)", None, |m| {
            m::async_awaiting_fut::test()
        }),
        case!("future-as-arg, 5 deep (rustc future-sizes)", None, |m| {
            m::future_as_arg::five()
        }),
        case!("8 KiB arg across await (rust#62958)", Some(16386), |m| {
            m::issue_62958::test([0; 8192])
        }),
        case!("8 KiB arg moved into awaited callee", None, |m| {
            m::big_arg_into_callee::test([0; 8192])
        }),
        case!("locals in sibling match arms", None, |m| {
            m::match_arms::test(1)
        }),
        case!("locals in if/else branches", None, |m| m::if_else::test(
            true
        )),
        case!("locals in consecutive blocks", None, |m| {
            m::consecutive_blocks::test()
        }),
        case!("4 KiB local dead before the await", None, |m| {
            m::dead_before_await::test()
        }),
        case!(
            "for over v.iter()",
            None,
            |m| m::loop_iter::test(Vec::new())
        ),
        case!("for over chunks of a local array", None, |m| {
            m::loop_chunks::test()
        }),
        case!("for over Vec<String>, while let peekable", None, |m| {
            m::loop_into_iter::test(Vec::new())
        }),
        case!("4 KiB buffer borrowed by awaited callee", None, |m| {
            m::borrowed_buffer::test()
        }),
        case!("nested calls, 10 deep", None, |m| m::nested_10::test(1)),
        case!("Strings, Vec, ? across awaits", None, |m| {
            m::strings_and_try::test(String::new())
        }),
    ]
}

/// Runs every future of the corpus to completion, both ways, and checks they
/// agree (so the sizes compare futures that do the same thing).
pub fn check_outputs() {
    use crate::poll::run;
    macro_rules! same {
        (|$m:ident| $make:expr) => {{
            let native = {
                use native as $m;
                run($make)
            };
            let lowered = {
                use lowered as $m;
                run($make)
            };
            assert_eq!(native, lowered, "{}", stringify!($make));
        }};
    }
    same!(|m| m::large_arg::test());
    same!(|m| m::async_awaiting_fut::test());
    same!(|m| m::future_as_arg::five());
    same!(|m| m::issue_62958::test([0; 8192]));
    same!(|m| m::big_arg_into_callee::test([0; 8192]));
    for n in 0..4 {
        same!(|m| m::match_arms::test(n));
    }
    same!(|m| m::if_else::test(true));
    same!(|m| m::if_else::test(false));
    same!(|m| m::consecutive_blocks::test());
    same!(|m| m::dead_before_await::test());
    same!(|m| m::loop_iter::test(vec![1, 2, 3]));
    same!(|m| m::loop_chunks::test());
    same!(|m| m::loop_into_iter::test(vec!["ab".into(), "c".into()]));
    same!(|m| m::borrowed_buffer::test());
    same!(|m| m::nested_10::test(3));
    same!(|m| m::strings_and_try::test("1, 2,3".into()));
    same!(|m| m::strings_and_try::test("1,x".into()));
}

/// Prints the corpus table; returns the cases for the summary.
pub fn report() -> Vec<SizeCase> {
    check_outputs();
    let cases = cases();
    println!("## Future sizes: #[coro::coroutine] vs rustc's async fn (bytes)\n");
    let mut table = Table::new(&["case", "rustc", "coro", "coro/rustc", "rustc's own figure"]);
    for case in &cases {
        table.row(vec![
            case.name.to_string(),
            case.native.to_string(),
            case.lowered.to_string(),
            ratio(case.lowered as f64 / case.native as f64),
            case.reference.map_or(String::new(), |r| r.to_string()),
        ]);
    }
    table.print();
    cases
}

/// One case of the differential suite: (topic::case, rustc bytes, coro bytes).
pub type DiffSize = (String, usize, usize);

/// The future size of every case of the differential suite
/// (`tests/differential`), native and lowered, as its `print_sizes` test
/// prints them. That suite is its own test crate, so it is built and run with
/// cargo (a debug build: layout does not depend on the optimisation level).
pub fn differential() -> Vec<DiffSize> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace");
    let output = std::process::Command::new(cargo)
        .args([
            "test",
            "--quiet",
            "--test",
            "differential",
            "--",
            "--ignored",
            "--exact",
            "print_sizes",
            "--nocapture",
        ])
        .current_dir(workspace)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("run cargo test --test differential");
    assert!(
        output.status.success(),
        "cargo test --test differential print_sizes failed"
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            match fields[..] {
                [name, native, lowered] if name.contains("::") => Some((
                    name.to_string(),
                    native.parse().ok()?,
                    lowered.parse().ok()?,
                )),
                _ => None,
            }
        })
        .collect()
}

/// Prints the differential suite's sizes: a summary, and every case whose
/// coro future is larger than rustc's.
pub fn report_differential() -> Vec<DiffSize> {
    let cases = differential();
    let n = cases.len();
    let ratios: Vec<f64> = cases
        .iter()
        .map(|(_, native, lowered)| *lowered as f64 / *native as f64)
        .collect();
    let geomean = (ratios.iter().map(|r| r.ln()).sum::<f64>() / n.max(1) as f64).exp();
    let larger: Vec<&DiffSize> = cases.iter().filter(|(_, n, l)| l > n).collect();
    let smaller = cases.iter().filter(|(_, n, l)| l < n).count();
    let half = cases.iter().filter(|(_, n, l)| 2 * l <= *n).count();
    println!(
        "## Future sizes across the differential suite (tests/differential): {n} cases\n\n\
         coro smaller than rustc in {smaller}, equal in {}, larger in {}; at most half of \
         rustc's in {half}; geometric mean of coro/rustc {geomean:.3}.\n",
        n - smaller - larger.len(),
        larger.len(),
    );
    if !larger.is_empty() {
        println!("Cases where coro's future is larger (bytes):\n");
        let mut table = Table::new(&["case", "rustc", "coro", "coro - rustc", "coro/rustc"]);
        let mut larger = larger;
        larger.sort_by(|a, b| (b.2 as f64 / b.1 as f64).total_cmp(&(a.2 as f64 / a.1 as f64)));
        for (name, native, lowered) in larger {
            table.row(vec![
                name.clone(),
                native.to_string(),
                lowered.to_string(),
                format!("+{}", lowered - native),
                ratio(*lowered as f64 / *native as f64),
            ]);
        }
        table.print();
    }
    cases
}
